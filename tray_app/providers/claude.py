"""Claude (Pro / Max / Team) through Claude Code's login: `CredentialSet.claude` (file or
macOS keychain) and OpenCode's `anthropic` entry → `GET {base}/api/oauth/usage` → `Account`
(5-hour, weekly, per-model weekly windows, model caps from `limits[]`, extra usage in money:
the newer `spend` object preferred to the legacy `extra_usage`, provider-facts §12).

The token is never refreshed: Claude's refresh tokens rotate and a refresh here would log
Claude Code out. An expired token is reported (fix: run `claude` once) without calling the API;
a login that cannot read usage (an MCP-only keychain item, a setup token without the
`user:profile` scope) is reported as such. The endpoint answers 429 to any User-Agent that is
not Claude Code's, so we send one of that form; real 429s back off (30 s doubling to 15 min).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.credentials.claude import ClaudeLogin, ClaudeSources
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import clamp, from_any_time, from_epoch_auto, items, num, obj, text
from tray_app.secrets import Secret

NAME = PROVIDER_NAMES["claude"]
PATH = "/api/oauth/usage"
ENTRY_KEY = "anthropic"  # OpenCode's entry (third-party plugins only since March 2026)
BETA = "oauth-2025-04-20"
CLIENT_VERSION = "2.1.0"  # any recent Claude Code version: the endpoint checks the form only
USER_AGENT = f"claude-code/{CLIENT_VERSION}"
USAGE_SCOPE = "user:profile"

FIVE_HOURS, SEVEN_DAYS = 5 * 3600, 7 * 86400
BACKOFF_BASE, BACKOFF_CAP = 30.0, 900.0  # peers: 30 s doubling to 15 min, Retry-After wins

FIX_EXPIRED = "fix.token_expired_claude"
FIX_LOGIN = "fix.not_logged_in_claude"
FIX_FILE = "fix.claude_file_unreadable"

_HEADER_SAFE = re.compile(r"[!-~]{1,8192}")


# ---------------------------------------------------------------------------- credentials
def plan_name(subscription_type: str, rate_limit_tier: str = "") -> str | None:
    """"Pro", "Max 5x", "Max 20x", "Team", ... from `subscriptionType` / `rateLimitTier`."""
    sub, tier = subscription_type.strip().lower(), rate_limit_tier.strip().lower()
    if "20x" in tier:
        return "Max 20x"
    if "5x" in tier:
        return "Max 5x"
    known = {"pro": "Pro", "max": "Max", "team": "Team", "enterprise": "Enterprise",
             "free": "Free"}
    if sub in known:
        return known[sub]
    return subscription_type.strip().title() or None


def _error(kind: ErrorKind, detail: str = "", fix: str = "", path: str = "") -> ErrorInfo:
    return ErrorInfo(kind, provider=NAME, detail=detail, path=path,
                     extra=(("fix", fix),) if fix else ())


def _login_ref(login: ClaudeLogin, email: str, now: datetime) -> AccountRef:
    plan = plan_name(login.subscription_type, login.rate_limit_tier)
    if login.access is None:
        label = email or "Claude Code"
        if login.mcp_only:
            detail = "only an MCP login in " + login.source
        elif login.source.startswith("$"):
            detail = f"{login.source[1:]} is a setup token"
        else:
            detail = "no accessToken in " + login.source
        error = _error(ErrorKind.NOT_LOGGED_IN, detail, FIX_LOGIN)
        return AccountRef(label=label, error=error, plan=plan)
    token = login.access.reveal()
    label = email or login.access.masked
    if not _HEADER_SAFE.fullmatch(token):
        error = _error(ErrorKind.NOT_LOGGED_IN, "unusable accessToken in " + login.source,
                       FIX_LOGIN)
        return AccountRef(label=label, error=error, plan=plan)
    if login.scopes is not None and USAGE_SCOPE not in login.scopes:
        error = _error(ErrorKind.NOT_LOGGED_IN, f"no {USAGE_SCOPE} scope", FIX_LOGIN)
        return AccountRef(label=label, error=error, plan=plan)
    expires = from_epoch_auto(login.expires_ms)
    if expires is not None and expires <= now:
        return AccountRef(label=label, plan=plan,
                          error=_error(ErrorKind.TOKEN_EXPIRED, fix=FIX_EXPIRED))
    return AccountRef(label=label, payload=login.access, plan=plan)


def opencode_ref(entry: Mapping[str, Any], now: datetime) -> AccountRef | None:
    if entry.get("type") != "oauth":
        return None  # an API key (type "api"/"key") has no subscription usage
    access = text(entry.get("access"))
    if not _HEADER_SAFE.fullmatch(access):
        return None
    secret = Secret(access)
    if isinstance(entry.get("refresh"), str) and entry["refresh"]:
        Secret(entry["refresh"])  # registered for scrubbing only; never used
    expires = from_epoch_auto(entry.get("expires"))
    if expires is not None and expires <= now:
        return AccountRef(label=secret.masked, error=_error(ErrorKind.TOKEN_EXPIRED))
    return AccountRef(label=secret.masked, payload=secret)


def discover_login(sources: ClaudeSources, now: datetime) -> AccountRef:
    """Claude Code's own login (a source problem, or the login) as an account reference."""
    if sources.problem is not None:
        problem = sources.problem
        fix = FIX_FILE if problem.kind is ErrorKind.AUTH_FILE_UNREADABLE else ""
        error = _error(problem.kind, problem.detail, fix, problem.path)
        if problem.get("fix"):  # a folder we cannot enter, not a regular file: that fix
            error = ErrorInfo(problem.kind, provider=NAME, detail=problem.detail,
                              path=problem.path, extra=problem.extra)
        return AccountRef(label="Claude Code", error=error)
    assert sources.login is not None
    return _login_ref(sources.login, sources.email, now)


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    sources = creds.claude
    refs: list[AccountRef] = []
    tokens: set[str] = set()
    if sources.problem is not None or sources.login is not None:
        refs.append(discover_login(sources, now))
    if sources.login is not None and sources.login.access is not None:
        tokens.add(sources.login.access.reveal())
    entry = creds.auth.entry(ENTRY_KEY)
    if entry is not None and text(entry.get("access")) not in tokens:
        ref = opencode_ref(entry, now)  # the same token from two sources is one account
        if ref is not None:
            refs.append(ref)
    return refs


