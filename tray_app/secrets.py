"""Secret handling: a wrapper that never prints itself, masking, and output scrubbing.

Every token read from a credential source is wrapped in `Secret` at once and registered, so
`scrub()` can remove it from any text (HTTP bodies, OS errors) before that text is stored in an
error, logged or shown.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from urllib.parse import quote, quote_plus

# Every secret seen recently, most recent last. Bounded: short-lived tokens (Google access
# tokens, Copilot session tokens) would otherwise pile up for the life of the tray and slow
# every scrub; long-lived ones are re-registered on every credential read and so stay.
MAX_KNOWN = 256
_known: OrderedDict[str, None] = OrderedDict()
_lock = threading.Lock()

# Token shapes that are secret wherever they appear, even if we never read them ourselves.
_PATTERNS = [
    re.compile(r"\b(gh[opsu]_|github_pat_)[A-Za-z0-9_]{8,}"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"),  # JWT
    re.compile(r"\b1//[A-Za-z0-9_-]{8,}"),  # Google refresh token
    re.compile(r"\bya29\.[A-Za-z0-9_.-]{8,}"),  # Google access token
    re.compile(r"(?i)(bearer|token)\s+[A-Za-z0-9_.\-]{12,}"),
]


def mask(value: str) -> str:
    """`abcd****wxyz` for long values; short values are fully masked."""
    if len(value) <= 8:
        return "****"
    return f"{value[:4]}****{value[-4:]}"


class Secret:
    """A credential string. `str()`/`repr()` give the masked form; `reveal()` the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        if len(value) >= 6:
            with _lock:
                _known[value] = None
                _known.move_to_end(value)
                while len(_known) > MAX_KNOWN:
                    _known.popitem(last=False)

    def reveal(self) -> str:
        return self._value

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        """Unpickled through __init__, so the receiving process knows it as a secret too
        (the tray's engine child: engine_child.py) and scrubs it from what it logs."""
        return Secret, (self._value,)

    @property
    def masked(self) -> str:
        return mask(self._value)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Secret({self.masked!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)


@functools.lru_cache(maxsize=1024)
def _forms(value: str) -> tuple[str, ...]:
    """The secret as written, and URL-encoded as it travels in a form body or a query
    (a server that echoes the request back sends `1%2F%2F...` for a `1//...` token)."""
    return tuple(dict.fromkeys((value, quote(value, safe=""), quote_plus(value))))


def scrub(text: str) -> str:
    """Remove every known secret and every token-shaped string from `text`."""
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        for form in _forms(value):
            if form in text:
                text = text.replace(form, mask(value))
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: mask(m.group(0)), text)
    return text
