"""Alert title + body → a desktop notification: the only module that imports plyer.

plyer 2.1 on Linux (desktop-stack.md G2) picks the Flatpak portal whenever a directory `/app`
exists (any Docker image may have one), and its notify-send path drops titles that start with
"-", ignores the timeout and swallows every error. So on Linux we choose the path ourselves:
the portal only inside a real Flatpak, plyer's D-Bus class when dbus-python is importable,
else notify-send run by us (with `--`, the timeout, and its exit status checked). Every
failure is logged and reported as False; nothing here ever raises.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from tray_app import APP_NAME
from tray_app.secrets import scrub

log = logging.getLogger(__name__)

TIMEOUT_S = 10
Send = Callable[[str, str], None]  # (title, body); raises on failure


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
    ) -> None:
        self.app_name = app_name
        self.timeout = timeout
        self._send = send
        self._platform = platform
        self.backend = "custom" if send is not None else ""
        # one notification at a time: the poller, the menu actions and the status-page watch
        # notify from their own threads, and the first call also picks the backend
        self._lock = threading.Lock()

    def notify(self, title: str, body: str) -> bool:
        title = _clean(title, 200).strip() or self.app_name
        body = _clean(body, 1000)
        try:
            with self._lock:
                if self._send is None:
                    self._send = self._choose()
                self._send(title, body)
        except Exception as exc:  # D-Bus errors, missing daemon, NotImplementedError...
            log.warning("notification not shown (%s): %s", self.backend, scrub(str(exc))[:300])
            return False
        return True

    # ------------------------------------------------------------ backends
    def _choose(self) -> Send:
        if self._platform.startswith("linux") or "bsd" in self._platform:
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

    def _plyer_dbus(self, title: str, body: str) -> None:
        linux: Any = importlib.import_module("plyer.platforms.linux.notification")
        linux.NotifyDbus().notify(
            title=title, message=body, app_name=self.app_name, timeout=self.timeout
        )

    def _plyer_default(self, title: str, body: str) -> None:
        if self.backend == "portal":
            # plyer pastes the text into a GVariant literal between single quotes.
            title, body = title.replace("'", "’"), body.replace("'", "’")
        plyer: Any = importlib.import_module("plyer")
        plyer.notification.notify(
            title=title, message=body, app_name=self.app_name, timeout=self.timeout
        )

    def _notify_send(self, title: str, body: str) -> None:
        # `--` ends the options: a title starting with "-" is not taken for one.
        args = ["notify-send", "-a", self.app_name, "-t", str(self.timeout * 1000), "--", title]
        if body:
            args.append(body)
        result = subprocess.run(args, capture_output=True, text=True, timeout=15, check=False)
        if result.returncode != 0 or result.stderr.strip():
            raise RuntimeError(f"notify-send exit {result.returncode}: {result.stderr.strip()}")

    def _unavailable(self, title: str, body: str) -> None:
        raise RuntimeError("no notification service: install dbus-python or notify-send")
