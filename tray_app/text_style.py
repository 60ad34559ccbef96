"""The terminal glyphs (Unicode, or ASCII for consoles that cannot encode those): shared by
the text report and the console.

A module of its own so that the console (imported on every launch, the tray's too) does not
pull in the report package: the tray process renders no text report.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextStyle:
    """The glyphs of the report; `ASCII` for consoles that cannot encode the Unicode ones."""

    full: str = "█"
    empty: str = "░"
    warn: str = "⚠"
    fail: str = "✗"
    info: str = "ℹ"
    fix: str = "→"
    rule: str = "─"
    sep: str = " · "


UNICODE = TextStyle()
ASCII = TextStyle(full="#", empty="-", warn="!", fail="x", info="i", fix="->", rule="-",
                  sep=" | ")
