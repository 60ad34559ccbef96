"""The engine in a child process, for the long-lived tray.

The tray loads the credentials itself (its keyring child, the Copilot PAT and Claude
keychain caches stay in the tray), then hands the loaded `CredentialSet` to a short-lived
`python -m tray_app.engine_child` (a frozen bundle: `<exe> --engine-child`), which discovers
the accounts, fetches them concurrently with httpx and hands back the `Snapshot`. So the
tray process never imports httpx, its TLS stack and CA store, nor the provider modules, and
the fetch threads' malloc arenas end with the child (issue 17 §6: measured in bench/).

What lives across refreshes travels with each request and answer: every provider's
`Context.memory` (Antigravity's access tokens, Copilot's working path; in memory only, never
stored). The status pages' GETs (outages/watch.py) use the same child (`ChildJson`).

Protocol, over the child's stdin and stdout (pipes private to the two processes, both our
own code): the tray writes one pickled request; the child writes pickled messages,
`("log", (logger, level, text))` (already scrubbed, re-logged by the tray into its own
log file), `("discovered", ids)`, then `("result", value)` or `("error", ErrorInfo)` or
`("crash", text)`. A child that does not finish within `timeout` seconds is killed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING, Any

from tray_app import child_process
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.secrets import scrub

if TYPE_CHECKING:
    from tray_app.credentials import CredentialLoader, CredentialSet
    from tray_app.model import Snapshot

log = logging.getLogger(__name__)

FROZEN_FLAG = "--engine-child"  # handled first in cli.main
CHILD_MODULE = "tray_app.engine_child"
# A refresh is bounded by each request's own deadline (net/http.py); this only catches a
# child that hangs for another reason (a stuck keyring backend, a bug).
REFRESH_TIMEOUT = 180.0
Memory = dict[str, dict[str, Any]]  # provider id → its Context.memory
# The memory travels pickled as bytes the tray keeps without unpickling: its values are the
# providers' own classes, and unpickling them would import the provider modules (and httpx).


@dataclass(frozen=True)
class RefreshRequest:
    creds: CredentialSet
    only: tuple[str, ...] | None
    memory: bytes  # pickled Memory, opaque to the tray
    environ: dict[str, str] | None  # base URLs' source (None: the child's own environment)
    log_level: int = logging.WARNING


@dataclass(frozen=True)
class RefreshAnswer:
    snapshot: Snapshot
    memory: bytes = b""  # pickled Memory, opaque to the tray


@dataclass(frozen=True)
class JsonRequest:
    url: str
    provider: str
    timeout: float
    log_level: int = logging.WARNING


# ---------------------------------------------------------------- the child's side
class _Loaded:
    """What the engine asks of a loader, answered with the credentials the tray loaded."""

    def __init__(self, creds: CredentialSet) -> None:
        self.creds, self.settings = creds, creds.settings

    def load(self) -> CredentialSet:
        return self.creds


class _PipeLog(logging.Handler):
    def __init__(self, send: Callable[[str, object], None]) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # a closed pipe: the tray is gone or gave up
            self._send("log", (record.name, record.levelno, scrub(record.getMessage())))


def _refresh(request: RefreshRequest, send: Callable[[str, object], None]) -> RefreshAnswer:
    from tray_app.engine import Engine

    loader: Any = _Loaded(request.creds)
    memory: Memory = {}
    if request.memory:
        try:
            memory = pickle.loads(request.memory)
        except Exception as exc:  # from an older version of the app: start anew
            log.info("engine memory not read: %s", type(exc).__name__)
    with Engine(loader, environ=request.environ, memory=memory) as engine:
        engine.on_discovered = lambda ids: send("discovered", ids)
        snapshot = engine.refresh(request.only)
        return RefreshAnswer(snapshot, _pickled(engine.memory()))


def _pickled(memory: Memory) -> bytes:
    kept: Memory = {}
    for pid, value in memory.items():
        try:
            pickle.dumps(value)
        except Exception as exc:  # a provider's cache that cannot travel starts anew
            log.info("%s: memory not kept: %s", pid, type(exc).__name__)
            continue
        kept[pid] = value
    return pickle.dumps(kept)


def _get_json(request: JsonRequest) -> Any:
    from tray_app.net.http import HttpClient

    with HttpClient(timeout=request.timeout) as http:
        return http.get_json(request.url, provider=request.provider)


def main(argv: list[str] | None = None) -> int:
    stdout = sys.stdout.buffer
    lock = threading.Lock()

    def send(kind: str, value: object) -> None:
        data = pickle.dumps((kind, value))
        with lock:
            stdout.write(data)
            stdout.flush()

    root = logging.getLogger()
    root.handlers[:] = [_PipeLog(send)]
    try:
        request = pickle.load(sys.stdin.buffer)
        root.setLevel(request.log_level)
        if isinstance(request, RefreshRequest):
            send("result", _refresh(request, send))
        elif isinstance(request, JsonRequest):
            send("result", _get_json(request))
        else:
            send("crash", f"unknown request {type(request).__name__}")
            return 2
    except QuotaError as exc:
        send("error", exc.info)
    except Exception as exc:
        send("crash", scrub(repr(exc)))
        return 1
    return 0


# ---------------------------------------------------------------- the tray's side
def command() -> list[str]:
    return child_process.command(CHILD_MODULE, FROZEN_FLAG)


class ChildFailed(RuntimeError):
    """The child could not be started, crashed or ran out of time (a bug, never a provider's
    answer: those come back as data)."""


def exchange(request: object, timeout: float, *,
             started: Callable[[subprocess.Popen[bytes]], object] | None = None
             ) -> Iterator[tuple[str, Any]]:
    """Run one child with `request`; its messages as they come. Raises ChildFailed."""
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=errors, env=child_process.environment(),
                                    creationflags=child_process.creationflags())
        except OSError as exc:
            raise ChildFailed(f"cannot start the engine child: {exc.strerror or exc}") from exc
        if started is not None:
            started(proc)
        timer = threading.Timer(timeout, proc.kill)
        timer.daemon = True
        timer.start()
        try:
            assert proc.stdin is not None and proc.stdout is not None
            try:
                with proc.stdin:
                    pickle.dump(request, proc.stdin)
            except OSError:  # it died at once; what it said is on stderr
                pass
            yield from _messages(proc.stdout)
            code = proc.wait()
        finally:
            timer.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        if code != 0:
            errors.seek(0)
            tail = errors.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
            raise ChildFailed(f"the engine child ended with {code}: "
                              f"{scrub(tail[-1] if tail else '')}".rstrip(": "))


def _messages(stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    while True:
        try:
            message = pickle.load(stream)
        except EOFError:
            return
        except Exception as exc:  # cut off (killed) or garbled: what came so far stands
            log.warning("engine child: unreadable answer: %s", type(exc).__name__)
            return
        if isinstance(message, tuple) and len(message) == 2:
            yield message


def _relog(value: object) -> None:
    if isinstance(value, tuple) and len(value) == 3:
        name, level, text = value
        logging.getLogger(str(name)).log(int(level), "%s", text)


class ChildEngine:
    """The tray's engine: each refresh in a child process (see the module docstring).
    `refresh` is called by the poller thread only; `close` may come from another thread."""

    def __init__(self, loader: CredentialLoader, environ: Mapping[str, str] | None = None,
                 timeout: float = REFRESH_TIMEOUT) -> None:
        self.loader = loader
        self.environ = os.environ if environ is None else environ  # its base URLs' source
        self._pass_environ = environ is not None
        self.timeout = timeout
        self.memory = b""  # the providers' memory, pickled (see RefreshRequest)
        self.on_discovered: Callable[[tuple[str, ...]], object] | None = None
        self._running: subprocess.Popen[bytes] | None = None
        self._closed = False
        self.children = 0  # started so far (tests, bench)

    def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
        creds = self.loader.load()
        request = RefreshRequest(
            creds=replace(creds, environ=dict(creds.environ)),
            only=None if only is None else tuple(only), memory=self.memory,
            environ=dict(self.environ) if self._pass_environ else None,
            log_level=logging.getLogger().getEffectiveLevel())
        answer: RefreshAnswer | None = None
        for kind, value in exchange(request, self.timeout, started=self._started):
            if kind == "log":
                _relog(value)
            elif kind == "discovered" and self.on_discovered is not None:
                try:
                    self.on_discovered(tuple(value))
                except Exception as exc:  # a status-page hook must never cost the refresh
                    log.error("on_discovered: %s", scrub(repr(exc)))
            elif kind == "result" and isinstance(value, RefreshAnswer):
                answer = value
            elif kind == "crash":
                raise ChildFailed(f"the engine child failed: {value}")
        self._running = None
        if answer is None:
            raise ChildFailed("the engine child gave no answer")
        self.memory = answer.memory
        return answer.snapshot

    def _started(self, proc: subprocess.Popen[bytes]) -> None:
        self.children += 1
        self._running = proc
        if self._closed:  # closed while this one was being started
            proc.kill()

    def close(self) -> None:
        """Quit: a refresh under way ends now (its child is killed)."""
        self._closed = True
        running = self._running
        if running is not None and running.poll() is None:
            running.kill()


class ChildJson:
    """The status pages' GET → JSON (outages/watch.py's GetJson) in a child process."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def __call__(self, url: str, provider: str) -> Any:
        request = JsonRequest(url, provider, self.timeout,
                              logging.getLogger().getEffectiveLevel())
        try:
            for kind, value in exchange(request, self.timeout + 30):
                if kind == "log":
                    _relog(value)
                elif kind == "result":
                    return value
                elif kind == "error" and isinstance(value, ErrorInfo):
                    raise QuotaError(value.kind, provider=value.provider, status=value.status,
                                     detail=value.detail, retry_after=value.retry_after,
                                     path=value.path, extra=dict(value.extra or {}))
                elif kind == "crash":
                    break
        except ChildFailed as exc:
            raise QuotaError(ErrorKind.NETWORK_ERROR, provider=provider, detail=str(exc)) from exc
        raise QuotaError(ErrorKind.NETWORK_ERROR, provider=provider, detail="no answer")


if __name__ == "__main__":  # run as the module itself: pickled classes must name it, not __main__
    from tray_app import engine_child

    raise SystemExit(engine_child.main())
