"""Zhipu AI (open.bigmodel.cn) and Z.ai (api.z.ai) GLM Coding Plans: one implementation,
two configurations. `GET {base}/api/monitor/usage/quota/limit` with the raw API key.

Every `limits[]` item becomes a window (TOKENS_LIMIT, CREDIT_LIMIT, TIME_LIMIT and unknown
types alike; credit-only accounts answer CREDIT_LIMIT rows alone). With used (`currentValue`)
and capacity (`usage`) both present the percent is computed from them, since `percentage` is
an integer rounded down; otherwise `percentage` drives the bar. An HTTP 200
with `success:false` or `code != 200` is an `api_error` carrying the code and msg (seed 8);
`code: 0` with `success: true` is a success, with or without the `data` wrapper. An hours row
without `number` is the 5-hour window; a type we do not know without a unit has no length
(provider-facts §12).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.lengths import unit_seconds
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import clamp, from_epoch_ms, items, num, obj, text
from tray_app.secrets import Secret

PATH = "/api/monitor/usage/quota/limit"

# unit code → (i18n key for number == 1 or the default window, i18n key with {n})
_UNIT_HOURS, _UNIT_WEEKS = 3, 6
KNOWN_TYPES = ("TOKENS_LIMIT", "TIME_LIMIT", "CREDIT_LIMIT")


def window_label(
    kind: str, unit: float | None, number: float | None
) -> tuple[str, str, dict[str, int]]:
    """(id, i18n key, params) for one limit row. An hours window without `number` is the
    5-hour one (the default length of an hours window is 5, not 1)."""
    n = int(number) if number is not None and number > 0 else 1
    if unit is not None and int(unit) == _UNIT_HOURS and (number is None or number <= 0):
        n = 5
    if kind == "TIME_LIMIT":
        return "tools", "window.tools", {}
    prefix = "credits-" if kind == "CREDIT_LIMIT" else ""
    if unit is None:  # old responses: the 5-hour window
        return f"{prefix}5h", "window.5h", {}
    u = int(unit)
    if u == _UNIT_HOURS:
        return (
            (f"{prefix}5h", "window.5h", {})
            if n == 5
            else (f"{prefix}{n}h", "window.hours", {"n": n})
        )
    if u == _UNIT_WEEKS:
        return (
            (f"{prefix}weekly", "window.weekly", {})
            if n == 1
            else (f"{prefix}{n}w", "window.weeks", {"n": n})
        )
    if u in (1, 4):
        return (
            (f"{prefix}daily", "window.daily", {})
            if n == 1
            else (f"{prefix}{n}d", "window.days", {"n": n})
        )
    if u in (5, 7):
        return (
            (f"{prefix}monthly", "window.monthly", {})
            if n == 1
            else (f"{prefix}{n}mo", "window.months", {"n": n})
        )
    return f"{prefix}unit{u}-{n}", "window.other", {}


def _label(key: str, params: Mapping[str, int]) -> str:
    from tray_app.i18n import t

    return t(key, "en", **params)


def parse_limit(raw: Any) -> Window | None:
    row = obj(raw)
    if not row:
        return None
    kind = text(row.get("type")).upper() or "UNKNOWN"
    unit, number = num(row.get("unit")), num(row.get("number"))
    known_type = kind in KNOWN_TYPES
    wid, key, params = window_label(kind, unit, number)
    if not known_type and unit is None:
        # a type we do not know, with no unit: a window of unknown length (no pace, and not
        # the old 5-hour window that known types without a unit are)
        wid, key, params = kind.lower(), "", {}
    elif not known_type:
        wid = f"{kind.lower()}-{wid}"
    capacity = num(row.get("usage"))  # NB: "usage" is the capacity, not the amount used
    used = num(row.get("currentValue"))
    remaining = num(row.get("remaining"))
    if used is None and capacity is not None and remaining is not None:
        used = max(0.0, capacity - remaining)
    percent = num(row.get("percentage"))
    if used is not None and capacity is not None and capacity > 0 and used >= 0:
        # `percentage` is an integer rounded down (1438 of 12000 credits arrives as 11):
        # the exact figures win whenever both are there (provider-facts §3)
        percent = used / capacity * 100.0
    has_totals = used is not None and capacity is not None
    unit_name = {"TOKENS_LIMIT": "tokens", "TIME_LIMIT": "calls", "CREDIT_LIMIT": "credits"}.get(
        kind
    )
    if known_type:
        label = _label(key, params)
    else:
        label = f"{kind} ({_label(key, params)})" if key else kind
    reset = from_epoch_ms(row.get("nextResetTime"))
    return Window(
        id=wid,
        label=label,
        label_key=key if known_type else "",
        label_params=tuple((k, str(v)) for k, v in params.items()),
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        used=used if has_totals else None,
        limit=capacity if has_totals else None,
        unit=unit_name if has_totals else None,
        resets_at=reset,
        window_seconds=(unit_seconds(unit, number, reset)
                        if known_type or unit is not None else None),
    )


def parse_response(data: Any, provider: str) -> tuple[str | None, tuple[Window, ...]]:
    envelope = obj(data)
    if not envelope:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=provider, detail="not a JSON object")
    code = num(envelope.get("code"))
    success = envelope.get("success")
    # code 200, or code 0 with success true (an answer without the `data` wrapper), is success
    ok_code = code is None or int(code) == 200 or (int(code) == 0 and success is True)
    if success is False or not ok_code:
        raise QuotaError(
            ErrorKind.API_ERROR,
            provider=provider,
            status=int(code) if code is not None else None,
            detail=text(envelope.get("msg")) or text(envelope.get("message")) or "success: false",
        )
    body = obj(envelope.get("data"))
    if not body and "limits" in envelope:
        body = envelope  # tolerate an unwrapped payload
    if "limits" not in body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=provider, detail="no data.limits")
    windows: list[Window] = []
    seen: set[str] = set()
    for raw in items(body.get("limits")):
        window = parse_limit(raw)
        if window is None:
            continue
        wid, n = window.id, 2
        while wid in seen:  # two rows of the same shape keep both
            wid, n = f"{window.id}-{n}", n + 1
        seen.add(wid)
        windows.append(window if wid == window.id else _with_id(window, wid))
    plan = text(body.get("level")) or text(body.get("planName")) or None
    return plan, tuple(windows)


def _with_id(window: Window, wid: str) -> Window:
    from dataclasses import replace

    return replace(window, id=wid)


def discover(
    entry_key: str, provider: str, creds: CredentialSet, now: datetime
) -> list[AccountRef]:
    entry = creds.auth.entry(entry_key)
    if entry is None:
        return []
    key = entry.get("key")
    if not isinstance(key, str) or not key.strip():
        return []  # wrong type / no key: not a usable account (seed problem 2)
    secret = Secret(key.strip())
    return [AccountRef(label=secret.masked, payload=secret)]


def fetch(url_key: str, provider: str, ctx: Context, ref: AccountRef) -> Account:
    secret: Secret = ref.payload
    data = ctx.http.get_json(
        ctx.base_url(url_key) + PATH,
        provider=provider,
        headers={"Authorization": secret.reveal(), "Accept": "application/json"},
    )
    plan, windows = parse_response(data, provider)
    return Account(label=ref.label, plan=plan, windows=windows)


def _spec(pid: str, name: str, entry_key: str, dashboard: str) -> ProviderSpec:
    return ProviderSpec(
        id=pid,
        name=name,
        dashboard_url=dashboard,
        url_keys=(pid,),
        discover=partial(discover, entry_key, name),
        fetch=partial(fetch, pid, name),
    )


ZHIPU = _spec(
    "zhipu",
    PROVIDER_NAMES["zhipu"],
    "zhipuai-coding-plan",
    "https://open.bigmodel.cn/usercenter/glm-coding/usage",
)
ZAI = _spec("zai", PROVIDER_NAMES["zai"], "zai-coding-plan", "https://z.ai/manage-apikey/subscription")
