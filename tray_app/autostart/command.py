"""The command a login entry runs: the same app, however it was installed (pip, pipx,
PyInstaller), as an absolute path, because a login session's PATH is not the user's shell's.

- PyInstaller (`sys.frozen`): the bundle's executable itself (on macOS the binary inside the
  .app, so LSUIElement applies; on Windows the no-console `mystatus-tray.exe`).
- Windows, pip/pipx: `pythonw.exe -m tray_app` of the same environment: the console-script
  `mystatus-tray.exe` is a console program and would open a console window at every login.
- Elsewhere, pip/pipx: the `mystatus-tray` console script next to the interpreter (a venv's or
  pipx's `bin/`), else the one on PATH, else `python -m tray_app` with this interpreter.
The interpreter path is NOT resolved: a venv's `bin/python` symlink is what selects the venv.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from tray_app import APP_NAME


def launch_command(
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
    is_file: Callable[[Path], bool] = lambda p: p.is_file() and os.access(p, os.X_OK),
) -> tuple[str, ...]:
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = executable or sys.executable
    platform = platform or sys.platform
    exe = Path(executable)
    if frozen:
        return (str(exe),)
    if platform == "win32":
        pythonw = exe.with_name("pythonw.exe")
        return (str(pythonw if is_file(pythonw) else exe), "-m", "tray_app")
    script = exe.with_name(APP_NAME)
    if is_file(script):
        return (str(script),)
    found = which(APP_NAME)
    if found:
        return (str(Path(found).absolute()),)
    return (str(exe), "-m", "tray_app")


def bundled_icon() -> Path | None:
    """The app icon inside a PyInstaller bundle (packaging/pyinstaller puts it there)."""
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return None
    icon = Path(base) / "icons" / f"{APP_NAME}.png"
    return icon if icon.is_file() else None
