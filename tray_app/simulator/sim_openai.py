"""Simulated ChatGPT usage API (`/backend-api/wham/usage`), the demo's OpenCode `openai`
entry and the demo's Codex CLI login (a second ChatGPT account).

Answers per account: the account is the ChatGPT-Account-Id header, else the bearer JWT's
`chatgpt_account_id` claim; the demo's second account (Pro) has its own numbers (5-hour
12 %, weekly 67 %), every other account the first one's.

Scenarios: healthy (Plus: 5-hour 46 %, weekly 23 %), high (5-hour 91 %), weekly_only (the
weekly window alone, in the primary slot), monthly (5-hour + a 2628000 s window, percent as a
numeric string), team (403 without the ChatGPT-Account-Id header), pro_full (code review,
Codex Spark limits, credits with a string balance), spend_control (`rate_limit: null`, a team
spend cap), limit_reached (5-hour reached, no percent in it), null_secondary, runout (5-hour
60 % used with 2 h 30 min left: at that pace it runs out 50 min before its reset),
cdn_challenge (403 with the CDN's HTML challenge page and `cf-mitigated: challenge`: a blocked
network path, not a bad token), blocked_html (403 with an HTML page and no such header, as a
corporate proxy answers), enterprise (both windows null and the cap in
`rate_limit.individual_limit`: 1,240 of 4,000 monthly credits as strings, 69 % remaining, a
weekly-only "GPT-5.3-Codex-Spark" model cap and a malformed extra entry beside it),
prolite (`plan_type` "prolite" = Pro 5x, a string credits balance). Every scenario answers
401 without a Bearer token.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/backend-api/wham/usage"
PREFIXES = {"openai": "openai"}
SCENARIOS = {
    "openai": (
        "healthy", "high", "weekly_only", "monthly", "team", "pro_full", "spend_control",
        "limit_reached", "null_secondary", "runout", "cdn_challenge", "blocked_html",
        "enterprise", "prolite",
    ),
}
DEMO_EMAIL = "demo.user@example.com"
DEMO_ACCOUNT_ID = "5f3c2a9e-sim0-4d1b-9e7a-0000demo0001"
# The demo's Codex CLI login: another ChatGPT account, side by side with the OpenCode one.
CODEX_EMAIL = "codex.user@example.com"
CODEX_ACCOUNT_ID = "8a41d07c-sim0-4e2f-8c3b-0000demo0002"
CODEX_REFRESH = "rt_SIMULATOR.codex-refresh-token-not-real.1a2b3c4d5e6f7a8b9c0d"
# account id → (5-hour used %, weekly used %, plan) in the healthy answer
ACCOUNT_NUMBERS = {CODEX_ACCOUNT_ID: (12, 67, "pro")}
# Obviously fake yet token-shaped, so leak tests can look for them in every output.
DEMO_REFRESH = "rt_SIMULATOR.demo-refresh-token-not-real.9f8e7d6c5b4a3f2e1d0c"
_FAKE_SIGNATURE = base64.urlsafe_b64encode(b"mystatus-simulator: not a real signature!").decode()

_HOUR, _DAY = 3600, 86400


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def make_jwt(claims: dict[str, Any]) -> str:
    """A syntactically real JWT with a fake signature (nothing here is ever verified)."""
    header = {"alg": "RS256", "typ": "JWT", "kid": "mystatus-simulator"}
    return f"{_b64(header)}.{_b64(claims)}.{_FAKE_SIGNATURE.rstrip('=')}"


def demo_claims(now: float | None = None, *, plan: str = "plus", email: str = DEMO_EMAIL,
                account_id: str = DEMO_ACCOUNT_ID, lifetime: float = 365 * _DAY
                ) -> dict[str, Any]:
    now = time.time() if now is None else now
    return {
        "iss": "https://auth.openai.com",
        "aud": ["https://api.openai.com/v1"],
        "sub": f"auth0|simulator-{account_id[-4:]}",
        "iat": int(now),
        "exp": int(now + lifetime),
        "email": email,
        "https://api.openai.com/profile": {"email": email, "email_verified": True},
        "https://api.openai.com/auth": {
            "chatgpt_account_id": account_id,
            "chatgpt_plan_type": plan,
            "user_id": f"user-SIMULATOR{account_id[-12:]}",
        },
    }


def codex_auth_file(*, email: str = CODEX_EMAIL, account_id: str = CODEX_ACCOUNT_ID,
                    plan: str = "pro", lifetime: float = 10 * _DAY,
                    refresh: str = CODEX_REFRESH) -> dict[str, Any]:
    """Codex CLI's auth.json for a ChatGPT login, in the shape Codex writes it (provider
    facts §1): auth_mode, OPENAI_API_KEY (null), tokens{id_token, access_token,
    refresh_token, account_id}, last_refresh (RFC 3339)."""
    now = time.time()
    claims = demo_claims(now, plan=plan, email=email, account_id=account_id, lifetime=lifetime)
    return {
        "auth_mode": "chatgpt",
        "OPENAI_API_KEY": None,
        "tokens": {
            "id_token": make_jwt(claims),
            "access_token": make_jwt(claims),
            "refresh_token": refresh,
            "account_id": account_id,
        },
        "last_refresh": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)),
    }


def demo_auth_entries() -> dict[str, dict[str, Any]]:
    now = time.time()
    return {
        "openai": {
            "type": "oauth",
            "access": make_jwt(demo_claims(now)),
            "refresh": DEMO_REFRESH,
            "expires": int((now + 365 * _DAY) * 1000),
        }
    }


# ---------------------------------------------------------------------------- payloads
def window(used: Any, seconds: int, reset_after: int) -> dict[str, Any]:
    """One window as the API sends it; `used=None` leaves `used_percent` out."""
    out: dict[str, Any] = {
        "limit_window_seconds": seconds,
        "reset_after_seconds": reset_after,
        "reset_at": int(time.time()) + reset_after,
    }
    if used is not None:
        out["used_percent"] = used
    return out


def _rate_limit(primary: Any, secondary: Any, *, reached: bool = False) -> dict[str, Any]:
    return {
        "allowed": not reached,
        "limit_reached": reached,
        "primary_window": primary,
        "secondary_window": secondary,
    }


_NO_CREDITS = {"has_credits": False, "unlimited": False, "balance": None}


def usage(scenario: str, account_id: str = "") -> dict[str, Any]:
    five_used, weekly_used, plan = ACCOUNT_NUMBERS.get(account_id, (46, 23, "plus"))
    five_h = window(91 if scenario == "high" else five_used, 5 * _HOUR, 2 * _HOUR + 15 * 60)
    weekly = window(weekly_used, 7 * _DAY, 4 * _DAY + 3 * _HOUR)
    body: dict[str, Any] = {
        "plan_type": plan,
        "rate_limit": _rate_limit(five_h, weekly),
        "credits": _NO_CREDITS,
    }
    if scenario == "weekly_only":
        body.update(plan_type="free", rate_limit=_rate_limit(window(58, 7 * _DAY, 2 * _DAY), None))
    elif scenario == "monthly":
        monthly = window("41.5", 2628000, 17 * _DAY)
        body["rate_limit"] = _rate_limit(window(12, 5 * _HOUR, 4 * _HOUR), monthly)
    elif scenario == "runout":
        body["rate_limit"] = _rate_limit(window(60, 5 * _HOUR, 2 * _HOUR + 30 * 60), weekly)
    elif scenario == "team":
        body["plan_type"] = "team"
    elif scenario == "pro_full":
        body.update(
            plan_type="pro",
            code_review_rate_limit={"primary_window": window(12, 7 * _DAY, 5 * _DAY)},
            additional_rate_limits=[{
                "limit_name": "Codex Spark",
                "metered_feature": "codex_spark",
                "rate_limit": _rate_limit(
                    window(8, 5 * _HOUR, 3 * _HOUR), window(3, 7 * _DAY, 6 * _DAY)
                ),
            }],
            credits={"has_credits": True, "unlimited": False, "balance": "12.5"},
        )
    elif scenario == "spend_control":
        body.update(
            plan_type="team",
            rate_limit=None,
            spend_control={"reached": False, "individual_limit": {
                "remaining_percent": 38,
                "reset_after_seconds": 9 * _DAY,
                "reset_at": int(time.time()) + 9 * _DAY,
            }},
        )
    elif scenario == "limit_reached":
        reached = window(None, 5 * _HOUR, 22 * 60)  # no used_percent: limit_reached says it
        body["rate_limit"] = _rate_limit(reached, window(64, 7 * _DAY, 3 * _DAY), reached=True)
    elif scenario == "null_secondary":
        body["rate_limit"] = _rate_limit(five_h, None)
    elif scenario == "enterprise":
        rate_limit = _rate_limit(None, None)
        rate_limit["individual_limit"] = {  # numbers as strings, as captures show them
            "limit": "4000", "used": "1240", "remaining_percent": 69,
            "resets_at": int(time.time()) + 11 * _DAY,
        }
        body.update(
            plan_type="enterprise",
            rate_limit=rate_limit,
            additional_rate_limits=[
                {"limit_name": "broken", "rate_limit": "not an object"},
                {"limit_name": "GPT-5.3-Codex-Spark", "metered_feature": "codex_bengalfox",
                 "rate_limit": _rate_limit(window(35, 7 * _DAY, 5 * _DAY), None)},
            ],
            credits={"has_credits": True, "unlimited": False, "balance": "0"},
        )
    elif scenario == "prolite":
        body.update(plan_type="prolite",
                    credits={"has_credits": True, "unlimited": False, "balance": "7.50"})
    return body


# Our own minimal stand-in for a CDN's interstitial page (the real one is a script-heavy page
# titled "Just a moment..."): what matters is the status, the header and that it is HTML.
CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head>"
    b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
)
PROXY_PAGE = b"<html><body><h1>Access denied</h1><p>Blocked by policy.</p></body></html>"


def account_of(req: SimRequest) -> str:
    """The account a request is for: its ChatGPT-Account-Id, else its token's claim."""
    header = req.headers.get("chatgpt-account-id", "")
    if header:
        return header
    token = req.headers.get("authorization", "").removeprefix("Bearer ")
    parts = token.split(".")
    if len(parts) < 2:
        return ""
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return ""
    auth = claims.get("https://api.openai.com/auth") if isinstance(claims, dict) else None
    value = auth.get("chatgpt_account_id") if isinstance(auth, dict) else None
    return value if isinstance(value, str) else ""


def wham_usage(req: SimRequest, scenario: str) -> SimResponse:
    if scenario == "cdn_challenge":  # before any auth check: the CDN answers, not the API
        return SimResponse(403, CHALLENGE_PAGE, {"Content-Type": "text/html; charset=UTF-8",
                                                 "cf-mitigated": "challenge"})
    if scenario == "blocked_html":
        return SimResponse(403, PROXY_PAGE, {"Content-Type": "text/html"})
    auth = req.headers.get("authorization", "")
    if not auth.startswith("Bearer ") or len(auth) < len("Bearer ") + 8:
        return SimResponse(401, {"detail": "Unauthorized"})
    if scenario == "team" and not req.headers.get("chatgpt-account-id"):
        return SimResponse(403, {"detail": "Workspace account id required"})
    return SimResponse(200, usage(scenario, account_of(req)))


ROUTES = {"openai": {("GET", PATH): wham_usage}}
