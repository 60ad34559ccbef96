"""OpenAI (ChatGPT Plus / Team / Pro, Codex limits): OpenCode's `openai` OAuth entry and
Codex CLI's login (one account per ChatGPT account id) → `GET {base}/backend-api/wham/usage`
→ `Account` (5-hour / weekly / monthly windows, code review, additional model limits such as
Codex Spark, team spend control, credits).

The token is never refreshed: OpenAI refresh tokens rotate, so refreshing one here would log
the user out of OpenCode or Codex. An expired token is reported without calling the API
(seed 3), unless the other source holds a fresh one for the same account.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.credentials.codex import CodexAuth, jwt_payload
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.lengths import month_seconds, positive_seconds
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import after_seconds, clamp, from_epoch_auto, items, num, obj, text
from tray_app.secrets import Secret

NAME = PROVIDER_NAMES["openai"]
PATH = "/backend-api/wham/usage"
ENTRY_KEY = "openai"
PROFILE_CLAIM = "https://api.openai.com/profile"
AUTH_CLAIM = "https://api.openai.com/auth"

_HOUR, _DAY = 3600, 86400
# what can travel in an HTTP header: anything else is not a real token / account id
_HEADER_SAFE = re.compile(r"[!-~]{1,8192}")


@dataclass(frozen=True)
class Credentials:
    access: Secret
    account_id: str | None  # ChatGPT-Account-Id header: team / organization accounts need it
    source: str = ""  # "opencode" | "codex": the fix for a rejected login names its program


@dataclass(frozen=True)
class Candidate:
    """One usable ChatGPT login from one source ("opencode" or "codex"), before dedupe."""

    source: str
    access: Secret
    account_id: str  # "" when unknown
    email: str
    plan: str | None
    expires_at: datetime | None


# ---------------------------------------------------------------------------- credentials
def jwt_claims(token: str) -> Mapping[str, Any]:
    """The JWT payload, decoded WITHOUT verification (only for display and expiry hints);
    anything that is not a readable JWT gives {}."""
    return jwt_payload(token)


def _email(value: Any) -> str:
    return value.strip() if isinstance(value, str) and "@" in value else ""


def _header_safe(value: str) -> str:
    return value if _HEADER_SAFE.fullmatch(value) else ""


def _claims_identity(*claim_sets: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """(e-mail, account id, plan) from the first claim set that has each."""
    email, account_id, plan = "", "", None
    for claims in claim_sets:
        profile, auth = obj(claims.get(PROFILE_CLAIM)), obj(claims.get(AUTH_CLAIM))
        email = email or _email(profile.get("email")) or _email(claims.get("email"))
        account_id = account_id or text(auth.get("chatgpt_account_id"))
        plan = plan or text(auth.get("chatgpt_plan_type")) or None
    return email, account_id, plan


def _expiry(*stamps: Any) -> datetime | None:
    known = [d for d in (from_epoch_auto(v) for v in stamps) if d is not None]
    return min(known) if known else None


def opencode_candidate(entry: Mapping[str, Any] | None) -> Candidate | None:
    """OpenCode's `openai` entry (auth.json, or OpenCode 2's database row in the same shape):
    needs type "oauth" and a header-safe "access"; anything else is skipped here."""
    if entry is None or entry.get("type") != "oauth":
        return None
    access = entry.get("access")
    if not isinstance(access, str) or not _HEADER_SAFE.fullmatch(access.strip()):
        return None
    secret = Secret(access.strip())
    if isinstance(entry.get("refresh"), str):
        Secret(entry["refresh"])  # registered for scrubbing only; never used, never refreshed
    claims = jwt_claims(secret.reveal())
    email, claim_id, plan = _claims_identity(claims)
    metadata = obj(entry.get("metadata"))  # OpenCode 2 keeps accountID under metadata
    account_id = text(entry.get("accountId")) or text(metadata.get("accountID")) or claim_id
    return Candidate("opencode", secret, _header_safe(account_id), email, plan,
                     _expiry(entry.get("expires"), claims.get("exp")))


def codex_candidate(codex: CodexAuth) -> Candidate | None:
    """Codex CLI's ChatGPT login; an API-key-only login has no subscription quota: None."""
    if codex.access is None or not _HEADER_SAFE.fullmatch(codex.access.reveal()):
        return None
    claims = jwt_claims(codex.access.reveal())
    identity = jwt_claims(codex.id_token.reveal()) if codex.id_token is not None else {}
    email, claim_id, plan = _claims_identity(identity, claims)
    account_id = codex.account_id or claim_id
    return Candidate("codex", codex.access, _header_safe(account_id), email, plan,
                     _expiry(claims.get("exp")))


