"""Simulated Google OAuth token endpoint and Antigravity quota API (summary + per-model).

Two hosts under the "antigravity" prefix, told apart by path: production at
`/antigravity/v1internal:*` and the daily host at `/antigravity/daily/v1internal:*` (url key
"antigravity_daily"), so the request counter shows which one was asked. As in Sep 2026, the
production summary answers the Gemini buckets with the sentinel `remainingFraction: 1` (reset
"now + window"); the daily host answers the real numbers; the `3p-*` buckets match.

Scenarios on the "antigravity" prefix (both hosts): healthy (per project, see below), high (a
family at 92 %), no_summary (summary 404 on both hosts → models), fraction_missing,
fraction_over_one, wrapped_summary ("response" wrapper), verification (403
VALIDATION_REQUIRED), unknown_models (new model ids), daily_down (the daily host answers 503:
production's summary is the fallback), daily_challenge (the daily host answers a 403 HTML
page), proto3_zeros (the summary as the language server shapes it: fractions inside a
`remaining` oneof, and a used-up bucket whose zero fraction is left out, only its reset
given). Generic faults hit both hosts. On the "google-oauth" prefix: healthy, invalid_grant.
In `healthy`, behaviour follows the project id so the demo shows a mix: "...models-only..."
has no summary (404), "...high..." answers high usage, anything else the pooled buckets.
Access tokens are self-verifying (HMAC over a nonce), so no state is kept between requests;
the server's request counter counts token requests ("google-oauth POST /token").
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime, timezone
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

SUMMARY_PATH = "/v1internal:retrieveUserQuotaSummary"
MODELS_PATH = "/v1internal:fetchAvailableModels"
DAILY = "/daily"  # the daily host's path prefix, under the "antigravity" prefix
PREFIXES = {"google_oauth": "google-oauth", "antigravity": "antigravity",
            "antigravity_daily": "antigravity" + DAILY}
SCENARIOS: dict[str, tuple[str, ...]] = {
    "antigravity": ("healthy", "high", "no_summary", "fraction_missing", "fraction_over_one",
                    "wrapped_summary", "verification", "unknown_models", "daily_down",
                    "daily_challenge", "proto3_zeros"),
    "google-oauth": ("healthy", "invalid_grant"),
}
_KEY = secrets.token_bytes(16)  # per process: tokens of another run are rejected
VERIFY_URL = "https://accounts.google.com/signin/continue?sarp=1&scc=1&continue=sim"


def _iso(seconds_from_now: float) -> str:
    when = datetime.fromtimestamp(time.time() + seconds_from_now, tz=timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _error(
    status: int, message: str, reason: str, extra: dict[str, Any] | None = None
) -> SimResponse:
    body: dict[str, Any] = {"code": status, "message": message, "status": reason}
    body.update(extra or {})
    return SimResponse(status, {"error": body})


# ------------------------------------------------------------------ OAuth
def issue_token() -> str:
    nonce = secrets.token_hex(12)
    mac = hmac.new(_KEY, nonce.encode(), hashlib.sha256).hexdigest()[:24]
    return f"ya29.sim-{nonce}-{mac}"


def token_valid(token: str) -> bool:
    body = token.removeprefix("ya29.sim-")
    nonce, _, mac = body.partition("-")
    if body == token or not nonce or not mac:
        return False
    expected = hmac.new(_KEY, nonce.encode(), hashlib.sha256).hexdigest()[:24]
    return hmac.compare_digest(mac, expected)


def token(req: SimRequest, scenario: str) -> SimResponse:
    form = req.form()
    if form.get("grant_type") != "refresh_token" or not form.get("client_id"):
        return SimResponse(400, {"error": "invalid_request", "error_description": "Bad Request"})
    refresh = form.get("refresh_token", "")
    if scenario == "invalid_grant" or not refresh.startswith("1//") or "revoked" in refresh:
        return SimResponse(400, {"error": "invalid_grant",
                                 "error_description": "Token has been expired or revoked."})
    return SimResponse(200, {"access_token": issue_token(), "expires_in": 3599,
                             "scope": "https://www.googleapis.com/auth/cloud-platform openid",
                             "token_type": "Bearer"})


# ------------------------------------------------------------------ quota API
def _guard(req: SimRequest, scenario: str) -> tuple[SimResponse | None, str]:
    """(an error answer or None, the effective mode for this request)."""
    auth = req.headers.get("authorization", "")
    if not auth.startswith("Bearer ") or not token_valid(auth[7:]):
        return _error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED"), ""
    body = req.json()
    project = str(body.get("project") or "") if isinstance(body, dict) else ""
    if not project:
        return _error(400, "Invalid project resource name", "INVALID_ARGUMENT"), ""
    if scenario == "verification":
        details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "VALIDATION_REQUIRED", "metadata": {"validation_url": VERIFY_URL}}]
        return _error(403, "Verify your account to continue.", "PERMISSION_DENIED",
                      {"details": details}), ""
    if scenario != "healthy":
        return None, scenario
    if "models-only" in project:
        return None, "no_summary"
    return None, "high" if "high" in project else "healthy"


def _bucket(bucket_id: str, name: str, fraction: float, hours: float) -> dict[str, Any]:
    return {"bucketId": bucket_id, "displayName": name, "remainingFraction": fraction,
            "resetTime": _iso(hours * 3600)}


def groups(mode: str, *, production: bool = False) -> list[dict[str, Any]]:
    gemini_5h = 0.08 if mode == "high" else 0.71
    gemini = [
        _bucket("gemini-5h", "Gemini · 5-hour", gemini_5h, 3.2),
        _bucket("gemini-weekly", "Gemini · weekly", 0.55, 4 * 24 + 6),
    ]
    if production:  # the sentinel: "full", resetting one whole window from now
        gemini = [_bucket("gemini-5h", "Gemini · 5-hour", 1, 5),
                  _bucket("gemini-weekly", "Gemini · weekly", 1, 7 * 24)]
    if mode == "proto3_zeros":
        weekly = _bucket("gemini-weekly", "Gemini · weekly", 0.55, 4 * 24 + 6)
        del weekly["remainingFraction"]
        weekly["remaining"] = {"remainingFraction": 0.55}
        five = _bucket("gemini-5h", "Gemini · 5-hour", 0.0, 1.5)
        del five["remainingFraction"]  # proto3 leaves a zero out: only the reset is left
        three = _bucket("3p-5h", "Claude & GPT · 5-hour", 0.9, 1.5)
        del three["remainingFraction"]
        three["remaining"] = {"case": "remainingFraction", "value": 0.9}
        return [{"displayName": "Gemini Models", "buckets": [five, weekly]},
                {"displayName": "Claude and GPT models", "buckets": [three]}]
    return [
        {"displayName": "Gemini Models", "buckets": gemini},
        {"displayName": "Claude and GPT models", "buckets": [
            _bucket("3p-5h", "Claude & GPT · 5-hour", 0.9, 1.5),
            _bucket("3p-weekly", "Claude & GPT · weekly", 0.62, 4 * 24 + 6),
            {"bucketId": "3p-daily", "displayName": "Claude & GPT · daily", "disabled": True},
        ]},
    ]


def summary(req: SimRequest, scenario: str) -> SimResponse:
    """Production's summary: the Gemini buckets carry the sentinel."""
    return _summary(req, scenario, production=True)


