"""The chart's data (no matplotlib): the linear forecast to run-out or reset, each window's
own time scale (5-hour: four cycles, weekly: two weeks, monthly: two months), reset
boundaries, the menu's order; and the PNG."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.charts.series import chart_series, linear_forecast, span_for
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.history import History
from tray_app.monitoring.history_rules import Sample

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=timezone.utc)


def cyc(points: list[tuple[float, float]], reset: datetime | None) -> list[Sample]:
    return [Sample(NOW + timedelta(minutes=m), "openai", "a", "5h", u, None, None, reset)
            for m, u in points]


def test_forecast_runs_out_before_the_reset() -> None:
    # 60 % used 2.5 h into a 5-hour window: 24 %/h, 40 points left → 1 h 40 min
    reset = NOW + timedelta(hours=2, minutes=30)
    samples = cyc([(-150, 0), (-75, 30), (0, 60)], reset)
    f = linear_forecast(samples, NOW)
    assert f is not None and f.runs_out_at == NOW + timedelta(hours=1, minutes=40)
    assert f.points == ((NOW, 60), (NOW + timedelta(hours=1, minutes=40), 100.0))


def test_forecast_lasts_to_the_reset() -> None:
    reset = NOW + timedelta(hours=1)
    f = linear_forecast(cyc([(-120, 10), (0, 20)], reset), NOW)
    assert f is not None and f.runs_out_at is None
    assert f.points[1][0] == reset and f.points[1][1] == pytest.approx(25.0)


def test_flat_or_too_short_history() -> None:
    reset = NOW + timedelta(hours=1)
    flat = linear_forecast(cyc([(-60, 30), (0, 30)], reset), NOW)
    assert flat is not None and flat.points == ((NOW, 30), (reset, 30)) and not flat.runs_out_at
    assert linear_forecast(cyc([(0, 30)], reset), NOW) is None
    assert linear_forecast(cyc([(-5, 30), (0, 40)], reset), NOW) is None  # under 10 min


def _record(path: Path, when: datetime, used: float, reset: datetime, monthly: float) -> None:
    windows = (Window("5h", "5h", used, resets_at=reset),
               Window("tools", "Monthly", monthly, resets_at=NOW + timedelta(days=12)))
    acc = Account("a@example.com", windows=windows)
    History(path).record(Snapshot(when, providers=(ProviderUsage("zai", "Z.ai",
                                                                 accounts=(acc,)),)), when)


def test_chart_series_range_resets_and_monthly_cycle(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    for day in range(20, 0, -1):  # 20 days of a 5-hour window, one reset a day; monthly grows
        start = NOW - timedelta(days=day)
        reset = start + timedelta(hours=5)
        for hour, used in ((0, 5), (2, 40), (4, 70)):
            _record(path, start + timedelta(hours=hour), used, reset, 40 - day)
    _record(path, NOW - timedelta(minutes=30), 10, NOW + timedelta(hours=4), 41)
    _record(path, NOW, 30, NOW + timedelta(hours=4), 42)
    five, monthly = chart_series(path, NOW)
    assert five.window == "5h" and monthly.window == "tools"
    # a 5-hour window over its last four cycles (20 h), not squeezed into a week
    assert five.length == timedelta(hours=5) and five.start == NOW - timedelta(hours=20)
    assert five.points[0] == (five.start, 70)  # the value in force at the left edge
    assert five.resets == (NOW - timedelta(minutes=30),)
    assert five.resets_at == NOW + timedelta(hours=4)
    assert five.forecast is not None and five.forecast.runs_out_at is not None
    # the axis runs on to the reset: the gap between running out and the reset shows
    assert five.forecast.runs_out_at < five.end == five.resets_at
    # the monthly window: two months back, on to its reset 12 days ahead
    assert monthly.start == NOW - timedelta(days=60)
    assert monthly.end == NOW + timedelta(days=12)
    assert monthly.points[0] == (NOW - timedelta(days=20), 20)
    assert chart_series(path, NOW, provider="openai") == []
    assert [s.window for s in chart_series(path, NOW, window="tools")] == ["tools"]
    forced = chart_series(path, NOW, days=3)  # --days: one range for all
    assert {s.start for s in forced} == {NOW - timedelta(days=3)}


@pytest.mark.parametrize(("length", "span"), [
    (timedelta(hours=5), timedelta(hours=20)),
    (timedelta(days=1), timedelta(days=4)),
    (timedelta(days=7), timedelta(days=14)),
    (timedelta(days=31), timedelta(days=60)),
    (None, timedelta(days=7)),
])
def test_each_window_has_its_own_time_scale(length: timedelta | None,
                                            span: timedelta) -> None:
    assert span_for(length) == span


def test_order_follows_the_menu(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _record(path, NOW - timedelta(hours=1), 10, NOW + timedelta(hours=3), 5)
    keys = [s.key for s in chart_series(path, NOW)]
    assert keys == [("zai", "a@example.com", "5h"), ("zai", "a@example.com", "tools")]
    menu = {("zai", "a@example.com", "tools"): 0, ("zai", "a@example.com", "5h"): 1}
    assert [s.key for s in chart_series(path, NOW, order=menu)] == keys[::-1]


def test_plot_png_sizes(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from PIL import Image

    from tray_app.charts import plot

    path = tmp_path / "h.sqlite3"
    _record(path, NOW - timedelta(hours=1), 10, NOW + timedelta(hours=3), 5)
    _record(path, NOW, 20, NOW + timedelta(hours=3), 6)
    series = chart_series(path, NOW)
    for theme, scale in (("light", 1.0), ("dark", 2.0)):
        out = tmp_path / f"{theme}.png"
        fig = plot.draw(series, now=NOW, lang="zh-TW", threshold=80, theme=theme, scale=scale)
        assert plot.save_png(fig, out) == plot.pixel_size(2, scale)
        with Image.open(out) as image:
            assert image.size == plot.pixel_size(2, scale)
            corner = image.convert("RGB").getpixel((2, 2))
            assert (sum(corner) > 600) == (theme == "light")  # the background colour
    empty = plot.draw([], now=NOW, lang="en", threshold=80)
    assert plot.save_png(empty, tmp_path / "empty.png") == plot.pixel_size(0)
