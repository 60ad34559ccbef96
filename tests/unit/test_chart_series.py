"""The chart's data (no matplotlib): the linear forecast to run-out or reset, the 7-day
range, reset boundaries, a monthly window shown as its whole current cycle; and the PNG."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.charts.series import chart_series, linear_forecast
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
    assert five.start == NOW - timedelta(days=7)
    assert len(five.resets) == 7 and all(r >= five.start for r in five.resets)
    assert five.resets_at == NOW + timedelta(hours=4)
    assert five.forecast is not None and five.forecast.runs_out_at is not None
    assert five.end == five.forecast.runs_out_at  # the line goes to its run-out point
    # the monthly window: no reset seen, reset 12 days ahead → its whole cycle (20 days)
    assert monthly.start == NOW - timedelta(days=20)
    assert monthly.points[0][1] == 20
    assert chart_series(path, NOW, provider="openai") == []
    assert [s.window for s in chart_series(path, NOW, window="tools")] == ["tools"]


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
