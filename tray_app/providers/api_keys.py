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
from tray_app.errors import ErrorKind, QuotaError
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


def key_accounts(creds: CredentialSet, entries: Iterable[str], env_var: str) -> list[AccountRef]:
    """One account per usable key, labelled by the masked key (a provider's `discover`)."""
    return [AccountRef(label=found.secret.masked, payload=found.secret)
            for found in find_keys(creds, entries, env_var)]


def get_with_key(ctx: Context, ref: AccountRef, *, url: str, name: str, fix_key: str) -> Any:
    """GET `url` with the account's key as Bearer; a 401/403 names the provider's own fix
    (where to make a new key), every other error passes through as it is."""
    secret: Secret = ref.payload
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
