"""Monitoring: a window's pace and run-out forecast, from its own clock (and, when the usage
history holds enough of the current cycle, from the recent rate). Pure; views and alerts use it.

The window clock: a window of length W that resets at R has run for elapsed = W − (R − now);
at an even pace `expected_percent` = elapsed ÷ W × 100 would be used by now. At the cycle's
average rate (used ÷ elapsed) the rest lasts (100 − used) ÷ rate: before R the window runs
out, otherwise it lasts to its reset. A history basis replaces the cycle average by the rate of
the recent samples (a weighted straight-line fit), which follows a work session as it happens
instead of averaging it with the idle hours before it (README: "Pace and run-out forecast").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from tray_app.model import Window

Basis = Literal["window", "history"]
Sample = tuple[datetime, float]  # (when, used %) of one refresh
# (provider id, account label, window id) → that window's samples of its current cycle
SampleLookup = Callable[[str, str, str], Sequence[Sample]]

ON_TRACK = 5.0  # |delta| below this many points is "on track"
MIN_ELAPSED = timedelta(minutes=1)  # earlier than this in a cycle: no forecast yet
HISTORY_MIN_SAMPLES = 3
HISTORY_MIN_SPAN = timedelta(minutes=30)
LOOKBACK_MIN = timedelta(minutes=30)
LOOKBACK_MAX = timedelta(hours=24)
CLOCK_SLACK = timedelta(minutes=5)  # resets_at may lie a little beyond now + W (drift)


@dataclass(frozen=True)
class Pace:
    """`runs_out_at` set: at this pace the window is used up then, before its reset.
    `lasts_to_reset`: it is not. Neither: too early in the cycle to say (or exhausted: then
    `runs_out_at` is `now`)."""

    expected_percent: float
    delta_percent: float  # used − expected: > 0 means using faster than an even pace
    runs_out_at: datetime | None
    lasts_to_reset: bool
    basis: Basis
    rate_per_hour: float  # percentage points per hour the forecast assumes

    @property
    def verdict(self) -> Literal["ahead", "on_track", "behind"]:
        if self.delta_percent >= ON_TRACK:
            return "ahead"
        if self.delta_percent <= -ON_TRACK:
            return "behind"
        return "on_track"


def lookback(window_seconds: float) -> timedelta:
    """How far back the history basis looks: a fifth of the window (1 h of a 5-hour one),
    between 30 min and a day (a weekly or monthly window: the last day, a day's rhythm)."""
    return max(LOOKBACK_MIN, min(LOOKBACK_MAX, timedelta(seconds=window_seconds / 5)))


def recent_rate(samples: Sequence[Sample], now: datetime, span: timedelta) -> float | None:
    """Percentage points per second over the samples of the last `span` (a least-squares
    slope, newer samples weighing more), or None with fewer than 3 samples over 30 min."""
    start = now - span
    recent = [(when, used) for when, used in samples if start <= when <= now]
    if len(recent) < HISTORY_MIN_SAMPLES or recent[-1][0] - recent[0][0] < HISTORY_MIN_SPAN:
        return None
    half_life = span.total_seconds() / 2
    # (weight, x = seconds before now, y = used %); a sample half a lookback old weighs half
    points = [(math.pow(0.5, (now - when).total_seconds() / half_life),
               (when - now).total_seconds(), float(used)) for when, used in recent]
    total = sum(w for w, _, _ in points)
    mean_x = sum(w * x for w, x, _ in points) / total
    mean_y = sum(w * y for w, _, y in points) / total
    var = sum(w * (x - mean_x) ** 2 for w, x, _ in points)
    if var <= 0:
        return None
    cov = sum(w * (x - mean_x) * (y - mean_y) for w, x, y in points)
    return max(0.0, cov / var)  # within a cycle usage never falls: a dip is noise


def window_pace(window: Window, now: datetime, samples: Sequence[Sample] = ()) -> Pace | None:
    """The pace of `window` at `now`, or None when its length, reset time or usage is not
    known (no pace is invented). `samples`: (when, used %) of the current cycle, oldest first."""
    length, resets, used = window.window_seconds, window.resets_at, window.used_percent
    if not length or length <= 0 or resets is None or used is None or window.unlimited:
        return None
    left = (resets - now).total_seconds()
    if left <= 0 or left > length + CLOCK_SLACK.total_seconds():
        return None  # reset already due, or the clock does not fit the length
    elapsed = min(float(length), max(0.0, length - left))
    expected = elapsed / length * 100.0
    delta = used - expected
    basis: Basis = "window"
    rate = used / elapsed if elapsed > 0 else 0.0  # points per second
    found = recent_rate(samples, now, lookback(length)) if samples else None
    if found is not None:
        rate, basis = found, "history"
    runs_out: datetime | None = None
    lasts = False
    if used >= 100.0:
        runs_out = now
    elif basis == "history" or elapsed >= MIN_ELAPSED.total_seconds():
        need = (100.0 - used) / rate if rate > 0 else math.inf
        if need < left:
            runs_out = now + timedelta(seconds=need)
        else:
            lasts = True
    return Pace(expected, delta, runs_out, lasts, basis, rate * 3600.0)
