"""What the commands that fetch share: the request timeout and the runtime (credential loader
+ engine), real or demo. The console and logging live in `console.py`.

The demo runtime starts the simulator and a temporary credential set (simulator/demo.py):
nothing under the user's HOME is read or written, not even our own config file.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tray_app.config import LoadedSettings, Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.net.http import DEFAULT_TIMEOUT, HttpClient

log = logging.getLogger(__name__)

TIMEOUT_ENV = "MYSTATUS_TIMEOUT"  # seconds for every request (default 10), e.g. for slow proxies


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
                demo_settings,
            )

            bypass_proxy_for_loopback()
            from tray_app.simulator.sim_status import DEMO_SCENARIOS

            sim = stack.enter_context(Simulator(DEMO_SCENARIOS))
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
