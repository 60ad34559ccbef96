"""Providers: how long a quota window is, in seconds (`Window.window_seconds`), from what each
API says about it. None when unknown: the pace (monitoring/pace.py) is then not computed."""

from __future__ import annotations

from datetime import datetime, timezone

HOUR = 3600
DAY = 24 * HOUR
WEEK = 7 * DAY
# Antigravity pooled buckets: the id names the length
BUCKET_SECONDS = {"gemini-5h": 5 * HOUR, "3p-5h": 5 * HOUR,
                  "gemini-weekly": WEEK, "3p-weekly": WEEK}


def month_seconds(resets_at: datetime | None, months: int = 1) -> int | None:
    """The length of the calendar month(s) a monthly window counts: from the same day and time
    `months` month(s) before its reset up to the reset (resets 1 June → May: 31 days). The day
    is clamped to the shorter month (a reset on 31 March counts from 28/29 February)."""
    if resets_at is None or months < 1:
        return None
    end = resets_at if resets_at.tzinfo else resets_at.replace(tzinfo=timezone.utc)
    index = end.year * 12 + end.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (datetime(year + month // 12, month % 12 + 1, 1) - datetime(year, month, 1)).days
    start = end.replace(year=year, month=month, day=min(end.day, last))
    return int((end - start).total_seconds())


def positive_seconds(value: float | None) -> int | None:
    """A length the API states in seconds (OpenAI `limit_window_seconds`)."""
    return int(value) if value is not None and value > 0 else None


def unit_seconds(unit: float | None, number: float | None, resets_at: datetime | None
                 ) -> int | None:
    """Zhipu / Z.ai `unit` + `number` (provider-facts §3, read as `zhipu.window_label` reads
    them): 3 hours (no number = 5), 6 weeks, 1/4 days, 5/7 months; no unit = the old 5-hour
    window."""
    n = int(number) if number is not None and number > 0 else 1
    if unit is None:
        return 5 * HOUR
    u = int(unit)
    if u == 3:
        return (n if number is not None and number > 0 else 5) * HOUR
    if u == 6:
        return n * WEEK
    if u in (1, 4):
        return n * DAY
    if u in (5, 7):
        return month_seconds(resets_at, n)
    return None
