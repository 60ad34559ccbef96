"""The JSON view of a `Snapshot` (`mystatus-tray status --json`), schema 1.

The schema is documented in docs/json-schema.md; `tests/unit/test_report_json.py` checks this
module against that document, so change both together. Additive changes keep `schema: 1`;
removing or retyping a field needs `schema: 2`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from tray_app.errors import ErrorInfo
from tray_app.i18n import error_text, notice_text, t, window_label
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.pace import Pace, Sample, SampleLookup, window_pace
from tray_app.report.text import HIGH_USAGE_THRESHOLD, is_high, iso_utc

SCHEMA_VERSION = 1


def _number(value: float | None) -> int | float | None:
    """Whole numbers as JSON integers, the rest rounded to 2 decimals."""
    if value is None:
        return None
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return round(float(value), 2)


def _time(value: datetime | None) -> str | None:
    return iso_utc(value) if value is not None else None


def error_json(info: ErrorInfo | None, lang: str) -> dict[str, Any] | None:
    if info is None:
        return None
    message, fix = error_text(info, lang)
    return {
        "kind": info.kind.value,
        "message": message,
        "status": info.status,
        "fix": fix,
        "retry_after": _number(info.retry_after),
        "path": info.path or None,
    }


def pace_json(pace: Pace | None) -> dict[str, Any] | None:
    if pace is None:
        return None
    return {
        "expected_percent": _number(pace.expected_percent),
        "delta_percent": _number(pace.delta_percent),
        "runs_out_at": _time(pace.runs_out_at),
        "lasts_to_reset": pace.lasts_to_reset,
        "basis": pace.basis,
    }


def window_json(window: Window, lang: str, threshold: float, now: datetime | None = None,
                samples: Sequence[Sample] = ()) -> dict[str, Any]:
    """One window; its pace at `now` (None: no pace), refined by `samples` when enough."""
    pace = window_pace(window, now, samples) if now is not None else None
    return {
        "id": window.id,
        "label": window_label(window, lang),
        "used_percent": _number(window.used_percent),
        "remaining_percent": _number(window.remaining_percent),
        "used": _number(window.used),
        "limit": _number(window.limit),
        "unit": window.unit,
        "resets_at": _time(window.resets_at),
        "known": window.known,
        "unlimited": window.unlimited,
        "high": is_high(window, threshold),
        "window_seconds": window.window_seconds,
        "pace": pace_json(pace),
    }


def account_json(account: Account, lang: str, threshold: float, now: datetime | None = None,
                 samples: Callable[[str], Sequence[Sample]] | None = None) -> dict[str, Any]:
    def history(window: Window) -> Sequence[Sample]:
        return samples(window.id) if samples is not None else ()

    return {
        "label": account.label,
        "plan": account.plan,
        "windows": [window_json(w, lang, threshold, now, history(w)) for w in account.windows],
        "error": error_json(account.error, lang),
        "details": [{"label": t(k, lang), "value": v} for k, v in account.details],
        "notices": [{"key": n.key, "message": notice_text(n, lang)} for n in account.notices],
        "token_expires_at": _time(account.token_expires_at),
    }


def provider_json(provider: ProviderUsage, lang: str, threshold: float,
                  now: datetime | None = None, samples: SampleLookup | None = None,
                  stale_since: datetime | None = None, stale: bool = False) -> dict[str, Any]:
    accounts = sorted(provider.accounts, key=lambda a: a.error is not None)

    def of(account: Account) -> Callable[[str], Sequence[Sample]] | None:
        if samples is None:
            return None
        return lambda window_id: samples(provider.id, account.label, window_id)

    return {
        "id": provider.id,
        "name": provider.name,
        "dashboard_url": provider.dashboard_url or None,
        "fetched_at": _time(provider.fetched_at),
        "error": error_json(provider.error, lang),
        "accounts": [account_json(a, lang, threshold, now, of(a)) for a in accounts],
        "stale": stale,
        "stale_since": _time(stale_since) if stale else None,
    }


def to_json(
    snapshot: Snapshot,
    *,
    lang: str = "en",
    threshold: float = HIGH_USAGE_THRESHOLD,
    demo: bool = False,
    now: datetime | None = None,
    samples: SampleLookup | None = None,
    stale: Mapping[str, datetime | None] | None = None,
    saved: Mapping[str, Any] | None = None,
    incidents: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The schema-1 document as plain Python data; paces at `now` (default: the snapshot's
    time), from the usage history when `samples` gives enough of a window's cycle. `stale`:
    provider id → when its kept numbers were last fetched successfully; `saved`: how old
    printed saved numbers are; `incidents`: the providers' active outages (outages/text.py)."""
    now = now or snapshot.generated_at
    stale = stale or {}
    return {
        "schema": SCHEMA_VERSION,
        "generated_at": iso_utc(snapshot.generated_at),
        "lang": lang,
        "demo": demo,
        "providers": [provider_json(p, lang, threshold, now, samples, stale.get(p.id),
                                    p.id in stale)
                      for p in snapshot.providers],
        "problems": [error_json(p, lang) for p in snapshot.problems],
        "saved": dict(saved) if saved is not None else None,
        "incidents": [dict(i) for i in incidents],
    }


def render_json(
    snapshot: Snapshot,
    *,
    lang: str = "en",
    threshold: float = HIGH_USAGE_THRESHOLD,
    demo: bool = False,
    now: datetime | None = None,
    samples: SampleLookup | None = None,
    incidents: Sequence[Mapping[str, Any]] = (),
) -> str:
    document = to_json(snapshot, lang=lang, threshold=threshold, demo=demo, now=now,
                       samples=samples, incidents=incidents)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
