"""The terminal side of every command: localized output with every line scrubbed (no secret
reaches a terminal), the Unicode/ASCII glyph choice, and stdlib logging to stderr.

Light on purpose: the CLI imports it before it knows which command runs, and the tray launch
path goes through the CLI (no engine, HTTP client or provider module is imported here).
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from tray_app.errors import ErrorInfo
from tray_app.i18n import error_text, t
from tray_app.secrets import scrub
from tray_app.text_style import ASCII, UNICODE, TextStyle

_GLYPHS = "█░⚠✗ℹ→─✓·"


def _encodes(stream: TextIO, text: str) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"  # StringIO: any text
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class Console:
    """Localized output. Every line goes through `scrub()`: no secret can reach a terminal."""

    def __init__(self, lang: str, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.lang = lang
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.style: TextStyle = UNICODE if _encodes(self.out, _GLYPHS) else ASCII

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def print(self, text: str = "") -> None:
        self.out.write(scrub(text) + ("" if text.endswith("\n") else "\n"))
        self.out.flush()

    def error(self, text: str) -> None:
        self.err.write(scrub(text) + "\n")
        self.err.flush()

    def warn(self, text: str) -> None:
        self.error(f"{self.style.warn} {text}")

    def problem(self, info: ErrorInfo) -> None:
        """An error with its fix, on stderr."""
        message, fix = error_text(info, self.lang)
        self.error(f"{self.style.fail} {message}")
        if fix:
            self.error(f"  {self.style.fix} {t('report.fix', self.lang, fix=fix)}")


class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the *current* sys.stderr (tests and the tray may replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def setup_logging(level: str) -> None:
    """stdlib logging to stderr at `level`; calling again replaces our handler (idempotent)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _StderrHandler):
            root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(_ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.WARNING))
