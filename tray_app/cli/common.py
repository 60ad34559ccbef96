"""What every headless command shares: the console (localized, scrubbed output), logging to
stderr, the request timeout, and the runtime (credential loader + engine), real or demo.

The demo runtime starts the simulator and a temporary credential set (simulator/demo.py):
nothing under the user's HOME is read or written, not even our own config file.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tray_app.config import LoadedSettings, Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorInfo
from tray_app.i18n import error_text, t
from tray_app.net.http import DEFAULT_TIMEOUT, HttpClient
from tray_app.report.text import ASCII, UNICODE, TextStyle
from tray_app.secrets import scrub

log = logging.getLogger(__name__)

TIMEOUT_ENV = "MYSTATUS_TIMEOUT"  # seconds for every request (default 10), e.g. for slow proxies
EXIT_KEYRING = 3  # token commands: the keyring is unavailable; nothing was written
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


def request_timeout(environ: Mapping[str, str] | None = None) -> float:
    """`MYSTATUS_TIMEOUT` in seconds (0 < value <= 120), else the 10 s default."""
    environ = os.environ if environ is None else environ
    raw = environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 120:
        log.warning("%s=%r is not a number of seconds in (0, 120]; using %g", TIMEOUT_ENV, raw,
                    DEFAULT_TIMEOUT)
        return DEFAULT_TIMEOUT
    return value


@dataclass
class Runtime:
    loader: CredentialLoader
    engine: Engine
    http: HttpClient
    environ: Mapping[str, str]
    settings: Settings
    config_path: Path | None  # None in the demo (our config file is not read)
    config_notice: str
    demo: bool


def demo_settings() -> Settings:
    """Default settings plus the simulator's Copilot login and plan (not secret)."""
    from tray_app.simulator import demo, sim_copilot

    custom = getattr(demo, "demo_settings", None)  # if the simulator grows its own
    if callable(custom):
        result = custom()
        if isinstance(result, Settings):
            return result
    return Settings(copilot_username=str(getattr(sim_copilot, "DEMO_USERNAME", "")),
                    copilot_plan=str(getattr(sim_copilot, "DEMO_PLAN", "")))


@contextmanager
def open_runtime(
    loaded: LoadedSettings | None, *, demo: bool, timeout: float | None = None
) -> Iterator[Runtime]:
    """The loader and engine for one command; closed (and the simulator stopped) on exit."""
    timeout = request_timeout() if timeout is None else timeout
    with ExitStack() as stack:
        if demo:
            from tray_app.simulator import Simulator
            from tray_app.simulator.demo import (
                bypass_proxy_for_loopback,
                demo_environment,
                demo_pat,
            )

            bypass_proxy_for_loopback()
            sim = stack.enter_context(Simulator())
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="mystatus-demo-"))
            workdir = Path(tmp)
            environ: Mapping[str, str] = demo_environment(sim, workdir)
            settings = demo_settings()
            loader = CredentialLoader(
                settings, environ=environ, pat_store=MemoryPatStore(demo_pat())
            )
            config_path, notice = None, ""
        else:
            environ = os.environ
            settings = loaded.settings if loaded else Settings()
            loader = CredentialLoader(settings)
            config_path = loaded.path if loaded else None
            notice = loaded.notice if loaded else ""
        http = HttpClient(timeout=timeout)
        engine = stack.enter_context(Engine(loader, http, environ=environ))
        yield Runtime(loader, engine, http, environ, settings, config_path, notice, demo)
