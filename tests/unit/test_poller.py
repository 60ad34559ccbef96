"""The poller's schedule with a fake engine, a fake clock and a fake wait: hours of refreshes
run in milliseconds and nothing sleeps."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring import poller as poller_mod
from tray_app.monitoring.alerts import Alert, AlertState
from tray_app.monitoring.poller import Poller
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.tray.settings_box import SettingsBox

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
IDS = ("openai", "zhipu")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def at(self, seconds: float) -> datetime:
        return T0 + timedelta(seconds=seconds)


def usage(pid: str, used: float = 40.0, *, resets: datetime | None = None,
          error: ErrorInfo | None = None) -> ProviderUsage:
    if error is not None:
        account = Account(label="me@example.com", error=error)
    else:
        account = Account(label="me@example.com",
                          windows=(Window("5h", "5-hour limit", used, resets_at=resets),))
    return ProviderUsage(id=pid, name=pid.title(), accounts=(account,))


def err(kind: ErrorKind, **kw: object) -> ErrorInfo:
    return ErrorInfo(kind, provider="P", **kw)  # type: ignore[arg-type]


Script = Callable[[datetime], dict[str, ProviderUsage]]


class FakeEngine:
    """Answers from `script(now)`; records (time, only) of every call."""

    def __init__(self, clock: Clock, script: Script) -> None:
        self.clock, self.script = clock, script
        self.calls: list[tuple[datetime, list[str] | None]] = []
        self.hook: Callable[[], None] | None = None

    def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
        wanted = list(only) if only is not None else None
        self.calls.append((self.clock(), wanted))
        if self.hook is not None:
            self.hook()
        answer = self.script(self.clock())
        return Snapshot(generated_at=self.clock(), providers=tuple(
            u for pid, u in answer.items() if wanted is None or pid in wanted),
            requested=None if wanted is None else tuple(sorted(wanted)))

    def times(self) -> list[float]:
        return [(t - T0).total_seconds() for t, _ in self.calls]


class Harness:
    """A Poller on the fake clock; its wait advances the clock (or returns at once when a
    request is pending) and stops the loop once `horizon` seconds have passed."""

    def __init__(self, script: Script, *, settings: Settings | None = None,
                 initial: TrayView | None = None, horizon: float = 3600.0) -> None:
        self.clock = Clock()
        self.engine = FakeEngine(self.clock, script)
        self.box = SettingsBox(settings or Settings())
        self.published: list[TrayView] = []
        self.notified: list[Alert] = []
        self.saved_views: list[TrayView] = []
        self.saved_alerts: list[AlertState] = []
        self.naps: list[float] = []
        self.horizon = horizon
        self.on_nap: Callable[[int], None] | None = None
        self.jump: dict[int, float] = {}  # nap index → extra seconds (suspend)
        self.poller = Poller(
            self.engine, self.box, lang=lambda: "en", publish=self.published.append,
            notify=self.notified.append, initial=initial,
            save_view=self.saved_views.append, save_alerts=self.saved_alerts.append,
            provider_ids=IDS, clock=self.clock, sleeper=self.sleep,
        )

    def sleep(self, event: threading.Event, seconds: float) -> bool:
        index = len(self.naps)
        self.naps.append(seconds)
        if self.on_nap is not None:
            self.on_nap(index)
        if event.is_set():
            return True
        self.clock.advance(seconds + self.jump.get(index, 0.0))
        if (self.clock() - T0).total_seconds() >= self.horizon:
            self.poller.stop()
        return False

    def run(self) -> Harness:
        self.poller.run()
        return self


def healthy(now: datetime) -> dict[str, ProviderUsage]:
    return {"openai": usage("openai", 30), "zhipu": usage("zhipu", 50)}


def test_first_refresh_is_immediate_and_then_every_interval() -> None:
    h = Harness(healthy, settings=Settings(refresh_minutes=5), horizon=16 * 60).run()
    assert h.engine.times() == [0, 300, 600, 900]
    assert [only for _, only in h.engine.calls] == [None] * 4
    # no wait is longer than one nap: the wall clock is re-read at least every minute
    assert max(h.naps) <= poller_mod.MAX_NAP
    assert h.poller.view.updated_at == h.clock.at(900)
    assert h.poller.view.next_refresh_at == h.clock.at(1200)


def test_view_is_published_and_saved_after_each_refresh() -> None:
    h = Harness(healthy, horizon=1).run()
    assert h.saved_views and h.saved_views[-1] is h.poller.view
    assert h.published[0].refreshing is True  # first: "refreshing" on the old view
    assert h.published[-1] is h.poller.view and not h.poller.view.refreshing
    assert [p.usage.id for p in h.poller.view.providers] == ["openai", "zhipu"]


def test_refresh_now_refreshes_at_once_without_waiting() -> None:
    h = Harness(healthy, horizon=200)

    def press(index: int) -> None:
        if index == 0:
            h.poller.request_refresh()  # as the menu's "Refresh now" (another thread) would

    h.on_nap = press
    h.run()
    assert h.engine.times()[:2] == [0, 0]  # the second refresh did not wait for the interval
    assert h.engine.calls[1][1] is None  # and it fetched everything


def test_extra_refresh_just_after_the_earliest_reset() -> None:
    reset = T0 + timedelta(seconds=150)

    def script(now: datetime) -> dict[str, ProviderUsage]:
        return {"openai": usage("openai", 95, resets=reset if now < reset else None),
                "zhipu": usage("zhipu", 10)}

    h = Harness(script, settings=Settings(refresh_minutes=30), horizon=600).run()
    assert h.engine.times() == [0, 180]  # reset + 30 s grace, long before the 30-minute interval


def test_backoff_is_per_provider_and_honours_retry_after() -> None:
    limited = err(ErrorKind.RATE_LIMITED, status=429, retry_after=1200.0)

    def script(now: datetime) -> dict[str, ProviderUsage]:
        return {"openai": usage("openai", error=limited), "zhipu": usage("zhipu", 20)}

    h = Harness(script, settings=Settings(refresh_minutes=5), horizon=1500).run()
    calls = [((t - T0).total_seconds(), only) for t, only in h.engine.calls]
    # every 5 minutes only zhipu is fetched; openai waits for its Retry-After (20 min)
    assert calls[:5] == [(0, None), (300, ["zhipu"]), (600, ["zhipu"]), (900, ["zhipu"]),
                         (1200, None)]


def test_failing_network_backs_off_instead_of_spinning() -> None:
    down = err(ErrorKind.NETWORK_ERROR, detail="connection refused")

    def script(now: datetime) -> dict[str, ProviderUsage]:
        return {"openai": usage("openai", error=down), "zhipu": usage("zhipu", error=down)}

    h = Harness(script, settings=Settings(refresh_minutes=1), horizon=3600).run()
    times = h.engine.times()
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps[:4] == [60, 120, 240, 480]  # exponential, from state.merge's retry_at
    assert len(times) <= 7  # one hour of a dead network: a handful of attempts, no storm


def test_wake_from_suspend_refreshes_once_after_settling() -> None:
    h = Harness(healthy, settings=Settings(refresh_minutes=30), horizon=3 * 3600)
    h.jump = {3: 2 * 3600}  # the machine sleeps for two hours during the 4th nap
    h.run()
    times = h.engine.times()
    resumed = 4 * poller_mod.MAX_NAP + 2 * 3600
    after = [s for s in times if s > 0]
    assert after[0] == resumed + poller_mod.WAKE_SETTLE  # one refresh once the network is back
    assert after[1] - after[0] == 1800  # then the regular interval again, no burst
    assert poller_mod.WAKE_SETTLE in h.naps


def test_transient_failure_keeps_the_saved_numbers_stale() -> None:
    saved = TrayView(providers=(ProviderStatus(usage=usage("openai", 42)),), from_disk=True,
                     updated_at=T0 - timedelta(hours=1))
    h = Harness(lambda now: {"openai": usage("openai", error=err(ErrorKind.TIMEOUT))},
                initial=saved, horizon=1).run()
    status = h.poller.view.providers[0]
    assert status.stale and status.error is None  # not surfaced on the first failure
    assert status.usage.accounts[0].windows[0].used_percent == 42
    assert not h.poller.view.from_disk


def test_alerts_are_delivered_once_and_their_state_saved() -> None:
    reset = T0 + timedelta(days=3)

    def script(now: datetime) -> dict[str, ProviderUsage]:
        used = 30.0 if now < T0 + timedelta(minutes=4) else 92.0  # crosses 80 % at 5 min
        return {"openai": usage("openai", used, resets=reset), "zhipu": usage("zhipu", 10)}

    h = Harness(script, settings=Settings(refresh_minutes=5), horizon=30 * 60).run()
    assert len(h.engine.calls) >= 6
    assert [a.kind for a in h.notified] == ["high"]
    assert "Openai" in h.notified[0].title
    assert h.saved_alerts and h.saved_alerts[-1] == h.poller.alert_state  # what a restart reads


def test_notification_failure_does_not_stop_the_poller() -> None:
    h = Harness(lambda now: {"openai": usage("openai", 99, resets=T0 + timedelta(days=1))},
                horizon=700)

    def boom(alert: Alert) -> None:
        raise RuntimeError("no daemon")

    h.poller._notify = boom
    h.run()
    assert len(h.engine.calls) >= 2


def test_engine_crash_is_retried_later_not_in_a_loop() -> None:
    h = Harness(healthy, horizon=1000)

    def crash() -> None:
        raise RuntimeError("bug")

    h.engine.hook = crash
    h.run()
    assert h.engine.times() == [0, poller_mod.CRASH_RETRY, 2 * poller_mod.CRASH_RETRY,
                                3 * poller_mod.CRASH_RETRY]


def test_after_refresh_runs_once_per_refresh_even_a_failed_one() -> None:
    h = Harness(healthy, settings=Settings(refresh_minutes=5), horizon=16 * 60)
    calls: list[int] = []
    h.poller._after_refresh = lambda: calls.append(len(h.engine.calls))

    def crash() -> None:
        if len(h.engine.calls) == 2:
            raise RuntimeError("bug")

    h.engine.hook = crash
    h.run()
    # the app collects the refresh's cyclic garbage here (services.collect_refresh_garbage)
    assert len(h.engine.calls) >= 3
    assert calls == list(range(1, len(h.engine.calls) + 1))  # after each one, none skipped


def test_settings_change_reschedules_without_fetching() -> None:
    h = Harness(healthy, settings=Settings(refresh_minutes=30), horizon=400)

    def change(index: int) -> None:
        if index == 0:
            h.box.set(replace(h.box.get(), refresh_minutes=5))
            h.poller.request_render()

    h.on_nap = change
    h.run()
    assert h.engine.times() == [0, 300]  # the new interval applies at once
    assert h.poller.view.next_refresh_at == h.clock.at(600)


def test_stop_ends_the_loop_during_a_wait() -> None:
    h = Harness(healthy, horizon=10**9)
    h.on_nap = lambda index: h.poller.stop() if index == 2 else None
    h.run()
    assert len(h.naps) == 3


def test_real_thread_start_and_stop() -> None:
    box = SettingsBox(Settings())
    done = threading.Event()
    engine_calls: list[object] = []

    class Engine:
        def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
            engine_calls.append(only)
            done.set()
            return Snapshot(generated_at=T0, providers=(usage("openai"),))

    p = Poller(Engine(), box, lang=lambda: "en", publish=lambda v: None, notify=lambda a: None)
    p.start()
    assert done.wait(10)
    p.stop()
    assert p.join(10)
    assert engine_calls == [None]


@pytest.mark.parametrize("text", ["", "zhipu"])
def test_settings_box_calls_listeners(text: str) -> None:
    box = SettingsBox(Settings())
    seen: list[tuple[str, str]] = []
    box.on_change.append(lambda old, new: seen.append((old.pinned, new.pinned)))
    box.set(replace(box.get(), pinned=text))
    assert seen == [("", text)] and box.get().pinned == text


def test_alert_decisions_get_the_history_lookup_at_each_refresh_time() -> None:
    h = Harness(healthy, settings=Settings(refresh_minutes=5), horizon=11 * 60)
    asked: list[datetime] = []
    looked_up: list[tuple[str, str, str]] = []

    def samples(now: datetime) -> Callable[[str, str, str], list[tuple[datetime, float]]]:
        asked.append(now)

        def lookup(provider: str, account: str, window: str) -> list[tuple[datetime, float]]:
            looked_up.append((provider, account, window))
            return []

        return lookup

    h.poller._samples = samples  # what tray/services.py passes as `samples=`
    h.run()
    assert asked == [h.clock.at(0), h.clock.at(300), h.clock.at(600)]
    assert {p for p, _, _ in looked_up} == {"openai", "zhipu"}  # every window was forecast


def test_start_up_alerts_come_as_one_summary_later_ones_one_by_one() -> None:
    """Both providers above the threshold at start: one summary notification; a crossing
    at a later refresh: its own notification."""
    def script(now: datetime) -> dict[str, ProviderUsage]:
        late = (now - T0).total_seconds() >= 300
        return {"openai": usage("openai", 90), "zhipu": usage("zhipu", 95),
                **({"zai": usage("zai", 85)} if late else {})}

    h = Harness(script, settings=Settings(refresh_minutes=5), horizon=6 * 60).run()
    assert [a.kind for a in h.notified] == ["summary", "high"]
    summary = h.notified[0]
    assert summary.title == "mystatus-tray: 2 things to look at"
    assert len(summary.body.splitlines()) == 2 and "zai" not in summary.body.lower()
