"""TrayView → the tray menu as plain data (`MenuEntry` trees); pystray_adapter turns it into
pystray items. No secret can reach the menu: it only shows labels (masked), numbers and i18n
texts.

The glance (README "Using it"): what runs out soon is said first ("OpenAI 5-hour limit runs
out in 9m (21:52), 3h 0m before it resets"); each provider's line carries its headline %
(the headline rule: subscription windows before money budgets), a ▲ when it is at or over the
threshold or runs out before its reset, and the nearest event ("· runs out 21:52", else
"· resets 00:55" of the headline window). One account: two levels; several: the account rows
carry the same summary.

The menu is built from `SECTIONS`: groups of section functions, each `MenuContext → entries`;
non-empty groups are separated by a line. To add a line (a spend total, incidents), write a
section function and put it into the group where it belongs; nothing else changes.

Widths: a submenu must not cover its parent on a 1024 px screen, so lines are kept to
`LINE_COLUMNS` display columns (a CJK character counts two), wrapped or shortened with "…", and
summaries say a far-off time by its day. tests/unit/test_menu_glance.py bounds every (menu,
submenu) pair with a width model measured on the real GTK menu, which
tests/desktop/test_tray_app.py opens on a 1024×768 screen."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from tray_app.config import REFRESH_CHOICES, Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import error_text, notice_text, t, window_label
from tray_app.model import Account, Window
from tray_app.monitoring.alerts import runs_out_early
from tray_app.monitoring.headline import CALM_BELOW, is_budget
from tray_app.monitoring.pace import Pace, SampleLookup, window_pace
from tray_app.monitoring.pace_text import forecast_parts, verdict_text
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
    # how bad the line's numbers are, for views that colour or sort (the report window):
    # "high" (at/over the threshold or running out), "warning", "ok", "error", or ""
    severity: str = ""


SEPARATOR = MenuEntry("", enabled=False, separator=True)
LINE_COLUMNS = 36  # display columns of one menu line (CJK: 2 each); see the module docstring
LABEL_COLUMNS = 22  # an account label in a summary row (long e-mails are shortened)
URGENT_MAX = 3  # run-out lines at the top of the menu
URGENT_WITHIN = timedelta(hours=3)  # "soon": a run-out further away is only the line's ▲
# the urgent line's mark: ⚡ (U+26A1) is in DejaVu Sans, GTK's and Tk's default font on Linux;
# ⏳ (U+23F3) is in no font a Debian desktop installs (it drew as a hex box)
URGENT_MARK = "⚡"
MARK = "▲"  # at/over the threshold, or runs out before its reset


def columns(text: str) -> int:
    """Display columns: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` display columns, with "…" when cut."""
    if columns(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        width = columns(ch)
        if used + width > limit - 1:
            break
        out, used = out + ch, used + width
    return out + "…"


def shorten_label(label: str, limit: int) -> str:
    """An account label cut to `limit` columns; an e-mail keeps its domain (two accounts of
    one person usually differ there): "firstname.lastn…@example.com"."""
    local, at, domain = label.rpartition("@")
    if not at or columns(label) <= limit or columns(domain) + 3 > limit:
        return shorten(label, limit)
    return shorten(local, limit - columns(domain) - 1) + "@" + domain


def shorten_window(label: str, limit: int) -> str:
    """A window's name cut to `limit` columns, keeping what tells it from its siblings: the
    part after the last " (" or " · " ("Weekly limit (Sonnet)" → "Weekly… (Sonnet)"; three
    weekly caps of one account no longer all read "Weekly limit (…")."""
    for sep in (" (", "（", " · "):
        head, found, tail = label.rpartition(sep)
        if found and head:
            tail = found.lstrip() + tail
            room = limit - columns(tail) - (1 if found.startswith(" ") else 0)
            if columns(label) > limit and room >= 4:
                return shorten(head, room) + (" " if found.startswith(" ") else "") + tail
            break
    return shorten(label, limit)


@dataclass(frozen=True)
class MenuContext:
    """What every section function gets."""

    view: TrayView
    settings: Settings
    lang: str
    now: datetime
    pat_present: bool = False
    tk_available: bool = True
    autostart_available: bool = False
    samples: SampleLookup | None = None


Section = Callable[[MenuContext], list[MenuEntry]]


def without_submenus(entries: tuple[MenuEntry, ...]) -> tuple[MenuEntry, ...]:
    """The top level of a menu only: what the tray shows while it starts (tray/app.py)."""
    return tuple(replace(entry, children=()) for entry in entries)


def _wrap(text: str, lang: str, indent: str = "", more: str | None = None) -> list[str]:
    """`text` in lines of at most `LINE_COLUMNS` display columns, broken at spaces and, in
    Chinese (no spaces), between CJK characters; a longer word (a URL) stays whole."""
    more = indent if more is None else more
    cjk = lang.startswith("zh")
    tokens = re.findall(r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff"
                        r"\uf900-\ufaff\uff00-\uffef]+", text) if cjk else re.findall(
                            r"\s+|\S+", text)
    lines: list[str] = []
    line = indent
    for token in tokens:
        if line.strip() and columns(line + token.rstrip()) > LINE_COLUMNS and token.strip():
            lines.append(line.rstrip())
            line = more
        if token.strip() or line.strip():
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [text]


def _lines(text: str, lang: str, indent: str = "") -> list[MenuEntry]:
    """One information line, wrapped to the menu's width (continuations indented)."""
    return [_info(line) for line in _wrap(text, lang, indent, indent + "  ")]


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
        out.append(_info(shorten_label(account.label, LINE_COLUMNS)))
    if account.plan:
        out.append(_info(t("menu.plan", lang, plan=account.plan)))
    stale = account_stale(status, account)
    if stale:
        out.append(_info("⏱ " + age_text(status.last_success, now, lang)))
    # Lines of numbers are never wrapped by their length (a countdown's length changes with
    # every refresh, and the live menu is only relabelled while its shape stays the same):
    # each fact has its line, a long window name is shortened instead.
    for window in account.windows:
        usage = usage_text(window, lang)
        label = shorten_window(window_label(window, lang),
                               max(8, LINE_COLUMNS - columns(usage) - 2))
        out.append(_info(f"{label}: {usage}"))
        for extra in (amount_text(window, lang), reset_text(window.resets_at, now, lang)):
            if extra:
                out.append(_info("    " + extra))
        history = samples(status.usage.id, account.label, window.id) if samples else ()
        pace = None if stale else window_pace(window, now, history)  # old numbers: no forecast
        if pace is not None and (window.used_percent or 0.0) < 100.0:
            out.append(_info("    " + t("pace.line", lang, verdict=verdict_text(pace, lang))))
            out += [_info("      " + part)
                    for part in forecast_parts(pace, window.resets_at, now, lang)]
    for name, value in account.details:
        out += _lines(f"{name}: {value}", lang)
    if account.error is not None:
        out += _error_entries(account.error, lang)
    for notice in account.notices:
        out += [_info(line) for line in _wrap("ℹ " + notice_text(notice, lang), lang, "", "    ")]
    return out


@dataclass(frozen=True)
class _Seen:
    """One known window with its pace (None: no forecast, e.g. kept numbers)."""

    window: Window
    pace: Pace | None
    account: Account


def _seen(status: ProviderStatus, accounts: tuple[Account, ...], now: datetime,
          samples: SampleLookup | None) -> list[_Seen]:
    out = []
    for account in accounts:
        stale = account_stale(status, account)
        for w in account.windows:
            if w.used_percent is None or w.unlimited:
                continue
            history = samples(status.usage.id, account.label, w.id) if samples else ()
            out.append(_Seen(w, None if stale else window_pace(w, now, history), account))
    return out


def _running_out(seen: list[_Seen], now: datetime) -> list[_Seen]:
    """The windows that run out before their reset (the notification's rule), soonest first."""
    early = [x for x in seen if runs_out_early(x.window, x.pace, now)]
    return sorted(early, key=lambda x: x.pace.runs_out_at if x.pace and x.pace.runs_out_at
                  else now)


SEVERITY_RANK = {"high": 0, "error": 1, "warning": 2, "ok": 3, "": 4}  # worst first


def severity(seen: list[_Seen], settings: Settings, now: datetime) -> str:
    """The severity of a summary line: by its headline window (the headline rule), "high"
    also when one of its subscription windows runs out before its reset."""
    if not seen:
        return ""
    quotas = [x for x in seen if not is_budget(x.window)] or seen
    used = max(x.window.used_percent or 0.0 for x in quotas)
    if used >= settings.threshold or _running_out(quotas, now):
        return "high"
    return "warning" if used >= CALM_BELOW else "ok"


def _when(at: datetime, now: datetime, lang: str) -> str:
    """A summary's time: the clock within a day ("21:52"), else the day ("Dec 8", 12月8日)."""
    if abs(at - now) <= timedelta(hours=24):
        return clock(at, now, lang)
    return clock(at, now, lang).rsplit(" ", 1)[0].rstrip(",")


def glance(seen: list[_Seen], settings: Settings, lang: str, now: datetime) -> str:
    """ "46 % used ▲ · runs out 21:52", "12 % used · resets 00:55", or "" (no number).
    The headline window's % (subscription windows first); the earliest run-out of those, else
    (or when the headline window is used up) the headline window's reset."""
    if not seen:
        return ""
    quotas = [x for x in seen if not is_budget(x.window)] or seen  # the headline rule
    head = max(quotas, key=lambda x: x.window.used_percent or 0.0)
    used = head.window.used_percent or 0.0
    pct = usage_text(head.window, lang, "remaining" if settings.show == "remaining" else "used")
    early = _running_out(quotas, now)
    parts = [f"{pct} {MARK}" if used >= settings.threshold or early else pct]
    # used up: when it comes back matters more than another window's run-out
    if used < 100.0 and early and early[0].pace is not None and early[0].pace.runs_out_at:
        parts.append(t("menu.glance_runs_out", lang,
                       time=_when(early[0].pace.runs_out_at, now, lang)))
    elif head.window.resets_at is not None and head.window.resets_at > now:
        parts.append(t("menu.glance_resets", lang, time=_when(head.window.resets_at, now, lang)))
    return " · ".join(parts)


def _provider_entry(status: ProviderStatus, ctx: MenuContext) -> MenuEntry:
    lang, now, samples = ctx.lang, ctx.now, ctx.samples
    usage = status.usage
    accounts = usage.accounts
    title = [usage.name]
    seen = _seen(status, accounts, now, samples)
    summary = glance(seen, ctx.settings, lang, now)
    level = severity(seen, ctx.settings, now)
    if summary:
        title.append(summary)
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
            own = _seen(status, (acc,), now, samples)
            row = glance(own, ctx.settings, lang, now)
            sub_title = " · ".join(x for x in (shorten_label(acc.label, LABEL_COLUMNS), row)
                                  if x)
            if acc.error is not None:
                sub_title += " ⚠"
            body = _account_entries(status, acc, lang, now, header=False, samples=samples)
            children.append(MenuEntry(sub_title, children=tuple(body) or (_info("–"),),
                                      severity=severity(own, ctx.settings, now)
                                      or ("error" if acc.error else "")))
    if not level and (status.error is not None or usage.failed):
        level = "error"
    return MenuEntry(" · ".join(title), children=tuple(children) or (_info("–"),),
                     severity=level)


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
        account = shorten_label(loc.account.label, LABEL_COLUMNS)
        text = f"{account} · {window_label(loc.window, lang)}"
        entry = _radio(shorten(text if grouped else f"{name} · {text}", LINE_COLUMNS),
                       f"pin:{loc.source}", loc.source == s.pinned)
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


# ------------------------------------------------------------------------------ the builder
def problems_section(ctx: MenuContext) -> list[MenuEntry]:
    out: list[MenuEntry] = []
    for problem in ctx.view.problems:
        out += _error_entries(problem, ctx.lang)
    for notice in ctx.view.notices:
        out += [_info(line) for line in _wrap("ℹ " + notice, ctx.lang)]
    return out


def urgent_section(ctx: MenuContext) -> list[MenuEntry]:
    """What runs out soon (within `URGENT_WITHIN`), said first: the window, then the time
    left and the margin before its reset on lines of their own (at most `URGENT_MAX`)."""
    seen: list[_Seen] = []
    names: dict[int, str] = {}
    for status in enabled(ctx.view, ctx.settings):
        found = _seen(status, status.usage.accounts, ctx.now, ctx.samples)
        names.update({id(x): status.usage.name for x in found})
        seen += found
    out: list[MenuEntry] = []
    soon = [x for x in _running_out(seen, ctx.now) if x.pace and x.pace.runs_out_at
            and x.pace.runs_out_at - ctx.now <= URGENT_WITHIN]
    for x in soon[:URGENT_MAX]:
        if x.pace is None:
            continue
        # wrapped, not cut: "Google Antigravity Gemini · 5-ho…" lost which window it is
        what = _wrap(f"{URGENT_MARK} {names[id(x)]} {window_label(x.window, ctx.lang)}",
                     ctx.lang, more="   ")  # under the name, left of the forecast
        # then "runs out in 9m (21:52)", "3h 0m before it resets"
        out += [MenuEntry(line, severity="high") for line in what]
        out += [MenuEntry("    " + part, severity="high")
                for part in forecast_parts(x.pace, x.window.resets_at, ctx.now, ctx.lang)]
    return out


def providers_section(ctx: MenuContext) -> list[MenuEntry]:
    from tray_app.tray.outage_menu import with_outages  # status pages (outages/)

    return [with_outages(_provider_entry(status, ctx), status, ctx.view.outages, ctx.lang,
                         ctx.now) for status in enabled(ctx.view, ctx.settings)]


def spend_line_section(ctx: MenuContext) -> list[MenuEntry]:
    """tray_app/spend/menu.py: "Spend: today $4.10 · …" (or nothing)."""
    return list(spend_section(ctx.lang))


def refresh_section(ctx: MenuContext) -> list[MenuEntry]:
    view, lang, now = ctx.view, ctx.lang, ctx.now
    refresh_text = t("menu.refreshing" if view.refreshing else "menu.refresh", lang)
    out = [MenuEntry(refresh_text, "refresh", default=True)]
    if view.updated_at is None:
        out.append(MenuEntry(t("menu.never_updated", lang), enabled=False))
    elif view.from_disk:
        out.append(MenuEntry(t("menu.saved", lang, time=clock(view.updated_at, now, lang)),
                             enabled=False))
    else:
        nxt = view.next_refresh_at or next_wakeup(view, ctx.settings, now)
        out.append(MenuEntry(t("menu.updated", lang, time=clock(view.updated_at, now, lang),
                               next=clock(nxt, now, lang)), enabled=False))
    return out


def actions_section(ctx: MenuContext) -> list[MenuEntry]:
    lang = ctx.lang
    out = [_settings(ctx.view, ctx.settings, lang, autostart_available=ctx.autostart_available)]
    token_key = "menu.token_set" if ctx.tk_available else "menu.token_set_cli"
    out.append(MenuEntry(t(token_key, lang), "token:set"))
    if ctx.pat_present:
        out.append(MenuEntry(t("menu.token_remove", lang), "token:remove"))
    dashboards: dict[str, str] = {}
    for status in enabled(ctx.view, ctx.settings):
        url = status.usage.dashboard_url
        if url.startswith(("https://", "http://")) and url not in dashboards.values():
            dashboards[status.usage.name] = url
    if dashboards:
        links = tuple(MenuEntry(name, f"open:{url}") for name, url in dashboards.items())
        out.append(MenuEntry(t("menu.dashboard", lang), children=links))
    out.append(MenuEntry(t("menu.history", lang), "history"))
    out.append(MenuEntry(t("menu.copy", lang), "copy"))
    return out


def quit_section(ctx: MenuContext) -> list[MenuEntry]:
    return [MenuEntry(t("menu.quit", ctx.lang), "quit")]


# The menu, top to bottom: groups of sections, a separator between non-empty groups. The
# extension point: add a section function to the group it belongs to (e.g. a spend line or
# provider incidents after `providers_section`).
SECTIONS: tuple[tuple[Section, ...], ...] = (
    (problems_section, urgent_section, providers_section, spend_line_section),
    (refresh_section,),
    (actions_section,),
    (quit_section,),
)


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
    sections: tuple[tuple[Section, ...], ...] = SECTIONS,
) -> tuple[MenuEntry, ...]:
    """The whole menu; `samples` (the usage history) refines each window's pace line."""
    ctx = MenuContext(view, settings, lang, now, pat_present=pat_present,
                      tk_available=tk_available, autostart_available=autostart_available,
                      samples=samples)
    out: list[MenuEntry] = []
    for group in sections:
        entries = [entry for section in group for entry in section(ctx)]
        if entries and out:
            out.append(SEPARATOR)
        out += entries
    return tuple(out)
