"""Google Antigravity: accounts file → one fetch per enabled account → pooled or per-family windows.

Per account: an access token from the refresh token (cached in `ctx.memory` until 60 s before
expiry, never written anywhere), then ONE quota request per refresh: the pooled
`retrieveUserQuotaSummary` buckets when the server has them, else `fetchAvailableModels`
grouped by model family (ids change often, so the family comes from the id, not a list).
Which of the two works is remembered per account so the steady state is one request.

The summary is asked of the DAILY host first (`daily-cloudcode-pa`, url key
"antigravity_daily"): production answers the Gemini buckets with a sentinel fraction of 1.0
("100 % left" whatever was used), the daily host the real numbers (provider-facts §5). When the
daily host fails, production answers, with its Gemini sentinel read as unknown; the failure is
remembered so later refreshes go straight to production, and the daily host is re-probed now
and then. Overriding only the production base (a proxy) keeps every request on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.net.endpoints import DEFAULT_URLS
from tray_app.net.http import Response, raise_for_status
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.lengths import BUCKET_SECONDS
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import clamp, from_epoch_ms, from_iso, items, num, obj, text
from tray_app.secrets import Secret

NAME = PROVIDER_NAMES["antigravity"]
TOKEN_PATH = "/token"
SUMMARY_PATH = "/v1internal:retrieveUserQuotaSummary"
MODELS_PATH = "/v1internal:fetchAvailableModels"
# The Antigravity installed-app OAuth client, public in opencode-antigravity-auth (Google:
# an installed app's client secret is not treated as a secret). Overridable by env.
CLIENT_ID = "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com"
CLIENT_SECRET = "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"
ANTIGRAVITY_VERSION = "1.15.8"
TOKEN_MARGIN = timedelta(seconds=60)
SUMMARY_RETRY = timedelta(hours=6)  # re-probe an unsupported summary now and then
DAILY_RETRY = timedelta(hours=1)  # re-probe the daily host after it failed
PRODUCTION, DAILY = "antigravity", "antigravity_daily"  # url keys (net/endpoints.py)
DEFAULT_VERIFY_URL = "https://accounts.google.com/"

BUCKET_KEYS = {
    "gemini-5h": "window.gemini_5h",
    "gemini-weekly": "window.gemini_weekly",
    "3p-5h": "window.3p_5h",
    "3p-weekly": "window.3p_weekly",
}
FAMILIES = ("gemini-pro", "gemini-flash", "gemini-image", "claude", "gpt", "other")
_GEMINI = ("gemini-pro", "gemini-flash", "gemini-image")
_VERIFY = re.compile(r"validation_required|verif", re.IGNORECASE)
_GOOGLE_URL = re.compile(r"https://accounts\.google\.com/[^\s\"'\\<>]*")


@dataclass(frozen=True)
class Target:
    """What one fetch needs; the refresh token stays a `Secret` (masked in any repr)."""

    email: str
    refresh_token: Secret
    project_id: str
    verification_url: str = ""
    rate_limit_reset_ms: Mapping[str, float] = field(default_factory=dict)


class _Unauthorized(Exception):
    """A 401 on a quota call: the cached access token is no longer accepted."""


# ------------------------------------------------------------------ discovery (no network)
def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    source = creds.antigravity
    refs: list[AccountRef] = []
    for acc in source.accounts:
        label = acc.email
        if acc.refresh_token is None:
            # Nothing can be fetched without it; the fix is a new login, like invalid_grant.
            err = QuotaError(ErrorKind.TOKEN_EXPIRED, provider=NAME, path=source.path,
                             detail="no refreshToken",
                             extra={"fix": "fix.no_refresh_token_google"})
            refs.append(AccountRef(label=label, error=err.info))
        elif acc.verification_required:
            err = QuotaError(ErrorKind.VERIFICATION_REQUIRED, provider=NAME,
                             extra={"url": acc.verification_url or DEFAULT_VERIFY_URL})
            refs.append(AccountRef(label=label, error=err.info))
        elif not acc.project_id:  # seed problem 7, for this account only
            err = QuotaError(ErrorKind.MISSING_PROJECT_ID, provider=NAME, path=source.path)
            refs.append(AccountRef(label=label, error=err.info))
        else:
            refs.append(AccountRef(label=label, payload=Target(
                email=acc.email, refresh_token=acc.refresh_token, project_id=acc.project_id,
                verification_url=acc.verification_url,
                rate_limit_reset_ms=dict(acc.rate_limit_reset_ms))))
    return refs


# ------------------------------------------------------------------ access token
def _token_key(target: Target) -> str:
    return "token:" + hashlib.sha256(target.refresh_token.reveal().encode()).hexdigest()


def _forget_token(ctx: Context, target: Target) -> None:
    with ctx.lock:
        ctx.memory.pop(_token_key(target), None)


def access_token(ctx: Context, target: Target) -> str:
    """A cached access token, or a fresh one from the refresh token (Google's do not rotate)."""
    key, now = _token_key(target), ctx.now()
    with ctx.lock:
        cached = ctx.memory.get(key)
    if cached is not None and cached[1] > now:
        return str(cached[0].reveal())
    form = {
        "grant_type": "refresh_token",
        "refresh_token": target.refresh_token.reveal(),
        "client_id": os.environ.get("MYSTATUS_GOOGLE_CLIENT_ID") or CLIENT_ID,
        "client_secret": os.environ.get("MYSTATUS_GOOGLE_CLIENT_SECRET") or CLIENT_SECRET,
    }
    resp = ctx.http.request("POST", ctx.base_url("google_oauth") + TOKEN_PATH, provider=NAME,
                            form=form, check=False)
    if resp.status in (400, 401) and "invalid_grant" in resp.text:
        _forget_token(ctx, target)
        raise QuotaError(ErrorKind.TOKEN_EXPIRED, provider=NAME, status=resp.status,
                         detail="invalid_grant", extra={"fix": "fix.token_expired_google"})
    raise_for_status(resp, NAME)
    data = obj(resp.json(NAME))
    token = text(data.get("access_token"))
    if not token:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, status=resp.status,
                         detail="token response without access_token")
    secret = Secret(token)
    expires_in = num(data.get("expires_in"))
    lifetime = timedelta(seconds=clamp(expires_in if expires_in is not None else 3600, 0, 86400))
    with ctx.lock:
        ctx.memory[key] = (secret, now + lifetime - TOKEN_MARGIN)
    return token


