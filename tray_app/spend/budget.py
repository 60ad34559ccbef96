"""The optional daily budget (`spend_daily_budget` in the config, USD; 0 = none): one
notification per local day, the first time the day's spend goes over it."""

from __future__ import annotations


def should_notify(budget: float, spent_today: float, today: str, notified_day: str) -> bool:
    """True when today's spend is over a set budget and today was not notified yet."""
    return budget > 0 and spent_today > budget and notified_day != today
