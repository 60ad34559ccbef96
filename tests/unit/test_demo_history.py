"""The demo's past (simulator/usage_days.py demo_past, simulator/demo.py with_demo_past):
every window of the current snapshot gets a believable past, long enough for its chart scale,
that ends exactly at today's number, resets where its cycles do, and stays within 0-100 %;
the demo tray's recorder writes it once, before its first refresh."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.history import History, read_samples
from tray_app.monitoring.history_rules import split_cycles
from tray_app.simulator.demo import with_demo_past
from tray_app.simulator.usage_days import demo_past

NOW = datetime(2026, 12, 6, 22, 53, tzinfo=timezone.utc)
H = timedelta(hours=1)


def _snapshot(at: datetime = NOW) -> Snapshot:
    windows = (
        Window("5h", "5-hour limit", 46.0, resets_at=at + 2 * H, window_seconds=18000),
        Window("weekly", "Weekly limit", 77.0, resets_at=at + 50 * H, window_seconds=604800),
        Window("monthly", "Monthly limit", 29.45, used=8246, limit=28000,
               resets_at=at + 300 * H, window_seconds=2678400),
        Window("extra-usage", "Extra usage", 69.24, resets_at=None),
    )
    return Snapshot(at, providers=(ProviderUsage("claude", "Claude", accounts=(
        Account("c@example.com", windows=windows),)),))


def test_every_window_gets_a_past_that_ends_at_todays_number() -> None:
    past = demo_past(_snapshot())
    assert past and all(s.generated_at < NOW for s in past)
    assert [s.generated_at for s in past] == sorted(s.generated_at for s in past)
    last: dict[str, Window] = {}
    first: dict[str, datetime] = {}
    for snap in past:
        for w in snap.providers[0].accounts[0].windows:
            assert w.used_percent is not None and 0 <= w.used_percent <= 100
            first.setdefault(w.id, snap.generated_at)
            last[w.id] = w
    assert set(last) == {"5h", "weekly", "monthly", "extra-usage"}
    for w in _snapshot().providers[0].accounts[0].windows:
        assert abs((last[w.id].used_percent or 0) - (w.used_percent or 0)) < 0.1 + 1e-9
    assert NOW - first["5h"] >= timedelta(days=7)  # a week of 5-hour cycles
    assert NOW - first["weekly"] >= timedelta(days=14)
    assert NOW - first["monthly"] >= timedelta(days=60)
    assert last["monthly"].used == round((last["monthly"].used_percent or 0) / 100 * 28000)


def test_the_recorder_writes_the_past_once_then_the_refreshes(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    history = History(path, keep_open=True)
    record = with_demo_past(history.record)
    record(_snapshot(), NOW)
    count = len(read_samples(path))
    record(_snapshot(NOW + 5 * 60 * H / 60), NOW + timedelta(minutes=5))  # no second past
    history.close()
    samples = read_samples(path, by_series=True)
    assert count > 300 and len(samples) <= count + 4
    by_window: dict[str, list] = {}
    for s in samples:
        by_window.setdefault(s.window, []).append(s)
    assert abs(by_window["5h"][-1].used_percent - 46.0) < 1e-9
    assert len(split_cycles(by_window["5h"])) > 10  # cycles that reset
    assert len(split_cycles(by_window["weekly"])) >= 2
