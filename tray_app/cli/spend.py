"""`mystatus-tray spend [--json] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--tz ZONE]
[--by day|model|tool]`: tokens and cost from the coding agents' own logs (tray_app/spend).

Scans incrementally (only what was appended since the last run) and prints the localized text
report or the schema-1 JSON document (docs/json-schema.md). Reads the logs only; the one file
written is our own store in the state dir. Exit codes: 0 ok (also with no usage), 1 the store
could not be used, 2 usage errors (a bad date, zone or range)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from tray_app.cli.console import Console
from tray_app.config import LoadedSettings, Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.i18n import t
    from tray_app.spend.report import BY

    p = sub.add_parser("spend", parents=[parent], help=t("cli.help.spend", lang),
                       description=t("cli.help.spend_long", lang))
    p.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    p.add_argument("--since", metavar="YYYY-MM-DD", help=t("cli.help.spend_since", lang))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=t("cli.help.spend_until", lang))
    p.add_argument("--tz", metavar="ZONE", help=t("cli.help.spend_tz", lang))
    p.add_argument("--by", choices=BY, default="day", help=t("cli.help.spend_by", lang))
    p.set_defaults(handler=run)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    value = text.strip()
    if len(value) == 8 and value.isdigit():  # 20261201, as ccusage accepts
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return date.fromisoformat(value)


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    from tray_app.spend import report, service, zone

    settings = loaded.settings if loaded is not None else Settings()
    bounds: list[date | None] = []
    for raw in (args.since, args.until):
        try:
            bounds.append(_date(raw))
        except ValueError:
            console.error(f"{console.style.fail} {console.t('spend.bad_date', value=raw)}")
            return 2
    since, until = bounds
    if since is not None and until is not None and since > until:
        console.error(f"{console.style.fail} "
                      + console.t("spend.bad_range", since=since, until=until))
        return 2
    try:
        where = zone.named(args.tz) if args.tz else zone.local()
    except zone.UnknownZone:
        console.error(f"{console.style.fail} {console.t('spend.bad_zone', zone=args.tz)}")
        return 2
    if where.fallback:
        console.warn(console.t("spend.zone_fallback"))
    if getattr(args, "demo", False):  # generated logs in a temporary folder: nothing of yours
        return _demo(args, console, where, since, until, settings)
    try:
        opened = service.open_store()
    except service.StoreUnusable as exc:
        console.error(f"{console.style.fail} "
                      + console.t("spend.store_unusable", path=exc.path, reason=exc.reason))
        return 1
    if opened.set_aside is not None:
        console.warn(console.t("spend.store_reset", path=opened.store.path,
                               reason=opened.reason, aside=opened.set_aside))
    with opened.store as store:
        built, stats = service.scan_and_report(store, where, by=args.by, since=since,
                                               until=until, overrides=settings.prices)
    for problem in stats.problems:
        console.warn(console.t("spend.unreadable", what=problem))
    if args.json:
        console.print(json.dumps(report.to_json(built, stats.to_json()), ensure_ascii=False,
                                 indent=2))
    else:
        console.print(render_text(built, stats.to_json(), console.lang))
    return 0


def _demo(args: argparse.Namespace, console: Console, where: Any, since: date | None,
          until: date | None, settings: Settings) -> int:
    import tempfile
    from datetime import datetime
    from pathlib import Path

    from tray_app.spend import report, service, synthetic
    from tray_app.spend.store import Store

    with tempfile.TemporaryDirectory(prefix="mystatus-spend-demo-") as tmp:
        root = Path(tmp)
        env = synthetic.demo_logs(root, datetime.now(where.info).date(), where.info)
        with Store(root / "spend.sqlite3") as store:
            built, stats = service.scan_and_report(store, where, by=args.by, since=since,
                                                   until=until, overrides=settings.prices,
                                                   environ=env)
    if args.json:
        console.print(json.dumps(report.to_json(built, stats.to_json()), ensure_ascii=False,
                                 indent=2))
    else:
        console.print(render_text(built, stats.to_json(), console.lang))
    return 0


TOOL_NAMES = {"claude-code": "Claude Code", "codex": "Codex", "opencode": "OpenCode"}


def _cost(row: Any, lang: str) -> str:
    from tray_app.i18n import t
    from tray_app.i18n.numbers import money

    if row.cost_usd is None:
        return t("spend.cost_unknown", lang)
    digits = 2 if row.cost_usd >= 1 or row.cost_usd == 0 else 4
    text = money(row.cost_usd, "USD", lang, digits=digits)
    return f"{text} ({t('spend.cost_log', lang)})" if row.cost_source == "log" else text


def render_text(built: Any, scan: dict[str, Any], lang: str) -> str:
    """The report as localized lines (numbers and money through i18n/numbers.py)."""
    from tray_app.i18n import t
    from tray_app.i18n.numbers import compact, money, number

    def tokens(item: Any) -> str:
        def get(name: str) -> int:
            return int(item[name] if isinstance(item, dict) else getattr(item, name))

        return t("spend.tokens", lang, input=number(get("input_tokens"), lang),
                 output=number(get("output_tokens"), lang),
                 cache_read=number(get("cache_read_tokens"), lang),
                 cache_write=number(get("cache_write_tokens"), lang))

    lines = [t("spend.title", lang, zone=built.zone.name)]
    if not built.rows:
        lines.append(t("spend.none", lang))
    current: object = object()
    for row in built.rows:
        if built.by == "day" and row.date != current:
            current = row.date
            lines.append(row.date)
        name = TOOL_NAMES.get(row.tool, row.tool)
        label = f"{name} · {row.model}" if row.model else name
        indent = "  " if built.by == "day" else ""
        lines.append(f"{indent}{label}: {_cost(row, lang)}")
        lines.append(f"{indent}  {tokens(row)}")
    totals = built.totals
    lines.append(f"{t('spend.total', lang)}: {money(totals['cost_usd'], 'USD', lang)}")
    lines.append(f"  {tokens(totals)}")
    mib = scan["bytes_read"] / (1 << 20)
    lines.append(t("spend.scan", lang, files=number(scan["files"], lang),
                   read=f"{compact(mib, lang)} MiB", seconds=compact(scan["seconds"], lang),
                   skipped=number(scan["skipped_lines"], lang)))
    return "\n".join(lines)
