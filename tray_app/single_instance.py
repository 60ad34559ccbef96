"""One tray per user: the first launch holds a lock and listens; a second launch finds the
lock taken, asks the running tray to refresh now, and exits without creating an icon.

- Lock: `<dir>/<key>.lock`, an OS file lock (fcntl.flock on POSIX, msvcrt.locking on
  Windows) that the kernel releases when the process dies, so a crash never leaves a stale
  "already running". The file itself is never deleted (deleting a locked file races).
- Channel: POSIX an AF_UNIX socket `<dir>/<key>.sock` in a 0700 directory (only this user can
  connect); Windows a loopback TCP port written with a random nonce to `<dir>/<key>.json`
  (the nonce keeps other local programs from poking it). Both write `<key>.json` with the pid.
- Protocol: one line `refresh <nonce>` → one line `ok <pid>`.
- `<dir>`: $XDG_RUNTIME_DIR, else `<tmp>/mystatus-tray-<uid>` (created 0700, must be ours).
- `<key>`: `mystatus-tray`, `mystatus-tray-demo` for `--demo` (a demo never blocks or pokes the
  real tray), or $MYSTATUS_INSTANCE_KEY (tests and benchmarks that need several at once).
Any OS error on the way: the app runs unguarded rather than not at all (logged).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tray_app import APP_NAME
from tray_app.own_files import try_lock
from tray_app.safe_open import read_regular

log = logging.getLogger(__name__)

KEY_ENV = "MYSTATUS_INSTANCE_KEY"
_MAX_UNIX_PATH = 100  # sun_path is 108 bytes on Linux, 104 on macOS


def instance_key(demo: bool, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    custom = re.sub(r"[^A-Za-z0-9_.-]", "", environ.get(KEY_ENV, ""))[:40]
    if custom:
        return custom
    return f"{APP_NAME}-demo" if demo else APP_NAME


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        st = os.lstat(path)
        # A shared /tmp: someone else may have made the directory first to intercept us.
        if st.st_uid != os.getuid() or (st.st_mode & 0o077) or not os.path.isdir(path):
            raise OSError(f"{path} is not a private directory of this user")
    return path


def runtime_dir(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    xdg = environ.get("XDG_RUNTIME_DIR", "")
    if xdg and os.path.isabs(xdg) and os.path.isdir(xdg):
        return Path(xdg)
    user = str(os.getuid()) if hasattr(os, "getuid") else re.sub(
        r"[^A-Za-z0-9_.-]", "_", environ.get("USERNAME", "user"))
    return _private_dir(Path(tempfile.gettempdir()) / f"{APP_NAME}-{user}")


def _read_info(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_regular(path, 64 * 1024).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class Answer:
    """What a second launch learned: who runs, and whether it took the refresh request."""

    pid: int | None
    answered: bool


class Instance:
    """The running tray's side: holds the lock, serves `refresh` requests on a thread."""

    def __init__(self, key: str, directory: Path, *, transport: str | None = None) -> None:
        self.key = key
        self.dir = directory
        # By OS, not by hasattr(socket, "AF_UNIX"): newer Windows Pythons have AF_UNIX too,
        # but the Windows channel is the loopback port (see the module docstring).
        self.transport = transport or ("unix" if os.name == "posix" else "tcp")
        self.lock_path = directory / f"{key}.lock"
        self.info_path = directory / f"{key}.json"
        self.sock_path = directory / f"{key}.sock"
        self._lock_file: IO[bytes] | None = None
        self._server: socket.socket | None = None
        self._nonce = os.urandom(16).hex()  # (the `secrets` module would cost the launch ~3 ms)
        self._handler: Callable[[], None] | None = None
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self.requests = 0

    # ------------------------------------------------------------ first launch
    def acquire(self) -> bool:
        """True: we are the one instance (and now listen). False: another one runs."""
        fh = open(self.lock_path, "a+b")  # noqa: SIM115 - held open for the process lifetime
        if not try_lock(fh):
            fh.close()
            return False
        self._lock_file = fh
        try:
            self._server = self._listen()
        except OSError as exc:  # we still are the only instance; we just cannot be poked
            log.warning("single instance: cannot listen (%s); a second launch will not "
                        "reach this one", exc)
            self._write_info({"pid": os.getpid()})
            return True
        self._thread = threading.Thread(target=self._serve, name="single-instance",
                                        daemon=True)
        self._thread.start()
        return True

    def _listen(self) -> socket.socket:
        if self.transport == "unix":
            with contextlib.suppress(FileNotFoundError):
                self.sock_path.unlink()  # left by a crashed instance; the lock says it is gone
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(str(self.sock_path))
            os.chmod(self.sock_path, 0o600)
            self._write_info({"pid": os.getpid()})
        else:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.bind(("127.0.0.1", 0))
            self._write_info({"pid": os.getpid(), "port": server.getsockname()[1],
                              "nonce": self._nonce})
        server.listen(4)
        return server

    def _write_info(self, data: dict[str, Any]) -> None:
        tmp = self.info_path.with_name(f".{self.info_path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), "utf-8")
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, self.info_path)

    def on_refresh(self, handler: Callable[[], None]) -> None:
        """Requests that arrive before this is set are answered and dropped: the tray's
        first refresh is about to run anyway."""
        self._handler = handler

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        # Blocking accept, no polling timer: an idle tray must not wake up for this.
        while not self._closed.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return  # closed
            with conn:
                if self._closed.is_set():
                    return
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(2.0)
        try:
            line = conn.recv(256).decode("ascii", "replace").strip()
            word, _, nonce = line.partition(" ")
            if self.transport == "tcp" and nonce != self._nonce:
                log.warning("single instance: request with a wrong nonce ignored")
                return
            if word == "refresh":
                self.requests += 1
                log.info("another launch asked for a refresh")
                handler = self._handler
                if handler is not None:
                    handler()
                conn.sendall(f"ok {os.getpid()}\n".encode("ascii"))
        except OSError as exc:
            log.info("single instance: request failed: %s", exc)

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        server, self._server = self._server, None
        if server is not None:
            # Wake the blocking accept() (closing alone does not on every OS), then close.
            with contextlib.suppress(OSError):
                address = server.getsockname()
                family = server.family
                with socket.socket(family, socket.SOCK_STREAM) as poke:
                    poke.settimeout(1.0)
                    poke.connect(address)
            server.close()
            if self._thread is not None:
                self._thread.join(timeout=2.0)
            if self.transport == "unix":
                with contextlib.suppress(OSError):
                    self.sock_path.unlink()
        with contextlib.suppress(OSError):
            self.info_path.unlink()
        if self._lock_file is not None:
            self._lock_file.close()  # releases the lock
            self._lock_file = None

    # ------------------------------------------------------------ second launch
    def ask_refresh(self, *, wait: float = 3.0, clock: Callable[[], float] = time.monotonic,
                    sleep: Callable[[float], None] = time.sleep) -> Answer:
        """Tell the running instance to refresh. It may still be starting (lock taken, not
        listening yet): retry for up to `wait` seconds."""
        deadline = clock() + wait
        pid: int | None = None
        while True:
            info = _read_info(self.info_path)
            pid = info.get("pid") if isinstance(info.get("pid"), int) else pid
            reply = self._send(info)
            if reply is not None:
                return Answer(reply, True)
            if clock() >= deadline:
                return Answer(pid, False)
            sleep(0.1)

    def _send(self, info: dict[str, Any]) -> int | None:
        try:
            if self.transport == "unix":
                client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                address: Any = str(self.sock_path)
                nonce = ""
            else:
                port, nonce = info.get("port"), info.get("nonce", "")
                if not isinstance(port, int) or not isinstance(nonce, str):
                    return None
                client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                address = ("127.0.0.1", port)
            with client:
                client.settimeout(2.0)
                client.connect(address)
                client.sendall(f"refresh {nonce}\n".encode("ascii"))
                reply = client.recv(64).decode("ascii", "replace").split()
        except OSError:
            return None
        if len(reply) == 2 and reply[0] == "ok" and reply[1].isdigit():
            return int(reply[1])
        return None


def claim(key: str, *, directory: Path | None = None, transport: str | None = None
          ) -> tuple[Instance | None, Answer | None]:
    """(our Instance, None) when we are the one tray; (None, Answer) when another runs;
    (None, None) when the guard could not be set up (run unguarded)."""
    try:
        base = directory or runtime_dir()
        if transport is None and os.name == "posix" and \
                len(str(base / f"{key}.sock")) > _MAX_UNIX_PATH:
            base = runtime_dir({})  # a very long XDG_RUNTIME_DIR: the short /tmp one
        instance = Instance(key, base, transport=transport)
        if instance.acquire():
            return instance, None
    except OSError as exc:
        log.warning("single instance guard unavailable (%s): not checking for another tray",
                    exc)
        return None, None
    return None, instance.ask_refresh()

