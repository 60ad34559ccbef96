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
import threading
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PIL import Image

from tray_app import APP_NAME
from tray_app.i18n import t
from tray_app.tray import backends
from tray_app.tray.backends import Choice
from tray_app.tray.menu import MenuEntry

if TYPE_CHECKING:  # the window is only for a backend without menus (xorg): imported then
    from tray_app.tray.report_window import ReportWindow

log = logging.getLogger(__name__)

DEFAULT_ICON_SIZE = 64  # rendered larger than any tray slot: backends scale down (HiDPI)
SHOWN_WAIT = 2.0  # seconds: the longest the services wait for the toolkit to show the icon
# seconds after Quit for the toolkit's loop to end before the app leaves without it: pystray's
# xorg loop ends only when it sees its window's DestroyNotify, and on a busy machine it once
# never did (2 of 5 runs of the report window's Quit test with the bench running beside it)
QUIT_WAIT = 5.0
# macOS menu bar: 22 pt, drawn at 2x on Retina.
ICON_SIZES = {"darwin": 44}


def png_writer_only() -> None:
    """Load Pillow's PNG writer alone, before a backend saves the icon. Pillow's first
    save or open loads its BMP, GIF, JPEG, PPM and PNG plugins (with TIFF tags, EXIF tags,
    palettes: ~0.5 MiB kept by the long-lived tray) but the backends only write PNG.
    Marking that first step done is safe: `Image.save` and `Image.open` still load every
    plugin (`Image.init`) for a format not registered yet."""
    from PIL import PngImagePlugin

    assert PngImagePlugin
    if Image._initialized < 1:
        Image._initialized = 1


class TrayUnavailable(RuntimeError):
    """No usable tray backend (no display, toolkit missing): the message says which."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()).removeprefix("this platform is not supported: ")
    return (text or type(exc).__name__)[:300]  # pystray wraps a backend's error in that


def import_pystray(environ: MutableMapping[str, str] | None = None,
                   platform: str = sys.platform) -> tuple[Any, Choice]:
    """pystray, with the backend it picked and why not a better one.

    On Linux without PYSTRAY_BACKEND we try pystray's order ourselves, one backend per
    import: pystray catches only ImportError, but a missing typelib raises ValueError from
    `gi.require_version` (and stopped the whole import instead of falling back)."""
    environ = os.environ if environ is None else environ
    forced = environ.get(backends.ENV, "")
    if forced or not (platform.startswith("linux") or "bsd" in platform):
        try:
            module = importlib.import_module("pystray")
        except Exception as exc:  # ImportError, Xlib.error.DisplayNameError, Gtk init failures
            raise TrayUnavailable(f"{type(exc).__name__}: {_one_line(exc)}") from exc
        return module, Choice(_backend_of(module.Icon), forced=bool(forced))
    failures: dict[str, str] = {}
    try:
        for name in backends.LINUX_ORDER:
            environ[backends.ENV] = name
            try:
                module = importlib.import_module("pystray")
            except Exception as exc:
                failures[name] = _one_line(exc)
                log.debug("pystray backend %s: %s: %s", name, type(exc).__name__, exc)
                for loaded in [m for m in sys.modules if m == "pystray" or m.startswith(
                        ("pystray._appindicator", "pystray._gtk", "pystray._xorg"))]:
                    del sys.modules[loaded]  # a half-imported backend is not reused
                continue
            return module, Choice(name, failures=failures)
    finally:
        environ.pop(backends.ENV, None)  # children (dialogs) choose for themselves
    raise TrayUnavailable("; ".join(f"{name}: {why}" for name, why in failures.items()))


def _backend_of(icon_class: Any) -> str:
    name = str(icon_class.__module__).rsplit(".", 1)[-1].lstrip("_")
    return "dummy" if name == "base" else name  # the dummy backend re-exports _base.Icon


# ------------------------------------------------------------------------------ text
# What each backend can carry. Titles: xorg writes WM_NAME as Latin-1 (python-xlib encodes
# it so and raises on anything else); Windows copies the tooltip into a 128-WCHAR field
# (a longer one raises). Menu labels: Win32 takes "&" for a mnemonic and a tab for the
# accelerator column. Every toolkit rejects lone surrogates (UnicodeEncodeError in
# PyGObject/ctypes/pyobjc) and NUL; labels are single lines. GTK labels need nothing more
# (pystray makes them without mnemonics, and libdbusmenu doubles "_" when it exports them to
# an SNI host: measured, "first_last" went over D-Bus as "first__last", shown literally).
_LATIN1_SUBSTITUTES = str.maketrans({
    "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "⚠": "!",
    "ℹ": "i", "⏱": "", "→": "->", "≥": ">=", "≤": "<=", "•": "·",
})
WIN32_TIP = 127  # UTF-16 code units, plus the terminating NUL: 128


def _valid(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates → "?"
    return text.replace("\0", "")


def carry_title(text: str, backend: str, fallback: str = "") -> str:
    """`text` as `backend` can show it as the icon's title/tooltip; `fallback` (the app's
    name) when it can carry none of it."""
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in _valid(text))
    if backend == "xorg":
        text = text.translate(_LATIN1_SUBSTITUTES)
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            lines = [line for line in text.split("\n") if _latin1(line)]
            text = "\n".join(lines) if lines else fallback
    elif backend == "win32":
        while len(text.encode("utf-16-le")) // 2 > WIN32_TIP:
            text = text[:-2] + "…"
    return text


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def carry_label(text: str, backend: str) -> str:
    """A menu item's text as `backend` shows it literally."""
    text = "".join(ch if ch.isprintable() else " " for ch in _valid(text))
    if backend == "win32":
        text = text.replace("&", "&&")
    return text