# ---------------------------------------------------------------------------- windows
# `seven_day_<x>` keys that share the main weekly limit (Claude Design's "omelette"): shown as
# the weekly window only when `seven_day` itself has no figure, never as a window of their own
SHARED_WEEKLY = ("omelette",)
_MODEL_NAMES = {"sonnet": "Sonnet", "opus": "Opus", "haiku": "Haiku", "oauth_apps": "OAuth apps"}


def _model_name(suffix: str) -> str:
    return _MODEL_NAMES.get(suffix, suffix.replace("_", " ").strip().capitalize())


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _resets(value: Any) -> datetime | None:
    """ISO 8601 (with or without a zone: none = UTC) or epoch s/ms, also as numeric text."""
    return from_any_time(value)


def _label(key: str, params: Mapping[str, str]) -> str:
    from tray_app.i18n import t

    return t(key, "en", **params)


def _window(wid: str, key: str, params: Mapping[str, str], percent: float | None,
            resets: Any, seconds: int | None) -> Window | None:
    if percent is None:
        return None  # null = not applicable to this plan: not shown, never 0 %
    return Window(
        id=wid,
        label=_label(key, params),
        label_key=key,
        label_params=tuple(params.items()),
        used_percent=clamp(percent, 0.0, 1000.0),
        resets_at=_resets(resets),
        window_seconds=seconds,
    )


def _utilization_window(key: str, raw: Any) -> Window | None:
    """`five_hour`, `seven_day` or `seven_day_<name>`: {utilization, resets_at} or null."""
    if not isinstance(raw, Mapping):
        return None
    percent = num(raw.get("utilization"))
    if key == "five_hour":
        return _window("5h", "window.5h", {}, percent, raw.get("resets_at"), FIVE_HOURS)
    if key == "seven_day":
        return _window("weekly", "window.weekly", {}, percent, raw.get("resets_at"), SEVEN_DAYS)
    suffix = key[len("seven_day_"):]
    if suffix in SHARED_WEEKLY:
        return None  # the main weekly limit under another name: not a window of its own
    name = _model_name(suffix)
    return _window(f"weekly-{_slug(name)}", "window.claude_weekly_model", {"model": name},
                   percent, raw.get("resets_at"), SEVEN_DAYS)


