"""Simulated GitHub API for Copilot: `copilot_internal/user`, `copilot_internal/v2/token` and
the billing usage endpoints, checking the Authorization shapes as GitHub does (401 otherwise):
`token gho_…` (OAuth) or `Bearer tid=…` (exchanged session) internally, a PAT on billing.

Scenarios: healthy (OAuth works: premium 36 % of 300; PAT: AI Credits), oauth_404 (internal
API and exchange 404 for OAuth tokens), exchange (`token` 403, the v2/token exchange works),
unlimited, placeholder_seat (token-billed seat: entitlement 0 + credits_used), over_quota
(negative remaining), free_plan (monthly/limited quotas), date_only_reset, pat_ai_credits,
pat_premium_legacy (ai_credit 404 → premium_request), pat_expired (401 on billing),
pat_expiring (expiration header 2 days ahead), rate_limited_403 (403 + x-ratelimit-remaining 0),
ai_credits (`copilot_internal/user` under AI Credits: premium_interactions is the Pro credit
pool, 712.5 of 1,500 left; chat and completions answer -1 entitlement/remaining = unlimited),
bogus_percent (`percent_remaining` 140 beside consistent counts, 210 of 300 left),
unlimited_credits (an unlimited AI-credit bucket still counting `credits_used`: $31).
With the demo's plan ("pro"), the PAT's AI Credits usage is a percentage of Pro's 1,500.
"""

from __future__ import annotations

import secrets
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from tray_app.simulator.server import Handler, SimRequest, SimResponse

DEMO_USERNAME = "octocat-demo"  # the billing routes exist for this login only (404 otherwise)
DEMO_PLAN = "pro"  # for Settings(copilot_plan=...) in the demo
DEMO_PAT = "github_pat_11SIMDEMO0_q8Vh2mXr4TnLk7Pz9Ws3Yb6Jc1Fd5Ga0He8Ru2Iv4Ox7Nt"
DEMO_OAUTH = "gho_SimDemo7Kp2Vx9Qr4Tz6Wm1Ys8Lb3Nd5Hf0Jg"

PREFIXES = {"github": "github"}
SCENARIOS = {
    "github": (
        "healthy", "oauth_404", "exchange", "unlimited", "placeholder_seat", "over_quota",
        "free_plan", "date_only_reset", "pat_ai_credits", "pat_premium_legacy", "pat_expired",
        "pat_expiring", "rate_limited_403", "ai_credits", "bogus_percent",
        "unlimited_credits",
    ),
}
_SESSION_PREFIX = "tid=sim"


def _auth(req: SimRequest) -> tuple[str, str]:
    scheme, _, token = req.headers.get("authorization", "").strip().partition(" ")
    return scheme.lower(), token.strip()


def _error(status: int, message: str, **headers: str) -> SimResponse:
    body = {"message": message, "documentation_url": "https://docs.github.com/rest"}
    return SimResponse(status, body, {"X-RateLimit-Remaining": "4999", **headers})


