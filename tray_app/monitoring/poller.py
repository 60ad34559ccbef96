"""The tray's one background thread: engine refresh → state.merge → alerts → publish → save.

Threading contract: `Poller.run()` is the only code that calls the engine; the UI thread only
sets flags (`request_refresh`, `request_render`, `stop`) and reads `view`, an immutable
`TrayView` published by swapping one reference. `publish` and `notify` run on this thread.
The clock and the wait are injected, so tests drive hours of schedule without sleeping.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from tray_app.config import Settings
from tray_app.model import Snapshot, utcnow
from tray_app.monitoring.alerts import Alert, AlertState, decide, summarize
from tray_app.monitoring.pace import SampleLookup
from tray_app.monitoring.state import Policy, due_providers, merge, next_wakeup
from tray_app.monitoring.view import TrayView
from tray_app.outages.model import Outage
from tray_app.providers.names import PROVIDER_IDS
from tray_app.secrets import scrub
from tray_app.tray.settings_box import SettingsBox

log = logging.getLogger(__name__)

# Waits are cut into naps of at most this length and the wall clock is re-read after each:
# the monotonic clock behind Event.wait stops during suspend, the wall clock does not.
MAX_NAP = 60.0
# Never refresh again sooner than this after a refresh, whatever the schedule says (no spin).
MIN_GAP = 5.0
# A nap that took this much longer on the wall clock than asked means the machine slept.
WAKE_JUMP = 90.0
# After a wake the network is often not up yet: wait this long, then refresh once.
WAKE_SETTLE = 10.0
# If the engine itself blows up (a bug, not a provider error), try again after this long.
CRASH_RETRY = 300.0


class EngineLike(Protocol):
    def refresh(self, only: Iterable[str] | None = None) -> Snapshot: ...


Sleeper = Callable[[threading.Event, float], object]  # wait on the event up to n seconds


def _event_wait(event: threading.Event, seconds: float) -> object:
    return event.wait(seconds)


class Poller:
    def __init__(
        self,
        engine: EngineLike,
        settings: SettingsBox,
        *,
        lang: Callable[[], str],
        publish: Callable[[TrayView], None],
        notify: Callable[[Alert], object],
        initial: TrayView | None = None,
        alert_state: AlertState | None = None,
        save_view: Callable[[TrayView], None] | None = None,
        save_alerts: Callable[[AlertState], None] | None = None,
        before_refresh: Callable[[], None] | None = None,
        after_refresh: Callable[[], object] | None = None,
        record: Callable[[Snapshot, datetime], object] | None = None,
        samples: Callable[[datetime], SampleLookup | None] | None = None,
        provider_ids: Sequence[str] = PROVIDER_IDS,
        clock: Callable[[], datetime] = utcnow,
        sleeper: Sleeper = _event_wait,
        policy: Policy | None = None,
        outages: Callable[[], tuple[Outage, ...]] | None = None,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._lang = lang
        self._publish = publish
        self._notify = notify
        self._delivered = False  # no fresh numbers judged yet by this process (start-up)
        self._view = initial or TrayView()
        self._alerts = alert_state or AlertState()
        self._save_view = save_view
        self._save_alerts = save_alerts
        self._before_refresh = before_refresh
        self._after_refresh = after_refresh  # once per cycle that refreshed, even a failed one
        self._record = record  # the usage history (monitoring/history.py); never a dependency
        self._samples = samples  # now → the history's cycle samples, for the run-out forecast
        self._provider_ids = tuple(provider_ids)
        self._clock = clock
        self._sleeper = sleeper
        self._policy = policy or Policy()
        self._outages = outages  # the status pages' latest (outages/watch.py), shown with it
        self._wake = threading.Event()  # set by any request: cuts the current wait short
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._want_refresh = True  # the first cycle refreshes everything at once
        self._want_render = False
        self._last_refresh: datetime | None = None
        self._wake_at: datetime | None = None
        self._thread: threading.Thread | None = None
        self.refreshes = 0  # completed engine refreshes (debug state, tests)

    # ------------------------------------------------------------ called from any thread
    @property
    def view(self) -> TrayView:
        return self._view

    @property
    def alert_state(self) -> AlertState:
        return self._alerts

    @property
    def wake_at(self) -> datetime | None:
        return self._wake_at

    def request_refresh(self) -> None:
        """"Refresh now": everything, at once. Any thread may call it (the lock is held only
        for a flag flip); a signal handler hands it to a thread (see tray/signals.py)."""
        with self._lock:
            self._want_refresh = True
        self._wake.set()

    def request_render(self) -> None:
        """Settings changed: publish the current view again and recompute the schedule."""
        with self._lock:
            self._want_render = True
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="poller", daemon=True)
        self._thread.start()

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    # ------------------------------------------------------------ the poller thread
    def run(self) -> None:
        while not self._stop.is_set():
            try:
                self._cycle()
            except Exception as exc:  # a bug in one cycle must not freeze the icon for good
                log.error("poller cycle failed: %s", scrub(repr(exc)))
                self._wake_at = self._clock() + timedelta(seconds=CRASH_RETRY)
            self._nap()

    def _cycle(self) -> None:
        now = self._clock()
        with self._lock:
            forced, self._want_refresh = self._want_refresh, False
            render, self._want_render = self._want_render, False
        if forced or (self._wake_at is not None and now >= self._wake_at):
            try:
                self.refresh_once(full=forced)
            finally:
                if self._after_refresh is not None:
                    self._after_refresh()
        elif render:
            self._wake_at = self._schedule(self._view, now)
            self._set_view(replace(self._view, next_refresh_at=self._wake_at))

    def _nap(self) -> None:
        """Wait until the next wake-up, a request or stop, one short nap at a time."""
        if self._wake.is_set() or self._stop.is_set():
            self._wake.clear()
            return
        now = self._clock()
        target = self._wake_at or now + timedelta(seconds=MAX_NAP)
        nap = min(MAX_NAP, max(0.0, (target - now).total_seconds()))
        self._sleeper(self._wake, nap)
        woke = self._wake.is_set()
        self._wake.clear()
        slept = (self._clock() - now).total_seconds()
        if not woke and slept > nap + WAKE_JUMP and not self._stop.is_set():
            # Resumed from suspend: let the network come back, then one refresh (the wall
            # clock is past the schedule now), instead of a burst of failing ones.
            log.info("clock jumped %.0f s (suspend/resume?): refreshing once", slept - nap)
            self._sleeper(self._wake, WAKE_SETTLE)
            self._wake.clear()
            self._wake_at = min(self._wake_at or self._clock(), self._clock())

    def _select(self, now: datetime, full: bool) -> list[str] | None:
        """Providers to fetch: None = all; else the known ones not backing off plus any the
        view does not know yet (a newly configured account)."""
        if full:
            return None
        view = self._view
        known = {p.usage.id for p in view.providers}
        if all(p.retry_at is None or p.retry_at <= now for p in view.providers):
            return None
        due = due_providers(view, now)
        return [pid for pid in self._provider_ids if pid in due or pid not in known]

    def refresh_once(self, *, full: bool = False) -> TrayView:
        """One cycle; `full` (refresh now, first run) ignores backoff. Returns the new view."""
        now = self._clock()
        only = self._select(now, full)
        if only == []:
            # Everything is backing off: sleep until the first retry. (The regular interval
            # is already past here, so next_wakeup alone would say "now" and we would spin.)
            retries = [p.retry_at for p in self._view.providers if p.retry_at and p.retry_at > now]
            first = min(retries, default=now + timedelta(seconds=MAX_NAP))
            self._wake_at = max(self._schedule(self._view, now), first)
            return self._view
        if full:
            self._set_view(replace(self._view, refreshing=True))
        if self._before_refresh is not None:
            try:
                self._before_refresh()
            except Exception as exc:  # a demo hook must never stop the tray
                log.warning("before_refresh failed: %s", scrub(repr(exc)))
        try:
            snapshot = self._engine.refresh(only=only)
        except Exception as exc:  # the engine reports provider failures as data; this is a bug
            if self._stop.is_set():  # quitting: the refresh under way was cut short on purpose
                log.info("refresh stopped: quitting")
                return self._view
            log.error("refresh failed: %s", scrub(repr(exc)))
            now = self._clock()
            self._wake_at = now + timedelta(seconds=CRASH_RETRY)
            self._set_view(replace(self._view, refreshing=False, next_refresh_at=self._wake_at))
            return self._view
        now = self._clock()
        self.refreshes += 1
        self._last_refresh = now
        if self._record is not None:
            try:
                self._record(snapshot, now)
            except Exception as exc:  # History.record does not raise; a bug must not either
                log.error("recording the history failed: %s", scrub(repr(exc)))
        settings = self._settings.get()
        view = merge(self._view, snapshot, now, self._policy)
        self._wake_at = self._schedule(view, now)
        view = replace(view, next_refresh_at=self._wake_at)
        self._set_view(view)
        self._deliver(view, settings, now)
        if self._save_view is not None:
            try:
                self._save_view(view)
            except OSError as exc:
                log.warning("could not save the last view: %s", exc)
        return view

    def _schedule(self, view: TrayView, now: datetime) -> datetime:
        wake = next_wakeup(view, self._settings.get(), now)
        floor = (self._last_refresh or now) + timedelta(seconds=MIN_GAP)
        return max(wake, floor)

    def _set_view(self, view: TrayView) -> None:
        if self._outages is not None:
            view = replace(view, outages=self._outages())
        self._view = view  # the one reference swap readers see
        try:
            self._publish(view)
        except Exception as exc:  # a UI glitch must not kill the poller
            log.error("publishing the view failed: %s", scrub(repr(exc)))

    def _deliver(self, view: TrayView, settings: Settings, now: datetime) -> None:
        try:
            lookup = self._samples(now) if self._samples is not None else None
            alerts, state = decide(self._alerts, view, settings, self._lang(), now,
                                   samples=lookup)
        except Exception as exc:
            log.error("alert decision failed: %s", scrub(repr(exc)))
            return
        if state != self._alerts:
            # Saved before delivery: a crash in between loses one notification rather than
            # repeating it after the restart.
            self._alerts = state
            if self._save_alerts is not None:
                try:
                    self._save_alerts(state)
                except OSError as exc:
                    log.warning("could not save the alert state: %s", exc)
        if not self._delivered:  # start-up: one summary instead of several at once
            alerts = summarize(alerts, self._lang())
            self._delivered = not view.from_disk  # the first fresh numbers are the start-up
        for alert in alerts:
            try:
                self._notify(alert)
            except Exception as exc:
                log.warning("notification failed: %s", scrub(repr(exc)))
