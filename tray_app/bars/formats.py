"""Bar formats (waybar, polybar, i3blocks) of one `Current` view: the icon's number, which window,
the severity class and, when the numbers are old, their age. A bar always gets something to show:
no number gives a short error text with the `error` class, never empty output (which would hide
a waybar module).

Outside text (provider, model, bucket, limit and plan names, error texts, account labels) goes
through the consumer's escaping (bars/escape/*): no polybar tag, no extra i3blocks line, no
broken Pango markup, whatever a provider answer holds. The age shown is the numbers' age."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from tray_app.bars.escape import i3blocks as i3b_escape
from tray_app.bars.escape import pango
from tray_app.bars.escape import polybar as polybar_escape
from tray_app.config import Settings
from tray_app.i18n import format_duration, t, window_label
from tray_app.monitoring.headline import Headline, headline
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.state import Located, account_stale
from tray_app.monitoring.view import ProviderStatus
from tray_app.monitoring.wording import reset_text, short_error
from tray_app.report.format import percent_number
from tray_app.report.text import UNICODE, Stale, TextStyle, render_text

# One colour per class for the bars that take a colour (polybar, i3blocks): the icon's palette.
COLOURS: Mapping[str, str] = {
    "ok": "#2E7D32",
    "warning": "#F5A623",
    "high": "#D32F2F",
    "stale": "#969696",
    "error": "#D32F2F",
}
SHORT_ID = 10  # window ids up to this length ("5h", "weekly", "credits-5h") are the short name
TOOLTIP_ACCOUNTS = 3  # account lines per provider in waybar's tooltip (then "+N more")
TOOLTIP_WINDOWS = 3  # windows per account line (the most used ones)


def bar_class(head: Headline) -> str:
    """One class for the bars that take one: error when there is no number, stale when the
    number is old (its severity then shows in waybar's class list), else the severity."""
    if head.number is None:
        return "error"
    return "stale" if head.stale else head.severity


def window_short(loc: Located, lang: str) -> str:
    wid = loc.window.id
    return wid if 0 < len(wid) <= SHORT_ID else window_label(loc.window, lang)


def age_suffix(cur: Current, lang: str, head: Headline | None = None) -> str:
    """ " (12m old)" when the shown number is kept or old: its own age (the last successful
    fetch of its provider), not the view's."""
    if head is not None and head.located is not None:
        if not head.stale:
            return ""
        age = cur.age_of(head.located.status.usage.id)
    elif cur.stale:
        age = cur.age
    else:
        return ""
    return " " + t("bar.age", lang, age=format_duration(age, lang))


def first_error_text(cur: Current, lang: str) -> str:
    view = cur.view
    for info in view.problems:
        return short_error(info, lang)
    for status in view.providers:
        for err in (status.error, *(a.error for a in status.usage.accounts)):
            if err is not None:
                return f"{status.usage.name}: {short_error(err, lang)}"
    return t("bar.no_accounts", lang)


def number_text(head: Headline, settings: Settings, lang: str) -> str:
    """ "73%", or "27% left" when the user chose to see what is left."""
    return t("bar.used" if settings.show == "used" else "bar.left", lang, pct=head.number)


def short_text(cur: Current, settings: Settings, lang: str) -> tuple[str, Headline]:
    """ "73% 5h" (+ " !" when something needs the user, + the age when stale), or the error."""
    head = headline(cur.view, settings)
    if head.number is None or head.located is None:
        return "! " + first_error_text(cur, lang), head
    text = f"{number_text(head, settings, lang)} {window_short(head.located, lang)}"
    if head.needs_user:
        text += " !"
    return text + age_suffix(cur, lang, head), head


def full_line(cur: Current, settings: Settings, lang: str, now: datetime) -> str:
    """ "OpenAI 5-hour limit 73% · resets in 2h 10m (16:40)" for bars with room for more."""
    text, head = short_text(cur, settings, lang)
    loc = head.located
    if loc is None:
        return text
    name = f"{loc.status.usage.name} {window_label(loc.window, lang)}"
    parts = [f"{name} {number_text(head, settings, lang)}"]
    reset = reset_text(loc.window.resets_at, now, lang)
    if reset:
        parts.append(reset)
    line = " · ".join(parts)
    return line + (" !" if head.needs_user else "") + age_suffix(cur, lang, head)


def report_text(cur: Current, settings: Settings, lang: str, now: datetime,
                style: TextStyle = UNICODE) -> str:
    """The full text report of the view, kept numbers marked with their age and error."""
    stale = {p.usage.id: Stale(p.last_success, p.stale_accounts, p.error)
             for p in cur.view.providers if p.stale or cur.view.from_disk}
    text = render_text(cur.view.snapshot(), lang=lang, now=now, threshold=settings.threshold,
                       style=style, stale=stale).rstrip("\n")
    lines = _outage_lines(cur, lang, now)
    return "\n".join([text, "", *lines]) if lines else text


def _outage_lines(cur: Current, lang: str, now: datetime) -> list[str]:
    """What the providers' status pages report (outages/), for the report and the tooltip."""
    from tray_app.outages.text import report_lines

    failed = [p.usage.id for p in cur.view.providers if p.stale or p.error or p.usage.failed]
    return report_lines(cur.view.outages, now, lang, failed)


def _percent_text(used: float, settings: Settings, lang: str) -> str:
    if settings.show == "used":
        return t("bar.used", lang, pct=percent_number(used))
    return t("bar.left", lang, pct=percent_number(max(0.0, 100.0 - used)))


def _account_line(status: ProviderStatus, index: int, settings: Settings, lang: str) -> str:
    account = status.usage.accounts[index]
    who = account.label or status.usage.name
    if account.plan:
        who += f" ({account.plan})"
    if account.error is not None and (not account.windows or not account_stale(status, account)):
        return f"{who}: ! {short_error(account.error, lang)}"
    shown = sorted((w for w in account.windows if w.used_percent is not None and not w.unlimited),
                   key=lambda w: -(w.used_percent or 0.0))[:TOOLTIP_WINDOWS]
    parts = [f"{window_label(w, lang)} {_percent_text(w.used_percent or 0.0, settings, lang)}"
             for w in shown]
    return f"{who}: " + (" · ".join(parts) if parts else "-")


def tooltip(cur: Current, settings: Settings, lang: str, now: datetime) -> str:
    """waybar's tooltip as Pango markup: per provider its name (bold), the age of kept numbers,
    and at most TOOLTIP_ACCOUNTS account lines with the most used windows. Short by design:
    `status` has the whole report."""
    lines: list[str] = []
    for status in cur.view.providers:
        head = pango.bold(status.usage.name)
        if status.stale or cur.view.from_disk:
            age = format_duration(cur.age_of(status.usage.id), lang)
            head += " " + pango.text(t("bar.age", lang, age=age))
        error = status.error or status.usage.error
        if error is not None and (status.stale or not status.usage.accounts):
            head += " " + pango.text("! " + short_error(error, lang))
        lines.append(head)
        count = len(status.usage.accounts)
        for index in range(min(count, TOOLTIP_ACCOUNTS)):
            lines.append(pango.text(_account_line(status, index, settings, lang)))
        if count > TOOLTIP_ACCOUNTS:
            lines.append(pango.text(t("bar.more_accounts", lang, n=count - TOOLTIP_ACCOUNTS)))
    for info in cur.view.problems:
        lines.append(pango.text("! " + short_error(info, lang)))
    lines.extend(pango.text(line) for line in _outage_lines(cur, lang, now))
    return "\n".join(lines) or pango.text(t("bar.no_accounts", lang))


def waybar(cur: Current, settings: Settings, lang: str, now: datetime) -> str:
    text, head = short_text(cur, settings, lang)
    classes = list(head.classes) if head.number is not None else ["error"]
    document = {
        "text": pango.text(text),
        "tooltip": tooltip(cur, settings, lang, now),
        "class": classes[0] if len(classes) == 1 else classes,
        "percentage": max(0, min(100, head.number or 0)),
        "alt": head.located.status.usage.id if head.located is not None else "error",
    }
    return json.dumps(document, ensure_ascii=False)


def polybar(cur: Current, settings: Settings, lang: str, now: datetime) -> str:
    text, head = short_text(cur, settings, lang)
    colour = COLOURS[bar_class(head)]
    # %{F#rrggbb}…%{F-} is polybar's foreground tag; a literal % needs no escaping there, and
    # the text between never holds "%{" (bars/escape/polybar.py).
    return f"%{{F{colour}}}{polybar_escape.text(text)}%{{F-}}"


def i3blocks(cur: Current, settings: Settings, lang: str, now: datetime) -> str:
    short, head = short_text(cur, settings, lang)
    return i3b_escape.lines(full_line(cur, settings, lang, now), short, COLOURS[bar_class(head)])