def daily_summary(req: SimRequest, scenario: str) -> SimResponse:
    """The daily host's summary: the real numbers."""
    if scenario == "daily_down":
        return _error(503, "The service is currently unavailable.", "UNAVAILABLE")
    if scenario == "daily_challenge":
        return SimResponse(403, b"<html><head><title>Sorry...</title></head></html>",
                           {"Content-Type": "text/html"})
    return _summary(req, scenario, production=False)


def _summary(req: SimRequest, scenario: str, *, production: bool) -> SimResponse:
    error, mode = _guard(req, scenario)
    if error is not None:
        return error
    if mode in ("no_summary", "fraction_missing", "fraction_over_one", "unknown_models"):
        return _error(404, "Method not found.", "NOT_FOUND")
    if mode in ("daily_down", "daily_challenge"):
        mode = "healthy"
    body: dict[str, Any] = {"groups": groups(mode, production=production)}
    return SimResponse(200, {"response": body} if mode == "wrapped_summary" else body)


def _model(name: str, quota: dict[str, Any] | None, placeholder: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"displayName": name, "maxTokens": 1048576, "maxOutputTokens": 65535,
                             "model": f"MODEL_PLACEHOLDER_M{placeholder}", "supportsThinking": True}
    if quota is not None:
        entry["quotaInfo"] = quota
    return entry


def _q(fraction: float | None, hours: float | None = 4.5) -> dict[str, Any]:
    quota: dict[str, Any] = {}
    if fraction is not None:
        quota["remainingFraction"] = fraction
    if hours is not None:
        quota["resetTime"] = _iso(hours * 3600)
    return quota


