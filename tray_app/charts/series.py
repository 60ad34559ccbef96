"""Views → chart data: the stored history cut into what each chart draws (no matplotlib
here, so it is tested and benched on its own): used % over time, the reset boundaries, the
current cycle's reset and a linear forecast to its run-out point or the reset.

The range is the last 7 days; a window whose current cycle is longer (a calendar month)
shows that whole cycle instead, up to its reset.

The forecast is the least-squares line through the current cycle's samples, drawn from the
latest one forward (a straight projection, not the pace estimate of monitoring/pace.py,
which the lead wires in at merge time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tray_app.monitoring.history import CYCLE_LOOKBACK, read_samples
from tray_app.monitoring.history_rules import Sample, split_cycles
from tray_app.providers.names import PROVIDER_IDS

RANGE = timedelta(days=7)
MIN_SPAN = timedelta(minutes=10)  # a forecast needs samples at least this far apart
NO_RESET_HORIZON = timedelta(days=1)  # without a reset time: project at most this far
Point = tuple[datetime, float]
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


def _series(key: tuple[str, str, str], samples: list[Sample], now: datetime,
            since: datetime) -> ChartSeries:
    cycles = split_cycles(samples)
    current = cycles[-1]
    resets_at = current[-1].resets_at if current[-1].resets_at and current[-1].resets_at > now \
        else None
    forecast = linear_forecast(current, now)
    start = min(since, current[0].at)
    end = max([now, *(p[0] for p in (forecast.points if forecast else ()))])
    if resets_at is not None and forecast is None:
        end = max(end, min(resets_at, now + RANGE))
    return ChartSeries(key[0], key[1], key[2],
                       tuple((s.at, s.used_percent) for s in samples if s.at >= start),
                       tuple(c[0].at for c in cycles[1:] if c[0].at >= start),
                       start, end, resets_at, forecast)


def chart_series(path: Path, now: datetime, *, provider: str | None = None,
                 window: str | None = None, days: float = 7) -> list[ChartSeries]:
    """One ChartSeries per stored window (provider, account, window order), from the file."""
    since = now - timedelta(days=days)
    grouped: dict[tuple[str, str, str], list[Sample]] = {}
    for s in read_samples(path, since=since, until=now, provider=provider, window=window,
                          by_series=True):
        grouped.setdefault((s.provider, s.account, s.window), []).append(s)
    out = []
    # providers in the menu's order; each one's windows as first recorded (the API's order)
    for key in sorted(grouped, key=lambda k: _ORDER.get(k[0], len(_ORDER))):
        samples = grouped[key]
        if len(split_cycles(samples)) == 1 and _longer_than_range(samples[-1], since):
            # no reset in range and a reset further away than the range is long: the cycle
            # began before it, so read back to its start
            older = read_samples(path, since=now - CYCLE_LOOKBACK, until=now, provider=key[0],
                                 account=key[1], window=key[2], by_series=True)
            current = split_cycles(older)[-1] if older else samples
            samples = current if current[0].at < samples[0].at else samples
            out.append(_series(key, samples, now, min(since, samples[0].at)))
        else:
            out.append(_series(key, samples, now, since))
    return out


def _longer_than_range(last: Sample, since: datetime) -> bool:
    return last.resets_at is not None and last.resets_at - since > 2 * RANGE
