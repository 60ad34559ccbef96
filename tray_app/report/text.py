"""The text view of a `Snapshot` (what `mystatus-tray status` prints), like the plugin's report.

A section per provider, an account block per account (failed accounts last), per window a
20-cell bar of the REMAINING share, used/total when known and the reset countdown, and its pace
when the window's length is known ("Pace: 10 % ahead · runs out ~16:40, 50m before reset"); then the
source-level problems. Pure function of (snapshot, language, clock): no I/O, no secrets (labels
are already masked by the providers). Views that keep old numbers through failed refreshes (the
tray) pass which are stale (`Stale`), so old numbers are never presented as current ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from tray_app.errors import ErrorInfo
from tray_app.i18n import error_text, format_duration, notice_text, t, window_label
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring import wording
from tray_app.monitoring.pace import Sample, SampleLookup, window_pace
from tray_app.monitoring.pace_text import pace_line

# the report's glyph sets, re-exported (they live apart so that the console does not import this)
from tray_app.text_style import ASCII as ASCII
from tray_app.text_style import UNICODE as UNICODE
from tray_app.text_style import TextStyle as TextStyle

BAR_CELLS = 20
HIGH_USAGE_THRESHOLD = 80  # % used, as the original plugin's HIGH_USAGE_THRESHOLD




@dataclass(frozen=True)
class Stale:
    """One provider's numbers are kept from an earlier refresh (the latest one failed)."""

    since: datetime | None  # when they were fetched (None: not known)
    accounts: tuple[str, ...] = ()  # labels of the stale accounts; () = all of them
    error: ErrorInfo | None = None  # the failed refresh's error, once surfaced

    def covers(self, label: str) -> bool:
        return not self.accounts or label in self.accounts


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def iso_utc(when: datetime) -> str:
    """ISO 8601 in UTC with a Z, whole seconds (the JSON format too)."""
    return _utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")


def stale_text(since: datetime | None, now: datetime, lang: str) -> str:
    """ "stale: numbers from 08:00 UTC, 2h 0m old" (UTC as the report's title; the date too
    when it is not today's)."""
    if since is None:
        return t("report.stale_unknown", lang)
    start, end = _utc(since), _utc(now)
    when = start.strftime("%H:%M" if start.date() == end.date() else "%Y-%m-%d %H:%M")
    age = format_duration(max(0.0, (end - start).total_seconds()), lang)
    return t("report.stale", lang, time=f"{when} UTC", age=age)


