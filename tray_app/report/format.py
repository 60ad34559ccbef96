"""Display rules for numbers shared by every text view (the text report, menu, icon, alerts)."""

from __future__ import annotations


def percent_number(value: float) -> int:
    """A percentage rounded for display that never overstates either end: 99.6 % is "99"
    (not exhausted yet), 0.4 % is "1" (something is used); exactly 0 and >= 100 stay as they
    are. Applied to both used and left, the two still add up to 100."""
    if 99.0 < value < 100.0:
        return 99
    if 0.0 < value < 1.0:
        return 1
    return round(value)
