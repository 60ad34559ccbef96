"""MiniMax coding / token plan: `GET {base}/v1/token_plan/remains` (the official token-plan
path) or the older `/v1/api/openplatform/coding_plan/remains`, with an `sk-cp-` key as Bearer
(provider-facts §10). The first path that does not answer 404 is remembered per base URL.

Traps: `current_interval_usage_count` held what is LEFT in older answers and what is USED in
newer ones: `read_counts` decides by the remaining percent (provider-facts §12); weekly
fields (`current_weekly_*`) exist only on plans bought from 2026-03-23; since mid-2026 the counts
are often 0 and `current_*_remaining_percent` / `current_*_status` (1 active, 2 exhausted,
3 not subscribed) carry the data. `base_resp.status_code != 0` on HTTP 200 is an error. A
pay-as-you-go key (not `sk-cp-`) has no plan: the error says so, with the fix.

Keys: OpenCode's `minimax-coding-plan` and `minimax-cn-coding-plan` entries (the latter means
the China region, api.minimaxi.com), then `$MINIMAX_API_KEY`; the `minimax_region` setting
picks the region for the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tray_app.credentials import CredentialSet
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, Window
from tray_app.net.endpoints import DEFAULT_URLS
from tray_app.net.http import raise_for_status
from tray_app.providers.api_keys import find_keys
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.providers.parse import clamp, from_epoch_ms, items, num, obj, text
from tray_app.secrets import Secret

NAME = PROVIDER_NAMES["minimax"]
URL_KEY = "minimax"
CN_URL = "https://api.minimaxi.com"
PATHS = {  # remembered name → path, the official token-plan path first
    "token_plan": "/v1/token_plan/remains",
    "coding_plan": "/v1/api/openplatform/coding_plan/remains",
}
ENTRY = "minimax-coding-plan"
CN_ENTRY = "minimax-cn-coding-plan"
ENV_VAR = "MINIMAX_API_KEY"
PLAN_KEY_PREFIX = "sk-cp-"
FIVE_HOURS = 5 * 3600
WEEK = 7 * 86400
ACTIVE, EXHAUSTED, NOT_SUBSCRIBED = 1, 2, 3


@dataclass(frozen=True)
class MiniMaxKey:
    secret: Secret
    region: str  # "global" | "cn"

    @property
    def plan_key(self) -> bool:
        return self.secret.reveal().startswith(PLAN_KEY_PREFIX)


# ---------------------------------------------------------------------------- parsing
def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "model"


def _label(key: str, model: str) -> str:
    from tray_app.i18n import t

    return t(key, "en", model=model)


# two readings of a count agree with the percent when within this many points (the percent
# is an integer, the counts are exact)
AGREE = 1.0


def read_counts(total: float, count: float, remaining_pct: float | None) -> tuple[float, str]:
    """(used, reading) for one window's counts: `current_*_usage_count` meant what is LEFT in
    older answers and what is USED in newer ones (provider-facts §12). With a remaining
    percent: read as left; if that disagrees with the percent, read as used; if neither
    agrees, the percent wins ("percent"). Without a percent, the count is what is left."""
    as_left = max(0.0, total - count)
    if remaining_pct is None:
        return as_left, "left"
    if abs((total - as_left) / total * 100.0 - remaining_pct) <= AGREE:
        return as_left, "left"
    as_used = clamp(count, 0.0, total)
    if abs((total - as_used) / total * 100.0 - remaining_pct) <= AGREE:
        return as_used, "used"
    return total * (100.0 - clamp(remaining_pct)) / 100.0, "percent"


def _boost(row: Any, weekly: bool) -> float:
    """`weekly_boost_permille` / `interval_boost_permille` (1500 = 150 %): the allowance is
    the plan's count times this; 1 when missing or unreadable."""
    value = num(obj(row).get("weekly_boost_permille" if weekly else "interval_boost_permille"))
    return value / 1000.0 if value is not None and 0 < value <= 100_000 else 1.0


