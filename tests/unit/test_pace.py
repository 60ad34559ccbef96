"""Pace and run-out forecast (monitoring/pace.py): the window clock, the issue's example,
unknown lengths, the edges of a cycle, and the history basis with its minimum of samples."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.model import Window
from tray_app.monitoring.pace import Pace, lookback, recent_rate, window_pace

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
H = 3600
FIVE_H = 5 * H


def win(used: float | None, left: timedelta | None, length: int | None = FIVE_H,
        **kw: object) -> Window:
    resets = NOW + left if left is not None else None
    return Window("5h", "5-hour limit", used, resets_at=resets, window_seconds=length, **kw)


def test_the_issue_example_runs_out_50_minutes_before_the_reset() -> None:
    pace = window_pace(win(60, timedelta(hours=2, minutes=30)), NOW)
    assert pace is not None
    assert pace.expected_percent == pytest.approx(50.0)
    assert pace.delta_percent == pytest.approx(10.0)
    assert pace.runs_out_at == NOW + timedelta(hours=1, minutes=40)
    assert not pace.lasts_to_reset and pace.basis == "window" and pace.verdict == "ahead"
    assert pace.rate_per_hour == pytest.approx(24.0)


@pytest.mark.parametrize(("used", "left_h", "verdict", "lasts"), [
    (20, 2.5, "behind", True),     # 20 % in 2.5 h: 8 %/h → 80 h more needed
    (50, 2.5, "on_track", True),   # exactly even: reaches 100 % at the reset, not before
    (53, 2.5, "on_track", False),  # within 5 points, but still out a little before the reset
    (0, 2.5, "behind", True),
    (99, 0.1, "on_track", False),  # 1 % left at ~20 %/h needs 3 min, the reset is in 6
])
def test_verdict_and_forecast(used: float, left_h: float, verdict: str, lasts: bool) -> None:
    pace = window_pace(win(used, timedelta(hours=left_h)), NOW)
    assert pace is not None and pace.verdict == verdict and pace.lasts_to_reset is lasts
    assert (pace.runs_out_at is None) is lasts


@pytest.mark.parametrize("window", [
    win(60, timedelta(hours=2), length=None),      # length unknown: no pace invented
    win(60, None),                                  # no reset time
    win(None, timedelta(hours=2)),                  # usage unknown
    win(None, timedelta(hours=2), unlimited=True),
    win(60, timedelta(0)),                          # reset due now
    win(60, -timedelta(minutes=3)),                 # reset passed
    win(60, timedelta(hours=6)),                    # the reset is further than the length
    win(60, timedelta(hours=2), length=0),
])
def test_no_pace(window: Window) -> None:
    assert window_pace(window, NOW) is None


def test_slight_drift_beyond_the_length_is_the_cycle_start() -> None:
    pace = window_pace(win(0, timedelta(hours=5, seconds=40)), NOW)
    assert pace is not None and pace.expected_percent == 0.0 and pace.runs_out_at is None
    assert not pace.lasts_to_reset  # the first minute: too early to forecast


def test_exhausted_runs_out_now() -> None:
    pace = window_pace(win(100, timedelta(hours=1)), NOW)
    assert pace is not None and pace.runs_out_at == NOW and not pace.lasts_to_reset


def test_monthly_window() -> None:
    month = 31 * 24 * H  # May
    pace = window_pace(win(40, timedelta(days=21), length=month), NOW)
    assert pace is not None
    assert pace.expected_percent == pytest.approx(10 / 31 * 100)
    assert pace.runs_out_at == NOW + timedelta(days=15)  # 40 % in 10 d → 60 % in 15 d
    assert pace.verdict == "ahead"


def samples_every(minutes: int, start_used: float, per_hour: float, span_min: int
                  ) -> list[tuple[datetime, float]]:
    out = []
    for m in range(-span_min, 1, minutes):
        out.append((NOW + timedelta(minutes=m), start_used + per_hour * (span_min + m) / 60))
    return out


def test_history_basis_follows_the_recent_rate() -> None:
    # 2.5 h into the window, 40 % used; but the last hour burned 30 %/h
    hist = samples_every(5, 10.0, 30.0, 60)
    window = win(40, timedelta(hours=2, minutes=30))
    plain = window_pace(window, NOW)
    refined = window_pace(window, NOW, hist)
    assert plain is not None and plain.lasts_to_reset  # 16 %/h average: lasts
    assert refined is not None and refined.basis == "history"
    assert refined.rate_per_hour == pytest.approx(30.0)
    assert refined.runs_out_at == NOW + timedelta(hours=2)  # 60 % at 30 %/h
    assert refined.expected_percent == plain.expected_percent  # the clock does not change


def test_history_basis_says_it_lasts_after_a_session_stops() -> None:
    hist = [(NOW - timedelta(minutes=m), 70.0) for m in (50, 40, 30, 20, 10, 0)]
    pace = window_pace(win(70, timedelta(hours=2, minutes=30)), NOW, hist)
    assert pace is not None and pace.basis == "history" and pace.lasts_to_reset


@pytest.mark.parametrize("hist", [
    [],
    [(NOW - timedelta(minutes=50), 10.0), (NOW, 40.0)],                      # 2 samples
    [(NOW - timedelta(minutes=m), 40.0 - m / 2) for m in (20, 10, 0)],        # 20 min only
    [(NOW - timedelta(hours=m), 40.0 - m) for m in (5, 4, 3)],               # all too old
])
def test_too_little_history_falls_back_to_the_window(hist: list[tuple[datetime, float]]) -> None:
    pace = window_pace(win(40, timedelta(hours=2, minutes=30)), NOW, hist)
    assert pace is not None and pace.basis == "window"


def test_recent_rate_never_negative_and_lookback_bounds() -> None:
    falling = [(NOW - timedelta(minutes=m), 50.0 + m / 10) for m in (40, 20, 0)]
    assert recent_rate(falling, NOW, timedelta(hours=1)) == 0.0
    assert lookback(FIVE_H) == timedelta(hours=1)
    assert lookback(600) == timedelta(minutes=30)
    assert lookback(7 * 24 * H) == timedelta(hours=24)


def test_pace_is_a_plain_value() -> None:
    pace = window_pace(win(60, timedelta(hours=2, minutes=30)), NOW)
    assert isinstance(pace, Pace) and hash(pace)
