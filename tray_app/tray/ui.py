"""The tray's face: TrayView → IconState, image and menu → the pystray icon, and the debug
file. `TrayUI.show` is the poller's publish callback (poller thread); `compose` also paints
the first icon, from the last saved view, before anything else has started (tray/app.py).

Debug hook: env MYSTATUS_DEBUG_STATE_FILE = path of a JSON file rewritten on every update
with the icon state, the menu texts and the backend (used by the desktop tests and the bench).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from tray_app import APP_NAME
from tray_app.errors import QuotaError
from tray_app.model import utcnow
from tray_app.monitoring import store
from tray_app.monitoring.pace import SampleLookup
from tray_app.monitoring.view import TrayView
from tray_app.spend import menu as spend_menu
from tray_app.tray import dialog
from tray_app.tray.icon import IconState, icon_state, render
from tray_app.tray.menu import MenuEntry, build_menu
from tray_app.tray.pystray_adapter import DEFAULT_ICON_SIZE, TrayIcon
from tray_app.tray.settings_box import SettingsBox

if TYPE_CHECKING:  # the first paint does not import the credential readers
    from tray_app.credentials import CredentialLoader
    from tray_app.monitoring.poller import Poller

log = logging.getLogger(__name__)

DEBUG_ENV = "MYSTATUS_DEBUG_STATE_FILE"


def flatten(entries: Iterable[MenuEntry], depth: int = 0) -> list[str]:
    """Menu texts, indented by submenu depth (for the debug file and tests)."""
    out: list[str] = []
    for entry in entries:
        if entry.separator:
            out.append("  " * depth + "---")
            continue
        out.append("  " * depth + entry.text)
        out.extend(flatten(entry.children, depth + 1))
    return out


class TrayUI:
    """TrayView → IconState, image and menu → the pystray icon (and the debug file)."""

    def __init__(self, settings: SettingsBox, lang: Callable[[], str], *,
                 demo: bool = False) -> None:
        self.settings = settings
        self.lang = lang
        self.loader: CredentialLoader | None = None  # set with the services (tray/services.py)
        self.demo = demo
        spend_menu.enabled = not demo  # the demo shows no Spend line (reads nothing of yours)
        self.icon: TrayIcon | None = None
        self.poller: Poller | None = None
        # now → the usage history's cycle samples (tray/services.py), for the pace lines
        self.samples: Callable[[datetime], SampleLookup | None] | None = None
        self.updates = 0
        self._can_read_pat = False  # the keyring is read on the poller thread, not at paint
        self._tk = dialog.tk_available()
        self.autostart_available = False  # set by run_tray when this OS has a backend
        debug = os.environ.get(DEBUG_ENV, "")
        self.debug_path = Path(debug) if debug else None

    def _pat_present(self) -> bool:
        if not self._can_read_pat or self.loader is None:
            return False
        try:
            return self.loader.pat_store.get() is not None  # cached after the first read
        except QuotaError:
            return False

    def compose(self, view: TrayView) -> tuple[IconState, Image.Image, tuple[MenuEntry, ...]]:
        settings, lang, now = self.settings.get(), self.lang(), utcnow()
        state = icon_state(view, settings, lang, now)
        size = self.icon.size if self.icon is not None else DEFAULT_ICON_SIZE
        entries = build_menu(
            view, settings, lang, now, pat_present=self._pat_present(),
            tk_available=self._tk, autostart_available=self.autostart_available,
            samples=self.samples(now) if self.samples is not None else None,
        )
        return state, render(state, size), tuple(entries)

    def show(self, view: TrayView) -> None:
        """Called by the poller (its thread) for every published view."""
        self._can_read_pat = True
        if spend_menu.enabled:  # the spend scan, in a child process at most every few minutes
            spend_menu.maybe_scan(utcnow())
        state, image, entries = self.compose(view)
        title = state.tooltip[:127] if sys.platform == "win32" else state.tooltip
        if self.icon is not None:
            self.icon.update(image, title or APP_NAME, entries)
        self.updates += 1
        self.write_debug(view, state, entries)

    def write_debug(self, view: TrayView, state: IconState, entries: tuple[MenuEntry, ...]) -> None:
        if self.debug_path is None:
            return
        data = {
            "pid": os.getpid(),
            "backend": self.icon.backend if self.icon is not None else "",
            "icon_size": self.icon.size if self.icon is not None else DEFAULT_ICON_SIZE,
            "icon": asdict(state),
            "menu": flatten(entries),
            "providers": [p.usage.name for p in view.providers],
            "from_disk": view.from_disk,
            "refreshing": view.refreshing,
            "refreshes": self.poller.refreshes if self.poller is not None else 0,
            "updates": self.updates,
            "menu_rebuilds": self.icon.menu_rebuilds if self.icon is not None else 0,
            "menu_relabels": self.icon.menu_relabels if self.icon is not None else 0,
            "menus_destroyed": self.icon.menus_destroyed if self.icon is not None else 0,
            "demo": self.demo,
        }
        try:
            store.atomic_write_json(self.debug_path, data)
        except OSError as exc:
            log.warning("debug state not written: %s", exc)
