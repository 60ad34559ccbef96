"""The terminal side of every command: localized output with every line scrubbed (no secret
reaches a terminal), the Unicode/ASCII glyph choice, and stdlib logging to stderr.

Reports (`Console.report`) and errors are wrapped to the terminal's width (`COLUMNS`, else
the terminal's own, else not at all when piped) at word boundaries, Chinese text between any
two characters, by display width (a CJK character takes two columns; unicodedata's
east_asian_width). On a terminal they are coloured by severity as the icon is (green, yellow,
red by the used share and the threshold; failures red, warnings yellow), never when the output
is not a terminal, `NO_COLOR` is set (no-color.org) or TERM is dumb. JSON and CSV go through
`Console.print`, which changes nothing.

Light on purpose: the CLI imports it before it knows which command runs, and the tray launch
path goes through the CLI (no engine, HTTP client or provider module is imported here).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Mapping
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


def char_width(ch: str) -> int:
    """Columns one character takes in a terminal: 2 for wide (CJK), 0 for combining marks."""
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


# no line starts with these (closing punctuation) and none ends with the opening ones
_CLOSING = set("，。、；：！？）」』】》〉,.;:!?)]}%")
_OPENING = set("（「『【《〈([{")
_SEPARATORS = ("·", "|", "→", "->")  # kept at the end of a line, not the start of the next
_BULLET = re.compile(r"(?:[⚠✗ℹ→✓•!xi*-]|->) ")


def _tokens(text: str) -> list[tuple[bool, str]]:
    """(space before, unbreakable piece): words, or single wide characters with the
    punctuation that must stay with them."""
    out: list[tuple[bool, str]] = []
    space, word = False, ""

    def flush() -> None:
        nonlocal word, space
        if word:
            out.append((space, word))
            space, word = False, ""

    unit = False  # inside a number's unit ("2小時", "14分後"): kept whole
    for ch in text:
        wide = char_width(ch) == 2
        glue = unit and ch.isdigit()
        if unit and (not wide or ch in _OPENING):
            unit = False
            if not wide and ch != " " and not ch.isdigit():  # "12月8日" stays one
                flush()
        if ch == " ":
            flush()
            space = True
        elif wide:
            if unit or (word and word[-1].isdigit()):
                word += ch  # a number's unit stays with it
                unit = True
            elif ch in _CLOSING or (word and word[-1] in _OPENING):
                word += ch  # stays with the character before
                if word[-1] not in _CLOSING and word[-1] not in _OPENING:
                    flush()
            else:
                flush()
                word = ch
                if ch in _OPENING:
                    continue
                flush()
        elif word and char_width(word[-1]) == 2 and word[-1] not in _OPENING \
                and ch not in _CLOSING and not glue:
            flush()  # a Latin word right after a CJK character may start a line
            word = ch
        else:
            word += ch
    flush()
    # a separator stays on the line before (not at the start of the next)
    merged: list[tuple[bool, str]] = []
    for space, piece in out:
        if merged and piece in _SEPARATORS:
            before_space, before = merged[-1]
            merged[-1] = (before_space, before + (" " if space else "") + piece)
        elif merged and not space and piece[0] in _CLOSING:
            merged[-1] = (merged[-1][0], merged[-1][1] + piece)
        else:
            merged.append((space, piece))
    return merged


def wrap_line(line: str, width: int) -> list[str]:
    """One line cut into lines of at most `width` columns at word boundaries (between any
    two Chinese characters); continuation lines keep the indent, past a leading glyph."""
    if width <= 0 or display_width(line) <= width:
        return [line]
    body = line.lstrip(" ")
    indent = " " * (len(line) - len(body))
    bullet = _BULLET.match(body)
    hang = indent + " " * (display_width(bullet.group(0)) if bullet else 0)
    if display_width(hang) > width // 2:
        hang = indent if display_width(indent) <= width // 2 else ""
    lines: list[str] = []
    current, used = indent, display_width(indent)
    start = True
    for space, piece in _tokens(body):
        need = display_width(piece) + (1 if space and not start else 0)
        if not start and used + need > width:
            lines.append(current)
            current, used, start = hang, display_width(hang), True
            need = display_width(piece)
        if start and used + need > width:  # longer than a whole line: cut it (a URL)
            for ch in piece:
                if used + char_width(ch) > width and not start:
                    lines.append(current)
                    current, used = hang, display_width(hang)
                current += ch
                used += char_width(ch)
                start = False
            continue
        current += (" " if space and not start else "") + piece
        used += need
        start = False
    lines.append(current)
    return [ln.rstrip() for ln in lines]


def wrap(text: str, width: int | None) -> str:
    if not width:
        return text
    return "\n".join(part for line in text.split("\n") for part in wrap_line(line, width))


def terminal_width(stream: TextIO, environ: Mapping[str, str]) -> int | None:
    """`COLUMNS` when set, else the terminal's width; None (no wrapping) when piped."""
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return max(20, columns)
    if _isatty(stream):
        return max(20, shutil.get_terminal_size().columns)
    return None


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def colour_wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (to anything) or TERM=dumb."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    return _isatty(stream)


