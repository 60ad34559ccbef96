"""Escaping of outside text (provider answers: model, bucket, limit and plan names, error
messages; local text: account e-mails, labels) for each consumer of the bar formats, one module
per consumer's rules: `polybar`, `i3blocks`, `pango` (waybar), `openmetrics` (Prometheus).

All of them start from `plain`: one line of printable text. Line breaks and tabs become spaces;
other control characters (C0, DEL, C1), the bidirectional overrides, embeddings and isolates
(a right-to-left override can make "exe.txt" read "txt.exe"), lone surrogates and the
non-characters U+FFFE/U+FFFF are removed."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0 (but the spaces above), DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates, non-characters (invalid in XML)
)


def plain(text: str) -> str:
    """`text` as one line without control or bidi-control characters."""
    return _DROP.sub("", _SPACES.sub(" ", text))
