"""The history's pure rules: what is worth storing (a change, or the hourly heartbeat) and
where reset cycles begin, with OpenAI's drifting reset time (tens of seconds) tolerated
(the provider facts on OpenAI: "the 5-hour reset_at drifts by tens of seconds between
polls ... only a jump of more than ~10 min" is a new cycle)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.monitoring.history_rules import (
    Sample,
    cycle_starts,
    is_reset,
    split_cycles,
    worth_storing,
)

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
RESET = T0 + timedelta(hours=3)


def s(minutes: float, used: float, *, reset: datetime | None = RESET, used_abs: float | None = None,
      limit: float | None = None) -> Sample:
    return Sample(T0 + timedelta(minutes=minutes), "openai", "a@example.com", "5h", used,
                  used_abs, limit, reset)


@pytest.mark.parametrize(("prev", "cur", "store"), [
    (None, s(0, 10), True),  # the first one
    (s(0, 10), s(1, 10), False),  # nothing changed
    (s(0, 10), s(1, 10.04), False),  # float noise
    (s(0, 10), s(1, 11), True),  # used % moved
    (s(0, 10), s(59, 10), False),
    (s(0, 10), s(60, 10), True),  # heartbeat: an hour without a change
    (s(0, 10), s(1, 10, reset=RESET + timedelta(seconds=40)), False),  # OpenAI's drift
    (s(0, 10), s(1, 10, reset=RESET + timedelta(hours=5)), True),  # a new cycle
    (s(0, 10), s(1, 10, reset=None), True),  # the reset time vanished
    (s(0, 10, used_abs=100, limit=1000), s(1, 10, used_abs=109, limit=1000), False),
    (s(0, 10, used_abs=100, limit=1000), s(1, 10, used_abs=110, limit=1000), True),  # 1 %
    (s(0, 10, used_abs=100, limit=1000), s(1, 10, used_abs=100, limit=2000), True),
])
def test_worth_storing(prev: Sample | None, cur: Sample, store: bool) -> None:
    assert worth_storing(prev, cur) is store


@pytest.mark.parametrize(("prev", "cur", "reset"), [
    (s(0, 40), s(1, 41), False),
    (s(0, 40), s(1, 40, reset=RESET + timedelta(seconds=59)), False),  # drift forward
    (s(0, 40), s(1, 40, reset=RESET - timedelta(seconds=45)), False),  # drift back
    (s(0, 40), s(1, 40, reset=RESET + timedelta(minutes=9)), False),
    (s(0, 40), s(1, 40, reset=RESET + timedelta(minutes=11)), True),  # jumped forward
    (s(0, 40), s(1, 0, reset=RESET + timedelta(hours=5)), True),  # both
    (s(0, 40), s(1, 2), True),  # used dropped (a reset without a reset time)
    (s(0, 40, reset=None), s(1, 39.5, reset=None), False),  # rounding, not a reset
    (s(0, 0), s(60, 0, reset=RESET + timedelta(hours=1)), False),  # unstarted: moves along
    (s(0, 0), s(60, 3, reset=RESET + timedelta(hours=1)), True),  # ... until first use
])
def test_is_reset(prev: Sample, cur: Sample, reset: bool) -> None:
    assert is_reset(prev, cur) is reset


def test_cycles_stand_alone_through_drift() -> None:
    samples = []
    for minute in range(0, 600, 10):  # 10 hours, a 5-hour window, drifting ±30 s
        cycle, into = divmod(minute, 300)
        drift = timedelta(seconds=30 if minute % 20 else -30)
        reset = T0 + timedelta(minutes=300 * (cycle + 1)) + drift
        samples.append(s(minute, into / 3, reset=reset))
    cycles = split_cycles(samples)
    assert [len(c) for c in cycles] == [30, 30]
    assert cycle_starts(samples) == [T0 + timedelta(minutes=300)]
    assert cycles[1][0].used_percent == 0
