"""Simulated OpenCode Go usage API (`/zen/go/v1/usage`, provider-facts §8).

Scenarios: healthy (5-hour 24 %, weekly 41 %, monthly 18 %), high (5-hour at 92 %),
exhausted (weekly status "exceeded", no percent), no_usage (`usage: null`: a key without Go),
alt_shape (`usagePercent` / `resetInSec` instead of `percent` / `resetsAt`), wrapped (the
payload inside `data`).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/zen/go/v1/usage"
PREFIXES = {"opencode": "opencode-go"}
SCENARIOS = {"opencode-go": ("high", "exhausted", "no_usage", "alt_shape", "wrapped")}
DEMO_KEY = "sk-sim-ocgo-7d3f9a1c5e8b2d4f6a0c3e5b7d9f1a2c"


def _iso(seconds_from_now: float) -> str:
    when = datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now)
    return when.isoformat().replace("+00:00", "Z")


def _next_utc_monday_seconds() -> float:
    now = datetime.now(timezone.utc)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    days = (7 - now.weekday()) % 7 or 7
    return (midnight + timedelta(days=days) - now).total_seconds()


def _next_month_seconds() -> float:
    now = datetime.now(timezone.utc)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return (datetime(year, month, 1, tzinfo=timezone.utc) - now).total_seconds()


def usage(scenario: str) -> dict[str, Any]:
    rolling = 92 if scenario == "high" else 24
    windows: dict[str, Any] = {
        "rolling": {"status": "ok", "percent": rolling, "resetsAt": _iso(2 * 3600 + 40 * 60)},
        "weekly": {"status": "ok", "percent": 41, "resetsAt": _iso(_next_utc_monday_seconds())},
        "monthly": {"status": "ok", "percent": 18, "resetsAt": _iso(_next_month_seconds())},
    }
    if scenario == "exhausted":
        windows["weekly"] = {"status": "exceeded", "resetsAt": _iso(_next_utc_monday_seconds())}
    if scenario == "alt_shape":
        windows = {k: {"usagePercent": v["percent"], "resetInSec": 3600 * (i + 1)}
                   for i, (k, v) in enumerate(windows.items())}
    return {"usage": windows}


def handle(req: SimRequest, scenario: str) -> SimResponse:
    if not req.headers.get("authorization", "").startswith("Bearer "):
        return SimResponse(401, {"error": "unauthorized"})
    if scenario == "no_usage":
        return SimResponse(200, {"usage": None})
    body = usage(scenario)
    return SimResponse(200, {"data": body} if scenario == "wrapped" else body)


ROUTES = {"opencode-go": {("GET", PATH): handle}}


def demo_auth_entries() -> dict[str, dict[str, str]]:
    return {"opencode-go": {"type": "api", "key": DEMO_KEY}}
