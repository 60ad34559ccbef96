"""Full-width punctuation in Chinese text: a zh-TW / zh-CN template's ASCII `,` `:` `;` `!`
`?` and `( )` next to Chinese become `，` `：` `；` `！` `？` `（ ）`, without the spaces around
them. Applied by `i18n.t()` to every Chinese template (before its parameters are filled in, so
a path, a URL or a command passed as a parameter is never touched); the catalogs may be
written either way, and a new message cannot slip through with ASCII punctuation."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_HAN = f"[{_CJK}]"
_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# a mark after Chinese (or after a placeholder / closing paren that follows Chinese text), or
# before Chinese; ":" only when a space or Chinese follows (never "https://", "12:30")
_AFTER = re.compile(rf"(?<={_HAN})\s?([,;!?]|:(?=\s|{_HAN}|\{{))\s?")
_BEFORE = re.compile(rf"\s?([,;!?]|:(?=\s))\s?(?={_HAN})")
_PLACEHOLDER_AFTER = re.compile(rf"(?<=\}})([,;]|:(?=\s))\s?(?={_HAN})")
_PARENS = re.compile(r"\s?\(([^()]*)\)\s?")


def _paren(match: re.Match[str], text: str) -> str:
    inside = match.group(1)
    before, after = text[:match.start()].rstrip(), text[match.end():].lstrip()
    if (re.search(_HAN, inside) or (before and re.match(_HAN, before[-1]))
            or (after and re.match(_HAN, after[0]))):
        return f"（{inside}）"
    return match.group(0)


@lru_cache(maxsize=4096)
def fullwidth(text: str) -> str:
    """`text` (a Chinese template) with full-width punctuation next to Chinese."""
    if not re.search(_HAN, text):
        return text
    out = _PARENS.sub(lambda m: _paren(m, text), text)
    for pattern in (_AFTER, _BEFORE, _PLACEHOLDER_AFTER):
        out = pattern.sub(lambda m: _MARKS[m.group(1)], out)
    return out
