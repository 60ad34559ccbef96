"""Start at login, per OS: the login entry is the truth, `Settings.autostart` only mirrors it.

- Linux (and other XDG desktops): `$XDG_CONFIG_HOME/autostart/mystatus-tray.desktop` (linux.py)
- macOS: `~/Library/LaunchAgents/io.github.mystatus-tray.plist` (macos.py)
- Windows: value `mystatus-tray` under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`
  (windows.py; winreg imported lazily)
Every backend has `enable()`, `disable()` and `status()`; the command written is
`command.launch_command()` (right for pip, pipx and PyInstaller). Used by `mystatus-tray
autostart on|off|status` (cli/autostart.py) and the tray's Settings → Start at login.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from tray_app.autostart.command import launch_command

BUNDLE_ID = "io.github.mystatus-tray"  # macOS LaunchAgent label and the .app's bundle id


@dataclass(frozen=True)
class AutostartStatus:
    enabled: bool
    location: str  # the file, or the registry value, that holds the entry
    command: tuple[str, ...] | None  # what the entry runs; None when absent or unreadable
    expected: tuple[str, ...]  # what `enable()` would write now

    @property
    def current(self) -> bool:
        """False when an entry exists but runs something else (e.g. an old install path)."""
        return not self.enabled or self.command == self.expected


class Autostart(Protocol):
    @property
    def location(self) -> str: ...
    def enable(self) -> AutostartStatus: ...
    def disable(self) -> bool: ...
    def status(self) -> AutostartStatus: ...


def for_platform(
    platform: str | None = None,
    *,
    command: tuple[str, ...] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Autostart | None:
    """The backend for this OS, or None where there is none (e.g. Android)."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    command = command or launch_command()
    if platform == "win32":
        from tray_app.autostart.windows import RunKeyAutostart

        return RunKeyAutostart(command)
    if platform == "darwin":
        from tray_app.autostart.macos import LaunchAgentAutostart

        return LaunchAgentAutostart(command, environ=environ)
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        from tray_app.autostart.linux import XdgAutostart

        return XdgAutostart(command, environ=environ)
    return None
