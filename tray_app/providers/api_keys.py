"""Providers → where an API-key provider (OpenCode Go, Kimi, MiniMax) finds its key: OpenCode's
entry first (auth.json, or the OpenCode 2 database through `creds.auth`), the environment
variable last (provider-facts §1, "Keys in the environment").

An entry counts when it is `{"type": "api" | "key", "key": "<non-empty string>"}` (OpenCode 1.x
wrote "api", the OpenCode 2 database "key"); anything else is not a usable account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tray_app.credentials import CredentialSet
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
    value = creds.environ.get(var)
    if not isinstance(value, str) or not value.strip():
        return None
    return Secret(value.strip())


def find_keys(creds: CredentialSet, entries: Iterable[str], env_var: str) -> list[FoundKey]:
    """Every usable entry in `entries` order; the environment only when no entry is usable
    (an OpenCode login is the user's current choice, a shell variable may be an old one).
    The same key twice is one account."""
    found: list[FoundKey] = []
    for name in entries:
        secret = entry_key(creds, name)
        if secret is not None and all(f.secret != secret for f in found):
            found.append(FoundKey(secret, name))
    if not found:
        secret = env_key(creds, env_var)
        if secret is not None:
            found.append(FoundKey(secret, "$" + env_var))
    return found