def display_width(text: str) -> int:
    """Terminal columns: CJK wide/fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def percent(value: float, lang: str = "en") -> str:
    """As the menu shows it: 99.6 % used is "99%", never a misleading "100%"."""
    return wording.pct(value, lang)


def is_high(window: Window, threshold: float = HIGH_USAGE_THRESHOLD) -> bool:
    return window.used_percent is not None and window.used_percent >= threshold


def bar(remaining: float, style: TextStyle = UNICODE, cells: int = BAR_CELLS) -> str:
    filled = round(max(0.0, min(100.0, remaining)) / 100.0 * cells)
    return style.full * filled + style.empty * (cells - filled)


def amount(value: float, unit: str | None, lang: str = "en") -> str:
    """One quantity (monitoring.wording.amount: the same in the menu and notifications)."""
    return wording.amount(value, unit, lang)


def used_total(window: Window, lang: str) -> str:
    """`14.8M / 40.0M tokens`, `786.5 credits used, no limit known`, or "" (no numbers)."""
    if window.used is None:
        return ""
    if window.limit is None:
        used = wording.with_unit(amount(window.used, window.unit, lang), window.unit, lang)
        return t("report.used_amount", lang, amount=used)
    return wording.amount_text(window, lang)


def reset_text(window: Window, now: datetime, lang: str) -> str:
    if window.resets_at is None:
        return ""
    seconds = (window.resets_at - now).total_seconds()
    if seconds <= 0:
        return t("report.reset_due", lang)
    return t("report.resets_in", lang, duration=format_duration(seconds, lang))


def render_window(
    window: Window, *, now: datetime, lang: str, threshold: float, style: TextStyle,
    samples: Sequence[Sample] = (), pace: bool = True,
) -> list[str]:
    label = window_label(window, lang)
    parts: list[str] = []
    if window.unlimited:
        head = f"  {label}"
        parts.append(t("report.unlimited", lang))
    elif window.used_percent is None or not window.known:
        head = f"  {label}"
        if window.used is None:  # with an amount used, that amount says enough
            parts.append(t("report.unknown", lang))
    else:
        used = window.used_percent
        head = f"  {label}"
        if is_high(window, threshold):
            key = "report.over_quota" if used > 100 else "report.used"
            head = f"  {style.warn} {label}{style.sep}{t(key, lang, pct=percent(used, lang))}"
        remaining = window.remaining_percent or 0.0
        left = t("report.left", lang, pct=percent(remaining, lang))
        parts.append(f"{bar(remaining, style)} {left}")
    for extra in (used_total(window, lang), reset_text(window, now, lang)):
        if extra:
            parts.append(extra)
    lines = [head, "  " + style.sep.join(parts)]
    found = window_pace(window, now, samples) if pace else None
    if found is not None and window.used_percent is not None and window.used_percent < 100:
        lines.append("  " + pace_line(found, window.resets_at, now, lang, style.sep))
    return lines


def render_error(info: ErrorInfo, lang: str, style: TextStyle, indent: str = "  ") -> list[str]:
    message, fix = error_text(info, lang)
    lines = [f"{indent}{style.fail} {message}"]
    if fix:
        lines.append(f"{indent}  {style.fix} {t('report.fix', lang, fix=fix)}")
    return lines


def _account_head(account: Account, lang: str, style: TextStyle) -> str:
    head = t("report.account", lang, label=account.label)
    if account.plan:
        head += style.sep + t("report.plan", lang, plan=account.plan)
    return head


def render_account(
    account: Account, *, now: datetime, lang: str, threshold: float, style: TextStyle,
    stale: str = "", samples: Callable[[str], Sequence[Sample]] | None = None,
    forecast: bool = True,
) -> list[str]:
    lines = [_account_head(account, lang, style)]
    if stale:
        lines.append(f"  {style.warn} {stale}")
    if account.error is not None:
        lines.extend(render_error(account.error, lang, style))
    # kept (stale) numbers are still shown under the error of the refresh that failed
    if account.error is None or account.windows:
        if not account.windows:
            lines.append("  " + t("report.no_windows", lang))
        for window in account.windows:
            lines.append("")
            lines.extend(
                render_window(window, now=now, lang=lang, threshold=threshold, style=style,
                              samples=samples(window.id) if samples is not None else (),
                              pace=forecast and not stale)  # kept numbers: no forecast
            )
        if account.details:
            lines.append("")
        for label, value in account.details:
            lines.append(f"  {t(label, lang)}: {value}")
    for notice in account.notices:
        lines.append(f"  {style.info} {notice_text(notice, lang)}")
    return lines


def _heading(title: str, style: TextStyle) -> list[str]:
    return [title, style.rule * max(8, display_width(title))]


def _of(samples: SampleLookup | None, provider_id: str, label: str
        ) -> Callable[[str], Sequence[Sample]] | None:
    if samples is None:
        return None
    return lambda window_id: samples(provider_id, label, window_id)


def render_provider(
    provider: ProviderUsage, *, now: datetime, lang: str, threshold: float, style: TextStyle,
    stale: Stale | None = None, samples: SampleLookup | None = None,
) -> list[str]:
    lines = _heading(provider.name, style)
    note = stale_text(stale.since, now, lang) if stale is not None else ""
    if stale is not None and not stale.accounts:
        lines.append(f"{style.warn} {note}")
    if provider.error is not None:
        lines.extend(render_error(provider.error, lang, style, indent=""))
    shown = {provider.error, *(a.error for a in provider.accounts)}
    if stale is not None and stale.error is not None and stale.error not in shown:
        lines.extend(render_error(stale.error, lang, style, indent=""))
    # failed accounts after the working ones, whatever order the snapshot has
    for account in sorted(provider.accounts, key=lambda a: a.error is not None):
        mark = note if stale is not None and stale.accounts and stale.covers(account.label) else ""
        lines.append("")
        lines.extend(
            render_account(account, now=now, lang=lang, threshold=threshold, style=style,
                           stale=mark, samples=_of(samples, provider.id, account.label),
                           forecast=stale is None or not stale.covers(account.label))
        )
    return lines


def render_text(
    snapshot: Snapshot,
    *,
    lang: str = "en",
    now: datetime | None = None,
    threshold: float = HIGH_USAGE_THRESHOLD,
    style: TextStyle = UNICODE,
    demo: bool = False,
    stale: Mapping[str, Stale] | None = None,
    samples: SampleLookup | None = None,
) -> str:
    """The whole report; countdowns are relative to `now` (default: the snapshot's time).
    `stale`: provider id → its kept numbers' age and error (the tray's view; the CLI has none).
    `samples`: the usage history of each window's cycle, for the pace's history basis."""
    now = now or snapshot.generated_at
    when = iso_utc(snapshot.generated_at).replace("T", " ").replace("Z", " UTC")
    lines = [t("report.title", lang, time=when)]
    if demo:
        lines.append(f"{style.info} {t('report.demo', lang)}")
    for provider in snapshot.providers:
        lines.append("")
        lines.extend(
            render_provider(provider, now=now, lang=lang, threshold=threshold, style=style,
                            stale=(stale or {}).get(provider.id), samples=samples)
        )
    if snapshot.problems:
        lines.append("")
        lines.extend(_heading(t("report.problems", lang), style))
        for problem in snapshot.problems:
            lines.extend(render_error(problem, lang, style, indent=""))
    return "\n".join(lines) + "\n"
