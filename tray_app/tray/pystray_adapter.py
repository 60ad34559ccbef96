"""MenuEntry tuples + PIL image → a pystray icon: the only module that imports pystray.

pystray is imported lazily (G1: `import pystray` needs an X display on Linux and raises
Xlib's DisplayNameError, not ImportError, without one). Menu callbacks run on the toolkit's
thread; they only hand the action id to `dispatch`, which must not block.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from tray_app.tray.menu import MenuEntry

log = logging.getLogger(__name__)

DEFAULT_ICON_SIZE = 64  # rendered larger than any tray slot: backends scale down (HiDPI)
# macOS menu bar: 22 pt, drawn at 2x on Retina.
ICON_SIZES = {"darwin": 44}


class TrayUnavailable(RuntimeError):
    """No usable tray backend (no display, toolkit missing): the message says which."""


def import_pystray() -> Any:
    try:
        return importlib.import_module("pystray")
    except Exception as exc:  # ImportError, Xlib.error.DisplayNameError, Gtk init failures
        raise TrayUnavailable(f"{type(exc).__name__}: {exc}") from exc


def icon_size(backend: str) -> int:
    override = os.environ.get("MYSTATUS_ICON_SIZE", "")
    if override.isdigit() and 16 <= int(override) <= 512:
        return int(override)
    return ICON_SIZES.get(backend, DEFAULT_ICON_SIZE)


def hide_dock_icon() -> bool:
    """macOS: accessory app (menu bar only, no Dock icon), like LSUIElement. pyobjc is optional."""
    if sys.platform != "darwin":
        return False
    try:
        appkit = importlib.import_module("AppKit")
        app = appkit.NSApplication.sharedApplication()
        app.setActivationPolicy_(appkit.NSApplicationActivationPolicyAccessory)
    except Exception as exc:  # no pyobjc, or an old AppKit: the Dock icon stays, nothing breaks
        log.info("could not hide the Dock icon: %s", exc)
        return False
    return True


class _Callback:
    """A menu item action. Not a function on purpose: pystray inspects `__code__` of
    functions to count arguments, and passes (icon, item) to any other callable."""

    def __init__(self, action: str, dispatch: Callable[[str], None]) -> None:
        self.action = action
        self._dispatch = dispatch

    def __call__(self, icon: Any, item: Any) -> None:
        try:
            self._dispatch(self.action)
        except Exception:  # an exception here would be swallowed by the toolkit anyway
            log.exception("menu action %s failed", self.action)


class _Checked:
    def __init__(self, value: bool) -> None:
        self.value = value

    def __call__(self, item: Any) -> bool:
        return self.value


def to_menu(pystray: Any, entries: Sequence[MenuEntry], dispatch: Callable[[str], None]) -> Any:
    """A `pystray.Menu` for `entries` (recursively); separators, checks, radio, defaults."""
    return pystray.Menu(*(_item(pystray, e, dispatch) for e in entries))


def _item(pystray: Any, entry: MenuEntry, dispatch: Callable[[str], None]) -> Any:
    if entry.separator:
        return pystray.Menu.SEPARATOR
    if entry.children:
        return pystray.MenuItem(
            entry.text, to_menu(pystray, entry.children, dispatch), enabled=entry.enabled
        )
    return pystray.MenuItem(
        entry.text,
        _Callback(entry.action, dispatch) if entry.action else None,
        checked=None if entry.checked is None else _Checked(entry.checked),
        radio=entry.radio,
        default=entry.default,
        enabled=entry.enabled,
    )


class TrayIcon:
    """One pystray icon; `update` may be called from any thread (pystray marshals to the
    toolkit) and skips whatever did not change, so an open menu is not rebuilt needlessly."""

    def __init__(
        self,
        name: str,
        image: Image.Image,
        title: str,
        entries: Sequence[MenuEntry],
        dispatch: Callable[[str], None],
    ) -> None:
        self._pystray = import_pystray()
        self._dispatch = dispatch
        self._entries = tuple(entries)
        self._title = title
        self._image_key = image.tobytes()
        self.icon = self._pystray.Icon(
            name, image, title, menu=to_menu(self._pystray, self._entries, dispatch)
        )

    @property
    def backend(self) -> str:
        """"appindicator", "gtk", "xorg", "darwin", "win32" or "dummy"."""
        name = str(type(self.icon).__module__).rsplit(".", 1)[-1].lstrip("_")
        return "dummy" if name == "base" else name  # the dummy backend re-exports _base.Icon

    @property
    def size(self) -> int:
        return icon_size(self.backend)

    @property
    def has_menu(self) -> bool:
        return bool(getattr(self.icon, "HAS_MENU", True))

    def update(self, image: Image.Image, title: str, entries: Sequence[MenuEntry]) -> None:
        key = image.tobytes()
        if key != self._image_key:
            self._image_key = key
            self.icon.icon = image
        if title != self._title:
            self._title = title
            self.icon.title = title
        entries = tuple(entries)
        if entries != self._entries:
            self._entries = entries
            # pystray's menu setter calls update_menu() itself (rebuilds the native menu).
            self.icon.menu = to_menu(self._pystray, entries, self._dispatch)

    def notify(self, message: str, title: str) -> None:
        self.icon.notify(message, title)

    def run(self, setup: Callable[[], None]) -> None:
        """Blocks in the toolkit's main loop: call it from the main thread only (G7)."""
        hide_dock_icon()

        def _setup(icon: Any) -> None:
            icon.visible = True
            setup()

        self.icon.run(setup=_setup)

    def stop(self) -> None:
        self.icon.stop()
