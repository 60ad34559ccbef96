"""`mystatus-tray history [--provider ID] [--window ID] [--days N] [--json | --csv | --plot
FILE.png]`: the recorded usage history (monitoring/history.py) as a sparkline per window,
schema-1 JSON, CSV, or the chart of the tray's History… window written to a PNG file.
Headless: matplotlib is imported only for --plot. Reading never writes the history file."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tray_app.charts.labels import known_windows, saved_windows, window_words
from tray_app.charts.series import Key
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings, Settings
from tray_app.model import Window, utcnow
from tray_app.monitoring.history import history_path, read_samples
from tray_app.monitoring.history_rules import Sample, split_cycles
from tray_app.providers.names import PROVIDER_IDS, PROVIDER_NAMES
from tray_app.report.text import iso_utc

if TYPE_CHECKING:  # pragma: no cover
    from tray_app.spend.series import SpendSeries

SCHEMA = 1
SPARK = "▁▂▃▄▅▆▇█"
SPARK_ASCII = "_.-=+*#@"
WIDTH = 48  # sparkline columns
DEFAULT_DAYS = 7.0  # the text, JSON and CSV range (the chart picks one per window)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.i18n import t

    p = sub.add_parser("history", parents=[parent], help=t("cli.help.history", lang),
                       description=t("cli.help.history_long", lang))
    p.add_argument("--provider", help=t("cli.help.history_provider", lang))
    p.add_argument("--window", help=t("cli.help.history_window", lang))
    p.add_argument("--days", type=_days, default=None, help=t("cli.help.history_days", lang))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    out.add_argument("--csv", action="store_true", help=t("cli.help.history_csv", lang))
    out.add_argument("--plot", type=Path, metavar="PNG",
                     help=t("cli.help.history_plot", lang))
    p.add_argument("--dark", action="store_true", help=t("cli.help.history_dark", lang))
    p.add_argument("--scale", type=float, choices=(1.0, 2.0), default=1.0,
                   help=t("cli.help.history_scale", lang))
    p.add_argument("--width", type=int, default=900, metavar="PIXELS",
                   help=t("cli.help.history_width", lang))
    p.set_defaults(handler=run)


def _days(text: str) -> float:
    value = float(text)
    if not 0 < value <= 3650:
        raise argparse.ArgumentTypeError("between 0 and 3650")
    return value


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    settings = loaded.settings if loaded is not None else Settings()
    if getattr(args, "demo", False):
        # the demo reads nothing under HOME: the demo's accounts as `status --demo` shows them
        # now, with a believable past that ends at those numbers, in a temporary file
        with tempfile.TemporaryDirectory(prefix="mystatus-demo-") as tmp:
            from tray_app.simulator.demo import demo_history

            path, snapshot = demo_history(Path(tmp))
            known = known_windows(snapshot.providers)
            return _run(args, console, path, snapshot.generated_at, settings, known)
    path = history_path()
    return _run(args, console, path, utcnow(), settings, saved_windows(path.parent))


def _run(args: argparse.Namespace, console: Console, path: Path, now: datetime,
         settings: Settings, known: Mapping[Key, Window]) -> int:
    if args.plot is not None:
        return _plot(args, console, path, now, settings.threshold, known)
    days = DEFAULT_DAYS if args.days is None else args.days
    try:
        samples = read_samples(path, since=now - timedelta(days=days), until=now,
                               provider=args.provider, window=args.window)
    except sqlite3.Error as exc:
        console.error(f"{console.style.fail} "
                      + console.t("history.unreadable", path=path, reason=exc))
        return 1
    if args.json:
        console.print(json.dumps({"schema": SCHEMA, "samples": [_json(s) for s in samples]},
                                 ensure_ascii=False, indent=2))
    elif args.csv:
        console.print(_csv(samples))
    else:
        console.report(_text(samples, console, days, now, known))
    return 0


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else round(value, 3)


def _json(s: Sample) -> dict[str, Any]:
    return {"at": iso_utc(s.at), "provider": s.provider, "account": s.account,
            "window": s.window, "used_percent": _number(s.used_percent),
            "used": _number(s.used), "limit": _number(s.limit),
            "resets_at": iso_utc(s.resets_at) if s.resets_at is not None else None}


def _csv(samples: list[Sample]) -> str:
    buf = io.StringIO()
    fields = ["at", "provider", "account", "window", "used_percent", "used", "limit",
              "resets_at"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for s in samples:
        row = _json(s)
        writer.writerow({k: "" if row[k] is None else row[k] for k in fields})
    return buf.getvalue()


def sparkline(samples: list[Sample], start: datetime, end: datetime, width: int = WIDTH,
              glyphs: str = SPARK) -> str:
    """One character per time slice: the highest used % in it, the last value carried
    through slices without a sample (it held), blank before the first sample."""
    span = max((end - start).total_seconds(), 1.0)
    slots: list[float | None] = [None] * width
    for s in samples:
        i = min(width - 1, max(0, int((s.at - start).total_seconds() / span * width)))
        current = slots[i]
        slots[i] = s.used_percent if current is None else max(current, s.used_percent)
    out, last = [], None
    for value in slots:
        last = value if value is not None else last
        if last is None:
            out.append(" ")
        else:
            level = min(len(glyphs) - 1, max(0, int(last / 100 * len(glyphs))))
            out.append(glyphs[level])
    return "".join(out)


def _text(samples: list[Sample], console: Console, days: float, now: datetime,
          known: Mapping[Key, Window]) -> str:
    if not samples:
        return console.t("history.empty")
    style = console.style
    glyphs = SPARK if style.full == "█" else SPARK_ASCII
    grouped: dict[tuple[str, str, str], list[Sample]] = {}
    for s in samples:
        grouped.setdefault((s.provider, s.account, s.window), []).append(s)
    lines = [console.t("history.header", days=f"{days:g}", count=len(samples)), ""]
    start = now - timedelta(days=days)
    order = {pid: i for i, pid in enumerate(PROVIDER_IDS)}  # the menu's order
    rank = {key: i for i, key in enumerate(known)}
    for (provider, account, window), group in sorted(
            grouped.items(), key=lambda item: (order.get(item[0][0], len(order)),
                                               rank.get(item[0], len(rank)))):
        name = PROVIDER_NAMES.get(provider, provider)
        words = window_words(window, console.lang, known.get((provider, account, window)))
        lines.append(style.sep.join((name, account, words)))
        values = [s.used_percent for s in group]
        summary = console.t("history.line", now=f"{values[-1]:g}%", low=f"{min(values):g}%",
                            high=f"{max(values):g}%", resets=len(split_cycles(group)) - 1)
        lines.append(f"  {sparkline(group, start, now, glyphs=glyphs)}  {summary}")
    return "\n".join(lines)


def _spend(args: argparse.Namespace, path: Path, now: datetime) -> SpendSeries | None:
    """The spend panel's data for the whole chart (not with --provider/--window): the demo's
    (as `spend --demo`) or the spend store's beside the history; None: no panel."""
    if args.provider or args.window:
        return None
    from tray_app.charts.spend_bars import DAYS
    from tray_app.spend import series
    from tray_app.spend.store import FILE_NAME

    today = now.astimezone().date()
    if getattr(args, "demo", False):
        return series.demo(DAYS, today)
    return series.stored(DAYS, today, path.parent / FILE_NAME)


def _plot(args: argparse.Namespace, console: Console, path: Path, now: datetime,
          threshold: float, known: Mapping[Key, Window]) -> int:
    try:
        from tray_app.charts import plot
        from tray_app.charts.labels import order
        from tray_app.charts.series import chart_series
    except ImportError as exc:
        console.error(f"{console.style.fail} "
                      + console.t("history.chart_unavailable", reason=exc))
        return 1
    try:
        series = chart_series(path, now, provider=args.provider, window=args.window,
                              days=args.days, order=order(known))
    except sqlite3.Error as exc:
        console.error(f"{console.style.fail} "
                      + console.t("history.unreadable", path=path, reason=exc))
        return 1
    fig = plot.draw(series, now=now, lang=console.lang, threshold=threshold,
                    theme="dark" if args.dark else "light", scale=args.scale,
                    width=args.width, known=known, spend=_spend(args, path, now))
    try:
        width, height = plot.save_png(fig, args.plot)
    except (OSError, ValueError) as exc:
        console.error(f"{console.style.fail} "
                      + console.t("history.plot_failed", path=args.plot, reason=exc))
        return 1
    console.print(console.t("history.plot_written", path=args.plot, width=width, height=height))
    return 0
