"""i3blocks' line protocol (a block's command prints up to three lines: full text, short text,
colour; a further line would be read as the next field, or ignored). Each field is one line
without control characters; the colour is ours (#RRGGBB)."""

from __future__ import annotations

from tray_app.bars.escape import plain


def lines(full: str, short: str, colour: str) -> str:
    return "\n".join(plain(part).strip() for part in (full, short, colour))
