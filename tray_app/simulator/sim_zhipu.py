"""Simulated Zhipu AI and Z.ai quota API (`/api/monitor/usage/quota/limit`).

Scenarios: healthy (5-hour + weekly tokens, monthly tools), high (5-hour at 92 %),
credits (a CREDIT_LIMIT plan), percent_only (Pro rows without usage/currentValue),
legacy (one row without unit), envelope_error (HTTP 200, code 401 "Invalid API key"),
no_plan (HTTP 200, success false, code 500), unknown_type (an unknown limit type kept).
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
    "percent_only",
    "legacy",
    "envelope_error",
    "no_plan",
    "unknown_type",
)
SCENARIOS = {"zhipu": _SCENARIOS, "zai": _SCENARIOS}  # one API, two origins
DEMO_KEYS = {
    "zhipuai-coding-plan": "sim-zhipu-4f1c9a7e2b6d4e0f8a3c5b7d9e1f2a3b.Kq7dEmoKey",
    "zai-coding-plan": "sim-zai-9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e.Zq3dEmoKey",
}


def _ms(seconds_from_now: float) -> int:
    return int((time.time() + seconds_from_now) * 1000)


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
    level = "max" if req.provider == "zai" else "pro"
    return SimResponse(
        200,
        {
            "code": 200,
            "msg": "success",
            "success": True,
            "data": {"limits": limits(scenario), "level": level},
        },
    )


ROUTES = {"zhipu": {("GET", PATH): quota}, "zai": {("GET", PATH): quota}}


def demo_auth_entries() -> dict[str, dict[str, str]]:
    return {key: {"type": "api", "key": value} for key, value in DEMO_KEYS.items()}