def _limit_window(raw: Any, top: Mapping[str, Any]) -> Window | None:
    """One `limits[]` entry: `weekly_scoped` = a model cap; `session` / `weekly_all` only
    stand in for a `five_hour` / `seven_day` key the answer does not have."""
    entry = obj(raw)
    kind = text(entry.get("kind"))
    percent = num(entry.get("percent"))
    if kind == "weekly_scoped":
        # a model cap without a usable model name is dropped (peers drop it): never a second,
        # phantom "weekly" window
        raw_model = obj(entry.get("scope")).get("model")
        model = obj(raw_model)
        name = (text(raw_model) if isinstance(raw_model, str)
                else text(model.get("display_name")) or text(model.get("id")))
        if not name or not _slug(name):
            return None
        return _window(f"weekly-{_slug(name)}", "window.claude_weekly_model", {"model": name},
                       percent, entry.get("resets_at"), SEVEN_DAYS)
    if kind == "session" and "five_hour" not in top:
        return _window("5h", "window.5h", {}, percent, entry.get("resets_at"), FIVE_HOURS)
    if kind == "weekly_all" and "seven_day" not in top:
        return _window("weekly", "window.weekly", {}, percent, entry.get("resets_at"),
                       SEVEN_DAYS)
    return None


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(value: float, currency: str) -> str:
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{value:,.2f}" if symbol else f"{value:,.2f} {currency}"


def _extra_usage(raw: Any) -> tuple[Window | None, tuple[str, str] | None]:
    """`extra_usage` is money in minor units: 3462 of 5000 with 2 decimals = $34.62 of $50.00."""
    extra = obj(raw)
    if extra.get("is_enabled") is not True:
        return None, None
    places = num(extra.get("decimal_places"))
    places_int = int(places) if places is not None and 0 <= places <= 6 else 2
    scale = 10 ** places_int
    currency = text(extra.get("currency")).upper() or "USD"
    limit, used = num(extra.get("monthly_limit")), num(extra.get("used_credits"))
    limit = limit / scale if limit is not None and limit > 0 else None
    used = used / scale if used is not None and used >= 0 else None
    return _money_window(used, limit, currency, num(extra.get("utilization")))


def _money_window(used: float | None, limit: float | None, currency: str,
                  percent: float | None) -> tuple[Window | None, tuple[str, str] | None]:
    """The "Extra usage" money budget (from `spend` or the legacy `extra_usage`): a window when
    a percent is known or can be computed, and the used/limit detail line."""
    if percent is None and used is not None and limit:
        percent = used / limit * 100
    detail: tuple[str, str] | None = None
    if used is not None:
        value = (f"{money(used, currency)} of {money(limit, currency)}" if limit
                 else f"{money(used, currency)} used")
        detail = ("Extra usage", value)
    if percent is None:
        return None, detail
    key = "window.claude_extra_usage"
    window = Window(id="extra-usage", label=_label(key, {}), label_key=key,
                    used_percent=clamp(percent, 0.0, 1000.0), used=used, limit=limit,
                    unit=currency)
    return window, detail


def _spend_money(raw: Any) -> float | None:
    """`{amount_minor, currency, exponent}` → amount_minor / 10^exponent (2 when missing)."""
    part = obj(raw)
    minor = num(part.get("amount_minor"))
    exponent = num(part.get("exponent"))
    places = int(exponent) if exponent is not None and 0 <= exponent <= 6 else 2
    return minor / 10 ** places if minor is not None and minor >= 0 else None


def _spend(raw: Any) -> tuple[Window | None, tuple[str, str] | None]:
    """The `spend{enabled, used{amount_minor, currency, exponent}, limit{...}, percent}`
    object, which peers prefer over the legacy `extra_usage`."""
    spend = obj(raw)
    if spend.get("enabled") is False or spend.get("is_enabled") is False:
        return None, None
    used, limit = _spend_money(spend.get("used")), _spend_money(spend.get("limit"))
    currency = (text(obj(spend.get("used")).get("currency"))
                or text(obj(spend.get("limit")).get("currency")) or "USD").upper()
    limit = limit if limit else None
    return _money_window(used, limit, currency, num(spend.get("percent")))


def _guarded(fn: Callable[[], Any]) -> Any:
    """Decode one key on its own: a key of an unexpected shape is skipped, never fatal."""
    try:
        return fn()
    except (TypeError, ValueError, AttributeError, OverflowError, ArithmeticError):
        return None