def models(mode: str) -> dict[str, Any]:
    if mode == "unknown_models":
        return {
            "gemini-4-pro-ultra": _model("Gemini 4 Pro Ultra", _q(0.66), 40),
            "gemini-4-flash-nano": _model("Gemini 4 Flash Nano", _q(0.97), 41),
            "gemini-4-pro-image-preview": _model("Gemini 4 Pro Image", _q(0.5), 42),
            "claude-quill-5-thinking": _model("Claude Quill 5 (Thinking)", _q(0.33), 43),
            "gpt-oss-240b-high": _model("GPT-OSS 240B (High)", _q(0.8), 44),
            "nova-1-preview": _model("Nova 1 Preview", _q(0.9), 45),
        }
    pro = 0.08 if mode == "high" else 0.74
    flash = 1.25 if mode == "fraction_over_one" else 0.95
    claude = (_q(None, None), _q(None, None)) if mode == "fraction_missing" else (_q(0.5), _q(0.42))
    gpt = _q(3.0 if mode == "fraction_over_one" else 1.0)
    if mode == "fraction_missing":
        gpt = _q(None, 2.0)  # no fraction but a reset: proto3 dropped a zero, exhausted
    return {
        "gemini-3-pro-high": _model("Gemini 3 Pro (High)", _q(min(0.8, pro + 0.06)), 8),
        "gemini-3-pro-low": _model("Gemini 3 Pro (Low)", _q(0.8), 7),
        "gemini-3.1-pro-preview": _model("Gemini 3.1 Pro (Preview)", _q(pro), 36),
        "gemini-3-flash": _model("Gemini 3 Flash", _q(flash, 2.0), 18),
        "gemini-2.5-flash-lite": _model("Gemini 2.5 Flash Lite", _q(1.0, 2.0), 12),
        "gemini-3-pro-image": _model("Gemini 3 Pro Image", _q(0.6, 20.0), 9),
        "claude-sonnet-4-6": _model("Claude Sonnet 4.6", claude[0], 35),
        "claude-opus-4-6-thinking": _model("Claude Opus 4.6 (Thinking)", claude[1], 26),
        "gpt-oss-120b-medium": _model("GPT-OSS 120B (Medium)", gpt, 20),
        "chat_20706": _model("chat_20706", None, 5),  # internal: no quotaInfo
        "tab_flash_lite_preview": _model("tab_flash_lite_preview", None, 6),
    }


def available_models(req: SimRequest, scenario: str) -> SimResponse:
    error, mode = _guard(req, scenario)
    if error is not None:
        return error
    return SimResponse(200, {"models": models(mode), "defaultAgentModelId": "gemini-3-pro-high"})


ROUTES = {
    "google-oauth": {("POST", "/token"): token},
    "antigravity": {("POST", SUMMARY_PATH): summary, ("POST", MODELS_PATH): available_models,
                    ("POST", DAILY + SUMMARY_PATH): daily_summary},
}

DEMO_ACCOUNTS = (  # (email, project id, refresh token)
    ("ada@sim.example", "sim-pooled-4711", "1//sim-ada-0Gq7kT2mR9vX4bN8"),
    ("grace@sim.example", "sim-models-only-2024", "1//sim-grace-0Hw3pL6sD1zC5yK2"),
    ("linus@sim.example", "sim-high-1991", "1//sim-linus-0Jt8nF4qA7uE2rM6"),
)


def demo_auth_entries() -> dict[str, dict[str, Any]]:
    return {}  # Antigravity accounts live in their own file, not in auth.json


def demo_accounts_file() -> dict[str, Any]:
    """A version-4 accounts file: three enabled accounts (one per behaviour) + one disabled."""
    now_ms = int(time.time() * 1000)
    accounts: list[dict[str, Any]] = [
        {"email": email, "refreshToken": refresh, "projectId": project, "managedProjectId": project,
         "addedAt": now_ms - 30 * 86400_000, "lastUsed": now_ms - 600_000, "enabled": True,
         "rateLimitResetTimes": {}}
        for email, project, refresh in DEMO_ACCOUNTS
    ]
    accounts.append({"email": "retired@sim.example", "refreshToken": "1//sim-retired-0Kx1vB9cN3",
                     "projectId": "sim-retired-1", "addedAt": now_ms - 90 * 86400_000,
                     "lastUsed": now_ms - 60 * 86400_000, "enabled": False})
    return {"version": 4, "accounts": accounts, "activeIndex": 0,
            "activeIndexByFamily": {"claude": 0, "gemini": 1}}