def parse_window(row: Any, kind: str, model: str, now: datetime) -> Window | None:
    """The 5-hour (`kind` = "interval") or weekly window of one model row; None when the
    row does not have it (older plans have no weekly fields) or it is not subscribed.
    Status 3 on the weekly window while the 5-hour one is active is an unlimited week."""
    r = obj(row)
    weekly = kind == "weekly"
    pre = "current_weekly_" if weekly else "current_interval_"
    total = num(r.get(pre + "total_count"))
    count = num(r.get(pre + "usage_count"))
    if count is None:  # a variant names what is left outright
        left_named = num(r.get(pre + "remaining_count"))
        count = left_named
    remaining_pct = num(r.get(pre + "remaining_percent"))
    status = num(r.get(pre + "status"))
    unlimited = False
    if status == NOT_SUBSCRIBED:
        if not (weekly and num(r.get("current_interval_status")) == ACTIVE):
            return None
        unlimited = True  # the plan has no weekly cap, not "not subscribed"
    if weekly and not unlimited and not (
            total or remaining_pct is not None or status in (ACTIVE, EXHAUSTED)):
        return None  # a plan without a weekly cap
    used = percent = limit = None
    has_totals = (not unlimited and total is not None and total > 0 and count is not None)
    if has_totals:
        assert total is not None and count is not None
        limit = total * _boost(r, weekly)
        used, reading = read_counts(limit, count, remaining_pct)
        percent = used / limit * 100.0
        if reading == "percent":  # counts that fit neither reading: no figures shown
            has_totals = False
    elif unlimited:
        percent = None
    elif remaining_pct is not None:
        percent = 100.0 - clamp(remaining_pct)
    elif status == EXHAUSTED:
        percent = 100.0
    start_key, end_key, remains_key = (
        ("weekly_start_time", "weekly_end_time", "weekly_remains_time") if weekly
        else ("start_time", "end_time", "remains_time"))
    start, end = from_epoch_ms(r.get(start_key)), from_epoch_ms(r.get(end_key))
    resets_at = end
    remains_ms = num(r.get(remains_key))
    if resets_at is None and remains_ms is not None and 0 <= remains_ms <= 400 * 86400 * 1000:
        resets_at = now + timedelta(milliseconds=remains_ms)
    seconds = WEEK if weekly else FIVE_HOURS
    if start is not None and end is not None and end > start:
        seconds = int((end - start).total_seconds())
    key = "window.model_weekly" if weekly else "window.model_5h"
    return Window(
        id=f"{_slug(model)}-{'weekly' if weekly else '5h'}",
        label=_label(key, model),
        label_key=key,
        label_params=(("model", model),),
        used_percent=clamp(percent, 0.0, 1000.0) if percent is not None else None,
        used=used if has_totals else None,
        limit=limit if has_totals else None,
        unit="requests" if has_totals else None,
        resets_at=None if unlimited else resets_at,
        window_seconds=seconds,
        unlimited=unlimited,
    )


def parse_response(data: Any, key: MiniMaxKey, now: datetime) -> tuple[str | None,
                                                                        tuple[Window, ...]]:
    body = obj(data)
    if not body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="not a JSON object")
    if "model_remains" not in body and "model_remains" in obj(body.get("data")):
        body = {**obj(body.get("data")), "base_resp": body.get("base_resp")}
    base = obj(body.get("base_resp"))
    code = num(base.get("status_code"))
    if code is not None and code != 0:
        raise _rejected(key, int(code), text(base.get("status_msg")) or "error")
    if "model_remains" not in body:
        raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME, detail="no model_remains")
    windows: list[Window] = []
    seen: set[str] = set()
    rows = [obj(raw) for raw in items(body.get("model_remains"))]
    for n, row in enumerate(rows, start=1):
        if not row:
            continue
        model = text(row.get("model_name")) or f"model {n}"
        for kind in ("interval", "weekly"):
            window = parse_window(row, kind, model, now)
            if window is None:
                continue
            wid, i = window.id, 2
            while wid in seen:
                wid, i = f"{window.id}-{i}", i + 1
            seen.add(wid)
            windows.append(window if wid == window.id else _with_id(window, wid))
    if not windows:
        if rows and not any(_subscription_said(row) for row in rows):
            # rows without a single readable field: not "no plan", an answer we cannot read
            raise QuotaError(ErrorKind.INVALID_RESPONSE, provider=NAME,
                             detail="no readable model_remains row")
        raise _no_plan(key)
    plan = next((text(body.get(k)) for k in ("current_subscribe_title", "plan_name", "plan")
                 if text(body.get(k))), None)
    return plan, tuple(windows)


