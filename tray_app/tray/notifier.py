"""Alert title + body → a desktop notification: the only module that imports plyer.

plyer 2.1 on Linux (desktop-stack.md G2) picks the Flatpak portal whenever a directory `/app`
exists (any Docker image may have one), and its notify-send path drops titles that start with
"-", ignores the timeout and swallows every error. So on Linux we choose the path ourselves:
the portal only inside a real Flatpak, plyer's D-Bus class when dbus-python is importable,
else notify-send run by us (with `--`, the timeout, and its exit status checked). Every
failure is logged and reported as False; nothing here ever raises.

Each notification carries the app's icon (`app_icon`) and an urgency (low / normal /
critical, the freedesktop `urgency` hint; notify-send's `-u`): critical ones stay until
dismissed (timeout 0), as the specification asks of a critical notification.

The tray sends from a short-lived child (`Notifier(in_child=True)`, Linux and the BSDs):
`python -m tray_app.tray.notify_child` (a frozen bundle: `<exe> --notify-child`) takes the
request as JSON on stdin and sends it with this same code. dbus-python and its XML
introspection parser then never enter the long-lived tray: they cost it a one-time 1 MiB at
its first notification (issue 17 §6, bench). A notification is rare; the child costs about
0.1 s of CPU then (measured: 0.08-0.11 s wall, 17 MB peak).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tray_app import APP_NAME, child_process
from tray_app.secrets import scrub

log = logging.getLogger(__name__)

TIMEOUT_S = 10
URGENCY = {"low": 0, "normal": 1, "critical": 2}  # the specification's byte values
Send = Callable[[str, str], None]  # (title, body); raises on failure
CHILD_MODULE = "tray_app.tray.notify_child"
FROZEN_FLAG = "--notify-child"  # handled first in cli.main
# D-Bus's own call timeout is 25 s; notify-send's run below has 15 s.
CHILD_TIMEOUT = 30.0


def app_icon() -> str:
    """The app's icon for the notification: the bundled PNG (PyInstaller), the checkout's,
    else the icon theme name that packaging/linux/install-bundle.sh installs."""
    from tray_app.autostart.command import bundled_icon

    found = bundled_icon()
    if found is not None:
        return str(found)
    checkout = Path(__file__).resolve().parents[2] / "icons" / f"{APP_NAME}.png"
    return str(checkout) if checkout.is_file() else APP_NAME


def _clean(text: str, limit: int) -> str:
    # Never a secret, never a control character, never an unbounded length.
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in scrub(text))
    return text[:limit]


def in_flatpak(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return bool(environ.get("FLATPAK_ID")) or os.path.exists("/.flatpak-info")


def _dbus_available() -> bool:
    try:
        importlib.import_module("dbus")
    except ImportError:
        return False
    return True


class Notifier:
    """`notify(title, body) -> bool`; the backend is chosen once, at the first call."""

    def __init__(
        self,
        app_name: str = APP_NAME,
        timeout: int = TIMEOUT_S,
        *,
        send: Send | None = None,
        platform: str = sys.platform,
        in_child: bool = False,
        icon: str | None = None,
    ) -> None:
        self.app_name = app_name
        self.timeout = timeout
        self._send = send
        self._platform = platform
        self._in_child = in_child
        self.backend = "custom" if send is not None else ""
        self.urgency = "normal"  # of the notification being sent (set under the lock)
        self._icon = icon
        # one notification at a time: the poller, the menu actions and the status-page watch
        # notify from their own threads, and the first call also picks the backend
        self._lock = threading.Lock()

    @property
    def icon(self) -> str:
        if self._icon is None:
            self._icon = app_icon()
        return self._icon

    def notify(self, title: str, body: str, urgency: str = "normal") -> bool:
        """Show it; False (and a log line) when it could not be shown. Never raises."""
        try:
            self.send(title, body, urgency)
        except Exception as exc:  # D-Bus errors, missing daemon, NotImplementedError...
            log.warning("notification not shown (%s): %s", self.backend, scrub(str(exc))[:300])
            return False
        return True

    def send(self, title: str, body: str, urgency: str = "normal") -> None:
        """As `notify`, but a failure raises (the notification child reports it so)."""
        title = _clean(title, 200).strip() or self.app_name
        body = _clean(body, 1000)
        with self._lock:
            self.urgency = urgency if urgency in URGENCY else "normal"
            if self._send is None:
                self._send = self._choose()
            self._send(title, body)

    # ------------------------------------------------------------ backends
    def _choose(self) -> Send:
        if self._platform.startswith("linux") or "bsd" in self._platform:
            if self._in_child:
                self.backend = "child"
                return self._child
            if in_flatpak():
                self.backend = "portal"
                return self._plyer_default
            if _dbus_available():
                self.backend = "dbus"
                return self._plyer_dbus
            if shutil.which("notify-send"):
                self.backend = "notify-send"
                return self._notify_send
            self.backend = "none"
            return self._unavailable
        self.backend = "plyer"
        return self._plyer_default

    def _child(self, title: str, body: str) -> None:
        request = {"title": title, "body": body, "urgency": self.urgency,
                   "app_name": self.app_name, "icon": self.icon, "timeout": self.timeout}
        done = child_process.run(child_process.command(CHILD_MODULE, FROZEN_FLAG),
                                 json.dumps(request), CHILD_TIMEOUT, errors="replace")
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"notification child exit {done.returncode}")
        log.debug("notification sent by the child (%s)", done.stdout.strip())

    def _plyer_dbus(self, title: str, body: str) -> None:
        linux: Any = importlib.import_module("plyer.platforms.linux.notification")
        dbus: Any = importlib.import_module("dbus")
        critical = self.urgency == "critical"
        linux.NotifyDbus().notify(
            title=title, message=body, app_name=self.app_name, app_icon=self.icon,
            hints={"urgency": dbus.Byte(URGENCY[self.urgency])},
            timeout=0 if critical else self.timeout,
        )

    def _plyer_default(self, title: str, body: str) -> None:
        if self.backend == "portal":
            # plyer pastes the text into a GVariant literal between single quotes.
            title, body = title.replace("'", "’"), body.replace("'", "’")
        plyer: Any = importlib.import_module("plyer")
        plyer.notification.notify(
            title=title, message=body, app_name=self.app_name, app_icon=self._plyer_icon(),
            timeout=self.timeout,
        )

    def _plyer_icon(self) -> str:
        # Windows wants an .ico and macOS ignores it: only a PNG file on the other platforms.
        icon = self.icon
        return icon if icon.endswith(".png") and self._platform.startswith("linux") else ""

    def _notify_send(self, title: str, body: str) -> None:
        # `--` ends the options: a title starting with "-" is not taken for one.
        timeout = 0 if self.urgency == "critical" else self.timeout * 1000
        args = ["notify-send", "-a", self.app_name, "-u", self.urgency, "-i", self.icon,
                "-t", str(timeout), "--", title]
        if body:
            args.append(body)
        result = subprocess.run(args, capture_output=True, text=True, timeout=15, check=False)
        if result.returncode != 0 or result.stderr.strip():
            raise RuntimeError(f"notify-send exit {result.returncode}: {result.stderr.strip()}")

    def _unavailable(self, title: str, body: str) -> None:
        raise RuntimeError("no notification service: install dbus-python or notify-send")
