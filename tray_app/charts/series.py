"""Views → chart data: the stored history cut into what each chart panel draws (no
matplotlib here, so it is tested and benched on its own): used % over time, the reset
boundaries, the current cycle's reset and a linear forecast to its run-out point or the reset.

Each window on its own time scale, chosen by its length (the longest "resets in" seen in its
samples): a window of up to a day (5-hour, daily) over its last four cycles, up to 8 days
(weekly) over two weeks, longer ones (monthly) over two months; each axis runs on to the
current cycle's reset or the forecast's run-out point. `days` forces one range for all.

The forecast is the least-squares line through the current cycle's samples, drawn from the
latest one forward (a straight projection, not the pace estimate of monitoring/pace.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tray_app.monitoring.history import read_samples
from tray_app.monitoring.history_rules import Sample, split_cycles
from tray_app.providers.names import PROVIDER_IDS

DAY = timedelta(days=1)
LONGEST_SPAN = timedelta(days=60)
MIN_SPAN = timedelta(minutes=10)  # a forecast needs samples at least this far apart
NO_RESET_HORIZON = timedelta(days=1)  # without a reset time: project at most this far
Point = tuple[datetime, float]
Key = tuple[str, str, str]  # provider, account label, window id
_ORDER = {pid: i for i, pid in enumerate(PROVIDER_IDS)}


@dataclass(frozen=True)
class Forecast:
    points: tuple[Point, Point]  # from the latest sample to the run-out point or the reset
    runs_out_at: datetime | None  # None: it lasts to the reset


@dataclass(frozen=True)
class ChartSeries:
    provider: str
    account: str
    window: str
    points: tuple[Point, ...]
    resets: tuple[datetime, ...]  # where a new cycle began, inside the range
    start: datetime
    end: datetime
    resets_at: datetime | None  # the current cycle's reset, when known
    forecast: Forecast | None
    length: timedelta | None = None  # the window's length, as far as the samples tell

    @property
    def key(self) -> Key:
        return self.provider, self.account, self.window


def window_length(samples: Sequence[Sample]) -> timedelta | None:
    """The longest time to a reset the samples reported (a sample taken at a cycle's start
    reports the whole length); None without reset times."""
    return max((s.resets_at - s.at for s in samples if s.resets_at is not None),
               default=None)


def span_for(length: timedelta | None) -> timedelta:
    """How far back a window's panel reaches: four cycles of a short window (5-hour: 20 h),
    two weeks for a weekly one, two months for anything longer; a week when unknown."""
    if length is None:
        return 7 * DAY
    if length <= DAY + timedelta(hours=1):
        return max(4 * length, timedelta(hours=4))
    if length <= 8 * DAY:
        return 14 * DAY
    return LONGEST_SPAN


def linear_forecast(cycle: Sequence[Sample], now: datetime) -> Forecast | None:
    """The straight line through the cycle's samples, from its latest one to 100 % or the
    reset (whichever comes first); None with fewer than 2 samples or under MIN_SPAN."""
    if len(cycle) < 2 or cycle[-1].at - cycle[0].at < MIN_SPAN:
        return None
    t0 = cycle[0].at
    xs = [(s.at - t0).total_seconds() for s in cycle]
    ys = [s.used_percent for s in cycle]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
    last = cycle[-1]
    start = max(last.at, min(now, last.resets_at or now))
    reset = last.resets_at
    horizon = reset if reset is not None and reset > start else start + NO_RESET_HORIZON
    if last.used_percent >= 100:
        return Forecast(((start, last.used_percent), (start, last.used_percent)), start)
    if slope > 0:
        runs_out = start + timedelta(seconds=(100 - last.used_percent) / slope)
        if runs_out < horizon:
            return Forecast(((start, last.used_percent), (runs_out, 100.0)), runs_out)
        end_value = last.used_percent + slope * (horizon - start).total_seconds()
        return Forecast(((start, last.used_percent), (horizon, end_value)), None)
    return Forecast(((start, last.used_percent), (horizon, last.used_percent)), None)


def _series(key: Key, samples: list[Sample], now: datetime, days: float | None) -> ChartSeries:
    length = window_length(samples)
    span = timedelta(days=days) if days is not None else span_for(length)
    start = now - span
    cycles = split_cycles(samples)
    current = cycles[-1]
    last = current[-1]
    resets_at = last.resets_at if last.resets_at is not None and last.resets_at > now else None
    forecast = linear_forecast(current, now)
    end = max([now, *(p[0] for p in (forecast.points if forecast else ()))])
    if resets_at is not None:
        end = max(end, min(resets_at, now + span))
    # the sample in force at the left edge starts the line there (a value holds until the next)
    before = [s for s in samples if s.at < start]
    shown = [s for s in samples if s.at >= start]
    points = [(start, before[-1].used_percent)] if before and (not shown or
                                                               shown[0].at > start) else []
    points += [(s.at, s.used_percent) for s in shown]
    return ChartSeries(key[0], key[1], key[2], tuple(points),
                       tuple(c[0].at for c in cycles[1:] if c[0].at >= start),
                       start, end, resets_at, forecast, length)


def chart_series(path: Path, now: datetime, *, provider: str | None = None,
                 account: str | None = None, window: str | None = None,
                 days: float | None = None,
                 order: Mapping[Key, int] | None = None) -> list[ChartSeries]:
    """One ChartSeries per stored window, in the menu's order: providers as the menu lists
    them, then accounts and windows as `order` ranks them (the menu's own order, from the
    saved view), else as first recorded."""
    since = now - (timedelta(days=days) if days is not None else LONGEST_SPAN) - 2 * DAY
    grouped: dict[Key, list[Sample]] = {}
    for s in read_samples(path, since=since, until=now, provider=provider, account=account,
                          window=window, by_series=True):
        grouped.setdefault((s.provider, s.account, s.window), []).append(s)
    rank = order or {}
    first = {key: i for i, key in enumerate(grouped)}

    def sort_key(key: Key) -> tuple[int, int, int]:
        known = rank.get(key)
        return (_ORDER.get(key[0], len(_ORDER)), 0 if known is not None else 1,
                known if known is not None else first[key])

    return [_series(key, grouped[key], now, days) for key in sorted(grouped, key=sort_key)]
