"""GitHub Copilot: credentials → one account per identity → `Account` (PAT billing API or
OpenCode's OAuth token on `copilot_internal/user`).

PAT (preferred): `/users/{user}/settings/billing/ai_credit/usage`, falling back to the legacy
`premium_request/usage` on 404. The billing API has no entitlement, so a percentage needs an
allowance: the configured plan's known monthly allowance (AI Credits: Pro 1,500, Pro+ 7,000,
Max 20,000, Business 1,900, Enterprise 3,900; legacy premium requests: the config's tiers or
the legacy file's tier) or a number the user set. OAuth: `copilot_internal/user` with
`token <oauth>`; if rejected, the older `copilot_internal/v2/token` exchange + `Bearer`.
Whichever path worked is remembered per account in `ctx.memory` (with the session token, in
memory only), so a steady refresh costs one request. Payload parsing is in `copilot_parse`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from tray_app.config import COPILOT_TIERS
from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Account, Notice
from tray_app.net.endpoints import DEFAULT_URLS
from tray_app.net.http import Response, raise_for_status
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.copilot_parse import (
    AI_CREDIT_ALLOWANCES,
    credit_allowance,
    parse_billing,
    parse_expiration,
    parse_user,
    plan_name,
)
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import from_epoch_seconds, num, obj, text
from tray_app.secrets import Secret

NAME = PROVIDER_NAMES["copilot"]
USER_PATH = "/copilot_internal/user"
EXCHANGE_PATH = "/copilot_internal/v2/token"
BILLING = {  # remembered name → path; the AI Credits one is current since 2026-06
    "ai_credit": "/users/{user}/settings/billing/ai_credit/usage",
    "premium_request": "/users/{user}/settings/billing/premium_request/usage",
}
EDITOR_HEADERS = {
    "Accept": "application/json",
    "Editor-Version": "vscode/1.104.0",
    "Editor-Plugin-Version": "copilot-chat/0.31.0",
    "User-Agent": "GitHubCopilotChat/0.31.0",
}
REST_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
SESSION_MARGIN = timedelta(seconds=60)
SESSION_DEFAULT = timedelta(minutes=10)  # when the exchange does not say how long it lasts


@dataclass(frozen=True)
class Target:
    """What `fetch` needs for one account (Secrets inside; repr shows them masked)."""

    key: str  # memory key: "github.com" or "enterprise:<host>"; never derived from a token
    host: str = ""  # enterprise host ("" = github.com)
    pat: Secret | None = None
    username: str = ""
    allowance: float | None = None  # premium requests per month (config or legacy tier)
    credit_allowance: float | None = None  # AI Credits per month: the plan's, or a number set
    oauth: Secret | None = None
    fallback: ErrorInfo | None = None  # raised instead of copilot_pat_required when OAuth fails


@dataclass
class _Memo:
    fingerprint: str  # of the token it was learnt with: a new login starts afresh
    path: str  # "direct" | "exchange" | "ai_credit" | "premium_request"
    session: Secret | None = None
    session_until: datetime | None = None


def _fingerprint(secret: Secret) -> str:
    return hashlib.sha256(secret.reveal().encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------- discover
def _oauth_token(entry: Any) -> Secret | None:
    data = obj(entry)
    if data.get("type", "oauth") != "oauth":
        return None
    # `refresh` is the long-lived gho_ token; in the newer flow `access` holds the same value
    for field in ("refresh", "access"):
        value = text(data.get(field))
        if value:
            return Secret(value)
    return None


def _host(url: Any) -> str:
    raw = text(url)
    if not raw:
        return ""
    parts = urlsplit(raw if "//" in raw else f"https://{raw}")
    return (parts.netloc or parts.path).strip("/").lower()


def _username_missing() -> ErrorInfo:
    return QuotaError(
        ErrorKind.COPILOT_PAT_REQUIRED,
        provider=NAME,
        detail="copilot_username missing",
        extra={"fix": "fix.copilot_username_missing"},
    ).info


def _problem_notice(problem: ErrorInfo) -> Notice:
    if problem.kind is ErrorKind.KEYRING_UNAVAILABLE:
        return Notice("notice.copilot_keyring", (("detail", problem.detail),))
    params = (("path", problem.path), ("detail", problem.detail))
    return Notice(f"error.{problem.kind.value}", params)  # e.g. the legacy file unreadable


def _enterprise(entry: Any) -> AccountRef | None:
    oauth = _oauth_token(entry)
    if oauth is None:
        return None
    host = _host(obj(entry).get("enterpriseUrl"))
    return AccountRef(
        label=host or oauth.masked,
        payload=Target(key=f"enterprise:{host}", host=host, oauth=oauth),
    )


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    pat = creds.copilot_pat
    plan = plan_name(creds.settings.copilot_plan)
    entry = creds.auth.entry("github-copilot")
    # an entry carrying enterpriseUrl is a GitHub Enterprise login, not the github.com one
    oauth = None if _host(obj(entry).get("enterpriseUrl")) else _oauth_token(entry)
    refs: list[AccountRef] = []
    # The keyring failing on a machine where Copilot was never set up is not worth an account:
    # a problem alone counts only if the user configured a username or plan for the PAT.
    wants_pat = pat.problem is not None and bool(pat.username or pat.allowance)
    if pat.token or oauth or wants_pat:
        # The PAT's problem is the advice only when a PAT exists or the user set one up
        # (username/plan configured); otherwise OAuth failing means seed problem 6.
        problem = replace(pat.problem, provider=NAME) if pat.problem and wants_pat else None
        if pat.token and not pat.username:
            problem = _username_missing()
        target = Target(
            key="github.com",
            pat=pat.token if pat.username else None,
            username=pat.username,
            allowance=pat.allowance,
            credit_allowance=credit_allowance(plan),
            oauth=oauth,
            fallback=problem,
        )
        token = target.pat or oauth or pat.token  # the one that will be used
        notices = pat.notices
        if pat.problem is not None and wants_pat and oauth is not None:
            notices += (_problem_notice(pat.problem),)  # OAuth is tried; say why not the PAT
        refs.append(
            AccountRef(
                label=pat.username or (token.masked if token else "github.com"),
                payload=target,
                # nothing to fetch with: keyring failed / file unreadable / no username
                error=problem if target.pat is None and oauth is None else None,
                plan=plan if plan in COPILOT_TIERS or plan in AI_CREDIT_ALLOWANCES else None,
                notices=notices,
            )
        )
    seen: set[str] = set()
    for raw in (entry if oauth is None else None, creds.auth.entry("github-copilot-enterprise")):
        ref = _enterprise(raw)
        if ref is not None and ref.payload.key not in seen:
            seen.add(ref.payload.key)
            refs.append(ref)
    return refs


# ---------------------------------------------------------------------------- fetch
def _base(ctx: Context, host: str) -> str:
    base = ctx.base_url("github")
    # an explicit MYSTATUS_GITHUB_URL / config override wins (proxies, the simulator)
    if not host or base != DEFAULT_URLS["github"]:
        return base
    return f"https://{host}" if host.startswith("api.") else f"https://api.{host}"


def _rejected(resp: Response) -> bool:
    """401/403/404 mean "this path does not work for this token" (not GitHub's rate limit)."""
    if resp.status == 403 and resp.headers.get("x-ratelimit-remaining") == "0":
        return False
    return resp.status in (401, 403, 404)


def _recall(ctx: Context, key: str, secret: Secret) -> _Memo | None:
    with ctx.lock:
        memo = ctx.memory.get(key)
    if isinstance(memo, _Memo) and memo.fingerprint == _fingerprint(secret):
        return memo
    return None


def _remember(ctx: Context, key: str, memo: _Memo | None) -> None:
    with ctx.lock:
        if memo is None:
            ctx.memory.pop(key, None)
        else:
            ctx.memory[key] = memo


def fetch(ctx: Context, ref: AccountRef) -> Account:
    target: Target = ref.payload
    base = _base(ctx, target.host)
    account = _fetch_pat(ctx, target, base) if target.pat else _fetch_oauth(ctx, target, base)
    return replace(
        account,
        label=ref.label,
        plan=account.plan or ref.plan,
        notices=ref.notices + account.notices,
    )


def _fetch_pat(ctx: Context, target: Target, base: str) -> Account:
    assert target.pat is not None
    key = f"pat:{target.key}"
    memo = _recall(ctx, key, target.pat)
    order = ["ai_credit", "premium_request"]
    if memo is not None and memo.path == "premium_request":
        order.reverse()
    now = ctx.now()
    headers = {**REST_HEADERS, "Authorization": f"Bearer {target.pat.reveal()}"}
    for i, name in enumerate(order):
        url = base + BILLING[name].format(user=target.username)
        resp = _get(ctx, url, headers, params={"year": now.year, "month": now.month})
        if resp.status == 404 and i == 0:
            continue  # the other billing endpoint (AI Credits since 2026-06, or the legacy one)
        if resp.status == 401:
            _remember(ctx, key, None)
            raise QuotaError(
                ErrorKind.TOKEN_EXPIRED,
                provider=NAME,
                status=401,
                extra={"fix": "fix.token_expired_copilot_pat"},
            )
        if not 200 <= resp.status < 300:
            _remember(ctx, key, None)
            raise_for_status(resp, NAME)
        account = parse_billing(
            resp.json(NAME),
            credits=name == "ai_credit",
            allowance=target.allowance if name == "premium_request" else target.credit_allowance,
            now=now,
            provider=NAME,
        )
        _remember(ctx, key, _Memo(_fingerprint(target.pat), name))
        expires = parse_expiration(resp.headers.get("github-authentication-token-expiration"))
        return replace(account, token_expires_at=expires)
    raise AssertionError("unreachable")  # pragma: no cover - the last attempt returns or raises


def _get(ctx: Context, url: str, headers: dict[str, str], **kwargs: Any) -> Response:
    return ctx.http.request("GET", url, provider=NAME, headers=headers, check=False, **kwargs)


def _get_user(ctx: Context, base: str, authorization: str) -> Any | None:
    resp = _get(ctx, base + USER_PATH, {**EDITOR_HEADERS, "Authorization": authorization})
    if _rejected(resp):
        return None
    raise_for_status(resp, NAME)
    return resp.json(NAME)


def _exchange(ctx: Context, base: str, oauth: Secret) -> tuple[Secret, datetime] | None:
    headers = {**EDITOR_HEADERS, "Authorization": f"token {oauth.reveal()}"}
    resp = _get(ctx, base + EXCHANGE_PATH, headers)
    if _rejected(resp):
        return None
    raise_for_status(resp, NAME)
    data = obj(resp.json(NAME))
    token = text(data.get("token"))
    if not token:
        return None
    now = ctx.now()
    until = from_epoch_seconds(data.get("expires_at"))
    refresh_in = num(data.get("refresh_in"))
    if until is None:
        until = now + (timedelta(seconds=refresh_in) if refresh_in else SESSION_DEFAULT)
    return Secret(token), until - SESSION_MARGIN


def _via_exchange(
    ctx: Context, base: str, oauth: Secret, memo: _Memo | None
) -> tuple[Any, _Memo] | None:
    fingerprint = _fingerprint(oauth)
    if memo is not None and memo.session is not None and memo.session_until is not None \
            and ctx.now() < memo.session_until:
        data = _get_user(ctx, base, f"Bearer {memo.session.reveal()}")
        if data is not None:
            return data, memo
    session = _exchange(ctx, base, oauth)
    if session is None:
        return None
    data = _get_user(ctx, base, f"Bearer {session[0].reveal()}")
    if data is None:
        return None
    return data, _Memo(fingerprint, "exchange", session[0], session[1])


def _fetch_oauth(ctx: Context, target: Target, base: str) -> Account:
    oauth = target.oauth
    assert oauth is not None
    key = f"oauth:{target.key}"
    memo = _recall(ctx, key, oauth)
    order = ["direct", "exchange"]
    if memo is not None and memo.path == "exchange":
        order.reverse()
    for path in order:
        if path == "direct":
            data = _get_user(ctx, base, f"token {oauth.reveal()}")
            found = (data, _Memo(_fingerprint(oauth), "direct")) if data is not None else None
        else:
            found = _via_exchange(ctx, base, oauth, memo)
        if found is not None:
            account = parse_user(found[0], provider=NAME)
            _remember(ctx, key, found[1])
            return account
    _remember(ctx, key, None)
    info = target.fallback  # a PAT exists but cannot be used: its problem is the better advice
    if info is None:
        raise QuotaError(ErrorKind.COPILOT_PAT_REQUIRED, provider=NAME, detail="copilot_internal")
    raise QuotaError(
        info.kind, provider=NAME, status=info.status, detail=info.detail, path=info.path,
        extra=dict(info.extra),
    )


SPEC = ProviderSpec(
    id="copilot",
    name=NAME,
    dashboard_url="https://github.com/settings/copilot",
    url_keys=("github",),
    discover=discover,
    fetch=fetch,
)