def choose(group: list[Candidate], now: datetime) -> Candidate:
    """The token that expires last; a known future expiry beats an unknown one (a token
    without a readable expiry is tried only when nothing better is known)."""
    def rank(c: Candidate) -> tuple[int, datetime]:
        if c.expires_at is None:
            return (1, datetime.min.replace(tzinfo=now.tzinfo))
        return (2 if c.expires_at > now else 0, c.expires_at)

    return max(group, key=rank)


def _labels(chosen: list[Candidate]) -> list[str]:
    """E-mail per account; two accounts with one e-mail (a personal and a team workspace)
    get the plan, else the account id's start, after it."""
    base = [c.email or c.access.masked for c in chosen]
    out = []
    for i, c in enumerate(chosen):
        if base.count(base[i]) == 1:
            out.append(base[i])
            continue
        same_plan = sum(1 for j, o in enumerate(chosen) if base[j] == base[i] and o.plan == c.plan)
        extra = c.plan if c.plan and same_plan == 1 else (c.account_id[:8] or str(i + 1))
        out.append(f"{base[i]} ({extra})")
    return out


def _expired_fix(group: list[Candidate]) -> tuple[tuple[str, str], ...]:
    sources = {c.source for c in group}
    if sources == {"codex"}:
        return (("fix", "fix.token_expired_codex"),)
    if "codex" in sources:
        return (("fix", "fix.token_expired_openai_both"),)
    return ()


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    """Every ChatGPT account from OpenCode and Codex CLI. The same account (same account id)
    in both is one account, queried once with the token that expires last: expired in one
    source and fresh in the other means the fresh one, and no expiry warning."""
    found = [c for c in (opencode_candidate(creds.auth.entry(ENTRY_KEY)),
                         codex_candidate(creds.codex)) if c is not None]
    groups: dict[str, list[Candidate]] = {}
    for c in found:
        key = f"id:{c.account_id}" if c.account_id else f"token:{c.access.reveal()}"
        groups.setdefault(key, []).append(c)
    ordered = list(groups.values())
    chosen = [choose(group, now) for group in ordered]
    refs: list[AccountRef] = []
    for group, best, label in zip(ordered, chosen, _labels(chosen), strict=True):
        plan = best.plan or next((c.plan for c in group if c.plan), None)
        if best.expires_at is not None and best.expires_at <= now:
            error = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider=NAME, extra=_expired_fix(group))
            refs.append(AccountRef(label=label, error=error, plan=plan,
                                   token_expires_at=best.expires_at))
            continue
        refs.append(AccountRef(label=label,
                               payload=Credentials(best.access, best.account_id or None,
                                                   best.source),
                               plan=plan, token_expires_at=best.expires_at))
    codex = creds.codex
    if not refs and codex.found and codex.problem is not None:
        # Codex's file is there but unreadable, and no other login could stand in for it
        error = replace(codex.problem, provider=NAME,  # safe_open's fix (folder...) first
                        extra=codex.problem.extra or (("fix", "fix.codex_file"),))
        refs.append(AccountRef(label="Codex CLI", error=error))
    return refs


