"""Providers → where an API-key provider (OpenCode Go, Kimi, MiniMax) finds its key: OpenCode's
entry (auth.json, or the OpenCode 2 database, through `creds.auth`), else the environment
variable, by the one rule of `credentials/env_keys.py` that Z.ai and Zhipu follow too: the
variable stands in when none of the provider's entries is usable, a broken entry being shown
as its own named error account (`credentials/entries.py` RULES, the engine) either way.

An entry counts when it is `{"type": "api" | "key", "key": "<non-empty string>"}` (OpenCode 1.x
wrote "api", the OpenCode 2 database "key"); the credential loader has already checked it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.credentials.env_keys import env_value, for_var
from tray_app.credentials.kimi_code import DEFAULT_API as KIMI_CODE_DEFAULT_API
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.net.endpoints import DEFAULT_URLS
from tray_app.providers.base import AccountRef, Context
from tray_app.secrets import Secret

KEY_TYPES = ("api", "key")


@dataclass(frozen=True)
class FoundKey:
    secret: Secret
    source: str  # the OpenCode entry name ("opencode-go") or "$OPENCODE_API_KEY"


def entry_key(creds: CredentialSet, name: str) -> Secret | None:
    entry = creds.auth.entry(name)
    if entry is None or entry.get("type", "api") not in KEY_TYPES:
        return None
    key = entry.get("key")
    if not isinstance(key, str) or not key.strip():
        return None
    return Secret(key.strip())


def env_key(creds: CredentialSet, var: str) -> Secret | None:
    value = env_value(creds.environ, var)
    return Secret(value) if value else None


def find_keys(creds: CredentialSet, entries: Iterable[str], env_var: str) -> list[FoundKey]:
    """Every usable entry in `entries` order, the environment variable among them when the
    credential loader filed it (none of the entries was usable; `env_keys.ENV_KEYS`). A
    variable not registered there is read here, by the same rule. The same key twice is one
    account."""
    found: list[FoundKey] = []
    names = list(entries)
    for name in names:
        secret = entry_key(creds, name)
        var = creds.auth.env_var_of(name)
        if secret is not None and all(f.secret != secret for f in found):
            found.append(FoundKey(secret, "$" + var if var else name))
    if not found and for_var(env_var) is None:
        secret = env_key(creds, env_var)
        if secret is not None:
            found.append(FoundKey(secret, "$" + env_var))
    return found


@dataclass(frozen=True)
class HostedKey:
    """A token that belongs to another host than the provider's default (Kimi Code's
    global-region login): `get_with_key` sends it there, unless the base URL was set by the
    user (a proxy, the simulator), which then wins."""

    secret: Secret
    url_key: str  # the provider's base-URL key ("kimi")
    host: str  # e.g. "https://api.kimi.ai"
    fix: str = ""  # the fix a 401/403 names (a login to renew, not a key to make)


def kimi_code_accounts(creds: CredentialSet) -> list[AccountRef]:
    """Kimi Code's own login, the Kimi provider's last source: each usable token file is an
    account; an expired token is not sent (an error account with the fix), a broken file is
    an error account too. A token file of an unknown environment is left out (doctor)."""
    refs: list[AccountRef] = []
    for login in creds.kimi_code.logins:
        if login.unknown_slot:
            continue
        label = "Kimi Code" if login.api == KIMI_CODE_DEFAULT_API else f"Kimi Code ({login.api})"
        if login.problem is not None:
            refs.append(AccountRef(label=label, error=login.problem))
        elif login.expired or login.access is None:
            refs.append(AccountRef(label=label, token_expires_at=login.expires_at, error=ErrorInfo(
                ErrorKind.TOKEN_EXPIRED, provider="Kimi Code", path=login.path,
                extra=(("message", "error.kimi_code_expired"), ("fix", "fix.kimi_code_expired"),
                       ("time", login.expires_at.strftime("%Y-%m-%d %H:%M UTC")
                        if login.expires_at else "-")))))
        else:
            payload = HostedKey(login.access, "kimi", login.api, "fix.kimi_code_expired")
            refs.append(AccountRef(label=label, payload=payload,
                                   token_expires_at=login.expires_at))
    return refs


# OpenCode entry → the provider's last source after its entries and its variable
LAST_SOURCES = {"kimi-for-coding": kimi_code_accounts}


def key_accounts(creds: CredentialSet, entries: Iterable[str], env_var: str) -> list[AccountRef]:
    """One account per usable key, labelled by the masked key (a provider's `discover`);
    when there is none, the provider's last source (Kimi: Kimi Code's own login)."""
    names = list(entries)
    refs = [AccountRef(label=found.secret.masked, payload=found.secret)
            for found in find_keys(creds, names, env_var)]
    if not refs:
        for name in names:
            if name in LAST_SOURCES:
                refs.extend(LAST_SOURCES[name](creds))
    return refs


def get_with_key(ctx: Context, ref: AccountRef, *, url: str, name: str, fix_key: str) -> Any:
    """GET `url` with the account's key as Bearer; a 401/403 names the provider's own fix
    (where to make a new key), every other error passes through as it is. A `HostedKey` goes
    to its own host when the provider's base URL is the default one."""
    payload = ref.payload
    if isinstance(payload, HostedKey):
        default = DEFAULT_URLS.get(payload.url_key, "")
        if default and url.startswith(default):
            url = payload.host + url[len(default):]
        fix_key = payload.fix or fix_key
        payload = payload.secret
    secret: Secret = payload
    try:
        return ctx.http.get_json(
            url,
            provider=name,
            headers={"Authorization": f"Bearer {secret.reveal()}", "Accept": "application/json"},
        )
    except QuotaError as exc:
        if exc.kind is ErrorKind.HTTP_ERROR and exc.info.status in (401, 403):
            raise QuotaError(
                ErrorKind.HTTP_ERROR, provider=name, status=exc.info.status,
                detail=exc.info.detail, extra={"fix": fix_key},
            ) from exc
        raise