# ------------------------------------------------------------------ quota calls
def user_agent() -> str:
    os_name = {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
    return f"antigravity/{ANTIGRAVITY_VERSION} {os_name}/{arch.get(machine, machine or 'amd64')}"


def _post(
    ctx: Context, target: Target, token: str, path: str, *, retry_401: bool,
    host: str = PRODUCTION,
) -> Response:
    resp = ctx.http.request(
        "POST", ctx.base_url(host) + path, provider=NAME, check=False,
        headers={"Authorization": f"Bearer {token}", "User-Agent": user_agent()},
        json_body={"project": target.project_id},
    )
    if resp.status == 401 and retry_401:
        raise _Unauthorized
    if resp.status == 403 and _VERIFY.search(resp.text):
        try:  # re-encoded so JSON escapes (\u0026) do not cut the URL short
            body = json.dumps(json.loads(resp.body), ensure_ascii=False)
        except ValueError:
            body = resp.text
        found = _GOOGLE_URL.search(body)
        url = target.verification_url or (found.group(0) if found else DEFAULT_VERIFY_URL)
        raise QuotaError(ErrorKind.VERIFICATION_REQUIRED, provider=NAME, status=403,
                         extra={"url": url})
    return resp


def _summary_key(target: Target) -> str:
    raw = f"{target.refresh_token.reveal()}\0{target.project_id}".encode()
    return "summary-unsupported:" + hashlib.sha256(raw).hexdigest()


def _daily_key(target: Target) -> str:
    raw = f"{target.refresh_token.reveal()}\0{target.project_id}".encode()
    return "daily-failed:" + hashlib.sha256(raw).hexdigest()


def _ask_daily(ctx: Context, target: Target, now: datetime) -> bool:
    """The daily host is asked unless it failed lately, or only production was redirected
    (a proxy or a test server: the daily host's default would go around it)."""
    production, daily = ctx.base_url(PRODUCTION), ctx.base_url(DAILY)
    if production != DEFAULT_URLS[PRODUCTION] and daily == DEFAULT_URLS[DAILY]:
        return False
    with ctx.lock:
        failed_at: datetime | None = ctx.memory.get(_daily_key(target))
    return failed_at is None or now - failed_at >= DAILY_RETRY


def _daily_summary(
    ctx: Context, target: Target, token: str, *, retry_401: bool
) -> tuple[Window, ...]:
    """The summary from the daily host; () when it cannot give one (production is next).
    Only a rejected token or an account that needs verification stop here."""
    try:
        resp = _post(ctx, target, token, SUMMARY_PATH, retry_401=retry_401, host=DAILY)
    except QuotaError as exc:
        if exc.kind is ErrorKind.VERIFICATION_REQUIRED:
            raise
        return ()  # timeout, connection refused, oversized body...: production answers
    if resp.status == 401:
        raise_for_status(resp, NAME)  # the second 401 (after one fresh token): the token
    if not 200 <= resp.status < 300:
        return ()
    try:
        return parse_summary(resp.json(NAME))
    except QuotaError:
        return ()


def _windows(ctx: Context, target: Target, token: str, *, retry_401: bool) -> tuple[Window, ...]:
    now, key = ctx.now(), _summary_key(target)
    with ctx.lock:
        unsupported_at: datetime | None = ctx.memory.get(key)
    if unsupported_at is None or now - unsupported_at >= SUMMARY_RETRY:
        if _ask_daily(ctx, target, now):
            windows = _daily_summary(ctx, target, token, retry_401=retry_401)
            with ctx.lock:
                if windows:
                    ctx.memory.pop(key, None)
                    ctx.memory.pop(_daily_key(target), None)
                else:  # remembered: production answers until the daily host is re-probed
                    ctx.memory[_daily_key(target)] = now
            if windows:
                return windows
        resp = _post(ctx, target, token, SUMMARY_PATH, retry_401=retry_401)
        if resp.status not in (404, 501):
            raise_for_status(resp, NAME)
            windows = parse_summary(resp.json(NAME), production=True)
            if windows:
                with ctx.lock:
                    ctx.memory.pop(key, None)
                return windows
        with ctx.lock:  # remembered: later refreshes go straight to the models call
            ctx.memory[key] = now
    resp = _post(ctx, target, token, MODELS_PATH, retry_401=retry_401)
    raise_for_status(resp, NAME)
    limited = rate_limited_families(target.rate_limit_reset_ms, now)
    return parse_models(resp.json(NAME), limited, now)


def fetch(ctx: Context, ref: AccountRef) -> Account:
    target: Target = ref.payload
    try:
        windows = _windows(ctx, target, access_token(ctx, target), retry_401=True)
    except _Unauthorized:  # revoked or expired early: one retry with a fresh token
        _forget_token(ctx, target)
        try:
            windows = _windows(ctx, target, access_token(ctx, target), retry_401=False)
        except QuotaError as exc:
            if exc.info.status == 401:
                _forget_token(ctx, target)
            raise
    return Account(label=ref.label, windows=windows)


# ------------------------------------------------------------------ parsing
def _label(key: str) -> str:
    from tray_app.i18n import t

    return t(key, "en")


def _used(fraction: float) -> float:
    return round((1.0 - clamp(fraction, 0.0, 1.0)) * 100.0, 2)


def _unique(windows: list[Window], window: Window) -> None:
    ids = {w.id for w in windows}
    wid, n = window.id, 2
    while wid in ids:
        wid, n = f"{window.id}-{n}", n + 1
    windows.append(window if wid == window.id else replace(window, id=wid))


def _sentinel(fraction: float | None, *names: str) -> bool:
    """Production's Gemini buckets say 1.0 whatever was used (provider-facts §5); the
    third-party (`3p-*`) buckets are real on every host."""
    if fraction is None or fraction < 1.0:
        return False
    joined = " ".join(names).lower()
    return "gemini" in joined and not joined.startswith("3p")


def bucket_fraction(bucket: Mapping[str, Any]) -> tuple[float | None, bool]:
    """(fraction, whether the bucket names one at all): `remainingFraction` at the top, or
    inside the proto oneof `remaining` as `{remainingFraction: x}` or `{case:
    "remainingFraction", value: x}` (the language server's shape)."""
    if "remainingFraction" in bucket:
        return num(bucket.get("remainingFraction")), True
    remaining = bucket.get("remaining")
    if isinstance(remaining, Mapping):
        if "remainingFraction" in remaining:
            return num(remaining.get("remainingFraction")), True
        if text(remaining.get("case")) == "remainingFraction":
            return num(remaining.get("value")), True
    return None, False


def parse_summary(data: Any, *, production: bool = False) -> tuple[Window, ...]:
    """Pooled buckets; empty when the answer has no usable group (→ models fallback). With
    `production`, a Gemini bucket's full fraction is the host's sentinel: unknown, never
    "100 % left"."""
    body = obj(data)
    for _ in range(3):  # {"response": {...}}, {"summary": {...}} or both
        if "groups" in body:
            break
        body = obj(body.get("response")) or obj(body.get("summary"))
    windows: list[Window] = []
    for group in items(body.get("groups")):
        group_name = text(obj(group).get("displayName"))
        for raw in items(obj(group).get("buckets")):
            bucket = obj(raw)
            if not bucket or bucket.get("disabled") is True:
                continue
            bucket_id = text(bucket.get("bucketId"))
            name = text(bucket.get("displayName"))
            key = BUCKET_KEYS.get(bucket_id, "")
            fraction, said = bucket_fraction(bucket)
            resets = from_iso(bucket.get("resetTime"))
            if fraction is None and resets is not None and not said:
                fraction = 0.0  # proto3 omits a zero: a reset without a fraction is used up
            if production and _sentinel(fraction, bucket_id, name, group_name):
                fraction = resets = None  # its reset ("now + one window") is made up too
            slug = re.sub(r"[^a-z0-9]+", "-", (bucket_id or name).lower()).strip("-")
            _unique(windows, Window(
                id=bucket_id if key else (slug or f"bucket-{len(windows) + 1}"),
                label=name or (_label(key) if key else group_name or slug or "?"),
                label_key=key,
                used_percent=_used(fraction) if fraction is not None else None,
                resets_at=resets,
                window_seconds=BUCKET_SECONDS.get(bucket_id),
            ))
    return tuple(windows)


def model_family(model_id: str) -> str:
    m = model_id.lower()
    if "image" in m:  # before "pro": gemini-3-pro-image is an image model
        return "gemini-image"
    if "claude" in m:
        return "claude"
    if "gpt" in m:
        return "gpt"
    if "gemini" in m and "pro" in m:
        return "gemini-pro"
    if "gemini" in m and "flash" in m:
        return "gemini-flash"
    return "other"


def rate_limited_families(resets_ms: Mapping[str, float], now: datetime) -> dict[str, datetime]:
    """Families the accounts file marks rate-limited until a future time. Its keys are
    plugin quota keys ("claude", "gemini-antigravity", ...): a bare gemini key covers all."""
    out: dict[str, datetime] = {}
    for key, ms in resets_ms.items():
        until = from_epoch_ms(ms)
        if until is None or until <= now:
            continue
        family = model_family(key)
        families = _GEMINI if family == "other" and "gemini" in key.lower() else (family,)
        for fam in families:
            out[fam] = max(until, out.get(fam, until))
    return out


def parse_models(data: Any, limited: Mapping[str, datetime], now: datetime) -> tuple[Window, ...]:
    """One window per family: its worst model. The JSON is proto3's mapping, which omits a
    zero: a `resetTime` without `remainingFraction` is 0 left, i.e. exhausted (provider-facts
    §12). Without either it is unknown, unless the accounts file marks the family
    rate-limited until a future time: then exhausted too. A fraction above 1 clamps to 1."""
    raw_models = obj(data).get("models")
    if isinstance(raw_models, list):  # tolerate a list of {id|name|model: ...}
        raw_models = {text(obj(m).get("id") or obj(m).get("name") or obj(m).get("model")): m
                      for m in raw_models}
    if not isinstance(raw_models, Mapping):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="no models")
    worst: dict[str, tuple[float | None, datetime | None]] = {}
    for model_id, raw in raw_models.items():
        quota = obj(raw).get("quotaInfo")
        if not isinstance(quota, Mapping) or not isinstance(model_id, str):
            continue  # internal models without a quota are not shown
        family = model_family(model_id)
        fraction = num(quota.get("remainingFraction"))
        reset = from_iso(quota.get("resetTime"))
        if fraction is None and reset is not None and "remainingFraction" not in quota:
            fraction = 0.0  # proto3 omits a zero: a reset without a fraction is used up
        elif fraction is None:
            until = limited.get(family)
            if until is not None and (reset is None or reset > now):
                fraction, reset = 0.0, reset or until
            else:
                fraction, reset = None, None
        else:
            fraction = clamp(fraction, 0.0, 1.0)
        known = worst.get(family, (None, None))[0]
        if family not in worst or (fraction is not None and (known is None or fraction < known)):
            worst[family] = (fraction, reset)
    windows = []
    for family in FAMILIES:
        if family in worst:
            fraction, reset = worst[family]
            key = "window." + family.replace("-", "_")
            windows.append(Window(id=family, label=_label(key), label_key=key,
                                  used_percent=_used(fraction) if fraction is not None else None,
                                  resets_at=reset))
    return tuple(windows)


SPEC = ProviderSpec(
    id="antigravity",
    name=NAME,
    dashboard_url="https://antigravity.google/",
    url_keys=("google_oauth", "antigravity", "antigravity_daily"),
    discover=discover,
    fetch=fetch,
)