# ---------------------------------------------------------------------------- windows
def classify(seconds: float | None) -> tuple[str, str, dict[str, int], str]:
    """(id, i18n key, params, short English name) for a window of this length."""
    if seconds is None or seconds <= 0:
        return "", "", {}, ""
    if abs(seconds - 5 * _HOUR) < 60:
        return "5h", "window.5h", {}, "5-hour"
    if abs(seconds - 7 * _DAY) < _HOUR:
        return "weekly", "window.weekly", {}, "Weekly"
    if 28 * _DAY <= seconds <= 31 * _DAY:  # 2592000 (30 d) and 2628000 (a twelfth of a year)
        return "monthly", "window.monthly", {}, "Monthly"
    if abs(seconds - _DAY) < 60:
        return "daily", "window.daily", {}, "Daily"
    if seconds >= _DAY and seconds % _DAY == 0:
        n = int(seconds // _DAY)
        return f"{n}d", "window.days", {"n": n}, f"{n}-day"
    if seconds >= _HOUR:
        n = max(1, round(seconds / _HOUR))
        return f"{n}h", "window.hours", {"n": n}, f"{n}-hour"
    n = max(1, round(seconds / 60))
    return f"{n}m", "window.minutes", {"n": n}, f"{n}-minute"


def _positional(slot: str, raw: Mapping[str, Any]) -> float:
    """A window without `limit_window_seconds`: primary is the 5-hour one and secondary the
    weekly one (the original plugin's reading), unless its reset is too far away for 5 h."""
    reset_after = num(raw.get("reset_after_seconds"))
    if slot == "primary" and (reset_after is None or reset_after <= 5 * _HOUR):
        return 5 * _HOUR
    return 7 * _DAY


def _label(key: str, params: Mapping[str, int]) -> str:
    from tray_app.i18n import t

    return t(key, "en", **params)


def _window(
    raw: Mapping[str, Any],
    now: datetime,
    *,
    wid: str,
    label: str,
    key: str = "",
    params: Mapping[str, int] | None = None,
    percent: float | None = None,
) -> Window:
    if percent is None:
        percent = num(raw.get("used_percent"))
    resets = from_epoch_auto(raw.get("reset_at"))
    if resets is None:
        resets = after_seconds(now, raw.get("reset_after_seconds"))
    return Window(
        id=wid,
        label=label,
        label_key=key,
        label_params=tuple((k, str(v)) for k, v in (params or {}).items()),
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        resets_at=resets,
        window_seconds=positive_seconds(num(raw.get("limit_window_seconds"))),
    )


def _rate_limit_windows(
    rate_limit: Any, now: datetime, *, prefix: str = "", name: str = ""
) -> list[Window]:
    """primary/secondary of one `rate_limit` object, classified by length. With `name` the
    labels are literal ("Codex Spark · 5-hour"), otherwise i18n keys."""
    limit = obj(rate_limit)
    windows: list[Window] = []
    for slot in ("primary", "secondary"):
        raw = limit.get(f"{slot}_window")
        if not isinstance(raw, Mapping):
            continue  # null secondary: the plan has no such window
        seconds = num(raw.get("limit_window_seconds"))
        if seconds is None or seconds <= 0:
            seconds = _positional(slot, raw)
        wid, key, params, short = classify(seconds)
        if name:
            window = _window(raw, now, wid=prefix + wid, label=f"{name} · {short}")
        else:
            label = _label(key, params)
            window = _window(raw, now, wid=prefix + wid, label=label, key=key, params=params)
        windows.append(window)
    # limit_reached without a figure that explains it: the unexplained windows are exhausted
    if limit.get("limit_reached") is True and not any(
        w.used_percent is not None and w.used_percent >= 100 for w in windows
    ):
        windows = [w if w.known else replace(w, used_percent=100.0, known=True) for w in windows]
    return windows


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _additional(raw_list: Any, now: datetime) -> list[Window]:
    """Model caps ("GPT-5.3-Codex-Spark", metered feature "codex_bengalfox"), possibly
    weekly-only; each entry is read on its own, so a malformed one never drops the others."""
    windows: list[Window] = []
    for i, raw in enumerate(items(raw_list), start=1):
        try:
            entry = obj(raw)
            name = (text(entry.get("limit_name")) or text(entry.get("metered_feature"))
                    or f"Limit {i}")
            prefix = f"extra-{_slug(name) or i}-"
            windows.extend(_rate_limit_windows(entry.get("rate_limit"), now, prefix=prefix,
                                               name=name))
        except (TypeError, ValueError, AttributeError, OverflowError, ArithmeticError):
            continue
    return windows


def _individual_limit(raw: Any, now: datetime) -> Window | None:
    """Enterprise: both windows null and the cap in `rate_limit.individual_limit{limit, used,
    remaining_percent, resets_at}`, a monthly credit window (used % = 100 - remaining)."""
    if not isinstance(raw, Mapping):
        return None
    remaining = num(raw.get("remaining_percent"))
    percent = num(raw.get("used_percent"))
    limit, used = num(raw.get("limit")), num(raw.get("used"))
    if percent is None and remaining is not None:
        percent = 100.0 - clamp(remaining)
    if percent is None and used is not None and limit:
        percent = used / limit * 100.0
    resets = (from_epoch_auto(raw.get("resets_at")) or from_epoch_auto(raw.get("reset_at"))
              or after_seconds(now, raw.get("reset_after_seconds")))
    has_totals = limit is not None and limit > 0 and used is not None
    key = "window.monthly_credits"
    return Window(
        id="monthly-credits",
        label=_label(key, {}),
        label_key=key,
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        used=used if has_totals else None,
        limit=limit if has_totals else None,
        unit="credits" if has_totals else None,
        resets_at=resets,
        window_seconds=month_seconds(resets),
    )


def _spend_control(raw: Any, now: datetime) -> Window | None:
    limit = obj(raw).get("individual_limit")
    if not isinstance(limit, Mapping):
        return None
    remaining = num(limit.get("remaining_percent"))
    percent = num(limit.get("used_percent"))
    if percent is None and remaining is not None:
        percent = 100.0 - remaining
    key = "window.spend_control"
    return _window(limit, now, wid="spend-control", label=_label(key, {}), key=key, percent=percent)


# plan_type values whose own name says little ("prolite" is the Pro 5x tier)
PLAN_NAMES = {"prolite": "Pro 5x"}


def plan_name(plan_type: str) -> str | None:
    return PLAN_NAMES.get(plan_type.lower(), plan_type) if plan_type else None


def _credits(raw: Any) -> tuple[tuple[str, str], ...]:
    credits = obj(raw)
    if credits.get("unlimited") is True:
        return (("Credits", "unlimited"),)
    raw = credits.get("balance")  # a number, a numeric string, "$5.00", or null
    balance = num(raw.strip().lstrip("$") if isinstance(raw, str) else raw)
    return (("Credits", f"{balance:.2f}"),) if balance is not None else ()


def _unique(windows: list[Window]) -> tuple[Window, ...]:
    seen: set[str] = set()
    out: list[Window] = []
    for window in windows:
        wid, n = window.id, 2
        while wid in seen:  # two windows of the same length keep both
            wid, n = f"{window.id}-{n}", n + 1
        seen.add(wid)
        out.append(window if wid == window.id else replace(window, id=wid))
    return tuple(out)


def parse_usage(
    data: Any, now: datetime
) -> tuple[str | None, tuple[Window, ...], tuple[tuple[str, str], ...]]:
    """(plan, windows, details) from a `wham/usage` body; `invalid_response` if unusable."""
    if not isinstance(data, Mapping):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="not a JSON object")
    rate_limit = data.get("rate_limit")
    windows = _rate_limit_windows(rate_limit, now)
    code_review = obj(data.get("code_review_rate_limit")).get("primary_window")
    if isinstance(code_review, Mapping):
        key = "window.code_review"
        windows.append(_window(code_review, now, wid="code-review", label=_label(key, {}), key=key))
    windows.extend(_additional(data.get("additional_rate_limits"), now))
    if not isinstance(rate_limit, Mapping):  # a team cap instead of the personal windows
        spend = _spend_control(data.get("spend_control"), now)
        if spend is not None:
            windows.insert(0, spend)
    if isinstance(rate_limit, Mapping):
        individual = _individual_limit(rate_limit.get("individual_limit"), now)
        if individual is not None:
            windows.insert(0, individual)
    plan = plan_name(text(data.get("plan_type")))
    details = _credits(data.get("credits"))
    if not windows and plan is None and not details and not isinstance(rate_limit, Mapping):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="no rate_limit")
    return plan, _unique(windows), details