def carry_entries(entries: Sequence[MenuEntry], backend: str) -> tuple[MenuEntry, ...]:
    return tuple(
        replace(e, text=carry_label(e.text, backend),
                children=carry_entries(e.children, backend)) if not e.separator else e
        for e in entries
    )


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


def _shape(entries: Sequence[MenuEntry]) -> tuple[Any, ...]:
    """What a native menu is built from, except texts and enabled states (those can be
    changed on the live menu). Check marks are part of it: setting one on a GtkCheckMenuItem
    emits "activate", which would run the item's action."""
    return tuple(
        (e.separator, e.action, e.checked, e.radio, e.default, _shape(e.children))
        for e in entries
    )


def _relabel_menu(menu: Any, entries: Sequence[MenuEntry]) -> bool:
    """Set texts and enabled states of a live Gtk.Menu built from entries of the same shape.
    False (nothing half-done that matters: the caller rebuilds) if the items do not match."""
    items = list(menu.get_children())
    if len(items) != len(entries):
        return False
    for item, entry in zip(items, entries, strict=True):
        if entry.separator:
            continue
        submenu = item.get_submenu()
        if bool(entry.children) != (submenu is not None):
            return False
        if entry.default:  # pystray draws the default item bold through the label's markup
            label = item.get_child()
            label.set_markup(f"<b>{_markup_escape(entry.text)}</b>")
        elif item.get_label() != entry.text:
            item.set_label(entry.text)
        if item.get_sensitive() != entry.enabled:
            item.set_sensitive(entry.enabled)
        if entry.children and not _relabel_menu(submenu, entry.children):
            return False
    return True


