"""Simulated MiniMax coding / token plan API (provider-facts §10): `/v1/token_plan/remains`
and the older `/v1/api/openplatform/coding_plan/remains`.

`current_interval_usage_count` holds what is LEFT in the older answers and what is USED in the
newer token-plan ones, as the real API does (provider-facts §12). Scenarios:
- healthy: MiniMax-M2, 255 of 1500 used in 5 hours, weekly 4000 of 15000, a `video` row not
  subscribed; the token-plan path answers in the newer used-count shape with its remaining
  percents, the older path with counts of what is left;
- high (5-hour at 92 %); percent_only (counts 0, `*_remaining_percent` carry the data);
  exhausted_status (counts 0, no percent, status 2); legacy_path (the token-plan path answers
  404; the old path has no weekly fields); login_fail (HTTP 200, base_resp 1004: what a
  pay-as-you-go key gets); no_plan (an empty `model_remains`); wrapped (the rows in `data`);
- used_count: the newer answer whose `*_usage_count` is what is USED (27 of 1500 with 98 %
  remaining, weekly 2100 of 15000 with 86 %); used_count_fresh: a fresh window in that shape
  (0 used, 100 % remaining: the case that fired false "exhausted" notifications);
  weekly_unlimited: weekly status 3 beside an active 5-hour window, a `weekly_boost_permille`.
"""

from __future__ import annotations

import time
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

TOKEN_PATH = "/v1/token_plan/remains"
CODING_PATH = "/v1/api/openplatform/coding_plan/remains"
PREFIXES = {"minimax": "minimax"}
SCENARIOS = {"minimax": ("high", "percent_only", "exhausted_status", "legacy_path", "login_fail",
                         "no_plan", "wrapped", "used_count", "used_count_fresh",
                         "weekly_unlimited")}
DEMO_KEY = "sk-cp-SimDemo-9e2b4d6f8a1c3e5b7d9f0a2c4e6b8d1f3a5c7e9b"
_OK = {"status_code": 0, "status_msg": "success"}


def _ms(seconds_from_now: float) -> int:
    return int((time.time() + seconds_from_now) * 1000)


def rows(scenario: str, *, weekly: bool = True) -> list[dict[str, Any]]:
    left = 120 if scenario == "high" else 1245  # what is LEFT of 1500
    now_ms = _ms(0)
    main: dict[str, Any] = {
        "model_name": "MiniMax-M2",
        "start_time": now_ms - 2 * 3600 * 1000,
        "end_time": now_ms + 3 * 3600 * 1000,
        "remains_time": 3 * 3600 * 1000,
        "current_interval_total_count": 1500,
        "current_interval_usage_count": left,
    }
    if weekly:
        main.update({
            "current_weekly_total_count": 15000,
            "current_weekly_usage_count": 11000,
            "weekly_start_time": now_ms - 3 * 86400 * 1000,
            "weekly_end_time": now_ms + 4 * 86400 * 1000,
            "weekly_remains_time": 4 * 86400 * 1000,
        })
    if scenario == "healthy" and weekly:
        # the token-plan path answers in the newer shape: counts of what is USED, with the
        # remaining percents that tell the two readings apart (the same 255 and 4000 used)
        main.update({
            "current_interval_usage_count": 1500 - left,
            "current_interval_remaining_percent": 83, "current_interval_status": 1,
            "current_weekly_usage_count": 4000,
            "current_weekly_remaining_percent": 73, "current_weekly_status": 1,
        })
    elif scenario == "percent_only":
        main.update({
            "current_interval_total_count": 0, "current_interval_usage_count": 0,
            "current_interval_remaining_percent": 36, "current_interval_status": 1,
            "current_weekly_total_count": 0, "current_weekly_usage_count": 0,
            "current_weekly_remaining_percent": 80, "current_weekly_status": 1,
        })
    elif scenario == "exhausted_status":
        main.update({
            "current_interval_total_count": 0, "current_interval_usage_count": 0,
            "current_interval_status": 2,
            "current_weekly_total_count": 0, "current_weekly_usage_count": 0,
            "current_weekly_status": 1, "current_weekly_remaining_percent": 45,
        })
    elif scenario in ("used_count", "used_count_fresh"):
        fresh = scenario == "used_count_fresh"
        main.update({  # counts of what is USED, told apart by the remaining percent
            "model_name": "MiniMax-M*",
            "current_interval_usage_count": 0 if fresh else 27,
            "current_interval_remaining_percent": 100 if fresh else 98,
            "current_interval_status": 1,
            "current_weekly_usage_count": 0 if fresh else 2100,
            "current_weekly_remaining_percent": 100 if fresh else 86,
            "current_weekly_status": 1,
        })
    elif scenario == "weekly_unlimited":
        main.update({
            "model_name": "general",
            "current_interval_total_count": 0, "current_interval_usage_count": 0,
            "current_interval_remaining_percent": 75, "current_interval_status": 1,
            "current_weekly_total_count": 0, "current_weekly_usage_count": 0,
            "current_weekly_remaining_percent": 100, "current_weekly_status": 3,
            "weekly_boost_permille": 1500,
        })
    video = {"model_name": "video", "current_interval_total_count": 0,
             "current_interval_usage_count": 0, "current_interval_status": 3,
             "current_weekly_status": 3}
    return [main, video]


def _answer(scenario: str, *, weekly: bool) -> SimResponse:
    if scenario == "login_fail":
        return SimResponse(200, {"base_resp": {"status_code": 1004, "status_msg": "login fail"}})
    if scenario == "no_plan":
        return SimResponse(200, {"model_remains": [], "base_resp": _OK})
    body: dict[str, Any] = {"model_remains": rows(scenario, weekly=weekly)}
    if scenario == "wrapped":
        return SimResponse(200, {"data": body, "base_resp": _OK})
    return SimResponse(200, {**body, "base_resp": _OK})


def _authorized(req: SimRequest) -> bool:
    return req.headers.get("authorization", "").startswith("Bearer ")


def token_plan(req: SimRequest, scenario: str) -> SimResponse:
    if scenario == "legacy_path":
        return SimResponse(404, {"base_resp": {"status_code": 404, "status_msg": "not found"}})
    if not _authorized(req):
        return SimResponse(401, {"base_resp": {"status_code": 1004, "status_msg": "login fail"}})
    return _answer(scenario, weekly=True)


def coding_plan(req: SimRequest, scenario: str) -> SimResponse:
    if not _authorized(req):
        return SimResponse(401, {"base_resp": {"status_code": 1004, "status_msg": "login fail"}})
    return _answer(scenario, weekly=scenario != "legacy_path")


ROUTES = {"minimax": {("GET", TOKEN_PATH): token_plan, ("GET", CODING_PATH): coding_plan}}


def demo_auth_entries() -> dict[str, dict[str, str]]:
    return {"minimax-coding-plan": {"type": "api", "key": DEMO_KEY}}
