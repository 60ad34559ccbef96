"""Tolerant readers for API payloads: numbers as int/float/numeric string, timestamps in
seconds, milliseconds or ISO 8601 (date-only too). They return None instead of raising."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any


def num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:  # json.loads makes ints of any size: float() of 10**400 overflows
        if isinstance(value, (int, float)):
            result = float(value)
        elif isinstance(value, str):
            result = float(value.strip().rstrip("%"))
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return result if math.isfinite(result) else None


def obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, value))


_MIN_TS = datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp()
_MAX_TS = datetime(2200, 1, 1, tzinfo=timezone.utc).timestamp()


def from_epoch_seconds(value: Any) -> datetime | None:
    seconds = num(value)
    if seconds is None or not (_MIN_TS <= seconds <= _MAX_TS):
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def from_epoch_ms(value: Any) -> datetime | None:
    ms = num(value)
    if ms is None or ms <= 0:
        return None
    return from_epoch_seconds(ms / 1000.0)


def from_epoch_auto(value: Any) -> datetime | None:
    """Seconds, milliseconds, microseconds or nanoseconds, decided by magnitude (a date
    between 2000 and 2200 is 1e9..7e9 s, 1e12..7e12 ms, 1e15.. µs, 1e18.. ns)."""
    n = num(value)
    if n is None:
        return None
    if n > 1e17:
        return from_epoch_seconds(n / 1e9)
    if n > 1e14:
        return from_epoch_seconds(n / 1e6)
    return from_epoch_ms(n) if n > 1e11 else from_epoch_seconds(n)


def from_any_time(value: Any) -> datetime | None:
    """An ISO 8601 string (naive = UTC) or an epoch number of any unit, also as a numeric
    string ("1796245200", "1796245200000")."""
    if isinstance(value, str) and num(value) is None:
        return from_iso(value)
    return from_epoch_auto(value)


def from_iso(value: Any) -> datetime | None:
    """ISO 8601 date-time (Z or offset; naive = UTC) or date-only `yyyy-MM-dd` (00:00 UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        if len(s) == 10:
            d = date.fromisoformat(s)
            s = f"{d.isoformat()}T00:00:00+00:00"
        if s.endswith(("Z", "z")):
            s = s[:-1] + "+00:00"
        # Python < 3.11 cannot parse more than 6 fractional digits
        if "." in s:
            head, _, tail = s.partition(".")
            digits = "".join(ch for ch in tail if ch.isdigit())
            rest = tail[len(digits):]
            s = f"{head}.{digits[:6].ljust(6, '0')}{rest}"
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    # the same range as the epoch readers: "9999-12-31" would overflow later date arithmetic
    if not (_MIN_TS <= dt.timestamp() <= _MAX_TS):
        return None
    return dt.astimezone(timezone.utc)


def after_seconds(now: datetime, value: Any) -> datetime | None:
    seconds = num(value)
    if seconds is None or seconds < 0 or seconds > 400 * 86400:
        return None
    return now + timedelta(seconds=seconds)
