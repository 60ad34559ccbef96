"""macOS start at login: a LaunchAgent, `~/Library/LaunchAgents/io.github.mystatus-tray.plist`
(written with plistlib), which launchd runs in the user's GUI (Aqua) session at each login.

No `launchctl load` on enable: the app is usually running already and the agent is meant
for the next login; launchd reads the directory at login by itself. `KeepAlive` is left out
on purpose: "Quit" from the menu must stay quit until the next login.
"""

from __future__ import annotations

import os
import plistlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tray_app.autostart import BUNDLE_ID, AutostartStatus


def plist_data(command: tuple[str, ...]) -> dict[str, Any]:
    return {
        "Label": BUNDLE_ID,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",  # a UI app: not throttled like a background daemon
        "LimitLoadToSessionType": "Aqua",  # only in a GUI login, never over ssh
    }


def plist_bytes(command: tuple[str, ...]) -> bytes:
    return plistlib.dumps(plist_data(command), fmt=plistlib.FMT_XML, sort_keys=True)


def agents_dir(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / "Library" / "LaunchAgents"


class LaunchAgentAutostart:
    def __init__(self, command: tuple[str, ...], *, environ: Mapping[str, str] | None = None,
                 directory: Path | None = None) -> None:
        self.command = command
        base = directory or agents_dir(os.environ if environ is None else environ)
        self.path = base / f"{BUNDLE_ID}.plist"

    @property
    def location(self) -> str:
        return str(self.path)

    def status(self) -> AutostartStatus:
        try:
            data = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return AutostartStatus(False, self.location, None, self.command)
        args = data.get("ProgramArguments") if isinstance(data, dict) else None
        command = (tuple(args) if isinstance(args, list) and args
                   and all(isinstance(a, str) for a in args) else None)
        enabled = (command is not None and data.get("Disabled") is not True
                   and data.get("RunAtLoad") is True)
        return AutostartStatus(enabled, self.location, command, self.command)

    def enable(self) -> AutostartStatus:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_bytes(plist_bytes(self.command))
        os.replace(tmp, self.path)
        return self.status()

    def disable(self) -> bool:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True
