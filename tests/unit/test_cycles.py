"""When a reading starts a new reset cycle (monitoring/cycles.py): OpenAI's drifting
`reset_at`, a sliding idle window, a real reset, a big jump, a drop of usage (issue 9 §5)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.monitoring.cycles import is_new_cycle

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
R = NOW + timedelta(hours=2)
s, m, h = (lambda n: timedelta(seconds=n)), (lambda n: timedelta(minutes=n)), (
    lambda n: timedelta(hours=n))


@pytest.mark.parametrize(("prev_r", "new_r", "prev_u", "new_u", "now", "new"), [
    (R, R, 40, 41, NOW, False),                  # nothing moved
    (R, R + s(37), 40, 41, NOW, False),          # drift of tens of seconds
    (R, R - s(25), 40, 41, NOW, False),          # drift backwards
    (R, R + m(9), 0, 0, NOW, False),             # an idle window sliding with a 5 min poll
    (R, R + m(10), 40, 40, NOW, False),          # exactly 10 min: still drift
    (R, R + m(11), 40, 40, NOW, True),           # jumped ahead: OpenAI reset everyone early
    (R, R + h(5), 95, 0, R + s(30), True),       # the old reset passed, a new one named
    (R, R + h(5), 95, 95, R + s(30), True),      # passed, even before usage shows it
    (R, R, 95, 95, R + m(1), False),             # passed but the provider still says R
    (R, R - h(1), 40, 40, NOW, False),           # a big backward move is no reset
    (R, R + s(20), 60, 2, NOW, True),            # usage dropped with a moved reset
    (R, R, 90, 76, NOW, False),                  # same reset: a rolling window sheds usage
    (R, R + s(20), 60, 57, NOW, False),          # a small dip is noise
    (None, None, 90, 10, NOW, True),             # no reset time known: the drop says it
    (None, None, 90, 92, NOW, False),
    (None, R, 40, 41, NOW, False),               # a reset time appears
    (R, None, 40, 41, NOW, False),               # and disappears
    (R, None, 40, 0, NOW, True),
    (R, R + h(5), None, 10, R, True),            # at the very reset instant
])
def test_is_new_cycle(prev_r: datetime | None, new_r: datetime | None, prev_u: float | None,
                      new_u: float | None, now: datetime, new: bool) -> None:
    assert is_new_cycle(prev_r, new_r, prev_u, new_u, now) is new
