"""The tray app's wiring. `run_tray()` is what `mystatus-tray` (no command) runs.

Launch order, for an icon with the last known numbers as soon as possible: settings, the
single-instance claim, the saved view → the first icon and menu → the pystray icon. Only then,
on pystray's setup thread, once the toolkit has shown the icon and STARTUP_SETTLE has passed,
`tray/services.py` imports and starts the rest (log file, engine, poller, notifier, actions).
Menu clicks that arrive before that are dropped, except Quit.

Thread map: main thread = toolkit loop (`Icon.run`) and menu callbacks; "poller" = every
refresh and every icon/menu update; short "tray-action" threads = dialog, keyring, browser.
POSIX signals (tray/signals.py): SIGUSR1 = refresh now; SIGTERM/SIGINT/SIGHUP = quit cleanly.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tray_app import APP_NAME, autostart, config, paths, single_instance
from tray_app.autostart import Autostart
from tray_app.errors import one_line
from tray_app.i18n import detect_language, t
from tray_app.monitoring import store
from tray_app.monitoring.view import TrayView
from tray_app.single_instance import Instance
from tray_app.tray import heap, lean, signals
from tray_app.tray.menu import without_submenus
from tray_app.tray.pystray_adapter import TrayIcon, TrayUnavailable
from tray_app.tray.settings_box import SettingsBox, mirror_autostart
from tray_app.tray.ui import TrayUI

if TYPE_CHECKING:
    from tray_app.tray.services import Services

log = logging.getLogger(__name__)

STOP_WAIT = 1.0  # seconds to wait at quit for a refresh in flight
# Seconds between the toolkit showing the icon and the services starting. The tray host is
# still docking and drawing the icon then; the services' imports and the first refresh
# (httpx, TLS, 7 requests, a new icon) would compete with it for the CPU: measured 30 ms
# later pixels on 2 cores with 0 s, none with 0.15 s or more. The fresh numbers follow the
# saved ones 0.25 s later, which nobody sees; the saved ones show sooner.
STARTUP_SETTLE = 0.25


@dataclass(frozen=True)
class Launched:
    """What the first paint made (tray/app.py), handed to the services."""

    box: SettingsBox
    lang: Callable[[], str]
    ui: TrayUI
    initial: TrayView
    state_dir: Path
    demo_dir: Path | None  # the demo's temporary dir (its credentials live there), or None
    instance: Instance | None
    login: Autostart | None  # this OS's start-at-login backend (None: none, or the demo)
    quit: Callable[[], None]


class Starter:
    """Starts the services on pystray's setup thread and stands in for them until then."""

    def __init__(self, stack: contextlib.ExitStack, launched: Launched) -> None:
        self._stack = stack
        self._launched = launched
        self._done = threading.Event()
        self._quitting = threading.Event()
        self.services: Services | None = None
        self.failed: str = ""

    def start(self) -> None:
        try:
            if self._quitting.wait(STARTUP_SETTLE):
                return  # quit before anything started: nothing to start
            from tray_app.tray import services

            self.services = services.start(self._stack, self._launched)
        except Exception as exc:  # a bug or a broken install: say so and quit, not hang
            log.exception("the tray could not start its services")
            self.failed = one_line(exc)
            self._launched.quit()
        finally:
            self._done.set()

    def dispatch(self, action: str) -> None:
        """Menu callback (UI thread)."""
        if self.services is not None:
            self.services.actions.dispatch(action)
        elif action == "quit":
            self._launched.quit()
        else:
            log.info("menu item %r ignored: the tray is still starting", action)

    def request_refresh(self) -> None:
        if self.services is not None:  # before that, the first refresh is about to run
            self.services.poller.request_refresh()

    def stop(self) -> bool:
        """After the toolkit loop ended: stop the poller; True when everything has stopped
        (False: a fetch is still waiting on the network)."""
        self._quitting.set()
        self._done.wait(timeout=10)  # a quit during start: let the services finish starting
        services = self.services
        if services is None:
            return True
        services.poller.stop()
        services.engine.close()  # a refresh under way ends now: its child is killed
        return services.poller.join(timeout=STOP_WAIT)


