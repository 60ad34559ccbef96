"""The provider-neutral, frozen usage model: provider → accounts → windows.

Fetchers produce it, the engine assembles a `Snapshot`, and every view (text, JSON, icon,
menu, notifications) only reads it. Provider extras go into `Account.details` as label/value
pairs, never as provider-specific fields.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

from tray_app.errors import ErrorInfo


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Notice:
    """A non-fatal message for the user (an i18n key + its parameters), e.g. legacy PAT file."""

    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Window:
    """One quota window (5-hour, weekly, monthly, a model family, a tool quota...).

    `used_percent` is 0..100+ (above 100 = over quota) or None when unknown; `known=False`
    means the API gave no usable figure: shown as "unknown", never as 0 % or 100 %.
    `label` is the English label; `label_key` (+ `label_params`) an i18n key for views to
    translate (e.g. "window.hours", n=4), or "" when `label` is a literal name (a model id).
    """

    id: str
    label: str
    used_percent: float | None
    used: float | None = None
    limit: float | None = None
    unit: str | None = None  # "tokens", "requests", "credits", "calls", "USD"...
    resets_at: datetime | None = None
    known: bool = True
    label_key: str = ""
    label_params: tuple[tuple[str, str], ...] = ()
    unlimited: bool = False
    # the window's length in seconds when known (5 h = 18000; a calendar month: its length);
    # None = unknown, and then no pace is computed for it
    window_seconds: int | None = None

    def __post_init__(self) -> None:
        if self.used_percent is None and not self.unlimited:
            object.__setattr__(self, "known", False)

    @property
    def remaining_percent(self) -> float | None:
        if self.used_percent is None:
            return None
        return max(0.0, 100.0 - self.used_percent)


@dataclass(frozen=True)
class Account:
    """One account of one provider; `error` set means its numbers could not be fetched."""

    label: str  # e-mail, user name or masked key: never a secret
    plan: str | None = None
    windows: tuple[Window, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # extra lines: ("Credits", "12.50"), top models...
    error: ErrorInfo | None = None
    notices: tuple[Notice, ...] = ()  # non-fatal: e.g. legacy plaintext PAT in use
    token_expires_at: datetime | None = None  # for expiry warnings (OpenAI, Copilot PAT)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class ProviderUsage:
    id: str  # "openai" | "zhipu" | "zai" | "copilot" | "antigravity"
    name: str
    accounts: tuple[Account, ...] = ()
    error: ErrorInfo | None = None  # provider-level failure (no account could even be tried)
    dashboard_url: str = ""
    fetched_at: datetime | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or any(a.error for a in self.accounts)


@dataclass(frozen=True)
class Snapshot:
    """Everything one refresh produced. Published by swapping one reference."""

    generated_at: datetime
    providers: tuple[ProviderUsage, ...] = ()
    problems: tuple[ErrorInfo, ...] = ()  # source-level: auth file unreadable, no accounts...
    # The provider ids this refresh was asked for; None = all of them (a full refresh). A
    # partial refresh says nothing about the providers it did not ask for, nor about problems.
    requested: tuple[str, ...] | None = None

    @property
    def has_accounts(self) -> bool:
        return any(p.accounts or p.error for p in self.providers)

    @property
    def any_failed(self) -> bool:
        return bool(self.problems) or any(p.failed for p in self.providers)

    def provider(self, provider_id: str) -> ProviderUsage | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    def with_providers(self, providers: tuple[ProviderUsage, ...]) -> Snapshot:
        return replace(self, providers=providers)


