"""The short phrases every view and the notifications share: reset countdowns, clock times,
"46 % used · 54 % left", amounts, a one-line error. Toolkit-free; views and alerts import it."""

from __future__ import annotations

from datetime import datetime, timedelta

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import format_duration, numbers, t
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


def pct(value: float, lang: str) -> str:
    """A percentage as every view writes it (CLDR: "46%"), rounded by `percent_number`."""
    return numbers.percent(percent_number(value), lang)


def usage_text(window: Window, lang: str, show: str = "both") -> str:
    """ "46% used · 54% left" (show="both"), or one side, or unknown / unlimited."""
    if window.unlimited:
        return t("menu.unlimited", lang)
    if window.used_percent is None:
        return t("menu.unknown", lang)
    used = t("menu.used", lang, pct=pct(window.used_percent, lang))
    left = t("menu.left", lang, pct=pct(window.remaining_percent or 0.0, lang))
    return {"used": used, "remaining": left}.get(show, f"{used} · {left}")


def is_money(unit: str | None) -> bool:
    """A currency code (ISO 4217: "USD"), as a money window's unit is."""
    return bool(unit) and len(unit or "") == 3 and (unit or "").isalpha() and (unit or "").isupper()


def amount(value: float, unit: str | None, lang: str) -> str:
    """One quantity, the same in every view: tokens in millions or thousands (4.6M, 500.0K),
    money as the locale writes it ($34.62, US$34.62), the rest grouped with up to two
    decimals (786.5, 1,500)."""
    if unit == "tokens":
        if abs(value) >= 100_000 or value == 0:
            return numbers.number(value / 1_000_000, lang, digits=1) + "M"
        return numbers.number(value / 1_000, lang, digits=1) + "K"
    if is_money(unit):
        return numbers.money(value, unit or "USD", lang)
    return numbers.compact(value, lang, digits=2)


def unit_name(unit: str | None, lang: str) -> str:
    """The unit's word after an amount ("credits", 點數), "" for money (its symbol says it)."""
    if not unit or is_money(unit):
        return ""
    key = f"report.unit.{unit}"
    label = t(key, lang)
    return unit if label == key else label


def with_unit(text: str, unit: str | None, lang: str) -> str:
    name = unit_name(unit, lang)
    return f"{text} {name}" if name else text


def amount_text(window: Window, lang: str = "en") -> str:
    """ "4.6M / 10.0M tokens", "786.5 / 1,500 credits", "$34.62 / $50.00"; "" unless both
    figures are known. The menu, the text report and the notifications all use it."""
    if window.used is None or window.limit is None:
        return ""
    text = f"{amount(window.used, window.unit, lang)} / {amount(window.limit, window.unit, lang)}"
    return with_unit(text, window.unit, lang)


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