def run_tray(*, demo: bool, lang: str | None) -> int:
    heap.limit_arenas()  # first: before any thread of ours starts (see heap.py)
    lean.keep_tls_out()  # before the toolkit: no OpenSSL in the tray (see lean.py)
    # The demo, like `status --demo`, neither reads nor writes the user's config and state:
    # its settings live in memory and its saved view / alert state in its temporary dir.
    if demo:
        from tray_app.simulator.demo import demo_settings

        loaded = config.LoadedSettings(demo_settings(), Path())
    else:
        loaded = config.load()
    box = SettingsBox(loaded.settings)
    explicit: list[str | None] = [lang]

    def current_lang() -> str:
        return detect_language(explicit[0], box.get().language)

    def language_changed(old: config.Settings, new: config.Settings) -> None:
        if old.language != new.language:
            explicit[0] = None  # a language picked in the menu beats --lang

    box.on_change.append(language_changed)

    # Before anything else starts: a second launch only pokes the running tray and leaves.
    instance, running = single_instance.claim(single_instance.instance_key(demo))
    if running is not None:
        key = "tray.already_running" if running.answered else "tray.already_running_silent"
        print(t(key, current_lang(), pid=running.pid or "?"), file=sys.stderr)
        return 0 if running.answered else 1

    with contextlib.ExitStack() as stack:
        if instance is not None:
            stack.callback(instance.close)
        demo_dir = (Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mystatus-demo-")))
                    if demo else None)
        state_dir = demo_dir / "state" if demo_dir is not None else paths.state_dir()
        initial = store.load_view(state_dir / store.VIEW_FILE) or TrayView()
        if loaded.notice:
            initial = replace(initial, notices=(*initial.notices, loaded.notice))
        ui = TrayUI(box, current_lang, demo=demo)
        login = None if demo else autostart.for_platform()  # the demo never touches them
        ui.autostart_available = login is not None
        if login is not None:
            mirror_autostart(box, login, config.save)
        holder: list[TrayIcon] = []
        launched = Launched(box=box, lang=current_lang, ui=ui, initial=initial,
                            state_dir=state_dir, demo_dir=demo_dir, instance=instance,
                            login=login, quit=lambda: holder[0].stop() if holder else None)
        starter = Starter(stack, launched)
        # The last saved numbers at once (marked stale), before the first refresh returns.
        # The menu's submenus (accounts, settings: ~140 items) come with the first update,
        # when the services start: an SNI host is sent the whole menu over D-Bus before it
        # shows the icon, and that delayed the icon by ~15 ms.
        state, image, entries = ui.compose(initial)
        entries = without_submenus(entries)
        try:
            icon = TrayIcon(APP_NAME, image, state.tooltip or APP_NAME, entries,
                            starter.dispatch)
        except TrayUnavailable as exc:
            print(t("tray.unavailable", current_lang(), detail=exc), file=sys.stderr)
            return 1
        holder.append(icon)
        ui.icon = icon
        ui.write_debug(initial, state, entries)
        signals.install(starter.request_refresh, icon.stop, wake_fd=icon.backend == "xorg")
        leaving = threading.Lock()  # the cleanup runs once: here, or on the quit watchdog

        def leave_without_the_loop() -> None:
            # Quit was asked and the toolkit's loop did not end (pystray_adapter.QUIT_WAIT):
            # the same cleanup as below, from the watchdog thread, then leave.
            if not leaving.acquire(blocking=False):
                return
            starter.stop()
            stack.close()
            _leave_now()

        icon.on_stuck = leave_without_the_loop
        icon.run(setup=starter.start)
        if not leaving.acquire(blocking=False):  # the watchdog is leaving already
            threading.Event().wait()
        log.info("quit: the toolkit loop ended")
        finished = starter.stop()
        log.info("quit: services stopped (%s)", "all" if finished else "a fetch in flight")
    if starter.failed:
        print(t("tray.start_failed", current_lang(), detail=starter.failed), file=sys.stderr)
        return 1
    if not finished:
        # The poller has not ended within STOP_WAIT: its refresh's child was killed, but the
        # thread may still wait on another child (the keyring's, a notification's, up to
        # their timeouts). The interpreter would join it at exit and linger invisibly after
        # "Quit"; the cleanup above has run, so leave now.
        log.info("quitting with a refresh in flight")
        _leave_now()
    return 0


def _leave_now() -> None:
    """Exit at once, the cleanup done: the log flushed, no thread joined (a stuck toolkit
    loop or a refresh in flight must not keep the process alive after Quit)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """`python -m tray_app.tray.app [--demo] [--lang xx]` (the CLI's tray entry, standalone)."""
    parser = argparse.ArgumentParser(prog="python -m tray_app.tray.app")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--lang", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    return run_tray(demo=args.demo, lang=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
