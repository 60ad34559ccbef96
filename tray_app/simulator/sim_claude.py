"""Simulated Claude usage API (`/api/oauth/usage`) and the demo's Claude Code login.

Every scenario answers 429 with `retry-after: 0` when the User-Agent is not Claude Code's
(`claude-code/<version>`), as the real endpoint does, and 401 without a Bearer token or
without the `anthropic-beta: oauth-2025-04-20` header.

Scenarios: healthy (Max 5x: 5-hour 34 %, weekly 21 %, Sonnet weekly 12 %, Opus null, a
"Fable" weekly_scoped cap, extra usage $34.62 of $50.00, unknown top-level keys), high (5-hour
93.5 %, weekly 81 %), null_windows (every window null or without utilization), cents_float
(extra usage as floats, 3 decimal places), odd_keys (bad shapes in some keys: the others
still decode), rate_limited (a real 429 with `retry-after: 0`), spend_only (the answer has
only the newer `spend` object: $12.80 of $40.00), new_shapes (`spend` beside a different legacy
`extra_usage`, a `weekly_scoped` entry whose model is null, `seven_day_omelette` sharing the
weekly limit, resets as ISO without a zone and as epoch seconds).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/api/oauth/usage"
BETA = "oauth-2025-04-20"
PREFIXES = {"anthropic": "anthropic"}
SCENARIOS = {
    "anthropic": ("healthy", "high", "null_windows", "cents_float", "odd_keys", "rate_limited",
                  "spend_only", "new_shapes"),
}
DEMO_EMAIL = "claude.demo@example.com"
# Obviously fake yet token-shaped, so leak tests can look for them in every output.
DEMO_ACCESS = "sk-ant-oat01-SIMULATOR-demo-access-token-not-real-0000000000000000"
DEMO_REFRESH = "sk-ant-ort01-SIMULATOR-demo-refresh-token-not-real-000000000000000"
SCOPES = ["user:inference", "user:profile", "user:sessions:claude_code"]


def credentials(
    access: str = DEMO_ACCESS,
    *,
    expires_ms: int | None = None,
    subscription: str = "max",
    tier: str = "default_claude_max_5x",
    scopes: list[str] | None = None,
) -> dict[str, Any]:
    """A `.credentials.json` object as Claude Code writes it."""
    if expires_ms is None:
        expires_ms = int((time.time() + 8 * 3600) * 1000)
    return {
        "claudeAiOauth": {
            "accessToken": access,
            "refreshToken": DEMO_REFRESH,
            "expiresAt": expires_ms,
            "scopes": list(SCOPES if scopes is None else scopes),
            "subscriptionType": subscription,
            "rateLimitTier": tier,
        }
    }


def global_config(email: str = DEMO_EMAIL) -> dict[str, Any]:
    """The part of `~/.claude.json` we read (Claude Code keeps much more there)."""
    return {
        "numStartups": 12,
        "oauthAccount": {
            "accountUuid": "00000000-sim0-4000-8000-00000000c1de",
            "emailAddress": email,
            "organizationName": "Simulator",
        },
    }


# ---------------------------------------------------------------------------- payloads
def _iso(after: timedelta) -> str:
    # ISO 8601 with microseconds and +00:00, as the API sends it
    return (datetime.now(timezone.utc) + after).isoformat(timespec="microseconds")


def window(utilization: Any, after: timedelta | None) -> dict[str, Any]:
    return {"utilization": utilization, "resets_at": _iso(after) if after else None}


def usage(scenario: str) -> dict[str, Any]:
    high = scenario == "high"
    body: dict[str, Any] = {
        "five_hour": window(93.5 if high else 34.0, timedelta(hours=2, minutes=10)),
        "seven_day": window(81.0 if high else 21.0, timedelta(days=3, hours=4)),
        "seven_day_oauth_apps": None,
        "seven_day_sonnet": window(12.0, timedelta(days=3, hours=4)),
        "seven_day_opus": None,
        "seven_day_cowork": None,
        "limits": [
            {"kind": "session", "group": "all", "percent": 93.5 if high else 34.0,
             "severity": "warning" if high else "ok", "resets_at": _iso(timedelta(hours=2)),
             "scope": None, "is_active": True},
            {"kind": "weekly_scoped", "group": "fable", "percent": 40.0, "severity": "ok",
             "resets_at": _iso(timedelta(days=5)),
             "scope": {"model": {"id": "claude-fable-1", "display_name": "Fable"}},
             "is_active": True},
        ],
        "extra_usage": {
            "is_enabled": True,
            "monthly_limit": 5000,
            "used_credits": 3462,
            "utilization": 69.24,
            "currency": "USD",
            "decimal_places": 2,
        },
        "spend": {"enabled": False},
        "tangelo": None,
    }
    if scenario == "null_windows":
        body = {
            "five_hour": {"utilization": None, "resets_at": None},
            "seven_day": None,
            "seven_day_sonnet": None,
            "seven_day_opus": None,
            "extra_usage": {"is_enabled": False, "monthly_limit": None, "used_credits": None,
                            "utilization": None, "currency": None},
        }
    elif scenario == "cents_float":
        body["extra_usage"] = {"is_enabled": True, "monthly_limit": 20000.0,
                               "used_credits": 1234.0, "utilization": None,
                               "currency": "usd", "decimal_places": 3}
    elif scenario == "spend_only":
        body = {"spend": {"enabled": True,
                          "used": {"amount_minor": 1280, "currency": "USD", "exponent": 2},
                          "limit": {"amount_minor": 4000, "currency": "USD", "exponent": 2},
                          "percent": 32.0}}
    elif scenario == "new_shapes":
        zoneless = (datetime.now(timezone.utc) + timedelta(hours=3)).replace(tzinfo=None)
        body.update(
            five_hour={"utilization": 27.0, "resets_at": zoneless.isoformat()},
            seven_day={"utilization": 44.0,
                       "resets_at": int((datetime.now(timezone.utc)
                                         + timedelta(days=2)).timestamp())},
            seven_day_omelette={"utilization": 44.0, "resets_at": None},
            spend={"enabled": True,
                   "used": {"amount_minor": 900, "currency": "USD", "exponent": 2},
                   "limit": {"amount_minor": 2000, "currency": "USD", "exponent": 2}},
        )
        body["limits"] = [*body["limits"], {"kind": "weekly_scoped", "group": "weekly",
                                            "percent": 15.0, "scope": {"model": None}}]
    elif scenario == "odd_keys":
        body.update(seven_day="garbage", seven_day_sonnet=[1, 2], limits="not a list",
                    extra_usage={"is_enabled": True, "monthly_limit": "lots",
                                 "used_credits": {"x": 1}})
    return body


def oauth_usage(req: SimRequest, scenario: str) -> SimResponse:
    if not req.headers.get("user-agent", "").startswith("claude-code/"):
        # the real endpoint's answer to anything that is not Claude Code, every time
        return SimResponse(429, {"error": {"type": "rate_limit_error",
                                           "message": "Rate limited. Please try again later."}},
                           {"retry-after": "0"})
    auth = req.headers.get("authorization", "")
    if not auth.startswith("Bearer ") or len(auth) < len("Bearer ") + 8:
        return SimResponse(401, {"type": "error", "error": {
            "type": "authentication_error", "message": "Invalid bearer token"}})
    if req.headers.get("anthropic-beta") != BETA:
        return SimResponse(401, {"type": "error", "error": {
            "type": "authentication_error",
            "message": "OAuth authentication is currently not supported."}})
    if scenario == "rate_limited":
        return SimResponse(429, {"error": {"type": "rate_limit_error",
                                           "message": "Rate limited. Please try again later."}},
                           {"retry-after": "0"})
    return SimResponse(200, usage(scenario))


ROUTES = {"anthropic": {("GET", PATH): oauth_usage}}