def _guard(scenario: str) -> SimResponse | None:
    if scenario == "rate_limited_403":
        reset = str(int(time.time()) + 600)
        return _error(403, "API rate limit exceeded for user ID 1.",
                      **{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    return None


def _next_month(now: datetime) -> datetime:
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return datetime(year, month, 1, tzinfo=timezone.utc)


def _snap(name: str, entitlement: float, remaining: float, **extra: Any) -> dict[str, Any]:
    percent = max(0.0, remaining / entitlement * 100.0) if entitlement else 100.0
    return {"entitlement": entitlement, "remaining": remaining, "quota_remaining": remaining,
            "percent_remaining": round(percent, 2), "unlimited": False, "overage_count": 0,
            "overage_permitted": False, "quota_id": name, **extra}


def _unlimited(name: str) -> dict[str, Any]:
    return {**_snap(name, 0, 0), "unlimited": True}


def copilot_user(scenario: str) -> dict[str, Any]:
    reset = _next_month(datetime.now(timezone.utc))
    body: dict[str, Any] = {
        "login": DEMO_USERNAME, "access_type_sku": "plus_monthly_subscriber_quota",
        "copilot_plan": "individual", "chat_enabled": True, "token_based_billing": False,
        "quota_reset_date": reset.strftime("%Y-%m-%d"),
        "quota_reset_date_utc": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "quota_snapshots": {"premium_interactions": _snap("premium_interactions", 300, 192),
                            "chat": _unlimited("chat"), "completions": _unlimited("completions")},
    }
    snaps = body["quota_snapshots"]
    if scenario == "unlimited":
        snaps["premium_interactions"] = _unlimited("premium_interactions")
        body["copilot_plan"] = "enterprise"
    elif scenario == "placeholder_seat":
        body.update(copilot_plan="business", token_based_billing=True)
        snaps["premium_interactions"] = _snap("premium_interactions", 0, 0, credits_used=1234.5)
    elif scenario == "over_quota":
        snaps["premium_interactions"] = _snap("premium_interactions", 300, -45, overage_count=45,
                                              overage_permitted=True)
    elif scenario == "free_plan":
        body = {"login": DEMO_USERNAME, "access_type_sku": "free_limited_copilot",
                "copilot_plan": "free", "chat_enabled": True,
                "monthly_quotas": {"chat": 50, "completions": 2000},
                "limited_user_quotas": {"chat": 12, "completions": 1540},
                "limited_user_reset_date": reset.strftime("%Y-%m-%d")}
    elif scenario == "ai_credits":
        minus_one = {"entitlement": -1, "remaining": -1, "quota_remaining": -1,
                     "percent_remaining": 100.0, "unlimited": False, "overage_count": 0,
                     "overage_permitted": False}
        body.update(token_based_billing=True)
        snaps["premium_interactions"] = _snap("premium_interactions", 1500, 712.5,
                                              overage_permitted=True)
        snaps["chat"] = {**minus_one, "quota_id": "chat"}
        snaps["completions"] = {**minus_one, "quota_id": "completions"}
    elif scenario == "date_only_reset":
        del body["quota_reset_date_utc"]
    elif scenario == "bogus_percent":
        snaps["premium_interactions"] = {**_snap("premium_interactions", 300, 210),
                                         "percent_remaining": 140}
    elif scenario == "unlimited_credits":
        body.update(copilot_plan="enterprise", token_based_billing=True)
        snaps["premium_interactions"] = {**_unlimited("premium_interactions"),
                                         "credits_used": 31}
    return body


def user(req: SimRequest, scenario: str) -> SimResponse:
    guard = _guard(scenario)
    if guard is not None:
        return guard
    scheme, token = _auth(req)
    if scheme == "token" and token.startswith(("gho_", "ghu_")):
        if scenario == "oauth_404":
            return _error(404, "Not Found")
        if scenario == "exchange":
            return _error(403, "Resource not accessible by integration")
        return SimResponse(200, copilot_user(scenario))
    if scheme == "bearer" and token.startswith(_SESSION_PREFIX):
        return SimResponse(200, copilot_user(scenario))
    return _error(401, "Bad credentials")


def exchange(req: SimRequest, scenario: str) -> SimResponse:
    guard = _guard(scenario)
    if guard is not None:
        return guard
    scheme, token = _auth(req)
    if scheme != "token" or not token.startswith(("gho_", "ghu_")):
        return _error(401, "Bad credentials")
    if scenario == "oauth_404":
        return _error(404, "Not Found")
    expires = int(time.time()) + 1800
    session = f"{_SESSION_PREFIX}{secrets.token_hex(8)};exp={expires};sku=plus_monthly;8kp=1"
    return SimResponse(200, {"token": session, "expires_at": expires, "refresh_in": 1500})


def _item(model: str, gross: float, unit: str, price: float, included: float) -> dict[str, Any]:
    discount = min(gross, included)
    return {"product": "copilot", "sku": f"copilot_{unit}", "model": model, "unitType": unit,
            "pricePerUnit": price, "grossQuantity": gross, "discountQuantity": discount,
            "netQuantity": gross - discount, "grossAmount": round(gross * price, 2),
            "discountAmount": round(discount * price, 2),
            "netAmount": round((gross - discount) * price, 2)}


def _usage(req: SimRequest, items: list[dict[str, Any]]) -> SimResponse:
    now = datetime.now(timezone.utc)
    year = int(req.query.get("year", [now.year])[0])
    month = int(req.query.get("month", [now.month])[0])
    headers: dict[str, str] = {"X-RateLimit-Remaining": "4999"}
    body = {"timePeriod": {"year": year, "month": month}, "user": DEMO_USERNAME,
            "usageItems": items}
    return SimResponse(200, body, headers)


def _pat_ok(req: SimRequest) -> bool:
    scheme, token = _auth(req)
    return scheme in ("bearer", "token") and token.startswith(("github_pat_", "ghp_"))


def _with_expiration(resp: SimResponse, scenario: str) -> SimResponse:
    ahead = timedelta(days=2) if scenario == "pat_expiring" else timedelta(days=60)
    when = datetime.now(timezone.utc) + ahead
    resp.headers["github-authentication-token-expiration"] = when.strftime("%Y-%m-%d %H:%M:%S UTC")
    return resp


def ai_credit(req: SimRequest, scenario: str) -> SimResponse:
    guard = _guard(scenario)
    if guard is not None:
        return guard
    if not _pat_ok(req) or scenario == "pat_expired":
        return _error(401, "Bad credentials")
    if scenario == "pat_premium_legacy":
        return _error(404, "Not Found")
    # 786.5 of Pro's 1,500 monthly credits: all of it included, nothing billed yet
    items = [_item("Claude Sonnet 4.5", 412.0, "credits", 0.01, 1500),
             _item("GPT-5", 236.5, "credits", 0.01, 1500),
             _item("Gemini 2.5 Pro", 120.0, "credits", 0.01, 1500),
             _item("GPT-4.1", 18.0, "credits", 0.01, 1500)]
    return _with_expiration(_usage(req, items), scenario)


def premium_request(req: SimRequest, scenario: str) -> SimResponse:
    guard = _guard(scenario)
    if guard is not None:
        return guard
    if not _pat_ok(req) or scenario == "pat_expired":
        return _error(401, "Bad credentials")
    items = [_item("Claude Sonnet 4.5", 120, "requests", 0.04, 300),
             _item("GPT-5", 64, "requests", 0.04, 180),
             _item("o3", 20, "requests", 0.04, 116),
             _item("Gemini 2.5 Pro", 6, "requests", 0.04, 96)]
    return _with_expiration(_usage(req, items), scenario)


_BILLING = f"/users/{DEMO_USERNAME}/settings/billing"
ROUTES: dict[str, dict[tuple[str, str], Handler]] = {
    "github": {
        ("GET", "/copilot_internal/user"): user,
        ("GET", "/copilot_internal/v2/token"): exchange,
        ("GET", f"{_BILLING}/ai_credit/usage"): ai_credit,
        ("GET", f"{_BILLING}/premium_request/usage"): premium_request,
    },
}


def demo_auth_entries() -> dict[str, dict[str, Any]]:
    # OpenCode's newer Copilot flow stores the same gho_ token in `refresh` and `access`
    return {"github-copilot": {"type": "oauth", "refresh": DEMO_OAUTH, "access": DEMO_OAUTH,
                               "expires": 0}}
