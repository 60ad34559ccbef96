"""provider-facts §12, one test per rule: the answers that broke quota trackers in 2026, read
the way the facts say (the fixture corpus checks the peers' own captures of the same shapes;
these pin each rule on its own, with the shape reduced to what the rule is about)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.alerts import AlertState, decide
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.providers import (
    antigravity,
    claude,
    copilot_parse,
    kimi,
    lengths,
    minimax,
    openai,
    zhipu,
)
from tray_app.providers.parse import from_any_time, from_epoch_auto
from tray_app.secrets import Secret

NOW = datetime(2026, 9, 20, 12, 0, tzinfo=timezone.utc)
OCT1 = datetime(2026, 10, 1, tzinfo=timezone.utc)
KEY = minimax.MiniMaxKey(Secret("sk-cp-answer-shapes-0000"), "global")


def _ids(windows: Any) -> dict[str, float | None]:
    return {w.id: (None if w.used_percent is None else round(w.used_percent, 4))
            for w in windows}


# ---------------------------------------------------------------------------- OpenAI
def _enterprise(individual: dict[str, Any]) -> dict[str, Any]:
    return {"plan_type": "enterprise",
            "rate_limit": {"primary_window": None, "secondary_window": None,
                           "individual_limit": individual}}


def test_openai_enterprise_individual_limit_is_a_monthly_credit_window() -> None:
    _, windows, _ = openai.parse_usage(_enterprise(
        {"limit": 5000, "used": "1250", "remaining_percent": 75,
         "resets_at": int(OCT1.timestamp())}), NOW)
    (w,) = windows
    assert (w.id, w.label_key, w.used_percent) == ("monthly-credits", "window.monthly_credits", 25)
    assert (w.used, w.limit, w.unit) == (1250, 5000, "credits")
    assert w.resets_at == OCT1 and w.window_seconds == 30 * 86400  # September


def test_openai_individual_limit_takes_string_numbers() -> None:
    _, windows, _ = openai.parse_usage(_enterprise(
        {"limit": "4000", "used": "3500", "remaining_percent": "12.5",
         "resets_at": str(int(OCT1.timestamp()))}), NOW)
    assert _ids(windows) == {"monthly-credits": 87.5} and windows[0].resets_at == OCT1


def test_openai_individual_limit_without_a_figure_is_unknown_not_zero() -> None:
    _, windows, _ = openai.parse_usage(_enterprise({"resets_at": int(OCT1.timestamp())}), NOW)
    assert _ids(windows) == {"monthly-credits": None} and not windows[0].known


def test_openai_model_caps_may_be_weekly_only() -> None:
    body = {"plan_type": "pro", "rate_limit": None, "additional_rate_limits": [
        {"limit_name": "GPT-5.3-Codex-Spark", "metered_feature": "codex_bengalfox",
         "rate_limit": {"primary_window": {"used_percent": 64, "limit_window_seconds": 604800},
                        "secondary_window": None}}]}
    _, windows, _ = openai.parse_usage(body, NOW)
    assert _ids(windows) == {"extra-gpt-5-3-codex-spark-weekly": 64}
    assert windows[0].window_seconds == 604800


@pytest.mark.parametrize("bad", ["text", None, 7, [], {"rate_limit": "x"},
                                 {"limit_name": {"a": 1}, "rate_limit": {"primary_window": 3}},
                                 {"rate_limit": {"primary_window": {"used_percent": [1]}}}])
def test_openai_one_malformed_model_cap_never_drops_the_others(bad: Any) -> None:
    good = {"limit_name": "Spark", "rate_limit": {
        "primary_window": {"used_percent": 10, "limit_window_seconds": 18000}}}
    body = {"rate_limit": {"primary_window": {"used_percent": 5, "limit_window_seconds": 18000}},
            "additional_rate_limits": [bad, good, bad]}
    _, windows, _ = openai.parse_usage(body, NOW)
    got = _ids(windows)
    assert got["5h"] == 5 and got["extra-spark-5h"] == 10


def test_openai_prolite_is_pro_5x() -> None:
    plan, _, _ = openai.parse_usage({"plan_type": "prolite", "rate_limit": None}, NOW)
    assert plan == "Pro 5x"
    assert openai.parse_usage({"plan_type": "plus", "rate_limit": None}, NOW)[0] == "plus"


@pytest.mark.parametrize(("balance", "shown"), [("37.25", "37.25"), ("$5.00", "5.00"),
                                                 (12, "12.00"), (None, None), ("n/a", None)])
def test_openai_credits_balance_may_be_a_string(balance: Any, shown: str | None) -> None:
    _, _, details = openai.parse_usage(
        {"plan_type": "plus", "rate_limit": None, "credits": {"balance": balance}}, NOW)
    assert dict(details).get("Credits") == shown


# ---------------------------------------------------------------------------- Zhipu / Z.ai
def _limits(*rows: dict[str, Any], **envelope: Any) -> dict[str, Any]:
    return {"code": 200, "success": True, "data": {"limits": list(rows)}, **envelope}


def test_zhipu_hours_unit_without_number_is_five_hours() -> None:
    _, windows = zhipu.parse_response(_limits({"type": "TOKENS_LIMIT", "unit": 3,
                                               "percentage": 30}), "Z.ai")
    (w,) = windows
    assert (w.id, w.label_key, w.window_seconds) == ("5h", "window.5h", 18000)
    assert lengths.unit_seconds(3, None, None) == 18000
    assert lengths.unit_seconds(3, 2, None) == 7200  # a stated number still counts


def test_zhipu_unknown_type_without_unit_has_no_length_and_no_5_hour_label() -> None:
    _, windows = zhipu.parse_response(_limits({"type": "BURST_LIMIT", "percentage": 40}), "Z.ai")
    (w,) = windows
    assert w.used_percent == 40 and w.window_seconds is None
    assert w.label_key == "" and "5" not in w.label and w.id == "burst_limit"


def test_zhipu_known_type_without_unit_stays_the_old_5_hour_window() -> None:
    _, windows = zhipu.parse_response(_limits({"type": "TOKENS_LIMIT", "percentage": 9}), "Z.ai")
    assert windows[0].window_seconds == 18000 and windows[0].label_key == "window.5h"


def test_zhipu_root_limits_with_code_0_and_success_are_a_success() -> None:
    body = {"code": 0, "msg": "ok", "success": True,
            "limits": [{"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 25}]}
    for provider in ("Z.ai", "Zhipu AI"):
        assert _ids(zhipu.parse_response(body, provider)[1]) == {"weekly": 25}


@pytest.mark.parametrize("envelope", [{"code": 0, "success": False, "msg": "no"},
                                      {"code": 0, "msg": "code 0 alone says nothing"},
                                      {"code": 1310, "success": True, "msg": "odd"}])
def test_zhipu_code_0_without_success_true_is_still_an_error(envelope: dict[str, Any]) -> None:
    with pytest.raises(QuotaError) as info:
        zhipu.parse_response({**envelope, "limits": []}, "Z.ai")
    assert info.value.kind is ErrorKind.API_ERROR


def test_zhipu_percent_comes_from_current_value_over_usage() -> None:
    _, windows = zhipu.parse_response(_limits(
        {"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 12000, "currentValue": 1438,
         "percentage": 11}), "Z.ai")
    assert windows[0].used_percent == pytest.approx(1438 / 12000 * 100)


# ---------------------------------------------------------------------------- Copilot
def _premium(**snap: Any) -> Account:
    return copilot_parse.parse_user({"copilot_plan": "individual",
                                     "quota_snapshots": {"premium_interactions": snap}},
                                    provider="GitHub Copilot")


@pytest.mark.parametrize("bogus", [140, -20, 100.5])
def test_copilot_out_of_range_percent_remaining_falls_back_to_the_counts(bogus: float) -> None:
    account = _premium(entitlement=300, remaining=120, percent_remaining=bogus)
    assert _ids(account.windows) == {"premium": 60}


@pytest.mark.parametrize("bogus", [140, -20])
def test_copilot_out_of_range_percent_without_counts_is_unknown(bogus: float) -> None:
    (w,) = _premium(percent_remaining=bogus).windows
    assert w.used_percent is None and not w.known  # never clamped to 0 % or 100 %


def test_copilot_credits_used_on_an_unlimited_bucket_is_money_without_a_bar() -> None:
    account = _premium(unlimited=True, entitlement=0, remaining=0, credits_used=31)
    (w,) = account.windows
    assert w.unlimited and w.used_percent is None
    assert ("Credits used", "$31") in account.details


# ---------------------------------------------------------------------------- Antigravity
def test_antigravity_reset_without_fraction_is_exhausted() -> None:
    reset = "2026-09-20T16:00:00Z"
    models = antigravity.parse_models(
        {"models": {"claude-sonnet-4-6": {"quotaInfo": {"resetTime": reset}}}}, {}, NOW)
    summary = antigravity.parse_summary({"groups": [{"buckets": [
        {"bucketId": "3p-5h", "resetTime": reset}]}]})
    for (w,) in (models, summary):
        assert w.used_percent == 100 and w.resets_at == datetime(2026, 9, 20, 16,
                                                                 tzinfo=timezone.utc)


def test_antigravity_neither_fraction_nor_reset_is_unknown() -> None:
    (m,) = antigravity.parse_models({"models": {"gpt-oss-120b": {"quotaInfo": {}}}}, {}, NOW)
    (s,) = antigravity.parse_summary({"groups": [{"buckets": [{"bucketId": "3p-5h"}]}]})
    assert m.used_percent is None and s.used_percent is None


def test_antigravity_fraction_above_one_clamps_to_nothing_used() -> None:
    (m,) = antigravity.parse_models({"models": {"gemini-3-flash": {"quotaInfo": {
        "remainingFraction": 1.7, "resetTime": "2026-09-21T00:00:00Z"}}}}, {}, NOW)
    (s,) = antigravity.parse_summary({"groups": [{"buckets": [
        {"bucketId": "3p-weekly", "remainingFraction": 1.2}]}]})
    assert m.used_percent == 0 and s.used_percent == 0


def test_antigravity_fraction_inside_the_remaining_oneof_is_not_a_missing_one() -> None:
    (a, b) = antigravity.parse_summary({"groups": [{"buckets": [
        {"bucketId": "gemini-5h", "remaining": {"remainingFraction": 0.91},
         "resetTime": "2026-09-20T14:00:00Z"},
        {"bucketId": "3p-5h", "remaining": {"case": "remainingFraction", "value": 0.73},
         "resetTime": "2026-09-20T14:00:00Z"}]}]})
    assert (a.used_percent, b.used_percent) == (9, 27)


# ---------------------------------------------------------------------------- Claude
@pytest.mark.parametrize("scope", [None, {}, {"model": None}, {"model": {}},
                                   {"model": {"id": None, "display_name": None}},
                                   {"model": {"id": "", "display_name": " "}},
                                   {"model": "   "}, {"model": {"display_name": "!!!"}}])
def test_claude_weekly_scoped_without_a_usable_model_is_dropped(scope: Any) -> None:
    body = {"seven_day": {"utilization": 30, "resets_at": None},
            "limits": [{"kind": "weekly_scoped", "group": "weekly", "percent": 15,
                        "scope": scope}]}
    windows, _ = claude.parse_usage(body)
    assert _ids(windows) == {"weekly": 30}  # no phantom second "weekly" window


def test_claude_weekly_scoped_with_a_model_name_is_a_model_cap() -> None:
    body = {"limits": [{"kind": "weekly_scoped", "percent": 2,
                        "scope": {"model": {"id": None, "display_name": "Fable"}}}]}
    assert _ids(claude.parse_usage(body)[0]) == {"weekly-fable": 2}


def _money(minor: Any, exponent: Any = 2, currency: str = "USD") -> dict[str, Any]:
    return {"amount_minor": minor, "currency": currency, "exponent": exponent}


def test_claude_spend_is_preferred_over_extra_usage() -> None:
    body = {"seven_day": {"utilization": 1, "resets_at": None},
            "extra_usage": {"is_enabled": True, "monthly_limit": 5000, "used_credits": 1000,
                            "utilization": 20.0, "currency": "USD", "decimal_places": 2},
            "spend": {"enabled": True, "used": _money(4500), "limit": _money(10000)}}
    windows, _ = claude.parse_usage(body)
    extra = next(w for w in windows if w.id == "extra-usage")
    assert (extra.used_percent, extra.used, extra.limit) == (45, 45.0, 100.0)


def test_claude_spend_only_answer_is_valid() -> None:
    windows, details = claude.parse_usage(
        {"spend": {"enabled": True, "used": _money("12345", 3, "EUR"), "limit": None}})
    assert windows == () and details == (("Extra usage", "€12.35 used"),)


def test_claude_turned_off_spend_leaves_the_legacy_extra_usage() -> None:
    body = {"five_hour": {"utilization": 3, "resets_at": None}, "spend": {"enabled": False},
            "extra_usage": {"is_enabled": True, "monthly_limit": 5000, "used_credits": 2500,
                            "utilization": 50.0, "currency": "USD", "decimal_places": 2}}
    assert _ids(claude.parse_usage(body)[0])["extra-usage"] == 50


@pytest.mark.parametrize("raw", ["2026-09-20T15:00:00.123456", "2026-09-20T15:00:00.123456Z",
                                 1789916400, 1789916400000, "1789916400"])
def test_claude_resets_as_zoneless_iso_or_epoch_numbers(raw: Any) -> None:
    windows, _ = claude.parse_usage({"five_hour": {"utilization": 5, "resets_at": raw}})
    when = windows[0].resets_at
    assert when is not None and when.tzinfo is not None
    assert abs(when - datetime(2026, 9, 20, 15, tzinfo=timezone.utc)) < timedelta(seconds=1)


def test_claude_omelette_shares_the_weekly_limit() -> None:
    shared = {"utilization": 40.0, "resets_at": None}
    both = claude.parse_usage({"seven_day": shared, "seven_day_omelette": shared})[0]
    alone = claude.parse_usage({"seven_day": None, "seven_day_omelette": shared})[0]
    assert _ids(both) == {"weekly": 40} and _ids(alone) == {"weekly": 40}


# ---------------------------------------------------------------------------- Kimi
SEP27 = datetime(2026, 9, 27, tzinfo=timezone.utc)


@pytest.mark.parametrize(("key", "value"), [
    ("resetTime", "2026-09-27T00:00:00Z"), ("resetAt", "2026-09-27T00:00:00.000000000Z"),
    ("reset_time", int(SEP27.timestamp())), ("reset_at", int(SEP27.timestamp() * 1000)),
    ("reset_at", str(int(SEP27.timestamp() * 1000))),
    ("resetAt", int(SEP27.timestamp()) * 10**9),
    ("reset_in", (SEP27 - NOW).total_seconds()), ("ttl", str(int((SEP27 - NOW).total_seconds()))),
])
def test_kimi_every_reset_key_variant(key: str, value: Any) -> None:
    _, windows = kimi.parse_response({"usage": {"limit": "100", "used": "1", key: value}}, NOW)
    assert windows[0].resets_at == SEP27


def test_kimi_limits_row_without_detail_reads_the_row_itself() -> None:
    body = {"limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                        "limit": "100", "remaining": "70", "reset_at": "2026-09-20T15:00:00Z"},
                       {"window": {"duration": 60, "timeUnit": "TIME_UNIT_MINUTE"}}]}
    _, windows = kimi.parse_response(body, NOW)
    assert _ids(windows) == {"5h": 30} and windows[0].window_seconds == 18000


def test_kimi_usages_object() -> None:
    body = {"usages": {"limit_5h": {"used_ratio": 0.12, "reset_at": "2026-09-20T15:00:00Z"},
                       "limit_7d": {"used_ratio": "0.4", "reset_in": 86400},
                       "limit_month_tokens": {"used_ratio": 1.05,
                                              "resetTime": "2026-10-01T00:00:00Z"}}}
    _, windows = kimi.parse_response(body, NOW)
    assert _ids(windows) == {"5h": 12, "weekly": 40, "monthly-tokens": 105}
    seconds = {w.id: w.window_seconds for w in windows}
    assert seconds == {"5h": 18000, "weekly": 604800, "monthly-tokens": 30 * 86400}


def test_kimi_plan_names_include_premium_and_the_china_region_is_noted() -> None:
    plan, _, details = kimi.parse_account(
        {"user": {"membership": {"level": "LEVEL_PREMIUM"}, "region": "REGION_CN"},
         "usage": {"limit": "10", "used": "1"}}, NOW)
    assert plan == "Vivace" and ("Region", "China (REGION_CN)") in details
    assert kimi.plan_name("LEVEL_ADVANCED") == "Allegro"


# ---------------------------------------------------------------------------- MiniMax
def _mm(**row: Any) -> tuple[Window, ...]:
    return minimax.parse_response({"base_resp": {"status_code": 0},
                                   "model_remains": [{"model_name": "general", **row}]},
                                  KEY, NOW)[1]


def test_minimax_counts_read_as_left_when_that_agrees_with_the_percent() -> None:
    (w,) = _mm(current_interval_total_count=1500, current_interval_usage_count=1495,
               current_interval_remaining_percent=99)
    assert (w.used, w.limit) == (5, 1500)


def test_minimax_counts_read_as_used_when_only_that_agrees() -> None:
    (w,) = _mm(current_interval_total_count=1500, current_interval_usage_count=27,
               current_interval_remaining_percent=98)
    assert (w.used, w.limit) == (27, 1500) and w.used_percent == pytest.approx(1.8)


def test_minimax_percent_wins_when_neither_reading_agrees() -> None:
    (w,) = _mm(current_interval_total_count=1000, current_interval_usage_count=500,
               current_interval_remaining_percent=20)
    assert w.used_percent == 80 and w.used is None and w.limit is None


def test_minimax_counts_without_a_percent_mean_left() -> None:
    (w,) = _mm(current_interval_total_count=300, current_interval_usage_count=180)
    assert (w.used, w.used_percent) == (120, 40)


def test_minimax_boost_permille_scales_the_allowance() -> None:
    (five, week) = _mm(current_interval_remaining_percent=96, current_interval_status=1,
                       current_weekly_total_count=1000, current_weekly_usage_count=300,
                       current_weekly_remaining_percent=80, current_weekly_status=1,
                       weekly_boost_permille=1500)
    assert five.used_percent == 4
    assert (week.used, week.limit, week.used_percent) == (300, 1500, 20)


def test_minimax_weekly_status_3_beside_an_active_5_hour_window_is_unlimited() -> None:
    (five, week) = _mm(current_interval_status=1, current_interval_remaining_percent=90,
                       current_weekly_status=3, current_weekly_remaining_percent=100)
    assert five.used_percent == 10
    assert week.unlimited and week.used_percent is None and week.id == "general-weekly"
    # not subscribed at all: both windows 3
    assert _mm(current_interval_status=1, current_interval_remaining_percent=50) != ()
    with pytest.raises(QuotaError):
        _mm(current_interval_status=3, current_weekly_status=3,
            current_weekly_remaining_percent=100)


def test_a_fresh_used_count_window_fires_no_exhausted_notification() -> None:
    """The issue's worst case: a fresh window in the used-count shape read as "left" was
    100 % used and fired "exhausted". Parsed now and run through the alerts, nothing fires."""
    windows = _mm(current_interval_total_count=1500, current_interval_usage_count=0,
                  current_interval_remaining_percent=100, current_interval_status=1,
                  remains_time=18_000_000)
    assert windows[0].used_percent == 0
    account = Account("sk-cp-…0000", windows=windows)
    view = TrayView(providers=(ProviderStatus(ProviderUsage("minimax", "MiniMax", (account,))),),
                    updated_at=NOW)
    alerts, _ = decide(AlertState(), view, Settings(), "en", NOW)
    assert [a.kind for a in alerts] == []
    # the same answer read the old way would have been news: the test can fail
    old = Window("general-5h", "general", 100.0, resets_at=NOW + timedelta(hours=5))
    stale_view = TrayView(providers=(ProviderStatus(ProviderUsage(
        "minimax", "MiniMax", (Account("sk-cp-…0000", windows=(old,)),))),), updated_at=NOW)
    assert "exhausted" in [a.kind for a in decide(AlertState(), stale_view, Settings(), "en",
                                                   NOW)[0]]


# ---------------------------------------------------------------------------- shared readers
@pytest.mark.parametrize("value", [1789916400, 1789916400000, 1789916400000000,
                                   1789916400000000000, "1789916400000",
                                   "2026-09-20T15:00:00", "2026-09-20T15:00:00+00:00"])
def test_any_time_reader_takes_every_unit(value: Any) -> None:
    assert from_any_time(value) == datetime(2026, 9, 20, 15, tzinfo=timezone.utc)


def test_epoch_reader_keeps_rejecting_nonsense() -> None:
    assert from_epoch_auto(-5) is None and from_epoch_auto(10**30) is None
    assert from_any_time("soon") is None and from_any_time(True) is None
