"""Kimi for Coding (Moonshot): `GET {base}/coding/v1/usages` with the API key as Bearer
(provider-facts §9).

Numbers arrive as strings. `usage{limit, used, remaining, resetTime}` is the weekly quota;
`limits[]{window{duration, timeUnit}, detail{limit, used, remaining, resetTime}}` are the
shorter windows (300 minutes = the 5-hour window). The payload may be wrapped in `data`.
`user.membership.level` names the plan (LEVEL_BASIC = Adagio... LEVEL_PREMIUM = Vivace).
`used` may be missing: then it is `limit - remaining`. Since Sep 2026 a `usages` object
(`limit_5h`, `limit_7d`, `limit_month_*` with `used_ratio` and a reset) may come beside or
instead of them; a `limits[]` row may carry its figures without `detail`; the reset may be
under any of `RESET_KEYS` (ISO or epoch s/ms/ns) or relative (`reset_in`/`ttl` seconds).

Key: OpenCode's `kimi-for-coding` entry, then `$KIMI_API_KEY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, Window, utcnow
from tray_app.providers.api_keys import get_with_key, key_accounts
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import after_seconds, clamp, from_any_time, items, num, obj, text

NAME = PROVIDER_NAMES["kimi"]
PATH = "/coding/v1/usages"
ENTRY = "kimi-for-coding"
ENV_VAR = "KIMI_API_KEY"
URL_KEY = "kimi"
WEEK = 7 * 86400

LEVELS = {
    "LEVEL_FREE": "Free",
    "LEVEL_BASIC": "Adagio",
    "LEVEL_STANDARD": "Moderato",
    "LEVEL_INTERMEDIATE": "Allegretto",
    "LEVEL_ADVANCED": "Allegro",
    "LEVEL_PREMIUM": "Vivace",
}
# the reset of a window, in the order peers met them (provider-facts §12)
RESET_KEYS = ("resetTime", "resetAt", "reset_time", "reset_at", "resetsAt", "resets_at")
RELATIVE_KEYS = ("reset_in", "resetIn", "ttl")
_UNIT_SECONDS = (("SECOND", 1), ("MINUTE", 60), ("HOUR", 3600), ("DAY", 86400),
                 ("WEEK", 7 * 86400))


def plan_name(level: Any) -> str | None:
    raw = text(level)
    if not raw:
        return None
    upper = raw.upper()
    if upper in LEVELS:
        return LEVELS[upper]
    name = upper.removeprefix("LEVEL_").replace("_", " ").strip()
    return name.title() if name else None


def window_seconds(duration: Any, unit: Any) -> int | None:
    """`{duration: 300, timeUnit: "TIME_UNIT_MINUTE"}` → 18000; None when not readable."""
    n = num(duration)
    name = text(unit).upper()
    if n is None or n <= 0 or n > 1e7:
        return None
    scale = next((s for word, s in _UNIT_SECONDS if word in name), None)
    if scale is None:
        return None
    return int(n * scale)


def label_for(seconds: int | None) -> tuple[str, str, dict[str, int]]:
    """(window id, i18n key, params) for a window of `seconds`."""
    if seconds is None:
        return "limit", "window.other_limit", {}
    if seconds == 5 * 3600:
        return "5h", "window.5h", {}
    if seconds == WEEK:
        return "weekly", "window.weekly", {}
    if seconds == 86400:
        return "daily", "window.daily", {}
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d", "window.days", {"n": seconds // 86400}
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h", "window.hours", {"n": seconds // 3600}
    minutes = max(1, seconds // 60)
    return f"{minutes}m", "window.minutes", {"n": minutes}


def _label(key: str, params: dict[str, int]) -> str:
    from tray_app.i18n import t

    return t(key, "en", **params)


def reset_of(raw: Mapping[str, Any], now: datetime) -> datetime | None:
    """The reset under any of its names (ISO, or epoch s/ms/ns, numbers or numeric strings),
    else `reset_in` / `ttl` seconds from now."""
    for key in RESET_KEYS:
        found = from_any_time(raw.get(key))
        if found is not None:
            return found
    for key in RELATIVE_KEYS:
        found = after_seconds(now, raw.get(key))
        if found is not None:
            return found
    return None


def parse_detail(raw: Any, wid: str, key: str, params: dict[str, int],
                 seconds: int | None, now: datetime) -> Window | None:
    detail = obj(raw)
    if not detail:
        return None
    limit = num(detail.get("limit"))
    used = num(detail.get("used"))
    remaining = num(detail.get("remaining"))
    if used is None and limit is not None and remaining is not None:
        used = max(0.0, limit - remaining)
    percent = used / limit * 100.0 if used is not None and limit else None
    if percent is None and limit == 0 and remaining == 0:
        percent = 100.0  # a zero allowance with nothing left: the API says it is used up
    if percent is None:
        ratio = num(detail.get("used_ratio"))
        if ratio is not None and ratio >= 0:
            percent = ratio * 100.0  # 0..1, above 1 = over quota
    has_totals = used is not None and limit is not None and limit > 0
    return Window(
        id=wid,
        label=_label(key, params),
        label_key=key,
        label_params=tuple((k, str(v)) for k, v in params.items()),
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        used=used if has_totals else None,
        limit=limit if has_totals else None,
        unit="requests" if has_totals else None,
        resets_at=reset_of(detail, now),
        window_seconds=seconds,
    )


_FIGURES = ("limit", "used", "remaining", "used_ratio")


def _row_detail(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """A `limits[]` row's figures: its `detail`, or the row itself when it has none."""
    detail = obj(row.get("detail"))
    if detail:
        return detail
    return row if any(k in row for k in _FIGURES) else {}


