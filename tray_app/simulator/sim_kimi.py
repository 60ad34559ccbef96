"""Simulated Kimi for Coding usage API (`/coding/v1/usages`, provider-facts §9).

Numbers are strings, as the real API sends them. Scenarios: healthy (weekly 26 of 100, the
5-hour window 12 of 100, Moderato), high (5-hour at 92 %), wrapped (the payload inside
`data`), remaining_only (no `used`: used = limit - remaining), numbers (plain JSON numbers),
free (LEVEL_FREE, no weekly `usage`), api_error (HTTP 200 with a code and a message),
usages_object (the newer answer since Sep 2026: only a `usages` object with `limit_5h`,
`limit_7d`, `limit_month_tokens` as `used_ratio` + a reset, LEVEL_PREMIUM in REGION_CN),
reset_variants (the weekly reset as epoch milliseconds under `reset_at`, the 5-hour row
without `detail` and its reset relative in `reset_in` seconds).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/coding/v1/usages"
PREFIXES = {"kimi": "kimi"}
SCENARIOS = {"kimi": ("high", "wrapped", "remaining_only", "numbers", "free", "api_error",
                      "usages_object", "reset_variants")}
DEMO_KEY = "sk-kimi-SimDemo4b7e1c9d2f5a8b3c6e0d1f4a7b2c5e8d"


def _iso(seconds_from_now: float) -> str:
    when = datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now)
    return when.isoformat(timespec="microseconds").replace("+00:00", "Z")


def _detail(limit: int, used: int, reset_in: float, scenario: str) -> dict[str, Any]:
    detail: dict[str, Any] = {"limit": str(limit), "used": str(used),
                              "remaining": str(limit - used), "resetTime": _iso(reset_in)}
    if scenario == "remaining_only":
        del detail["used"]
    if scenario == "numbers":
        detail.update(limit=limit, used=used, remaining=limit - used)
    return detail


def _usages_object() -> dict[str, Any]:
    return {
        "user": {"userId": "sim-user-0002", "region": "REGION_CN",
                 "membership": {"level": "LEVEL_PREMIUM"}},
        "usages": {
            "limit_5h": {"used_ratio": 0.18, "reset_at": _iso(2 * 3600)},
            "limit_7d": {"used_ratio": "0.42", "reset_in": 3 * 86400},
            "limit_month_tokens": {"used_ratio": 0.07, "resetTime": _iso(12 * 86400)},
        },
    }


def _reset_variants() -> dict[str, Any]:
    weekly_ms = int((datetime.now(timezone.utc).timestamp() + 4 * 86400) * 1000)
    return {
        "user": {"membership": {"level": "LEVEL_ADVANCED"}},
        "usage": {"limit": "100", "used": "33", "reset_at": weekly_ms},
        "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                    "limit": "100", "used": "41", "reset_in": 2 * 3600}],
    }


def usages(scenario: str) -> dict[str, Any]:
    if scenario == "usages_object":
        return _usages_object()
    if scenario == "reset_variants":
        return _reset_variants()
    five_h = 92 if scenario == "high" else 12
    body: dict[str, Any] = {
        "user": {"userId": "sim-user-0001", "region": "REGION_OVERSEA",
                 "membership": {"level": "LEVEL_FREE" if scenario == "free"
                                else "LEVEL_STANDARD"}},
        "usage": _detail(100, 26, 4 * 86400 + 3 * 3600, scenario),
        "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                    "detail": _detail(100, five_h, 3 * 3600 + 10 * 60, scenario)}],
        "parallel": {"limit": "20"},
    }
    if scenario == "free":
        del body["usage"]
    return body


def handle(req: SimRequest, scenario: str) -> SimResponse:
    if not req.headers.get("authorization", "").startswith("Bearer "):
        return SimResponse(401, {"error": {"message": "missing key", "type": "invalid_request"}})
    if scenario == "api_error":
        return SimResponse(200, {"code": 40101, "message": "membership expired"})
    body = usages(scenario)
    return SimResponse(200, {"data": body} if scenario == "wrapped" else body)


ROUTES = {"kimi": {("GET", PATH): handle}}


def demo_auth_entries() -> dict[str, dict[str, str]]:
    return {"kimi-for-coding": {"type": "api", "key": DEMO_KEY}}
