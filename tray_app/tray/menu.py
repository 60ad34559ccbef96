"""TrayView → the tray menu as plain data (`MenuEntry` trees); pystray_adapter turns it into
pystray items. Also the small text formatters the tooltip and the notifications share.
No secret can reach the menu: it only shows labels (masked), numbers and i18n texts."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from datetime import datetime

from tray_app.config import REFRESH_CHOICES, Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import error_text, notice_text, t, window_label
from tray_app.model import Account, Window
from tray_app.monitoring.pace import SampleLookup, window_pace
from tray_app.monitoring.pace_text import pace_line
from tray_app.monitoring.state import account_stale, enabled, known_windows, next_wakeup
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.monitoring.wording import (
    age_text,
    amount_text,
    clock,
    reset_text,
    short_error,
    usage_text,
)
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.spend.menu import section as spend_section

THRESHOLD_CHOICES = (50, 60, 70, 80, 90, 95)
PIN_GROUP_AFTER = 8  # more windows than this: the "Icon shows" choices get a submenu per provider
LANGUAGE_CHOICES = (("", ""), ("en", "English"), ("zh-TW", "繁體中文"), ("zh-CN", "简体中文"))
NOTIFY_KINDS = (
    ("high", "notify_high_usage", "menu.notify_high"),
    ("exhausted", "notify_exhausted", "menu.notify_exhausted"),
    ("available", "notify_available", "menu.notify_available"),
    ("token_expiry", "notify_token_expiry", "menu.notify_token"),
    ("runout", "notify_runout", "menu.notify_runout"),
)


@dataclass(frozen=True)
class MenuEntry:
    text: str
    action: str | None = None  # action id (see tray contract); None = information only
    children: tuple[MenuEntry, ...] = ()
    checked: bool | None = None  # None = no check mark
    radio: bool = False
    enabled: bool = True
    default: bool = False
    separator: bool = False


SEPARATOR = MenuEntry("", enabled=False, separator=True)


def without_submenus(entries: tuple[MenuEntry, ...]) -> tuple[MenuEntry, ...]:
    """The top level of a menu only: what the tray shows while it starts (tray/app.py)."""
    return tuple(replace(entry, children=()) for entry in entries)


def _wrap(text: str, lang: str, indent: str = "", more: str | None = None) -> list[str]:
    # CJK has no spaces to break at and its glyphs are twice as wide: a narrower width.
    cjk = lang.startswith("zh")
    lines = textwrap.wrap(text, 38 if cjk else 72, initial_indent=indent,
                          subsequent_indent=indent if more is None else more,
                          break_long_words=cjk, break_on_hyphens=False)
    return lines or [text]


def _info(text: str) -> MenuEntry:
    return MenuEntry(text)


# ------------------------------------------------------------------------------ sections
def _error_entries(info: ErrorInfo, lang: str) -> list[MenuEntry]:
    message, fix = error_text(info, lang)
    out = [_info(line) for line in _wrap("⚠ " + message, lang, "", "    ")]
    out += [_info(line) for line in _wrap(fix, lang, "    ")]
    if info.get("url").startswith(("https://", "http://")):
        out.append(MenuEntry(t("menu.verify", lang), f"open:{info.get('url')}"))
    if info.kind is ErrorKind.COPILOT_PAT_REQUIRED:
        out.append(MenuEntry(t("menu.token_set", lang), "token:set"))
    return out


def _account_entries(
    status: ProviderStatus, account: Account, lang: str, now: datetime, *, header: bool,
    samples: SampleLookup | None = None,
) -> list[MenuEntry]:
    out: list[MenuEntry] = []
    if header:
        out.append(_info(account.label))
    if account.plan:
        out.append(_info(t("menu.plan", lang, plan=account.plan)))
    stale = account_stale(status, account)
    if stale:
        out.append(_info("⏱ " + age_text(status.last_success, now, lang)))
    for window in account.windows:
        out.append(_info(f"{window_label(window, lang)}: {usage_text(window, lang)}"))
        extra = [x for x in (amount_text(window), reset_text(window.resets_at, now, lang)) if x]
        if extra:
            out.append(_info("    " + " · ".join(extra)))
        history = samples(status.usage.id, account.label, window.id) if samples else ()
        pace = None if stale else window_pace(window, now, history)  # old numbers: no forecast
        if pace is not None and (window.used_percent or 0.0) < 100.0:
            out.append(_info("    " + pace_line(pace, window.resets_at, now, lang)))
    out += [_info(f"{name}: {value}") for name, value in account.details]
    if account.error is not None:
        out += _error_entries(account.error, lang)
    for notice in account.notices:
        out += [_info(line) for line in _wrap("ℹ " + notice_text(notice, lang), lang, "", "    ")]
    return out


def _worst(windows: tuple[Window, ...], lang: str) -> str:
    known = [w for w in windows if w.used_percent is not None and not w.unlimited]
    if not known:
        return ""
    return usage_text(max(known, key=lambda w: w.used_percent or 0.0), lang, "used")


def _provider_entry(status: ProviderStatus, lang: str, now: datetime,
                    samples: SampleLookup | None = None) -> MenuEntry:
    usage = status.usage
    accounts = usage.accounts
    title = [usage.name]
    worst = _worst(tuple(w for a in accounts for w in a.windows), lang)
    if worst:
        title.append(worst)
    if status.error is not None:
        title.append("⚠ " + short_error(status.error, lang))
    elif status.stale:
        title.append(age_text(status.last_success, now, lang))
    children: list[MenuEntry] = []
    if usage.error is not None:
        children += _error_entries(usage.error, lang)
    if len(accounts) == 1:
        children += _account_entries(status, accounts[0], lang, now, header=True,
                                     samples=samples)
    else:
        for acc in accounts:
            sub_title = " · ".join(x for x in (acc.label, _worst(acc.windows, lang)) if x)
            if acc.error is not None:
                sub_title += " ⚠"
            body = _account_entries(status, acc, lang, now, header=False, samples=samples)
            children.append(MenuEntry(sub_title, children=tuple(body) or (_info("–"),)))
    return MenuEntry(" · ".join(title), children=tuple(children) or (_info("–"),))


def _radio(text: str, action: str, checked: bool) -> MenuEntry:
    return MenuEntry(text, action, checked=checked, radio=True)


def _settings(
    view: TrayView, settings: Settings, lang: str, *, autostart_available: bool
) -> MenuEntry:
    s = settings
    intervals = tuple(_radio(t("menu.minutes", lang, n=m), f"interval:{m}", s.refresh_minutes == m)
                      for m in REFRESH_CHOICES)
    thresholds = tuple(_radio(f"{p} %", f"threshold:{p}", s.threshold == p)
                       for p in THRESHOLD_CHOICES)
    located = list(known_windows(view, settings))
    pinned_exists = any(loc.source == s.pinned for loc in located)
    pins = [_radio(t("menu.worst", lang), "pin:", not pinned_exists)]
    if located:
        pins.append(SEPARATOR)
    grouped = len(located) > PIN_GROUP_AFTER  # a long flat list is hard to scan: per provider
    groups: dict[str, list[MenuEntry]] = {}
    for loc in located:
        name = loc.status.usage.name
        text = f"{loc.account.label} · {window_label(loc.window, lang)}"
        entry = _radio(text if grouped else f"{name} · {text}", f"pin:{loc.source}",
                       loc.source == s.pinned)
        groups.setdefault(name, []).append(entry)
    if grouped:
        pins += [MenuEntry(name, children=tuple(items)) for name, items in groups.items()]
    else:
        pins += [entry for items in groups.values() for entry in items]
    show = (_radio(t("menu.show_used", lang), "show:used", s.show == "used"),
            _radio(t("menu.show_remaining", lang), "show:remaining", s.show == "remaining"))
    notify = tuple(MenuEntry(t(key, lang), f"notify:{kind}", checked=bool(getattr(s, field)))
                   for kind, field, key in NOTIFY_KINDS)
    langs = tuple(_radio(name or t("menu.lang_system", lang), f"lang:{code}", s.language == code)
                  for code, name in LANGUAGE_CHOICES)
    names = dict(PROVIDER_NAMES)
    names.update({p.usage.id: p.usage.name for p in view.providers})
    providers = tuple(MenuEntry(name, f"provider:{pid}", checked=pid not in s.disabled_providers)
                      for pid, name in names.items())
    items = [
        MenuEntry(t("menu.interval", lang), children=intervals),
        MenuEntry(t("menu.threshold", lang), children=thresholds),
        MenuEntry(t("menu.icon_shows", lang), children=tuple(pins)),
        MenuEntry(t("menu.show", lang), children=show),
        MenuEntry(t("menu.notifications", lang), children=notify),
        MenuEntry(t("menu.language", lang), children=langs),
    ]
    if autostart_available:
        items.append(MenuEntry(t("menu.autostart", lang), "autostart", checked=s.autostart))
    items.append(MenuEntry(t("menu.providers", lang), children=providers))
    return MenuEntry(t("menu.settings", lang), children=tuple(items))


def build_menu(
    view: TrayView,
    settings: Settings,
    lang: str,
    now: datetime,
    *,
    pat_present: bool,
    tk_available: bool = True,
    autostart_available: bool = False,
    samples: SampleLookup | None = None,
) -> tuple[MenuEntry, ...]:
    """The whole menu; `samples` (the usage history) refines each window's pace line."""
    out: list[MenuEntry] = []
    for problem in view.problems:
        out += _error_entries(problem, lang)
    for notice in view.notices:
        out += [_info(line) for line in _wrap("ℹ " + notice, lang)]
    shown = enabled(view, settings)
    from tray_app.tray.outage_menu import with_outages  # status pages (outages/)

    out += [with_outages(_provider_entry(status, lang, now, samples), status, view.outages,
                         lang, now) for status in shown]
    out += spend_section(lang)  # tray_app/spend/menu.py: "Spend: today $4.10 · …" (or nothing)
    if out:
        out.append(SEPARATOR)

    refresh_text = t("menu.refreshing" if view.refreshing else "menu.refresh", lang)
    out.append(MenuEntry(refresh_text, "refresh", default=True))
    if view.updated_at is None:
        out.append(MenuEntry(t("menu.never_updated", lang), enabled=False))
    elif view.from_disk:
        out.append(MenuEntry(t("menu.saved", lang, time=clock(view.updated_at, now, lang)),
                             enabled=False))
    else:
        nxt = view.next_refresh_at or next_wakeup(view, settings, now)
        out.append(MenuEntry(t("menu.updated", lang, time=clock(view.updated_at, now, lang),
                               next=clock(nxt, now, lang)), enabled=False))
    out.append(SEPARATOR)
    out.append(_settings(view, settings, lang, autostart_available=autostart_available))
    token_key = "menu.token_set" if tk_available else "menu.token_set_cli"
    out.append(MenuEntry(t(token_key, lang), "token:set"))
    if pat_present:
        out.append(MenuEntry(t("menu.token_remove", lang), "token:remove"))
    dashboards: dict[str, str] = {}
    for status in shown:
        url = status.usage.dashboard_url
        if url.startswith(("https://", "http://")) and url not in dashboards.values():
            dashboards[status.usage.name] = url
    if dashboards:
        links = tuple(MenuEntry(name, f"open:{url}") for name, url in dashboards.items())
        out.append(MenuEntry(t("menu.dashboard", lang), children=links))
    out.append(MenuEntry(t("menu.history", lang), "history"))
    out.append(MenuEntry(t("menu.copy", lang), "copy"))
    out.append(SEPARATOR)
    out.append(MenuEntry(t("menu.quit", lang), "quit"))
    return tuple(out)
