"""The tray's spend scan, in a short-lived child process (the tray's own memory never moves):
`python -m tray_app.spend.child` (a frozen bundle: `<exe> --spend-scan`). It scans
incrementally, writes the summary the tray's menu shows (`spend-summary.json` in the state dir,
atomically; texts rendered in every language) and sends the daily-budget notification, once
per day. The tray starts it at most every INTERVAL seconds (spend/menu.py)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

FROZEN_FLAG = "--spend-scan"
SUMMARY = "spend-summary.json"
SCHEMA = 1


def summary_path() -> Path:
    from tray_app import paths

    return paths.state_dir() / SUMMARY


def command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_FLAG]
    return [sys.executable, "-m", "tray_app.spend.child"]


def read_summary(path: Path | None = None) -> dict[str, Any] | None:
    """The last summary (stdlib json: this runs in the tray), or None."""
    try:
        data = json.loads((path or summary_path()).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA else None


def run(now: datetime | None = None, environ: dict[str, str] | None = None,
        notify: Any = None) -> dict[str, Any]:
    """One scan; returns (and writes) the summary."""
    from tray_app import config
    from tray_app.i18n import LANGUAGES, t
    from tray_app.own_files import atomic_write
    from tray_app.spend import budget, service, summary, zone

    settings = config.load().settings
    where = zone.local(environ)
    now = now or datetime.now(timezone.utc)
    today = now.astimezone(where.info).date()
    since = today - timedelta(days=29)
    opened = service.open_store()
    with opened.store as store:
        built, stats = service.scan_and_report(store, where, since=since, until=today,
                                               overrides=settings.prices, environ=environ)
    found = summary.summarize(built.rows, today)
    previous = read_summary() or {}
    notified = str(previous.get("budget_notified", ""))
    if budget.should_notify(settings.spend_daily_budget, found.today, found.day, notified):
        from tray_app.i18n import detect_language
        from tray_app.i18n.numbers import money

        lang = detect_language(None, settings.language)
        body = t("spend.budget_body", lang, spent=money(found.today, "USD", lang),
                 budget=money(settings.spend_daily_budget, "USD", lang))
        if notify is None:
            from tray_app.tray.notifier import Notifier

            notify = Notifier().notify
        notify(t("spend.budget_title", lang), body)
        notified = found.day
    doc = {"schema": SCHEMA, "at": now.isoformat(), "day": found.day,
           "timezone": where.name, "today": round(found.today, 6),
           "week": round(found.week, 6), "month": round(found.month, 6),
           "unknown": found.unknown, "any": bool(built.rows),
           "budget_notified": notified, "scan": stats.to_json(),
           "text": {lang: summary.texts(found, lang) for lang in LANGUAGES}}
    atomic_write(summary_path(), json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return doc


def main(argv: list[str] | None = None) -> int:
    del argv
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)  # a background job: the user's work first
    try:
        run()
    except Exception as exc:  # reported in the tray's log through the exit code only
        print(f"spend scan failed: {type(exc).__name__}: {exc}"[:300], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
