"""What the tray starts once its icon is up, on pystray's setup thread: the log file, the
credential loader and the engine (or the demo simulator), the notifier, the menu actions and
the poller thread. None of it is needed to show the last saved numbers, so tray/app.py paints
the icon first and imports this module only then.

The engine runs in a child process per refresh (engine_child.py): the tray loads the
credentials, the child fetches; httpx and the provider modules never enter the tray.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tray_app import APP_NAME, config, logfile
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.keyring_access import ChildKeyring, NoKeyring
from tray_app.engine_child import ChildEngine
from tray_app.i18n import t
from tray_app.monitoring import store
from tray_app.monitoring.history_rules import HISTORY_FILE
from tray_app.monitoring.poller import Poller
from tray_app.outages.model import Outage
from tray_app.outages.watch import OutageWatch, build_watch
from tray_app.tray.actions import Actions
from tray_app.tray.notifier import Notifier

if TYPE_CHECKING:
    from tray_app.tray.app import Launched

log = logging.getLogger(__name__)

DEMO_PAST_ENV = "MYSTATUS_DEMO_PAST"  # "0": the demo tray records no seeded past
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


@dataclass(frozen=True)
class Services:
    engine: ChildEngine
    loader: CredentialLoader
    poller: Poller
    actions: Actions


def _runtime(stack: contextlib.ExitStack, launched: Launched
             ) -> tuple[ChildEngine, CredentialLoader, Callable[[], None] | None]:
    """(engine, loader, before-refresh hook) for the user's accounts or the demo."""
    settings = launched.box.get()
    if launched.demo_dir is None:
        # keyring reads in a child process: `keyring` would stay ~30 MiB in this one
        loader = CredentialLoader(settings, keyring=ChildKeyring())
        return ChildEngine(loader), loader, None
    from tray_app.simulator.demo import bypass_proxy_for_loopback, demo_environment, demo_pat
    from tray_app.simulator.server import Simulator

    bypass_proxy_for_loopback()
    # MYSTATUS_DEMO_SCENARIOS="status-claude=degraded" shows an outage in the demo tray
    sim = stack.enter_context(Simulator(parse_scenarios(os.environ.get(SCENARIOS_ENV, ""))))
    env = demo_environment(sim, launched.demo_dir)
    demo_loader = CredentialLoader(settings, environ=env, pat_store=MemoryPatStore(demo_pat()),
                                   keyring=NoKeyring())
    scenario_file = os.environ.get(SCENARIOS_FILE_ENV, "")

    def apply_scenarios() -> None:
        # The demo's way to script changes (tests, screenshots): edit the file, send SIGUSR1.
        if scenario_file and os.path.exists(scenario_file):
            wanted = parse_scenarios(Path(scenario_file).read_text("utf-8"))
            for prefix in set(sim.scenarios) | set(wanted):
                sim.set_scenario(prefix, wanted.get(prefix, "healthy"))

    engine = ChildEngine(demo_loader, environ=env)
    return engine, demo_loader, apply_scenarios


def collect_refresh_garbage() -> None:
    """A full garbage collection, on the poller thread after each refresh.

    A refresh used to leave ~400 objects in reference cycles in this process (httpx links
    every response and its stream both ways); the fetches now run in the engine child, but
    json's indenting encoder (saved view, debug file) is still a knot of closures. CPython
    collects its oldest generation only once its newcomers exceed a quarter of the objects
    that live there (~45k with GTK, gi and Pillow loaded), so garbage that outlived the young
    generations piled up between full collections and the heap grew to fit it. Collecting
    here frees each refresh's garbage at once (~10 ms, once per refresh).
    """
    gc.collect()


def _outage_watch(stack: contextlib.ExitStack, launched: Launched, environ: Mapping[str, str],
                  notifier: Notifier, poller: Poller) -> OutageWatch:
    """The providers' status pages (outages/): each check's result is announced (one
    notification per incident start and end) and shown at the next render."""
    from tray_app.model import utcnow
    from tray_app.outages.alerts import Announcer
    from tray_app.outages.store import ANNOUNCED_FILE

    announce = Announcer(launched.state_dir / ANNOUNCED_FILE, notifier.notify, launched.lang,
                         utcnow)

    shown: list[tuple[Outage, ...]] = [()]

    def on_result(current: tuple[Outage, ...], answered: frozenset[str]) -> None:
        if current != shown[0]:  # the menu changes only when the outages do
            shown[0] = current
            poller.request_render()
        announce(current, answered)

    watch = build_watch(launched.box.get, launched.state_dir, environ=environ,
                        on_result=on_result, in_child=True)
    stack.callback(watch.close)
    return watch


def start(stack: contextlib.ExitStack, launched: Launched) -> Services:
    """Builds everything behind the icon and starts the poller thread (which refreshes at
    once). Runs on pystray's setup thread; `stack` closes the demo simulator at quit."""
    demo = launched.demo_dir is not None
    logfile.install(demo=demo)
    box, login = launched.box, launched.login
    engine, loader, before_refresh = _runtime(stack, launched)

    def settings_changed(old: config.Settings, new: config.Settings) -> None:
        loader.settings = new  # the engine reads disabled providers etc. from here

    box.on_change.append(settings_changed)
    view_path = launched.state_dir / store.VIEW_FILE
    alerts_path = launched.state_dir / store.ALERTS_FILE
    notifier = Notifier(in_child=True)  # dbus-python stays out of the tray (notifier.py)
    lang = launched.lang
    history_file = launched.state_dir / HISTORY_FILE
    record = samples = None
    if box.get().history_days > 0:  # 0 = no history: SQLite (~1.6 MiB) is not even loaded
        from tray_app.monitoring.history import History

        history = History(
            history_file, retention_days=box.get().history_days, keep_open=True,
            notify=lambda key, params: notifier.notify(APP_NAME, t(key, lang(), **params)),
        )
        record, samples = history.record, history.lookup
        # The demo's History… shows weeks at once (simulator/demo.py); MYSTATUS_DEMO_PAST=0
        # leaves them out, so the forecast sees only what the demo tray itself recorded.
        if demo and os.environ.get(DEMO_PAST_ENV, "1") != "0":
            from tray_app.simulator.demo import with_demo_past

            record = with_demo_past(history.record)  # type: ignore[assignment]
    poller = Poller(
        engine, box, lang=launched.lang, publish=launched.ui.show,
        notify=lambda alert: notifier.notify(alert.title, alert.body, alert.urgency),
        initial=launched.initial, alert_state=store.load_alert_state(alerts_path),
        save_view=lambda v: store.save_view(v, view_path),
        save_alerts=lambda s: store.save_alert_state(s, alerts_path),
        before_refresh=before_refresh,
        after_refresh=collect_refresh_garbage,
        record=record,
        samples=samples,
        outages=lambda: watch.current,
    )
    watch = _outage_watch(stack, launched, engine.environ, notifier, poller)
    engine.on_discovered = watch.poke  # the status pages are asked beside the refresh
    actions = Actions(
        settings=box, poller=poller, loader=loader, notify=notifier.notify,
        quit=launched.quit, lang=launched.lang,
        save_settings=(lambda s: None) if demo else config.save, autostart=login,
        history_file=history_file,
    )
    ui = launched.ui
    ui.loader, ui.poller, ui.samples = loader, poller, samples
    if launched.instance is not None:
        launched.instance.on_refresh(poller.request_refresh)  # a second launch = "refresh now"
    poller.start()
    return Services(engine, loader, poller, actions)