RESET = "\x1b[0m"
COLOURS = {"ok": "\x1b[32m", "warning": "\x1b[33m", "high": "\x1b[31m",
           "fail": "\x1b[1;31m", "dim": "\x1b[2m"}
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")


def bar_severity(line: str, style: TextStyle, threshold: float) -> str | None:
    """The severity of a report's bar line ("███░░ 54% left"), as the icon colours it. The
    bar's filled share tells whether the number beside it is the share left or used."""
    full, empty = re.escape(style.full), re.escape(style.empty)
    match = re.search(f"({full}+)({empty}*)", line) or re.search(f"()({empty}+)", line)
    number = _PERCENT.search(line)
    if match is None or not match.group(0) or number is None or len(match.group(0)) < 5:
        return None
    from tray_app.monitoring.headline import severity_of  # the icon's rule (not at launch)

    filled = len(match.group(1)) / len(match.group(0)) * 100
    shown = float(number.group(1))
    used = 100 - shown if abs(filled - shown) <= abs(filled - (100 - shown)) else shown
    return severity_of(used, threshold)


def colourize(line: str, style: TextStyle, severity: str | None) -> str:
    body = line.lstrip(" ")
    if body.startswith(style.fail + " "):
        return line.replace(style.fail, COLOURS["fail"] + style.fail + RESET, 1)
    if body.startswith(style.warn + " "):
        return line.replace(style.warn, COLOURS["warning"] + style.warn + RESET, 1)
    if severity is None:
        return line

    def paint(m: re.Match[str]) -> str:
        full, empty = m.group(1), m.group(2)
        return (COLOURS[severity] + full + RESET
                + (COLOURS["dim"] + empty + RESET if empty else ""))

    pattern = f"({re.escape(style.full)}+)({re.escape(style.empty)}*)"
    if re.search(pattern, line) is None:  # an all-empty bar
        pattern = f"()({re.escape(style.empty)}{{5,}})"
    return re.sub(pattern, paint, line, count=1)


class Console:
    """Localized output. Every line goes through `scrub()`: no secret can reach a terminal."""

    def __init__(self, lang: str, out: TextIO | None = None, err: TextIO | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.style: TextStyle = UNICODE if _encodes(self.out, _GLYPHS) else ASCII
        env = os.environ if environ is None else environ
        self.width = terminal_width(self.out, env)
        self.err_width = terminal_width(self.err, env)
        self.colour = colour_wanted(self.out, env)
        self.err_colour = colour_wanted(self.err, env)
        self.threshold = 80.0  # the settings' threshold, for the colours (cli/__init__.py)

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def print(self, text: str = "") -> None:
        """As it is (JSON, CSV, a bar's line): no wrapping, no colour."""
        self.out.write(scrub(text) + ("" if text.endswith("\n") else "\n"))
        self.out.flush()

    def report(self, text: str) -> None:
        """Text for people: wrapped to the terminal and, on a terminal, coloured."""
        self.out.write(self._lay_out(scrub(text), self.width, self.colour) + "\n")
        self.out.flush()

    def _lay_out(self, text: str, width: int | None, colour: bool) -> str:
        out = []
        for line in text.rstrip("\n").split("\n"):
            severity = bar_severity(line, self.style, self.threshold) if colour else None
            for part in wrap_line(line, width or 0):
                out.append(colourize(part, self.style, severity) if colour else part)
                severity = None
        return "\n".join(out)

    def error(self, text: str) -> None:
        self.err.write(self._lay_out(scrub(text), self.err_width, self.err_colour) + "\n")
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