_KNOWN = ("five_hour", "seven_day", "limits", "extra_usage")
_SPEND_FIELDS = ("enabled", "used", "limit", "percent")


def parse_usage(data: Any) -> tuple[tuple[Window, ...], tuple[tuple[str, str], ...]]:
    """(windows, details) of an `/api/oauth/usage` body; `invalid_response` if it has none of
    the keys we know (unknown keys such as `spend` are normal and ignored)."""
    if not isinstance(data, Mapping):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="not a JSON object")
    keys = [k for k in data if isinstance(k, str)]
    spend_said = any(k in _SPEND_FIELDS for k in obj(data.get("spend")))  # a spend-only answer
    if not spend_said and not any(k in _KNOWN or k.startswith("seven_day_") for k in keys):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="no usage windows")
    found: list[Window | None] = []
    for key in ("five_hour", "seven_day"):
        found.append(_guarded(partial(_utilization_window, key, data.get(key))))
    if found[-1] is None:  # no figure under `seven_day`: a key sharing its limit stands in
        for shared in SHARED_WEEKLY:
            found.append(_guarded(partial(_utilization_window, "seven_day",
                                          data.get(f"seven_day_{shared}"))))
    for key in keys:
        if key.startswith("seven_day_"):
            found.append(_guarded(partial(_utilization_window, key, data.get(key))))
    for raw in items(data.get("limits")):
        found.append(_guarded(partial(_limit_window, raw, data)))
    # the newer `spend` object wins whenever it carries a figure; the legacy `extra_usage`
    # stands in for a missing, empty or turned-off one (answers in the transition send
    # `spend: {enabled: false}` beside a live `extra_usage`)
    extra = _guarded(lambda: _spend(data.get("spend"))) or (None, None)
    if extra == (None, None):
        extra = _guarded(lambda: _extra_usage(data.get("extra_usage"))) or (None, None)
    found.append(extra[0])
    windows: list[Window] = []
    seen: set[str] = set()
    for window in found:
        if window is not None and window.id not in seen:  # a cap named twice is shown once
            seen.add(window.id)
            windows.append(window)
    # the money shows in the window ("$34.62 / $50.00"); a details line only without one
    details = (extra[1],) if extra[1] is not None and extra[0] is None else ()
    return tuple(windows), details


# ---------------------------------------------------------------------------- fetch
def _again(info: ErrorInfo, **changes: Any) -> QuotaError:
    values: dict[str, Any] = {"provider": info.provider or NAME, "status": info.status,
                              "detail": info.detail, "retry_after": info.retry_after,
                              "path": info.path, "extra": dict(info.extra)}
    values.update(changes)
    return QuotaError(info.kind, **values)


def _backoff(ctx: Context, key: str, exc: QuotaError) -> QuotaError:
    """A real 429 (the limit is per token): wait 30 s, doubling to 15 min, or the server's
    Retry-After when longer; `retry-after: 0` never means "ask again at once" here."""
    with ctx.lock:
        count = ctx.memory.get(key, 0) + 1
        ctx.memory[key] = count
    floor = min(BACKOFF_BASE * 2 ** min(count - 1, 16), BACKOFF_CAP)
    server = exc.info.retry_after
    return _again(exc.info, retry_after=max(floor, server) if server is not None else floor)


def fetch(ctx: Context, ref: AccountRef) -> Account:
    token: Secret = ref.payload
    headers = {
        "Authorization": f"Bearer {token.reveal()}",
        "anthropic-beta": BETA,
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
    }
    key = "429:" + hashlib.sha256(token.reveal().encode()).hexdigest()[:16]  # per token
    try:
        data = ctx.http.get_json(ctx.base_url("anthropic") + PATH, provider=NAME, headers=headers)
    except QuotaError as exc:
        if exc.kind is ErrorKind.RATE_LIMITED:
            raise _backoff(ctx, key, exc) from exc
        if exc.kind is ErrorKind.HTTP_ERROR and exc.info.status in (401, 403):
            raise _again(exc.info, extra={"fix": FIX_EXPIRED}) from exc
        raise
    with ctx.lock:
        ctx.memory.pop(key, None)
    windows, details = parse_usage(data)
    return Account(label=ref.label, plan=ref.plan, windows=windows, details=details)


SPEC = ProviderSpec(
    id="claude",
    name=NAME,
    dashboard_url="https://claude.ai/settings/usage",
    url_keys=("anthropic",),
    discover=discover,
    fetch=fetch,
)
