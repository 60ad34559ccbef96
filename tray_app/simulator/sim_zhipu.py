"""Simulated Zhipu AI and Z.ai quota API (`/api/monitor/usage/quota/limit`).

Scenarios: healthy (Zhipu: 5-hour + weekly tokens, monthly tools; Z.ai: a credit-only Max
plan, as most accounts answer since Sep 2026), high (5-hour at 92 %), credits (a CREDIT_LIMIT
plan), credits_only (Pro: only 5-hour and weekly CREDIT_LIMIT rows, no TIME_LIMIT row, with
the integer `percentage` rounded down: 1438 of 12000 arrives as 11),
percent_only (Pro rows without usage/currentValue),
legacy (one row without unit), envelope_error (HTTP 200, code 401 "Invalid API key"),
no_plan (HTTP 200, success false, code 500), unknown_type (an unknown limit type kept),
root_code0 (the newer envelope: `code: 0`, `success: true`, `limits` at the root without
`data`; a 5-hour row with `unit: 3` and no `number`; a type we do not know without a unit).
"""

from __future__ import annotations

import time
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/api/monitor/usage/quota/limit"
PREFIXES = {"zhipu": "zhipu", "zai": "zai"}
_SCENARIOS = (
    "healthy",
    "high",
    "credits",
    "credits_only",
    "percent_only",
    "legacy",
    "envelope_error",
    "no_plan",
    "unknown_type",
    "root_code0",
)
SCENARIOS = {"zhipu": _SCENARIOS, "zai": _SCENARIOS}  # one API, two origins
DEMO_KEYS = {
    "zhipuai-coding-plan": "sim-zhipu-4f1c9a7e2b6d4e0f8a3c5b7d9e1f2a3b.Kq7dEmoKey",
    "zai-coding-plan": "sim-zai-9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e.Zq3dEmoKey",
}


def _ms(seconds_from_now: float) -> int:
    return int((time.time() + seconds_from_now) * 1000)


def credit_row(unit: int, number: int, capacity: int, used: int, reset_s: float) -> dict[str, Any]:
    """One CREDIT_LIMIT row as the API sends it: `percentage` an integer rounded down."""
    return {
        "type": "CREDIT_LIMIT",
        "unit": unit,
        "number": number,
        "usage": capacity,
        "currentValue": used,
        "remaining": capacity - used,
        "percentage": used * 100 // capacity,
        "nextResetTime": _ms(reset_s),
    }


def credit_only(level: str) -> list[dict[str, Any]]:
    if level == "max":  # 28,000 per 5 h, 140,000 per week
        return [credit_row(3, 5, 28_000, 6_719, 3 * 3600),
                credit_row(6, 1, 140_000, 41_230, 2 * 86400)]
    return [credit_row(3, 5, 12_000, 1_438, 4 * 3600),
            credit_row(6, 1, 60_000, 21_450, 5 * 86400)]


def limits(scenario: str) -> list[dict[str, Any]]:
    five_h = 92 if scenario == "high" else 37
    rows: list[dict[str, Any]] = [
        {
            "type": "TOKENS_LIMIT",
            "unit": 3,
            "number": 5,
            "usage": 40_000_000,
            "currentValue": five_h * 400_000,
            "remaining": 40_000_000 - five_h * 400_000,
            "percentage": five_h,
            "nextResetTime": _ms(2 * 3600 + 15 * 60),
        },
        {
            "type": "TOKENS_LIMIT",
            "unit": 6,
            "number": 1,
            "usage": 400_000_000,
            "currentValue": 212_000_000,
            "remaining": 188_000_000,
            "percentage": 53,
            "nextResetTime": _ms(3 * 86400 + 4 * 3600),
        },
        {
            "type": "TIME_LIMIT",
            "unit": 5,
            "number": 1,
            "usage": 1000,
            "currentValue": 131,
            "remaining": 869,
            "percentage": 13,
            "nextResetTime": _ms(17 * 86400),
            "usageDetails": [
                {"modelCode": "search-prime", "usage": 90},
                {"modelCode": "web-reader", "usage": 31},
                {"modelCode": "zread", "usage": 10},
            ],
        },
    ]
    if scenario == "credits":
        rows = [
            {
                "type": "CREDIT_LIMIT",
                "unit": 3,
                "number": 5,
                "usage": 3000,
                "currentValue": 1230,
                "remaining": 1770,
                "percentage": 41,
                "nextResetTime": _ms(3600),
            },
            rows[2],
        ]
    elif scenario == "percent_only":
        rows = [
            {
                "type": "TOKENS_LIMIT",
                "unit": 3,
                "number": 5,
                "percentage": 64,
                "nextResetTime": _ms(1800),
            },
            {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 22},
        ]
    elif scenario == "legacy":
        rows = [
            {
                "type": "TOKENS_LIMIT",
                "usage": 10_000_000,
                "currentValue": 500_000,
                "percentage": 5,
                "nextResetTime": _ms(600),
            }
        ]
    elif scenario == "unknown_type":
        rows.append({"type": "IMAGE_LIMIT", "unit": 1, "number": 1, "percentage": 70})
    return rows


def quota(req: SimRequest, scenario: str) -> SimResponse:
    if not req.headers.get("authorization"):
        return SimResponse(200, {"code": 401, "msg": "Missing API key", "success": False})
    if scenario == "envelope_error":
        return SimResponse(200, {"code": 401, "msg": "Invalid API key", "success": False})
    if scenario == "no_plan":
        return SimResponse(200, {"code": 500, "msg": "No active Coding Plan", "success": False})
    if scenario == "root_code0":
        return SimResponse(200, {"code": 0, "msg": "ok", "success": True, "limits": [
            {"type": "TOKENS_LIMIT", "unit": 3, "usage": 12000, "currentValue": 2760,
             "percentage": 23, "nextResetTime": _ms(2 * 3600)},
            {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 8,
             "nextResetTime": _ms(5 * 86400)},
            {"type": "BURST_LIMIT", "percentage": 40},
        ]})
    level = "max" if req.provider == "zai" else "pro"
    rows = limits(scenario)
    if scenario == "credits_only":
        level = "pro"
        rows = credit_only(level)
    elif scenario == "healthy" and req.provider == "zai":
        rows = credit_only(level)
    return SimResponse(
        200,
        {
            "code": 200,
            "msg": "success",
            "success": True,
            "data": {"limits": rows, "level": level},
        },
    )


ROUTES = {"zhipu": {("GET", PATH): quota}, "zai": {("GET", PATH): quota}}


def demo_auth_entries() -> dict[str, dict[str, str]]:
    return {key: {"type": "api", "key": value} for key, value in DEMO_KEYS.items()}
