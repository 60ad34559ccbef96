"""`mystatus-tray guard --provider ID [--window ID] (--max-used N | --min-left N)
[--max-age S] [--json]`: a yes/no for scripts and coding agents before a long run.

Exit 0 when every selected window is within the limit, 1 when one is not, 69 (EX_UNAVAILABLE)
when the number is not available (the provider failed, has no account or no such window, or
the numbers are older than --max-age: kept from before a failed refresh, stamped in the
future, or saved ones a stuck refresh left us with). A fault of ours (an exception) is 69 too,
never 1: 1 always means over the limit. One
line says which window decided it and when it resets. Uses the saved numbers while they are
younger than --max-age (default 60 s), like the status bars."""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.i18n import format_duration, t
from tray_app.model import utcnow
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.state import account_stale
from tray_app.monitoring.wording import reset_text
from tray_app.report.format import percent_number
from tray_app.report.text import iso_utc
from tray_app.secrets import scrub

log = logging.getLogger(__name__)
EXIT_WITHIN, EXIT_OVER, EXIT_UNAVAILABLE = 0, 1, 69
DEFAULT_MAX_AGE = 60.0


def _percent(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"not a percentage from 0 to 100: {raw!r}")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.cli.status import _seconds

    p = sub.add_parser("guard", parents=[parent], help=t("cli.help.guard", lang),
                       description=t("cli.help.guard_long", lang))
    p.add_argument("--provider", required=True, metavar="ID", help=t("cli.help.guard_provider",
                                                                     lang))
    p.add_argument("--window", default=None, metavar="ID", help=t("cli.help.guard_window", lang))
    limit = p.add_mutually_exclusive_group(required=True)
    limit.add_argument("--max-used", type=_percent, metavar="N",
                       help=t("cli.help.guard_max_used", lang))
    limit.add_argument("--min-left", type=_percent, metavar="N",
                       help=t("cli.help.guard_min_left", lang))
    p.add_argument("--max-age", type=_seconds, default=DEFAULT_MAX_AGE, metavar="SECONDS",
                   help=t("cli.help.max_age", lang))
    p.add_argument("--json", action="store_true", help=t("cli.help.guard_json", lang))
    p.set_defaults(handler=run)


@dataclass(frozen=True)
class Checked:
    account: str
    window: str
    label: str
    used_percent: float
    resets_at: datetime | None
    within: bool
    stale: bool


@dataclass(frozen=True)
class Verdict:
    code: int
    checked: tuple[Checked, ...]
    reason: str  # the one line


def judge(cur: Current, provider: str, window: str | None, *, max_used: float | None,
          min_left: float | None, lang: str, now: datetime) -> Verdict:
    """The pure decision (table-tested): which windows count, and whether all are within."""
    from tray_app.i18n import window_label
    from tray_app.monitoring.headline import is_budget

    status = next((p for p in cur.view.providers if p.usage.id == provider), None)
    if status is None:
        return Verdict(EXIT_UNAVAILABLE, (), t("guard.no_provider", lang, provider=provider))
    checked: list[Checked] = []
    budgets = {w.id for a in status.usage.accounts for w in a.windows if is_budget(w)}
    for account in status.usage.accounts:
        for w in account.windows:
            if window is not None and w.id != window:
                continue
            if w.used_percent is None or w.unlimited:
                continue
            used = w.used_percent
            within = used <= max_used if max_used is not None else (100.0 - used) >= (min_left or 0)
            checked.append(Checked(account.label, w.id, window_label(w, lang), used, w.resets_at,
                                   within, account_stale(status, account) or cur.view.from_disk))
    if window is None and any(c.window not in budgets for c in checked):
        # the headline rule: money budgets count only when asked for by --window
        checked = [c for c in checked if c.window not in budgets]
    if not checked:
        key = "guard.no_window" if window is not None else "guard.no_numbers"
        return Verdict(EXIT_UNAVAILABLE, (), t(key, lang, provider=status.usage.name,
                                               window=window or ""))
    over = [c for c in checked if not c.within]
    errors = (status.error, status.usage.error, *(a.error for a in status.usage.accounts))
    failed = status.stale or any(e is not None for e in errors)
    decisive = max(over or checked, key=lambda c: c.used_percent)  # the most used decides
    limit = (t("guard.limit_used", lang, pct=percent_number(max_used))
             if max_used is not None else t("guard.limit_left", lang,
                                             pct=percent_number(min_left or 0)))
    line = t("guard.over" if over else "guard.within", lang, provider=status.usage.name,
             window=decisive.label, account=decisive.account,
             used=percent_number(decisive.used_percent),
             left=percent_number(max(0.0, 100 - decisive.used_percent)), limit=limit)
    reset = reset_text(decisive.resets_at, now, lang)
    if reset:
        line += f", {reset}"
    if decisive.stale:
        line += " " + t("guard.stale", lang)
    if failed or any(c.stale for c in checked):
        # old numbers are no answer for "may I start a long run now?"
        reason = t("guard.reason_failed" if failed else "guard.reason_old", lang)
        line = t("guard.stale_unavailable", lang, provider=status.usage.name, reason=reason,
                 age=format_duration(cur.age_of(provider), lang), line=line)
        return Verdict(EXIT_UNAVAILABLE, tuple(checked), line)
    return Verdict(EXIT_OVER if over else EXIT_WITHIN, tuple(checked), line)


def verdict_json(verdict: Verdict, cur: Current, provider: str) -> dict[str, Any]:
    """The `guard --json` document (docs/json-schema.md); the MCP tool `quota_check` answers
    the same with its verdict word on top."""
    return {
        "schema": 1,
        "exit": verdict.code,
        "within": verdict.code == EXIT_WITHIN,
        "message": verdict.reason,
        "age_seconds": round(cur.age_of(provider), 1),
        "windows": [{"account": c.account, "window": c.window, "label": c.label,
                     "used_percent": round(c.used_percent, 2),
                     "resets_at": iso_utc(c.resets_at) if c.resets_at else None,
                     "within": c.within, "stale": c.stale} for c in verdict.checked],
    }


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    """The verdict; a fault of ours is 69 with one line, never a traceback and never 1."""
    try:
        return _run(args, console, loaded)
    except Exception as exc:
        log.error("guard failed: %s", scrub(repr(exc)))
        line = t("guard.fault", console.lang, provider=args.provider, error=type(exc).__name__)
        if args.json:
            console.print(json.dumps({"schema": 1, "exit": EXIT_UNAVAILABLE, "within": False,
                                      "message": line, "age_seconds": None, "windows": []},
                                     ensure_ascii=False, indent=2))
        else:
            console.print(line)
        return EXIT_UNAVAILABLE


def _run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    from tray_app.cli.shared_view import ViewSource
    from tray_app.cli.status import record_history

    demo = bool(getattr(args, "demo", False))
    with ViewSource(loaded, demo=demo, on_refresh=record_history(console),
                    console=console) as source:
        cur = source.current(args.max_age)
    now = utcnow()
    verdict = judge(cur, args.provider, args.window, max_used=args.max_used,
                    min_left=args.min_left, lang=console.lang, now=now)
    if args.json:
        doc = verdict_json(verdict, cur, args.provider)
        console.print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        console.print(verdict.reason)
    return verdict.code
