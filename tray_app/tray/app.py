"""The tray app's wiring: settings, engine (or the demo simulator), poller thread, pystray icon
on the main thread, notifier, actions. `run_tray()` is what `mystatus-tray` (no command) runs.

Thread map: main thread = toolkit loop (`Icon.run`) and menu callbacks; "poller" = every
refresh and every icon/menu update; short "tray-action" threads = dialog, keyring, browser.
POSIX signals: SIGUSR1 = refresh now; SIGTERM/SIGINT/SIGHUP = quit cleanly.
Debug hook: env MYSTATUS_DEBUG_STATE_FILE = path of a JSON file rewritten on every update
with the icon state, the menu texts and the backend (used by the desktop tests).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from pathlib import Path

from PIL import Image

from tray_app import APP_NAME, autostart, config, logfile, paths, single_instance
from tray_app.cli.common import demo_settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import QuotaError
from tray_app.i18n import detect_language, t
from tray_app.model import Snapshot, utcnow
from tray_app.tray import dialog, store
from tray_app.tray.actions import Actions, mirror_autostart
from tray_app.tray.icon import IconState, icon_state, render
from tray_app.tray.menu import MenuEntry, build_menu
from tray_app.tray.notifier import Notifier
from tray_app.tray.poller import Poller, SettingsBox
from tray_app.tray.pystray_adapter import DEFAULT_ICON_SIZE, TrayIcon, TrayUnavailable
from tray_app.tray.view import TrayView

log = logging.getLogger(__name__)

DEBUG_ENV = "MYSTATUS_DEBUG_STATE_FILE"
SCENARIOS_ENV = "MYSTATUS_DEMO_SCENARIOS"  # "zhipu=high,zai=http_500": demo start scenarios
SCENARIOS_FILE_ENV = "MYSTATUS_DEMO_SCENARIOS_FILE"  # same syntax, re-read before each refresh


def parse_scenarios(text: str) -> dict[str, str]:
    """"zhipu=high, zai=http_500" → {"zhipu": "high", "zai": "http_500"} (bad items skipped)."""
    out: dict[str, str] = {}
    for item in text.replace("\n", ",").split(","):
        prefix, sep, scenario = item.partition("=")
        if sep and prefix.strip() and scenario.strip():
            out[prefix.strip()] = scenario.strip()
    return out


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

    def __init__(self, settings: SettingsBox, lang: Callable[[], str], loader: CredentialLoader,
                 *, demo: bool = False) -> None:
        self.settings = settings
        self.lang = lang
        self.loader = loader
        self.demo = demo
        self.icon: TrayIcon | None = None
        self.poller: Poller | None = None
        self.updates = 0
        self._can_read_pat = False  # the keyring is read on the poller thread, not at paint
        self._tk = dialog.tk_available()
        self.autostart_available = False  # set by run_tray when this OS has a backend
        debug = os.environ.get(DEBUG_ENV, "")
        self.debug_path = Path(debug) if debug else None

    def _pat_present(self) -> bool:
        if not self._can_read_pat:
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
        )
        return state, render(state, size), tuple(entries)

    def show(self, view: TrayView) -> None:
        """Called by the poller (its thread) for every published view."""
        self._can_read_pat = True
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


class LazyEngine:
    """The engine, built on the poller thread's first refresh (httpx, its TLS context and
    the fetch pool cost ~70 ms): the icon with the last saved numbers does not wait for it.
    `refresh` is called by the poller thread only; `close` after that thread has stopped."""

    def __init__(self, build: Callable[[], Engine]) -> None:
        self._build = build
        self._engine: Engine | None = None

    def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
        if self._engine is None:
            self._engine = self._build()
        return self._engine.refresh(only)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()


def _runtime(stack: contextlib.ExitStack, settings: config.Settings, demo: bool
             ) -> tuple[LazyEngine, CredentialLoader, Path | None, Callable[[], None] | None]:
    """(engine, loader, state dir or None = the user's, before-refresh hook)."""
    if not demo:
        loader = CredentialLoader(settings)
        return LazyEngine(lambda: Engine(loader)), loader, None, None
    from tray_app.simulator.demo import bypass_proxy_for_loopback, demo_environment, demo_pat
    from tray_app.simulator.server import Simulator

    bypass_proxy_for_loopback()
    sim = stack.enter_context(Simulator(parse_scenarios(os.environ.get(SCENARIOS_ENV, ""))))
    workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mystatus-demo-")))
    env = demo_environment(sim, workdir)
    loader = CredentialLoader(settings, environ=env, pat_store=MemoryPatStore(demo_pat()))
    scenario_file = os.environ.get(SCENARIOS_FILE_ENV, "")

    def apply_scenarios() -> None:
        # The demo's way to script changes (tests, screenshots): edit the file, send SIGUSR1.
        if scenario_file and os.path.exists(scenario_file):
            wanted = parse_scenarios(Path(scenario_file).read_text("utf-8"))
            for prefix in set(sim.scenarios) | set(wanted):
                sim.set_scenario(prefix, wanted.get(prefix, "healthy"))

    engine = LazyEngine(lambda: Engine(loader, environ=env))
    return engine, loader, workdir / "state", apply_scenarios


def run_tray(*, demo: bool, lang: str | None) -> int:
    # The demo, like `status --demo`, neither reads nor writes the user's config and state:
    # its settings live in memory and its saved view / alert state in its temporary dir.
    loaded = config.LoadedSettings(demo_settings(), Path()) if demo else config.load()
    box = SettingsBox(loaded.settings)
    explicit: list[str | None] = [lang]

    def current_lang() -> str:
        return detect_language(explicit[0], box.get().language)

    # Before anything else starts: a second launch only pokes the running tray and leaves.
    instance, running = single_instance.claim(single_instance.instance_key(demo))
    if running is not None:
        key = "tray.already_running" if running.answered else "tray.already_running_silent"
        print(t(key, current_lang(), pid=running.pid or "?"), file=sys.stderr)
        return 0 if running.answered else 1
    logfile.install(demo=demo)
    # The demo never touches the user's login items.
    login = None if demo else autostart.for_platform()
    if login is not None:
        mirror_autostart(box, login, config.save)

    with contextlib.ExitStack() as stack:
        if instance is not None:
            stack.callback(instance.close)
        engine, loader, state_dir, before_refresh = _runtime(stack, box.get(), demo)

        def settings_changed(old: config.Settings, new: config.Settings) -> None:
            loader.settings = new  # the engine reads disabled providers etc. from here
            if old.language != new.language:
                explicit[0] = None  # a language picked in the menu beats --lang

        box.on_change.append(settings_changed)
        view_path = (state_dir or paths.state_dir()) / "last_view.json"
        alerts_path = view_path.with_name("alerts.json")
        initial = store.load_view(view_path) or TrayView()
        if loaded.notice:
            initial = replace(initial, notices=(*initial.notices, loaded.notice))
        ui = TrayUI(box, current_lang, loader, demo=demo)
        notifier = Notifier()
        poller = Poller(
            engine, box, lang=current_lang, publish=ui.show,
            notify=lambda alert: notifier.notify(alert.title, alert.body),
            initial=initial, alert_state=store.load_alert_state(alerts_path),
            save_view=lambda v: store.save_view(v, view_path),
            save_alerts=lambda s: store.save_alert_state(s, alerts_path),
            before_refresh=before_refresh,
        )
        ui.poller = poller
        ui.autostart_available = login is not None
        if instance is not None:
            instance.on_refresh(poller.request_refresh)  # a second launch = "refresh now"
        holder: list[TrayIcon] = []
        actions = Actions(
            settings=box, poller=poller, loader=loader, notify=notifier.notify,
            quit=lambda: holder[0].stop() if holder else None, lang=current_lang,
            save_settings=(lambda s: None) if demo else config.save, autostart=login,
        )
        # The last saved numbers at once (marked stale), before the first refresh returns.
        state, image, entries = ui.compose(initial)
        try:
            icon = TrayIcon(APP_NAME, image, state.tooltip or APP_NAME, entries, actions.dispatch)
        except TrayUnavailable as exc:
            print(t("tray.unavailable", current_lang(), detail=exc), file=sys.stderr)
            engine.close()
            return 1
        holder.append(icon)
        ui.icon = icon
        ui.write_debug(initial, state, entries)
        _install_signals(poller, icon)
        icon.run(setup=poller.start)
        poller.stop()
        finished = poller.join(timeout=1.0)
        if finished:
            engine.close()
    if not finished:
        # A fetch is still waiting on the network (up to the HTTP timeout). The interpreter
        # would join the engine's pool threads at exit and linger invisibly after "Quit";
        # the cleanup above has run, so leave now.
        log.info("quitting with a refresh in flight")
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    return 0


def _install_signals(poller: Poller, icon: TrayIcon) -> None:
    # PyGObject's main loop wakes up for Python signal handlers, so these run promptly.
    if hasattr(signal, "SIGUSR1"):
        # The handler runs on the main thread, which may be inside request_render() holding
        # the poller's lock: hand the request to a short thread instead of taking it here.
        def on_usr1(*_: object) -> None:
            threading.Thread(target=poller.request_refresh, name="sigusr1", daemon=True).start()

        signal.signal(signal.SIGUSR1, on_usr1)
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: icon.stop())


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
