"""Monitoring → history: the pure rules of the usage history (no SQLite, no clock): what one
sample is, when a new sample is worth storing (a change, or the hourly heartbeat), and where
a window's reset cycles begin, with OpenAI's reset-time drift tolerated.

A reset is recognized when `resets_at` jumped forward by more than RESET_JUMP (OpenAI
computes it as "now + seconds left" on every answer, so it wobbles by tens of seconds between
refreshes without any reset), or when the used share dropped by more than RESET_DROP points.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

HISTORY_FILE = "history.sqlite3"  # in the state folder (here: no sqlite3 import for the name)
HEARTBEAT = timedelta(hours=1)  # an unchanged window is still stored this often
RESET_JUMP = timedelta(minutes=10)  # resets_at moving forward by more = a new cycle
RESET_DROP = 1.0  # used % falling by more than this many points = a new cycle
PERCENT_STEP = 0.1  # a used % change smaller than this is not a change (float noise)


class Sample(NamedTuple):
    """One stored observation of one window of one account (the account by its display
    label: an e-mail, a user name or a masked key, never a secret). A NamedTuple: a chart
    reads thousands of them, and a tuple is built several times faster than a dataclass."""

    at: datetime
    provider: str
    account: str
    window: str
    used_percent: float
    used: float | None = None
    limit: float | None = None
    resets_at: datetime | None = None


def is_reset(prev: Sample, cur: Sample) -> bool:
    """True when `cur` belongs to a new cycle of the window `prev` was in. An unused window
    (0 % then and now) has no cycle to end: OpenAI reports an unstarted 5-hour window as
    resetting "5 hours from now", a time that moves forward with the clock."""
    if prev.used_percent <= 0 and cur.used_percent <= 0:
        return False
    if (prev.resets_at is not None and cur.resets_at is not None
            and cur.resets_at - prev.resets_at > RESET_JUMP):
        return True
    return cur.used_percent < prev.used_percent - RESET_DROP


def _differs(a: float | None, b: float | None, step: float) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(a - b) >= step


def worth_storing(prev: Sample | None, cur: Sample) -> bool:
    """Store `cur`? Yes for the first sample, a change of used %, of used (by 1 % of the
    limit), of the limit, a reset, or when the last stored one is an hour old."""
    if prev is None or cur.at - prev.at >= HEARTBEAT:
        return True
    if _differs(prev.used_percent, cur.used_percent, PERCENT_STEP):
        return True
    if _differs(prev.limit, cur.limit, 1e-9):
        return True
    step = (cur.limit or 0.0) / 100 or 1e-9  # 1 % of the limit, like used %
    if _differs(prev.used, cur.used, step):
        return True
    if (prev.resets_at is None) != (cur.resets_at is None):
        return True
    return is_reset(prev, cur)


def split_cycles(samples: Sequence[Sample]) -> list[list[Sample]]:
    """One window's samples (oldest first) cut into its reset cycles, oldest first."""
    cycles: list[list[Sample]] = []
    for sample in samples:
        if not cycles or is_reset(cycles[-1][-1], sample):
            cycles.append([sample])
        else:
            cycles[-1].append(sample)
    return cycles


def cycle_starts(samples: Sequence[Sample]) -> list[datetime]:
    """When each cycle after the first began (the first sample seen in it)."""
    return [cycle[0].at for cycle in split_cycles(samples)[1:]]
