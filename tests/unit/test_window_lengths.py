"""`Window.window_seconds` from what each provider says (providers/lengths.py and the parsers):
OpenAI's `limit_window_seconds`, Zhipu / Z.ai unit + number, Antigravity bucket ids, Copilot's
calendar month; unknown stays None (no pace is invented)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tray_app.providers.antigravity import parse_models, parse_summary
from tray_app.providers.copilot_parse import parse_billing, parse_user
from tray_app.providers.lengths import DAY, HOUR, WEEK, month_seconds, unit_seconds
from tray_app.providers.openai import parse_usage
from tray_app.providers.zhipu import parse_limit

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("resets", "months", "days"), [
    (datetime(2026, 6, 1, tzinfo=timezone.utc), 1, 31),    # May
    (datetime(2026, 3, 1, tzinfo=timezone.utc), 1, 28),    # February 2026
    (datetime(2024, 3, 1, tzinfo=timezone.utc), 1, 29),    # February 2024 (leap)
    (datetime(2026, 1, 1, tzinfo=timezone.utc), 1, 31),    # December, across the year
    (datetime(2026, 3, 31, tzinfo=timezone.utc), 1, 31),   # from 28 Feb (clamped)
    (datetime(2026, 6, 1, tzinfo=timezone.utc), 2, 61),    # April + May
])
def test_month_seconds(resets: datetime, months: int, days: int) -> None:
    assert month_seconds(resets, months) == days * DAY


def test_month_seconds_unknown() -> None:
    assert month_seconds(None) is None


@pytest.mark.parametrize(("unit", "number", "seconds"), [
    (None, None, 5 * HOUR), (3, 5, 5 * HOUR), (3, 1, HOUR), (6, 1, WEEK), (6, 2, 2 * WEEK),
    (1, 1, DAY), (4, 3, 3 * DAY), (5, 1, 31 * DAY), (7, 1, 31 * DAY), (2, 1, None),
    (99, 1, None),
])
def test_zhipu_unit_seconds(unit: int | None, number: int | None, seconds: int | None) -> None:
    assert unit_seconds(unit, number, datetime(2026, 6, 1, tzinfo=timezone.utc)) == seconds


def test_openai_windows_carry_limit_window_seconds() -> None:
    body = {"rate_limit": {
        "primary_window": {"used_percent": 46, "limit_window_seconds": 18000,
                           "reset_after_seconds": 8100},
        "secondary_window": {"used_percent": 23, "reset_after_seconds": 3 * DAY},
    }}
    _, windows, _ = parse_usage(body, NOW)
    assert [(w.id, w.window_seconds) for w in windows] == [("5h", 18000), ("weekly", None)]


def test_zhipu_rows() -> None:
    reset_ms = int(datetime(2026, 6, 1, tzinfo=timezone.utc).timestamp() * 1000)
    rows = [{"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 37},
            {"type": "CREDIT_LIMIT", "unit": 6, "number": 1, "percentage": 11},
            {"type": "TIME_LIMIT", "unit": 5, "number": 1, "percentage": 4,
             "nextResetTime": reset_ms},
            {"type": "TOKENS_LIMIT", "percentage": 20}]
    found = [parse_limit(r) for r in rows]
    assert [w.window_seconds if w else "?" for w in found] == [5 * HOUR, WEEK, 31 * DAY, 5 * HOUR]


def test_antigravity_buckets_and_models() -> None:
    summary = {"groups": [{"displayName": "Gemini Models", "buckets": [
        {"bucketId": "gemini-5h", "remainingFraction": 0.5, "resetTime": "2026-05-04T14:00:00Z"},
        {"bucketId": "gemini-weekly", "remainingFraction": 0.9},
        {"bucketId": "3p-5h", "remainingFraction": 0.7},
        {"bucketId": "something-new", "remainingFraction": 0.7}]}]}
    assert [w.window_seconds for w in parse_summary(summary)] == [5 * HOUR, WEEK, 5 * HOUR, None]
    models = {"models": {"gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 0.4}}}}
    assert [w.window_seconds for w in parse_models(models, {}, NOW)] == [None]


def test_copilot_monthly_windows_count_the_calendar_month() -> None:
    user = parse_user({"copilot_plan": "individual", "quota_reset_date": "2026-06-01",
                       "quota_snapshots": {
                           "premium_interactions": {"entitlement": 300, "remaining": 120},
                           "chat": {"unlimited": True}}}, provider="GitHub Copilot")
    assert [(w.id, w.window_seconds) for w in user.windows] == [
        ("premium", 31 * DAY), ("chat", 31 * DAY)]
    billing = parse_billing({"usageItems": []}, credits=True, allowance=1500.0, now=NOW,
                            provider="GitHub Copilot")
    assert billing.windows[0].window_seconds == 31 * DAY  # May, reset 1 June