def _markup_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _destroy_menu(menu: Any) -> None:
    """Destroy a Gtk.Menu and, first, its submenus: a submenu has its own toplevel window and
    merely detaching it (what destroying its item does) does not free it."""
    for item in menu.get_children():
        submenu = item.get_submenu() if hasattr(item, "get_submenu") else None
        if submenu is not None:
            _destroy_menu(submenu)
    menu.destroy()


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
        png_writer_only()
        self._pystray, self.choice = import_pystray()
        self._dispatch = dispatch
        self._entries = carry_entries(entries, self.backend)
        self._title = carry_title(title, self.backend, APP_NAME)
        self._image_key = image.tobytes()
        self._replaced: list[Any] = []  # native menus shown before the latest rebuild
        self.menus_destroyed = 0  # these three: for the debug state file and tests
        self.menu_rebuilds = 0
        self.menu_relabels = 0
        # pystray's xorg backend runs a call from another thread by messaging its main loop and
        # waiting on ONE reply queue shared by every caller: two threads at once (the poller's
        # update, a Quit) can take each other's reply, or wait forever for one the loop, once
        # stopped, never sends. Calls into pystray are made one at a time, none after stop.
        self._calls = threading.Lock()
        self._stopped = False
        self.loop_ended = threading.Event()  # set when `run` returns
        # called (on a watchdog thread) when the loop has not ended QUIT_WAIT after stop()
        self.on_stuck: Callable[[], None] | None = None
        self._watchdog: threading.Timer | None = None
        # A backend without menus (xorg): a click opens the report window instead.
        self.window: ReportWindow | None = None
        if not self.has_menu:
            from tray_app.tray.report_window import ReportWindow

            self.window = ReportWindow(dispatch)
            self.window.show(self._entries)
        self.icon = self._pystray.Icon(name, image, self._title, menu=self._menu(self._entries))
        if self.backend == "xorg":
            from tray_app.tray import xorg_icon

            xorg_icon.listen_for_clicks(self.icon)
            xorg_icon.dock_once(self.icon)
            xorg_icon.own_connection_for_calls(self.icon)

    def _menu(self, entries: tuple[MenuEntry, ...]) -> Any:
        if self.window is None:
            return to_menu(self._pystray, entries, self._dispatch)
        return self._pystray.Menu(self._pystray.MenuItem(
            APP_NAME, _Callback("window", self._click), default=True))

    def _click(self, action: str) -> None:
        assert self.window is not None
        if not self.window.toggle():  # no Tk: the old default action of the menu
            self._dispatch("refresh")

    @property
    def backend(self) -> str:
        """"appindicator", "gtk", "xorg", "darwin", "win32" or "dummy"."""
        return self.choice.backend

    @property
    def size(self) -> int:
        return icon_size(self.backend)

    @property
    def has_menu(self) -> bool:
        return bool(getattr(self._pystray.Icon, "HAS_MENU", True))

    def update(self, image: Image.Image, title: str, entries: Sequence[MenuEntry]) -> None:
        with self._calls:
            if not self._stopped:
                self._update(image, title, entries)

    def _update(self, image: Image.Image, title: str, entries: Sequence[MenuEntry]) -> None:
        key = image.tobytes()
        if key != self._image_key:
            self._image_key = key
            self.icon.icon = image
        title = carry_title(title, self.backend, APP_NAME)
        if title != self._title:
            self._title = title
            self.icon.title = title
        entries = carry_entries(entries, self.backend)
        if self.window is not None:
            self._entries = entries
            self.window.show(entries)
            return
        if entries != self._entries:
            same_shape = _shape(entries) == _shape(self._entries)
            self._entries = entries
            idle_add = self._gtk_idle_add()
            if idle_add is not None and same_shape:
                # Only texts (countdowns, "last updated") or enabled states changed: relabel
                # the native menu in place. Nothing is allocated per refresh, and a menu the
                # user has open stays open.
                idle_add(lambda: self._relabel(entries))
                self.menu_relabels += 1
                return
            self.menu_rebuilds += 1
            if idle_add is not None:
                idle_add(self._remember_shown_menu)  # runs before pystray's own rebuild
            # pystray's menu setter calls update_menu() itself (rebuilds the native menu).
            self.icon.menu = self._menu(entries)
            if idle_add is not None:
                idle_add(self._destroy_replaced_menus)  # runs after it: FIFO at one priority

    # pystray's GTK backends build a new Gtk.Menu on every menu change and never destroy the
    # old one; a GtkMenu lives in its own toplevel window, so it is never freed and its items
    # stay connected: measured +0.8 MiB and rising idle CPU per refresh. We destroy it.
    def _glib(self) -> Any:
        """GLib with the GTK backends (their main loop runs our idle callbacks), else None."""
        if self.backend not in ("gtk", "appindicator"):
            return None
        try:
            return importlib.import_module("gi.repository.GLib")
        except Exception:  # pragma: no cover - these backends imply gi
            return None

    def _gtk_idle_add(self) -> Callable[[Callable[[], bool]], object] | None:
        glib = self._glib()
        if glib is None:
            return None
        idle_add: Callable[[Callable[[], bool]], object] = glib.idle_add
        return idle_add

    def _relabel(self, entries: tuple[MenuEntry, ...]) -> bool:
        handle = getattr(self.icon, "_menu_handle", None)
        if handle is None or not _relabel_menu(handle, entries):
            # the native menu does not look like we expect: rebuild it the pystray way
            self.icon.menu = to_menu(self._pystray, entries, self._dispatch)
            self._destroy_replaced_menus()
        return False

    def _remember_shown_menu(self) -> bool:
        handle = getattr(self.icon, "_menu_handle", None)
        if handle is not None and all(handle is not m for m in self._replaced):
            self._replaced.append(handle)
        return False  # one-shot idle callback

    def _destroy_replaced_menus(self) -> bool:
        current = getattr(self.icon, "_menu_handle", None)
        keep = []
        for menu in self._replaced:
            if menu is current:
                keep.append(menu)
                continue
            try:
                _destroy_menu(menu)
                self.menus_destroyed += 1
            except Exception as exc:  # never let cleanup break the tray
                log.debug("could not destroy an old menu: %s", exc)
        self._replaced = keep
        return False

    def notify(self, message: str, title: str) -> bool:
        """Through pystray (the app uses tray/notifier.py): False where the backend has none."""
        if not getattr(self.icon, "HAS_NOTIFICATION", False):
            return False
        self.icon.notify(carry_label(message, self.backend), carry_title(title, self.backend))
        return True

    def run(self, setup: Callable[[], None]) -> None:
        """Blocks in the toolkit's main loop: call it from the main thread only (G7).
        `setup` runs on another thread once the icon is shown (see `_wait_shown`)."""
        hide_dock_icon()

        def _setup(icon: Any) -> None:
            icon.visible = True
            self._wait_shown()
            setup()
            self._log_choice()  # after setup: the log file is open then

        try:
            self.icon.run(setup=_setup)
        finally:
            self.loop_ended.set()

    def _wait_shown(self) -> None:
        """With GTK, until the main loop has shown the icon and has nothing more urgent to do
        (a low-priority idle callback runs after pystray's own idle callbacks, redraws and
        pending X events). `setup` then starts the app's services; started any earlier,
        their imports would compete with the icon for the interpreter. Other backends show
        the icon before `setup` runs."""
        glib = self._glib()
        if glib is None:
            return
        shown = threading.Event()

        def _idle() -> bool:
            shown.set()
            return False  # one-shot

        glib.idle_add(_idle, priority=glib.PRIORITY_LOW)
        if not shown.wait(timeout=SHOWN_WAIT):
            log.info("the toolkit stayed busy for %.0f s; starting anyway", SHOWN_WAIT)

    def _log_choice(self) -> None:
        # WARNING, the default level of the log file: every start names its backend there.
        for text, fix in backends.describe(self.choice, "en"):
            log.warning("%s%s", text, f" Fix: {fix}." if fix else "")
        if self.backend == "appindicator" and backends.gnome_without_watcher():
            log.warning("%s Fix: %s.", t("backend.gnome_no_watcher"), t("backend.fix.gnome"))

    def stop(self) -> None:
        log.info("quit: stopping the icon")
        # Armed first: the steps below can themselves wait on a loop that no longer answers
        # (an update in flight, pystray's xorg stop waiting for its loop thread).
        if self.on_stuck is not None and self._watchdog is None and not self.loop_ended.is_set():
            self._watchdog = threading.Timer(QUIT_WAIT, self._loop_stuck)
            self._watchdog.daemon = True
            self._watchdog.start()
        with self._calls:  # waits for an update in flight; none starts after this
            self._stopped = True
        if self.window is not None:
            self.window.close()
        self.icon.stop()
        log.info("quit: the icon stopped")

    def _loop_stuck(self) -> None:
        if self.loop_ended.is_set() or self.on_stuck is None:
            return
        log.warning("quit: the %s loop did not end %.0f s after Quit; leaving without it",
                    self.backend, QUIT_WAIT)
        self.on_stuck()
