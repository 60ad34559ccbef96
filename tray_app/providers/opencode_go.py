"""OpenCode Go (opencode.ai's own plan): `GET {base}/zen/go/v1/usage` with the Go API key as
Bearer (provider-facts §8).

`usage.{rolling, weekly, monthly}` each `{status, percent (integer), resetsAt (ISO)}`: rolling
is the 5-hour window, weekly resets at 00:00 UTC, monthly is the month; one pool for all Go
models. Tolerated as well: `usagePercent` for `percent`, `resetInSec` for `resetsAt`, the
payload wrapped in `data`. A window without a percent but with a status that says the cap is
hit is 100 %; without either it is unknown, never 0 %.

Key: OpenCode's `opencode-go` entry, then `$OPENCODE_API_KEY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.providers.api_keys import get_with_key, key_accounts
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import after_seconds, clamp, from_iso, num, obj, text

NAME = PROVIDER_NAMES["opencode-go"]
PATH = "/zen/go/v1/usage"
ENTRY = "opencode-go"
ENV_VAR = "OPENCODE_API_KEY"
URL_KEY = "opencode"

# API key → (window id, i18n label key, length in seconds; None = the calendar month)
WINDOWS: tuple[tuple[str, str, str, int | None], ...] = (
    ("rolling", "5h", "window.5h", 5 * 3600),
    ("weekly", "weekly", "window.weekly", 7 * 86400),
    ("monthly", "monthly", "window.monthly", None),
)
# a status that says the cap is reached ("ok" otherwise)
_EXHAUSTED_WORDS = ("exceed", "exhaust", "block", "reached")
_EXHAUSTED = ("limited", "rate_limited", "full")


def month_seconds(resets_at: datetime | None, now: datetime) -> int:
    """The length of the month-long window that ends at `resets_at`: from the same day and
    time one calendar month earlier (the 1st for a calendar month, the billing day for an
    anniversary). Without a reset time: the current calendar month."""
    end = resets_at
    if end is None:
        current = now.astimezone(timezone.utc)
        year, month = (current.year + 1, 1) if current.month == 12 else (current.year,
                                                                          current.month + 1)
        end = datetime(year, month, 1, tzinfo=timezone.utc)
    year, month = (end.year - 1, 12) if end.month == 1 else (end.year, end.month - 1)
    day = min(end.day, _days_in(year, month))
    start = end.replace(year=year, month=month, day=day)
    return int((end - start).total_seconds())


def _days_in(year: int, month: int) -> int:
    first = datetime(year, month, 1, tzinfo=timezone.utc)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=timezone.utc)
    return (nxt - first).days


def parse_window(raw: Any, key: str, now: datetime) -> Window | None:
    """One of rolling / weekly / monthly, or None when the API does not send it."""
    spec = next((w for w in WINDOWS if w[0] == key), None)
    if spec is None or not isinstance(raw, Mapping):
        return None  # absent or null: the plan has no such window (not 0 %)
    row = obj(raw)
    _, wid, label_key, seconds = spec
    percent = num(row.get("percent"))
    if percent is None:
        percent = num(row.get("usagePercent"))
    status = text(row.get("status")).lower()
    if percent is None and (status in _EXHAUSTED or any(w in status for w in _EXHAUSTED_WORDS)):
        percent = 100.0
    resets_at = from_iso(row.get("resetsAt")) or after_seconds(now, row.get("resetInSec"))
    return Window(
        id=wid,
        label=_label(label_key),
        label_key=label_key,
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        resets_at=resets_at,
        window_seconds=seconds if seconds is not None else month_seconds(resets_at, now),
    )


def _label(key: str) -> str:
    from tray_app.i18n import t

    return t(key, "en")


def parse_response(data: Any, now: datetime) -> tuple[Window, ...]:
    body = obj(data)
    if not body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="not a JSON object")
    if "usage" not in body and "usage" in obj(body.get("data")):
        body = obj(body.get("data"))
    if "usage" not in body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="no usage")
    usage = obj(body.get("usage"))
    windows = tuple(w for w in (parse_window(usage.get(k), k, now) for k, *_ in WINDOWS) if w)
    if not windows:  # `usage: null` / `{}`: the key works but carries no Go subscription
        raise QuotaError(
            ErrorKind.API_ERROR,
            provider=NAME,
            detail="no OpenCode Go usage for this key",
            extra={"message": "error.opencode_go_no_plan", "fix": "fix.opencode_go_no_plan"},
        )
    return windows


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    return key_accounts(creds, (ENTRY,), ENV_VAR)


def fetch(ctx: Context, ref: AccountRef) -> Account:
    data = get_with_key(ctx, ref, url=ctx.base_url(URL_KEY) + PATH, name=NAME,
                        fix_key="fix.opencode_go_key")
    return Account(label=ref.label, plan="Go", windows=parse_response(data, ctx.now()))


SPEC = ProviderSpec(
    id="opencode-go",
    name=NAME,
    dashboard_url="https://opencode.ai/auth",
    url_keys=(URL_KEY,),
    discover=discover,
    fetch=fetch,
)
