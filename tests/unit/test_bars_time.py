"""Time in the shared view, the bars, guard and the history, with an injected clock: a saved view
or history sample stamped in the future (the clock ran ahead, then NTP corrected it) is stale
and never freezes the numbers; the age shown is the numbers' age (their last successful fetch),
never 0 while a provider is down and kept numbers are shown."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from prometheus_client.openmetrics.parser import text_string_to_metric_families

from tray_app.bars import formats, metrics
from tray_app.cli.guard import EXIT_UNAVAILABLE, judge
from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring import store
from tray_app.monitoring.history import History, read_samples
from tray_app.monitoring.shared_refresh import current_view
from tray_app.monitoring.view import ProviderStatus, TrayView

T0 = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)


def _snapshot(used: float, *, at: datetime = T0, fail: bool = False) -> Snapshot:
    window = Window(id="5h", label="5h", used_percent=used, resets_at=at + timedelta(hours=2))
    error = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Z.ai", status=500) if fail else None
    account = Account("k", windows=() if fail else (window,), error=error)
    usage = ProviderUsage(id="zai", name="Z.ai", accounts=(account,), fetched_at=at)
    return Snapshot(generated_at=at, providers=(usage,))


def _save(state: Path, used: float, at: datetime) -> None:
    status = ProviderStatus(usage=_snapshot(used, at=at).providers[0], last_success=at)
    store.save_view(TrayView(providers=(status,), updated_at=at), state / store.VIEW_FILE)


def _used(view: TrayView) -> float | None:
    return view.providers[0].usage.accounts[0].windows[0].used_percent


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_a_view_saved_in_the_future_is_refreshed_not_printed_as_fresh(tmp_path: Path) -> None:
    _save(tmp_path, 40.0, T0 + timedelta(days=2))  # the clock ran two days ahead, then fixed
    calls: list[int] = []
    clock = Clock(T0)
    cur = current_view(lambda: calls.append(1) or _snapshot(55.0), max_age=60,
                       state_dir=tmp_path, now=clock)
    assert calls == [1] and cur.refreshed and _used(cur.view) == 55.0 and not cur.stale
    saved = store.load_view(tmp_path / store.VIEW_FILE, as_saved=True)
    assert saved is not None and saved.updated_at == T0  # the future stamp is gone


def test_max_age_0_refreshes_even_when_the_saved_view_is_stamped_now_or_later(
    tmp_path: Path,
) -> None:
    for stamp in (T0, T0 + timedelta(seconds=1), T0 + timedelta(hours=5)):
        _save(tmp_path, 40.0, stamp)
        calls: list[int] = []
        cur = current_view(lambda: calls.append(1) or _snapshot(60.0),  # noqa: B023
                           max_age=0, state_dir=tmp_path, now=Clock(T0))
        assert calls == [1] and cur.refreshed, stamp


def test_a_future_view_that_cannot_be_refreshed_is_stale(tmp_path: Path) -> None:
    """The refresh fails: the kept numbers carry the stale mark, never a fresh one."""
    _save(tmp_path, 40.0, T0 + timedelta(days=2))
    cur = current_view(lambda: _snapshot(0.0, fail=True), max_age=60, state_dir=tmp_path,
                       now=Clock(T0))
    assert cur.stale and _used(cur.view) == 40.0


def test_the_age_is_the_numbers_age_when_a_provider_is_down(tmp_path: Path) -> None:
    """Numbers fetched at T0; at T0+12 min the refresh fails: every format says 12m, not 0."""
    _save(tmp_path, 40.0, T0)
    later = T0 + timedelta(minutes=12)
    cur = current_view(lambda: _snapshot(0.0, at=later, fail=True), max_age=0,
                       state_dir=tmp_path, now=Clock(later))
    assert cur.refreshed and cur.stale and cur.age == 720.0 and cur.age_of("zai") == 720.0
    settings = Settings()
    waybar = json.loads(formats.waybar(cur, settings, "en", later))
    assert "(12m old)" in waybar["text"] and "(12m old)" in waybar["tooltip"]
    assert "(12m old)" in formats.polybar(cur, settings, "en", later)
    full, short, _ = formats.i3blocks(cur, settings, "en", later).split("\n")
    assert "(12m old)" in full and "(12m old)" in short
    families = {f.name: f for f in text_string_to_metric_families(metrics.openmetrics(cur))}
    assert families["mystatus_age_seconds"].samples[0].value == 720.0
    assert families["mystatus_provider_age_seconds"].samples[0].value == 720.0


def test_fresh_numbers_beside_a_failed_provider_show_no_age() -> None:
    ok = ProviderStatus(usage=ProviderUsage("openai", "OpenAI", accounts=(Account(
        "me", windows=(Window("5h", "5h", 90.0),)),), fetched_at=T0), last_success=T0)
    down = ProviderStatus(usage=ProviderUsage("zai", "Z.ai", accounts=(Account(
        "k", windows=(Window("5h", "5h", 10.0),)),), fetched_at=T0 - timedelta(hours=1)),
        stale=True, last_success=T0 - timedelta(hours=1))
    from tray_app.monitoring.shared_refresh import _as_current

    cur = _as_current(TrayView(providers=(ok, down), updated_at=T0), T0, refreshed=True,
                      fresh=True)
    assert cur.age == 3600.0 and cur.age_of("openai") == 0.0 and cur.stale
    text, _ = formats.short_text(cur, Settings(), "en")
    assert text == "90% 5h"  # the headline (OpenAI) is fresh: no age on it


def test_guard_on_a_view_stamped_in_the_future_is_unavailable(tmp_path: Path) -> None:
    """The refresh fails, the saved numbers are from a clock two days ahead: 69, never 0."""
    _save(tmp_path, 40.0, T0 + timedelta(days=2))
    cur = current_view(lambda: _snapshot(0.0, fail=True), max_age=60, state_dir=tmp_path,
                       now=Clock(T0))
    verdict = judge(cur, "zai", None, max_used=90, min_left=None, lang="en", now=T0)
    assert verdict.code == EXIT_UNAVAILABLE, verdict.reason


def _history_snap(used: float) -> Snapshot:
    window = Window("5h", "5-hour limit", used, resets_at=T0 + timedelta(hours=4))
    return Snapshot(T0, providers=(ProviderUsage("openai", "OpenAI", accounts=(
        Account("a@example.com", windows=(window,)),)),))


def test_history_recording_resumes_after_a_sample_stamped_in_the_future(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    assert history.record(_history_snap(10), T0 + timedelta(days=3)) == 1  # clock ahead
    assert history.record(_history_snap(20), T0) == 1  # corrected: recorded again at once
    assert history.record(_history_snap(30), T0 + timedelta(minutes=5)) == 1
    rows = read_samples(path, window="5h")
    assert [(r.at, r.used_percent) for r in rows] == [
        (T0, 20), (T0 + timedelta(minutes=5), 30)]


def test_history_keeps_a_sample_a_moment_ahead_from_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    assert history.record(_history_snap(10), T0 + timedelta(seconds=30)) == 1
    assert history.record(_history_snap(20), T0) == 0  # the other writer's clock, a bit ahead
    assert [r.used_percent for r in read_samples(path, window="5h")] == [10]
