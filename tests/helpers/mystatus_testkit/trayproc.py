"""A tray started in a subprocess, observed the way the desktop tests observe it."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class TrayProcess:
    """A tray started in a subprocess, observed through its debug state file
    (MYSTATUS_DEBUG_STATE_FILE, rewritten on every icon/menu update) and its log."""

    proc: subprocess.Popen[bytes]
    state_path: Path
    log_path: Path

    def state(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.state_path.read_text("utf-8"))  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def wait_state(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 60.0
                   ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"tray exited {self.proc.returncode}: {self.log()}")
            state = self.state()
            if state is not None and predicate(state):
                return state
            time.sleep(0.05)
        pytest.fail(f"tray state never matched; last {self.state()}; log: {self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text("utf-8", errors="replace")[-3000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: the app quits its loop and cleans up
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
