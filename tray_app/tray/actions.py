"""Menu action id → effect: settings (saved at once), refresh, copy, dashboard, token, quit.

`dispatch` is called on the toolkit's thread (a menu click), so it never blocks: settings
are a small file write, HTTP is left to the poller (`request_refresh`), and anything that can
wait on the user or the OS (the token dialog, the keyring, the browser) runs on a short-lived
worker thread. The keyring is touched only here, on a user action (never on a timer).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from tray_app import APP_NAME, config
from tray_app.config import REFRESH_CHOICES, Settings
from tray_app.credentials.copilot_pat import PatStore
from tray_app.errors import QuotaError
from tray_app.i18n import LANGUAGES, error_text, t
from tray_app.model import utcnow
from tray_app.monitoring import store
from tray_app.monitoring.history_rules import HISTORY_FILE
from tray_app.monitoring.view import TrayView
from tray_app.secrets import Secret, scrub
from tray_app.tray import dialog
from tray_app.tray.settings_box import SettingsBox

log = logging.getLogger(__name__)

NOTIFY_FIELDS = {
    "high": "notify_high_usage",
    "exhausted": "notify_exhausted",
    "available": "notify_available",
    "token_expiry": "notify_token_expiry",
    "runout": "notify_runout",
}


class PollerLike(Protocol):
    @property
    def view(self) -> TrayView: ...
    def request_refresh(self) -> None: ...
    def request_render(self) -> None: ...


class AutostartLike(Protocol):
    """tray_app.autostart.Autostart, as far as the menu needs it."""

    def enable(self) -> Any: ...
    def disable(self) -> bool: ...
    def status(self) -> Any: ...


class LoaderLike(Protocol):
    @property
    def pat_store(self) -> PatStore: ...
    def invalidate_pat(self) -> None: ...
    def retry_pat_if_failed(self) -> None: ...


def apply_setting(settings: Settings, action: str) -> Settings | None:
    """The settings after a settings action, or None if `action` is not one (or invalid)."""
    kind, _, arg = action.partition(":")
    if kind == "interval" and arg.isdigit() and int(arg) in REFRESH_CHOICES:
        return replace(settings, refresh_minutes=int(arg))
    if kind == "threshold" and arg.isdigit() and 1 <= int(arg) <= 100:
        return replace(settings, threshold=int(arg))
    if kind == "show" and arg in ("used", "remaining"):
        return replace(settings, show=arg)
    if kind == "pin":
        return replace(settings, pinned=arg)
    if kind == "notify" and arg in NOTIFY_FIELDS:
        name = NOTIFY_FIELDS[arg]
        flags: dict[str, Any] = {name: not getattr(settings, name)}
        return replace(settings, **flags)
    if kind == "lang" and arg in ("", *LANGUAGES):
        return replace(settings, language=arg)
    if kind == "autostart" and not arg:
        return replace(settings, autostart=not settings.autostart)
    if kind == "provider" and arg:
        disabled = set(settings.disabled_providers)
        disabled.symmetric_difference_update({arg})
        return replace(settings, disabled_providers=tuple(sorted(disabled)))
    return None


def copy_to_clipboard(text: str) -> bool:
    """Put `text` on the clipboard; False if there is no way to here."""
    if "gi.repository.Gtk" in sys.modules:
        # A GTK tray (gtk/appindicator backends): we run on its loop's thread; GTK keeps
        # owning the selection after we return, which a short-lived Tk window would not.
        try:
            from gi.repository import Gdk, Gtk

            clipboard = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD)
            clipboard.set_text(text, -1)
            clipboard.store()
            return True
        except Exception as exc:
            log.info("GTK clipboard failed: %s", exc)
    for cmd in (["pbcopy"], ["wl-copy"], ["xclip", "-selection", "clipboard"],
                ["xsel", "--clipboard", "--input"]):
        if shutil.which(cmd[0]):
            try:
                subprocess.run(cmd, input=text.encode("utf-8"), timeout=5, check=True)
                return True
            except (OSError, subprocess.SubprocessError) as exc:
                log.info("%s failed: %s", cmd[0], exc)
    if sys.platform == "win32":  # Windows keeps Tk's clipboard data after the window is gone
        try:
            import tkinter

            root = tkinter.Tk()
            root.withdraw()
            root.clipboard_clear()
            root.clipboard_append(text)
            root.update()
            root.destroy()
            return True
        except Exception as exc:
            log.info("Tk clipboard failed: %s", exc)
    return False


def _in_thread(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="tray-action", daemon=True).start()


def status_text(view: TrayView, settings: Settings, lang: str, now: datetime) -> str:
    """The text report of what the tray shows (the `status` command's format), with the
    numbers kept from an earlier refresh marked stale (their age) with the error that
    keeps them from being current."""
    from tray_app.report.text import Stale, render_text

    stale = {p.usage.id: Stale(p.last_success, p.stale_accounts, p.error)
             for p in view.providers if p.stale}
    return render_text(view.snapshot(), lang=lang, now=now, threshold=settings.threshold,
                       stale=stale)


def _open_in_browser(url: str) -> bool:
    import webbrowser  # on a click: the tray keeps no browser table in memory until then

    return webbrowser.open(url)


def _show_chart(db: Path, lang: str, threshold: float) -> None:
    from tray_app.charts import launch  # on a click (the chart itself runs in a child)

    launch.show_chart(db, lang, threshold)


class Actions:
    def __init__(
        self,
        *,
        settings: SettingsBox,
        poller: PollerLike,
        loader: LoaderLike,
        notify: Callable[[str, str], object],
        quit: Callable[[], None],
        lang: Callable[[], str],
        clock: Callable[[], datetime] = utcnow,
        clipboard: Callable[[str], bool] = copy_to_clipboard,
        open_url: Callable[[str], object] = _open_in_browser,
        run_bg: Callable[[Callable[[], None]], None] = _in_thread,
        ask_token: Callable[[str], Secret | None] = dialog.ask_token,
        tk_available: Callable[[], bool] = dialog.tk_available,
        save_settings: Callable[[Settings], object] = config.save,
        autostart: AutostartLike | None = None,
        history_file: Path | None = None,
        show_chart: Callable[[Path, str, float], None] = _show_chart,
    ) -> None:
        self.settings = settings
        self.poller = poller
        self.loader = loader
        self.notify = notify
        self.quit = quit
        self.lang = lang
        self.clock = clock
        self.clipboard = clipboard
        self.open_url = open_url
        self.run_bg = run_bg
        self.ask_token = ask_token
        self.tk_available = tk_available
        self.save_settings = save_settings
        self.autostart = autostart  # None: no start-at-login backend (or the demo)
        self.history_file = history_file  # the usage history (monitoring/history.py)
        self.show_chart = show_chart  # a child process: matplotlib never enters the tray

    def dispatch(self, action: str) -> None:
        kind, _, arg = action.partition(":")
        if action == "refresh":
            # a user action: a keyring that was still locked at login is read again, once
            self.loader.retry_pat_if_failed()
            self.poller.request_refresh()
        elif action == "quit":
            self.quit()
        elif action == "copy":
            self._copy()
        elif kind == "open":
            self._open(arg)
        elif action == "token:set":
            self._token_set()
        elif action == "token:remove":
            self.run_bg(self._token_remove)
        elif action == "history":
            self._history()
        elif action == "autostart" and self.autostart is not None:
            self._toggle_autostart(self.autostart)
        else:
            new = apply_setting(self.settings.get(), action)
            if new is None:
                log.warning("unknown menu action %r", action)
                return
            self._change(new, refresh=kind == "provider")

    # ------------------------------------------------------------ effects
    def _change(self, new: Settings, *, refresh: bool) -> None:
        try:
            self.save_settings(new)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            self.notify(APP_NAME, t("tray.settings_failed", self.lang(), detail=detail))
        self.settings.set(new)  # applies even when it could not be saved
        if refresh:  # a provider was switched on or off: fetch (or drop) it now
            self.poller.request_refresh()
        else:
            self.poller.request_render()

    def _toggle_autostart(self, backend: AutostartLike) -> None:
        # From the real state, not the setting; then the setting mirrors what really is.
        try:
            if backend.status().enabled:
                backend.disable()
            else:
                backend.enable()
        except OSError as exc:
            detail = exc.strerror or str(exc)
            self.notify(APP_NAME, t("tray.autostart_failed", self.lang(), detail=detail))
        try:
            real = bool(backend.status().enabled)
        except OSError:
            real = self.settings.get().autostart
        self._change(replace(self.settings.get(), autostart=real), refresh=False)

    def _copy(self) -> None:
        lang, settings = self.lang(), self.settings.get()
        text = status_text(self.poller.view, settings, lang, self.clock())
        if self.clipboard(text):
            self.notify(APP_NAME, t("tray.copied", lang))
            return
        path = store.state_file("status.txt")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            log.warning("could not save the status text: %s", exc)
            return
        self.notify(APP_NAME, t("tray.copy_failed", lang, path=path))

    def _history(self) -> None:
        lang = self.lang()
        path = self.history_file or store.state_file(HISTORY_FILE)
        threshold = float(self.settings.get().threshold)

        def work() -> None:
            from tray_app.charts.launch import ChartUnavailable

            try:
                self.show_chart(path, lang, threshold)
            except ChartUnavailable as exc:
                log.info("history chart unavailable: %s", exc.reason)
                self.notify(APP_NAME, t(exc.key, lang, reason=exc.reason, path=path))

        self.run_bg(work)

    def _open(self, url: str) -> None:
        if not url.startswith(("https://", "http://")):
            log.warning("refusing to open %r", scrub(url))
            return
        self.run_bg(lambda: None if self.open_url(url) else log.info("no browser for %s", url))

    def _token_set(self) -> None:
        lang = self.lang()
        if not self.tk_available():
            self.notify(t("tray.token.title", lang), t("tray.token.cli", lang))
            return

        def work() -> None:
            try:
                secret = self.ask_token(lang)
            except dialog.DialogUnavailable as exc:
                log.info("token dialog unavailable: %s", exc)
                self.notify(t("tray.token.title", lang), t("tray.token.cli", lang))
                return
            if secret is None:
                return  # cancelled
            try:
                self.loader.pat_store.set(secret)
            except QuotaError as exc:
                self.notify(*error_text(exc.info, lang))
                return
            self._token_changed(t("tray.token.saved", lang))

        self.run_bg(work)

    def _token_remove(self) -> None:
        lang = self.lang()
        try:
            removed = self.loader.pat_store.delete()
        except QuotaError as exc:
            self.notify(*error_text(exc.info, lang))
            return
        self._token_changed(t("tray.token.removed" if removed else "tray.token.absent", lang))

    def _token_changed(self, message: str) -> None:
        # The loader read the keyring once at start; make it read it again, once, now.
        self.loader.invalidate_pat()
        self.poller.request_refresh()
        self.notify(t("tray.token.title", self.lang()), message)
