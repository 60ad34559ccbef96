"""GitHub Copilot payloads → `Account` (pure functions; `copilot.py` does the requests).

`copilot_internal/user`: `quota_snapshots{premium_interactions, chat, completions, ...}`
(unlimited, or an entitlement of -1 → no bar; entitlement 0 + remaining 0 = a token-billed
seat's placeholder → no percentage, `credits_used` in details; negative remaining = above
100 %) or, for Copilot Free, `monthly_quotas` (totals) + `limited_user_quotas` (left).
Billing usage: `usageItems[]` summed (gross = used, discount = included, net = billed); no
entitlement, so a percentage only with an allowance: the plan's known monthly allowance (AI
Credits since 2026-06-01, premium requests on the legacy endpoint) or a number the user set.
Detail labels are short English names, as `model.Account` documents.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import t
from tray_app.model import Account, Window
from tray_app.providers.lengths import month_seconds
from tray_app.providers.parse import clamp, from_iso, items, num, obj, text

# snapshot key → (window id, i18n label key, unit)
SNAPSHOTS: dict[str, tuple[str, str, str]] = {
    "premium_interactions": ("premium", "window.premium", "requests"),
    "chat": ("chat", "window.chat", "requests"),
    "completions": ("completions", "window.completions", "completions"),
}
TOP_MODELS = 3

# AI Credits per month since 2026-06-01 (1 credit = $0.01; Business and Enterprise per user,
# pooled at the billing entity). Legacy premium requests per month are `config.COPILOT_TIERS`.
AI_CREDIT_ALLOWANCES: dict[str, float] = {
    "pro": 1500.0,
    "pro+": 7000.0,
    "max": 20000.0,
    "business": 1900.0,
    "enterprise": 3900.0,
}
_PLAN_ALIASES = {"pro plus": "pro+", "pro-plus": "pro+", "pro_plus": "pro+", "proplus": "pro+",
                 "copilot pro": "pro", "copilot pro+": "pro+", "copilot max": "max"}


def plan_name(value: str) -> str:
    """A plan as the user may type it ("Pro", "pro plus", "Copilot Pro+") → "pro", "pro+"..."""
    plan = " ".join(value.strip().lower().split())
    return _PLAN_ALIASES.get(plan, plan)


def credit_allowance(plan: str) -> float | None:
    """Monthly AI Credits for a plan name or a number the user set; None when unknown."""
    value = num(plan)
    if value is not None:
        return value if value > 0 else None
    return AI_CREDIT_ALLOWANCES.get(plan_name(plan))


def fmt(value: float) -> str:
    """12, 12.5, 1234.57: compact and language-neutral."""
    if not math.isfinite(value):  # sums of huge quantities can overflow to inf
        return str(value)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _window(wid: str, key: str, fallback: str, **kwargs: Any) -> Window:
    return Window(id=wid, label=t(key, "en") if key else fallback, label_key=key,
                  window_seconds=month_seconds(kwargs.get("resets_at")), **kwargs)


def next_month(now: datetime) -> datetime:
    """The billing counters reset on the 1st of the month, 00:00 UTC."""
    now = now.astimezone(timezone.utc)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return datetime(year, month, 1, tzinfo=timezone.utc)


def parse_expiration(value: str | None) -> datetime | None:
    """`github-authentication-token-expiration`: "2026-12-01 10:00:00 UTC", "... +0000", ISO."""
    raw = (value or "").strip()
    if not raw:
        return None
    if raw.upper().endswith(" UTC"):
        raw = raw[:-4] + "+00:00"
    elif len(raw) > 5 and raw[-5] in "+-" and raw[-4:].isdigit() and raw[-6] == " ":
        raw = f"{raw[:-6]}{raw[-5:-2]}:{raw[-2:]}"  # " +0000" → "+00:00" (3.10 fromisoformat)
    return from_iso(raw.replace(" ", "T", 1))


# ---------------------------------------------------------------------------- billing API
def parse_billing(
    data: Any, *, credits: bool, allowance: float | None, now: datetime, provider: str
) -> Account:
    body = obj(data)
    if not isinstance(body.get("usageItems"), list):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=provider, detail="no usageItems")
    gross = discount = net = amount = 0.0
    per_model: dict[str, float] = defaultdict(float)
    for raw in items(body.get("usageItems")):
        row = obj(raw)
        used = num(row.get("grossQuantity")) or 0.0
        gross += used
        discount += num(row.get("discountQuantity")) or 0.0
        net += num(row.get("netQuantity")) or 0.0
        amount += num(row.get("netAmount")) or 0.0
        model = text(row.get("model"))
        if model and used > 0:
            per_model[model] += used
    wid, key, unit = ("ai-credits", "window.ai_credits", "credits") if credits else (
        "premium", "window.premium", "requests")
    window = _window(
        wid, key, "",
        used_percent=clamp(gross / allowance * 100.0, 0.0, 1000.0) if allowance else None,
        used=gross,
        limit=allowance,
        unit=unit,
        resets_at=next_month(now),
    )
    details = [("Included", fmt(discount))]
    if net > 0:
        details.append(("Billed", f"{fmt(net)} (${amount:.2f})" if amount else fmt(net)))
    top = sorted(per_model.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_MODELS]
    if top:
        details.append(("Top models", " · ".join(f"{m} {fmt(v)}" for m, v in top)))
    return Account(label="", windows=(window,), details=tuple(details))


# ---------------------------------------------------------------------------- copilot_internal/user
# Under AI Credits (`token_based_billing`), premium_interactions IS the monthly credit pool
AI_CREDITS = ("ai-credits", "window.ai_credits", "credits")


def _snapshot(
    name: str, raw: Any, resets: datetime | None, *, credits: bool = False
) -> tuple[Window | None, list[tuple[str, str]]]:
    snap = obj(raw)
    wid, key, unit = SNAPSHOTS.get(name, (name, "", "requests"))
    if credits and name == "premium_interactions":
        wid, key, unit = AI_CREDITS
    details: list[tuple[str, str]] = []
    if not snap:
        return None, details
    entitlement = num(snap.get("entitlement"))
    remaining = num(snap.get("remaining"))
    if remaining is None:
        remaining = num(snap.get("quota_remaining"))
    # -1 on chat / completions under AI Credits means unlimited (provider-facts §4); a -1
    # remaining next to a real entitlement is one request over quota, not unlimited
    credits_used = num(snap.get("credits_used"))
    if snap.get("unlimited") is True or (entitlement is not None and entitlement < 0) or (
        not entitlement and remaining == -1
    ):
        if credits_used is not None and credits_used >= 0:
            # an unlimited bucket that still counts money: a detail, never a percentage
            details.append(("Credits used", f"${fmt(credits_used)}"))
        return _window(wid, key, name, used_percent=None, unlimited=True, resets_at=resets), details
    if credits_used is not None:
        details.append(("Credits used", fmt(credits_used)))
    overage = num(snap.get("overage_count"))
    if overage:
        details.append(("Overage", fmt(overage)))
    if entitlement == 0 and not remaining:
        return None, details  # token-billed seat's placeholder: no quota, only credits
    percent_left = num(snap.get("percent_remaining"))
    if percent_left is not None and not 0.0 <= percent_left <= 100.0:
        percent_left = None  # out of range (e.g. 140): the counts decide, or it is unknown
    used = limit = percent = None
    if entitlement and entitlement > 0 and remaining is not None:
        used, limit = entitlement - remaining, entitlement
        # negative remaining is over quota: percent_remaining is clamped at 0 there, so compute
        percent = used / entitlement * 100.0 if remaining < 0 or percent_left is None else None
    if percent is None and percent_left is not None:
        percent = 100.0 - percent_left
    return _window(
        wid, key, name,
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        used=used,
        limit=limit,
        unit=unit if used is not None else None,
        resets_at=resets,
    ), details


def _free_windows(body: Mapping[str, Any], resets: datetime | None, have: set[str]) -> list[Window]:
    """Copilot Free: totals in `monthly_quotas`, what is left in `limited_user_quotas`."""
    totals, left = obj(body.get("monthly_quotas")), obj(body.get("limited_user_quotas"))
    resets = from_iso(body.get("limited_user_reset_date")) or resets
    out: list[Window] = []
    for name, total_raw in totals.items():
        wid, key, unit = SNAPSHOTS.get(str(name), (str(name), "", "requests"))
        total, remaining = num(total_raw), num(left.get(name))
        if wid in have or not total or total <= 0:
            continue
        used = total - remaining if remaining is not None else None
        out.append(_window(
            wid, key, str(name),
            used_percent=clamp(used / total * 100.0, 0.0, 1000.0) if used is not None else None,
            used=used,
            limit=total if used is not None else None,
            unit=unit if used is not None else None,
            resets_at=resets,
        ))
    return out


def parse_user(data: Any, *, provider: str) -> Account:
    body = obj(data)
    snapshots = obj(body.get("quota_snapshots"))
    if not (snapshots or body.get("monthly_quotas") or text(body.get("copilot_plan"))):
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=provider, detail="no quota data")
    resets = from_iso(body.get("quota_reset_date_utc")) or from_iso(body.get("quota_reset_date"))
    windows: list[Window] = []
    details: list[tuple[str, str]] = []
    # the known quotas first, in display order; unknown ones are kept as generic windows
    ordered = [k for k in SNAPSHOTS if k in snapshots]
    ordered += [k for k in snapshots if k not in SNAPSHOTS]
    credits = body.get("token_based_billing") is True
    for name in ordered:
        window, extra = _snapshot(str(name), snapshots[name], resets, credits=credits)
        details.extend(d for d in extra if d not in details)
        if window is not None:
            windows.append(window)
    windows.extend(_free_windows(body, resets, {w.id for w in windows}))
    plan = text(body.get("copilot_plan")) or text(body.get("access_type_sku")) or None
    return Account(label="", plan=plan, windows=tuple(windows), details=tuple(details))
