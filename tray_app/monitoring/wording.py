"""The short phrases every view and the notifications share: reset countdowns, clock times,
"46 % used · 54 % left", amounts, a one-line error. Toolkit-free; views and alerts import it."""

from __future__ import annotations

from datetime import datetime, timedelta

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import format_duration, t
from tray_app.model import Window
from tray_app.report.format import percent_number

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_INVALID_FIXES = ("fix.token_expired_google", "fix.token_expired_copilot_pat")


def clock(when: datetime, now: datetime, lang: str) -> str:
    """Local wall-clock time; with the date when it is more than a day away."""
    local = when.astimezone()
    hhmm = local.strftime("%H:%M")
    if abs(when - now) <= timedelta(hours=24):
        return hhmm
    # English names the month; the Chinese formats number it (5月7日).
    month = str(local.month) if lang.startswith("zh") else _MONTHS[local.month - 1]
    return t("menu.date", lang, month=month, day=local.day, time=hhmm)


def reset_text(resets_at: datetime | None, now: datetime, lang: str) -> str:
    if resets_at is None:
        return ""
    if resets_at <= now:
        return t("menu.reset_due", lang)
    duration = format_duration((resets_at - now).total_seconds(), lang)
    return t("menu.resets_in", lang, duration=duration, time=clock(resets_at, now, lang))


def age_text(since: datetime | None, now: datetime, lang: str) -> str:
    seconds = (now - since).total_seconds() if since is not None else 0.0
    return t("menu.stale", lang, age=format_duration(max(0.0, seconds), lang))


def usage_text(window: Window, lang: str, show: str = "both") -> str:
    """ "46 % used · 54 % left" (show="both"), or one side, or unknown / unlimited."""
    if window.unlimited:
        return t("menu.unlimited", lang)
    if window.used_percent is None:
        return t("menu.unknown", lang)
    used = t("menu.used", lang, pct=percent_number(window.used_percent))
    left = t("menu.left", lang, pct=percent_number(window.remaining_percent or 0.0))
    return {"used": used, "remaining": left}.get(show, f"{used} · {left}")


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def amount_text(window: Window) -> str:
    """ "4.6M / 10.0M tokens", "120 / 300 requests"; "" unless both figures are known."""
    if window.used is None or window.limit is None:
        return ""
    if window.unit == "tokens":
        return f"{window.used / 1e6:.1f}M / {window.limit / 1e6:.1f}M tokens"
    unit = f" {window.unit}" if window.unit else ""
    return f"{_number(window.used)} / {_number(window.limit)}{unit}"


def is_token_invalid(info: ErrorInfo) -> bool:
    """A refresh token / PAT the service rejected: only a new login or token helps."""
    if info.kind not in (ErrorKind.TOKEN_EXPIRED, ErrorKind.HTTP_ERROR):
        return False
    return info.get("fix") in _INVALID_FIXES or "invalid_grant" in info.detail


def short_error(info: ErrorInfo, lang: str) -> str:
    if is_token_invalid(info):
        return t("short.token_invalid", lang)
    if info.retry_after is None:
        retry = t("retry.later", lang)
    else:
        retry = t("retry.after", lang, duration=format_duration(info.retry_after, lang))
    return t(f"short.{info.kind.value}", lang, status=info.status or "", retry=retry)