def _usages_key(name: str) -> tuple[str, str, dict[str, int], int | None]:
    """`limit_5h`, `limit_7d`, `limit_month_*`... → (id, i18n key, params, seconds)."""
    rest = name.lower().removeprefix("limit_")
    if rest.startswith("month"):
        extra = rest.removeprefix("month").strip("_")
        wid = "monthly" + (f"-{extra}" if extra else "")
        return wid, "window.monthly", {}, None  # a calendar month: length from the reset
    digits = "".join(ch for ch in rest if ch.isdigit())
    unit = rest[len(digits):]
    n = int(digits) if digits else 0
    scale = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": WEEK}.get(unit)
    seconds = n * scale if n and scale else None
    wid, key, params = label_for(seconds)
    return wid, key, params, seconds


def _usages(raw: Any, seen: set[str], now: datetime) -> list[Window]:
    """The newer `usages` object (since Sep 2026): `limit_5h`, `limit_7d`, `limit_month_*`,
    each with `used_ratio` (or counts) and a reset."""
    from tray_app.providers.lengths import month_seconds

    windows: list[Window] = []
    for name, entry in obj(raw).items():
        if not isinstance(name, str) or not isinstance(entry, Mapping):
            continue
        wid, key, params, seconds = _usages_key(name)
        if wid in seen:
            continue  # `usage` / `limits[]` already gave this window
        window = parse_detail(entry, _unique(wid, seen), key, params, seconds, now)
        if window is None:
            continue
        if key == "window.monthly":
            from dataclasses import replace

            window = replace(window, window_seconds=month_seconds(window.resets_at))
        windows.append(window)
    return windows


REGION_CN = "REGION_CN"


def parse_account(data: Any, now: datetime | None = None
                  ) -> tuple[str | None, tuple[Window, ...], tuple[tuple[str, str], ...]]:
    """(plan, windows, details) of a `/coding/v1/usages` body."""
    now = now or utcnow()
    body = obj(data)
    if not body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="not a JSON object")
    inner = obj(body.get("data"))
    known = ("usage", "limits", "usages")
    if not any(k in body for k in known) and inner:
        body = inner
    if not any(k in body for k in known):
        code, msg = body.get("code"), text(body.get("message")) or text(body.get("msg"))
        if code is not None or msg:
            raise QuotaError(ErrorKind.API_ERROR, provider=NAME,
                             status=int(c) if (c := num(code)) is not None else None,
                             detail=msg or "error", extra={"fix": "fix.kimi_key"})
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME,
                         detail="no usage, limits or usages")
    weekly = parse_detail(body.get("usage"), "weekly", "window.weekly", {}, WEEK, now)
    windows: list[Window] = []
    seen: set[str] = {"weekly"} if weekly is not None else set()
    for raw in items(body.get("limits")):
        row = obj(raw)
        detail = _row_detail(row)
        if not detail:
            continue  # nothing to show: keep its id free for a readable row
        window_spec = obj(row.get("window"))
        seconds = window_seconds(window_spec.get("duration"), window_spec.get("timeUnit"))
        wid, key, params = label_for(seconds)
        window = parse_detail(detail, _unique(wid, seen), key, params, seconds, now)
        if window is not None:
            windows.append(window)
    if weekly is not None:
        windows.append(weekly)
    windows.extend(_usages(body.get("usages"), seen, now))
    user = obj(body.get("user"))
    level = obj(user.get("membership")).get("level") or user.get("membershipLevel")
    details: tuple[tuple[str, str], ...] = ()
    if text(user.get("region")).upper() == REGION_CN:
        details = (("Region", "China (REGION_CN)"),)
    return plan_name(level), tuple(windows), details


def parse_response(data: Any, now: datetime | None = None
                   ) -> tuple[str | None, tuple[Window, ...]]:
    plan, windows, _ = parse_account(data, now)
    return plan, windows


def _unique(wid: str, seen: set[str]) -> str:
    out, n = wid, 2
    while out in seen:
        out, n = f"{wid}-{n}", n + 1
    seen.add(out)
    return out


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    return key_accounts(creds, (ENTRY,), ENV_VAR)


def fetch(ctx: Context, ref: AccountRef) -> Account:
    data = get_with_key(ctx, ref, url=ctx.base_url(URL_KEY) + PATH, name=NAME,
                        fix_key="fix.kimi_key")
    plan, windows, details = parse_account(data, ctx.now())
    return Account(label=ref.label, plan=plan, windows=windows, details=details)


SPEC = ProviderSpec(
    id="kimi",
    name=NAME,
    dashboard_url="https://www.kimi.com/code/console",
    url_keys=(URL_KEY,),
    discover=discover,
    fetch=fetch,
)