# ---------------------------------------------------------------------------- fetch
def fetch(ctx: Context, ref: AccountRef) -> Account:
    creds: Credentials = ref.payload
    headers = {"Authorization": f"Bearer {creds.access.reveal()}", "Accept": "application/json"}
    if creds.account_id:
        headers["ChatGPT-Account-Id"] = creds.account_id
    try:
        data = ctx.http.get_json(ctx.base_url("openai") + PATH, provider=NAME, headers=headers)
    except QuotaError as exc:
        info = exc.info
        if creds.source == "codex" and info.kind is ErrorKind.HTTP_ERROR and info.status in (
                401, 403) and not info.get("fix"):
            # Codex CLI's login was rejected: the fix is `codex login`, not OpenCode's
            raise QuotaError(info.kind, provider=info.provider, status=info.status,
                             detail=info.detail, extra={**dict(info.extra),
                                                        "fix": "fix.codex_login_rejected"}
                             ) from exc
        raise
    plan, windows, details = parse_usage(data, ctx.now())
    return Account(
        label=ref.label,
        plan=plan or ref.plan,
        windows=windows,
        details=details,
        token_expires_at=ref.token_expires_at,
    )


SPEC = ProviderSpec(
    id="openai",
    name=NAME,
    dashboard_url="https://chatgpt.com/codex/settings/usage",
    url_keys=("openai",),
    discover=discover,
    fetch=fetch,
)
