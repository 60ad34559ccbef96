"""Drive the real OpenCode 2 (`@opencode/cli` 2.1.2, see oracles.py) in an isolated HOME, as a
user would: `auth login` typed into a pseudo-terminal, `auth import`, `auth switch`, the
background service started and stopped, and `auth export --standalone` as the oracle of which
credential OpenCode uses.

CLI facts learned from the binary (2.1.2):
- `auth login <integration>` asks for an API key only on a terminal ("API key input requires
  an interactive terminal" otherwise); the prompt reads "Enter your <name> API key". The pty
  needs a window size, or the prompt is drawn one character per line.
- `auth import <file>` takes what `auth export` prints: a JSON array of `{id, integrationID,
  label, active, value}`; `id` is required. The first row imported for an integration that has
  no active row becomes active, whatever `active` says.
- `auth switch <integration> <credential id or label>`; `auth export` marks with `active: true`
  the row OpenCode uses (its `ORDER BY active DESC, time_created DESC, id DESC`).
- Every command talks to the background service unless given `--standalone`; `service start`
  listens on a fixed port (49374) unless `service set port <port>` (in
  `$XDG_CONFIG_HOME/opencode/service.json`) names another: each test picks a free port.
  `service stop` ends it.
No network: proxies point at a closed loopback port (the commands used here never need one).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import socket
import struct
import subprocess
import termios
import time
from pathlib import Path
from typing import Any

TIMEOUT = 60.0  # seconds any one OpenCode command may take (a cold start is ~1 s)
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, a request fails at once


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OpenCode2:
    def __init__(self, binary: Path, home: Path) -> None:
        self.binary = binary
        self.home = home
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "TERM": "xterm",
            "HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY,
            "http_proxy": DEAD_PROXY, "https_proxy": DEAD_PROXY,
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
            "OPENCODE_DISABLE_AUTOUPDATE": "1",
        }
        self.service = False

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "opencode"

    @property
    def db(self) -> Path:
        return self.data / "opencode.db"

    def flags(self, standalone: bool | None) -> list[str]:
        use = (not self.service) if standalone is None else standalone
        return ["--standalone"] if use else []

    def run(self, *args: str, standalone: bool | None = None,
            stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.binary), *args, *self.flags(standalone)], env=self.env, input=stdin,
            capture_output=True, text=True, timeout=TIMEOUT, cwd=self.home)
        if done.returncode != 0:
            raise AssertionError(f"opencode {' '.join(args)}: exit {done.returncode}: "
                                 f"{done.stderr[-800:]}{done.stdout[-400:]}")
        return done

    # ------------------------------------------------------------------ auth
    def export(self) -> list[dict[str, Any]]:
        """What OpenCode itself considers each integration's credentials (always answered by a
        private server, so it reads the same file the app reads)."""
        rows = json.loads(self.run("auth", "export", standalone=True).stdout)
        assert isinstance(rows, list)
        return rows

    def active(self) -> dict[str, dict[str, Any]]:
        """integration → the credential `auth export --standalone` marks active."""
        out: dict[str, dict[str, Any]] = {}
        for row in self.export():
            if row.get("active") is True:
                assert row["integrationID"] not in out, "two active rows for one integration"
                out[row["integrationID"]] = row
        return out

    def import_rows(self, rows: list[dict[str, Any]]) -> None:
        path = self.home / f"import-{time.monotonic_ns()}.json"
        path.write_text(json.dumps(rows), "utf-8")
        self.run("auth", "import", str(path))

    def switch(self, integration: str, credential: str) -> None:
        self.run("auth", "switch", integration, credential)

    def login(self, integration: str, key: str) -> None:
        """`opencode auth login <integration>` with the key typed at its prompt (a pty)."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        proc = subprocess.Popen(
            [str(self.binary), "auth", "login", integration, *self.flags(None)],
            stdin=slave, stdout=slave, stderr=slave, env=self.env, cwd=self.home,
            close_fds=True, start_new_session=True)
        os.close(slave)
        seen = b""
        typed = False
        deadline = time.monotonic() + TIMEOUT
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.2)
                if ready:
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:  # the program ended and closed the terminal
                        break
                    if not chunk:
                        break
                    seen += chunk
                    continue
                # the prompt is drawn and the terminal is quiet: type the key
                if not typed and b"API key" in seen:
                    os.write(master, key.encode() + b"\r")
                    typed = True
                if proc.poll() is not None:
                    break
            code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            os.close(master)
        text = seen.decode("utf-8", "replace")
        assert typed and code == 0 and "Connected to" in text, text[-1500:]

    # ------------------------------------------------------------------ background service
    def start_service(self) -> None:
        self.run("service", "set", "port", str(free_port()), standalone=False)
        self.run("service", "start", standalone=False)
        self.service = True
        status = self.run("service", "status", standalone=False).stdout
        assert status.strip().startswith("http://127.0.0.1:"), status

    def stop_service(self) -> None:
        if self.service:
            self.service = False
            try:
                self.run("service", "stop", standalone=False)
            finally:
                self.kill_leftovers()

    def kill_leftovers(self) -> None:
        """Every OpenCode process started with this test's HOME (each test has its own), by
        pid: a service that did not stop must not outlive the test."""
        marker = f"HOME={self.home}".encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                environ = (entry / "environ").read_bytes().split(b"\0")
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in environ and b"opencode" in cmdline:
                with contextlib.suppress(OSError):
                    os.kill(int(entry.name), signal.SIGKILL)
