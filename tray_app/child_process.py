"""How the tray starts its own helper processes (the keyring, engine and notification
children): the command, `python -m <module>` from a source tree or `<exe> <flag>` from a
frozen bundle (on Windows the console sibling `mystatus-tray-cli.exe`: the windowed
executable has no stdout), the environment (a source tree's child imports this same
tray_app), and `run` for a child that takes text in and gives text back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONSOLE_EXE = "mystatus-tray-cli.exe"
NO_WINDOW = 0x08000000  # CREATE_NO_WINDOW: no console flashes up on Windows


def command(module: str, flag: str, *args: str) -> list[str]:
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        if sys.platform == "win32" and exe.with_name(CONSOLE_EXE).is_file():
            exe = exe.with_name(CONSOLE_EXE)
        return [str(exe), flag, *args]
    return [sys.executable, "-m", module, *args]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def creationflags() -> int:
    return NO_WINDOW if sys.platform == "win32" else 0


def run(argv: list[str], stdin: str, timeout: float, *, errors: str = "strict"
        ) -> subprocess.CompletedProcess[str]:
    """One short-lived child (from `command`): `stdin` in, its stdout and stderr as text
    (UTF-8) out. Raises OSError or subprocess.TimeoutExpired (the child is killed then)."""
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, encoding="utf-8",
                          errors=errors, timeout=timeout, env=environment(),
                          creationflags=creationflags(), check=False)
