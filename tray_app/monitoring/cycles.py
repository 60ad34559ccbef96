"""Monitoring: when a window's reading starts a new reset cycle. Pure; alerts and the usage
history key on it.

Providers do not send a cycle id, only the next reset time, and that time wobbles: OpenAI's
5-hour `reset_at` is computed as now + reset_after and moves by tens of seconds between polls,
and an unused window's reset slides with the clock. So a moved reset is a new cycle only when
the old one has passed, or the reset jumped ahead by more than `NEW_CYCLE_JUMP`. A clear drop
of the used share (`NEW_CYCLE_DROP` points) is a reset too, unless the reset time stayed
exactly the same (then it is a rolling window shedding old usage, or a correction).
"""

from __future__ import annotations

from datetime import datetime, timedelta

NEW_CYCLE_JUMP = timedelta(minutes=10)
NEW_CYCLE_DROP = 5.0  # percentage points


def is_new_cycle(
    prev_resets_at: datetime | None,
    new_resets_at: datetime | None,
    prev_used: float | None,
    new_used: float | None,
    now: datetime,
) -> bool:
    """Whether the new reading (`new_*`, taken at `now`) belongs to a later cycle than the
    previous one (`prev_*`)."""
    same_reset = new_resets_at == prev_resets_at and prev_resets_at is not None
    dropped = (prev_used is not None and new_used is not None
               and new_used <= prev_used - NEW_CYCLE_DROP)
    if dropped and not same_reset:
        return True
    if prev_resets_at is None or same_reset:
        return False
    if now >= prev_resets_at:
        return True  # the old reset passed and the provider now names another one
    return new_resets_at is not None and new_resets_at - prev_resets_at > NEW_CYCLE_JUMP