def _subscription_said(row: Any) -> bool:
    """The row states a subscription status (e.g. 3, not subscribed) or names a model."""
    r = obj(row)
    return bool(text(r.get("model_name"))) or any(
        num(r.get(f"current_{k}_status")) is not None for k in ("interval", "weekly"))


def _with_id(window: Window, wid: str) -> Window:
    from dataclasses import replace

    return replace(window, id=wid)


def _payg(status: int | None, detail: str) -> QuotaError:
    return QuotaError(ErrorKind.API_ERROR, provider=NAME, status=status, detail=detail,
                      extra={"message": "error.minimax_payg", "fix": "fix.minimax_payg"})


def _rejected(key: MiniMaxKey, status: int | None, detail: str) -> QuotaError:
    if not key.plan_key:
        return _payg(status, detail)
    return QuotaError(ErrorKind.API_ERROR, provider=NAME, status=status, detail=detail,
                      extra={"fix": "fix.minimax_key"})


def _no_plan(key: MiniMaxKey) -> QuotaError:
    if not key.plan_key:
        return _payg(None, "no plan")
    return QuotaError(ErrorKind.API_ERROR, provider=NAME, detail="no plan",
                      extra={"message": "error.minimax_no_plan", "fix": "fix.minimax_no_plan"})


# ---------------------------------------------------------------------------- discover / fetch
def _region(settings_region: str) -> str:
    return "cn" if settings_region.strip().lower() == "cn" else "global"


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    configured = _region(creds.settings.minimax_region)
    refs: list[AccountRef] = []
    for found in find_keys(creds, (ENTRY, CN_ENTRY), ENV_VAR):
        region = "cn" if found.source == CN_ENTRY else configured
        label = found.secret.masked + (" (CN)" if region == "cn" else "")
        refs.append(AccountRef(label=label, payload=MiniMaxKey(found.secret, region)))
    return refs


def base_for(ctx: Context, region: str) -> str:
    base = ctx.base_url(URL_KEY)
    # an explicit MYSTATUS_MINIMAX_URL / [urls] minimax wins for both regions (proxy, simulator)
    if region == "cn" and base == DEFAULT_URLS[URL_KEY]:
        return CN_URL
    return base


def fetch(ctx: Context, ref: AccountRef) -> Account:
    key: MiniMaxKey = ref.payload
    base = base_for(ctx, key.region)
    memo_key = f"path:{base}"
    with ctx.lock:
        remembered = ctx.memory.get(memo_key)
    order = list(PATHS)
    if remembered in PATHS:
        order.remove(remembered)
        order.insert(0, remembered)
    headers = {"Authorization": f"Bearer {key.secret.reveal()}", "Accept": "application/json"}
    for i, name in enumerate(order):
        resp = ctx.http.request("GET", base + PATHS[name], provider=NAME, headers=headers,
                                check=False)
        if resp.status == 404 and i + 1 < len(order):
            continue  # the other path (older accounts, or a region without the new one)
        if resp.status in (401, 403):
            if not key.plan_key:
                raise _payg(resp.status, f"HTTP {resp.status}")
            try:
                raise_for_status(resp, NAME)
            except QuotaError as exc:
                raise QuotaError(ErrorKind.HTTP_ERROR, provider=NAME, status=resp.status,
                                 detail=exc.info.detail,
                                 extra={"fix": "fix.minimax_key"}) from exc
        raise_for_status(resp, NAME)
        with ctx.lock:
            ctx.memory[memo_key] = name
        plan, windows = parse_response(resp.json(NAME), key, ctx.now())
        return Account(label=ref.label, plan=plan, windows=windows)
    raise AssertionError("unreachable")  # pragma: no cover - the last path returns or raises


SPEC = ProviderSpec(
    id="minimax",
    name=NAME,
    dashboard_url="https://platform.minimax.io/user-center/payment/coding-plan",
    url_keys=(URL_KEY,),
    discover=discover,
    fetch=fetch,
)
