"""Pango markup (waybar's `text` and `tooltip` are markup unless the module sets `escape`):
`&`, `<` and `>` of outside text become entities, so `<b>&` shows as typed and the markup
stays well-formed XML. Our own markup (`<b>` around a provider name) is added after escaping."""

from __future__ import annotations

from tray_app.bars.escape import plain


def text(value: str) -> str:
    """One line of outside text as Pango markup."""
    return plain(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bold(value: str) -> str:
    return f"<b>{text(value)}</b>"
