"""What every provider module declares: a `ProviderSpec` with `discover` (credentials →
account references, no network) and `fetch` (one account → `Account`, or a `QuotaError`).

The engine runs `fetch` for every account of every provider concurrently; a provider never
sees another provider's state. `Context.memory` is this provider's own cache that survives
between refreshes (Google access tokens, the Copilot path that worked).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorInfo
from tray_app.model import Account, Notice
from tray_app.net.http import HttpClient


@dataclass(frozen=True)
class AccountRef:
    """One account to fetch. `payload` holds provider-specific credentials (Secrets inside).
    With `error` set the engine does not fetch; it reports the account with that error."""

    label: str
    payload: Any = None
    error: ErrorInfo | None = None
    plan: str | None = None
    notices: tuple[Notice, ...] = ()
    token_expires_at: datetime | None = None


@dataclass
class Context:
    http: HttpClient
    base_url: Callable[[str], str]  # key ("openai", "github", ...) → base URL, no trailing /
    now: Callable[[], datetime]
    memory: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


Discover = Callable[[CredentialSet, datetime], list[AccountRef]]
Fetch = Callable[[Context, AccountRef], Account]


@dataclass(frozen=True)
class ProviderSpec:
    id: str  # stable id used in JSON, config and the menu
    name: str  # display name
    dashboard_url: str
    url_keys: tuple[str, ...]  # base-URL keys this provider uses (see net/endpoints.py)
    discover: Discover
    fetch: Fetch
    options: Mapping[str, Any] = field(default_factory=dict)
