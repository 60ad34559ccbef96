"""`mystatus-tray status [--format FORMAT] [--max-age S] [--watch S] [--output FILE]`: the numbers
as the text report, the schema-1 JSON document, or a status-bar / metrics format.

Without `--max-age`, text and JSON refresh once and print (exit 0 all fine, 1 something failed,
2 no accounts). With it (the bar formats default to 60 s) the saved numbers are printed while they
are young enough, and one refresh is shared between concurrent invocations
(monitoring/shared_refresh.py). A bar format always exits 0 with something to show."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.model import Snapshot
from tray_app.report import exit_code, render_json, render_text
from tray_app.secrets import scrub

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tray_app.config import Settings
    from tray_app.monitoring.history import History
    from tray_app.monitoring.pace import SampleLookup
    from tray_app.outages.watch import OutageWatch

log = logging.getLogger(__name__)
FORMATS = ("text", "json", "waybar", "polybar", "i3blocks", "prometheus")
BAR_FORMATS = ("waybar", "polybar", "i3blocks", "prometheus")
BAR_MAX_AGE = 60.0


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError(f"not a number of seconds in [0, 86400]: {raw!r}")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.i18n import t

    p = sub.add_parser("status", parents=[parent], help=t("cli.help.status", lang),
                       description=t("cli.help.status_long", lang))
    p.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    p.add_argument("--format", choices=FORMATS, default=None, help=t("cli.help.format", lang))
    p.add_argument("--max-age", type=_seconds, default=None, metavar="SECONDS",
                   help=t("cli.help.max_age", lang))
    p.add_argument("--watch", type=_seconds, default=None, metavar="SECONDS",
                   help=t("cli.help.watch", lang))
    p.add_argument("--output", type=Path, default=None, metavar="FILE",
                   help=t("cli.help.output", lang))
    p.add_argument("--metrics-labels", choices=("full", "hashed", "none"), default=None,
                   metavar="MODE", help=t("cli.help.metrics_labels", lang))
    p.set_defaults(handler=run)


def chosen_format(args: argparse.Namespace) -> str:
    return str(args.format or ("json" if args.json else "text"))


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    fmt = chosen_format(args)
    max_age = args.max_age
    if max_age is None and fmt in BAR_FORMATS:
        max_age = BAR_MAX_AGE
    if max_age is None and args.watch is None and args.output is None:
        return _once(args, console, loaded, fmt)
    return _saved(args, console, loaded, fmt, BAR_MAX_AGE if max_age is None else max_age)


def _once(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None,
          fmt: str) -> int:
    """The plain refresh-and-print path (no saved numbers involved)."""
    from tray_app.cli.common import open_runtime

    demo = bool(getattr(args, "demo", False))
    with open_runtime(loaded, demo=demo) as rt:
        watch = _outage_watch(rt.settings, rt.environ, demo)
        rt.engine.on_discovered = watch.poke  # status pages beside the refresh (outages/)
        snapshot = rt.engine.refresh()
        watch.wait()
        outages = watch.shown_for(p.id for p in snapshot.providers)
        watch.close()
        threshold = rt.settings.threshold
        samples: SampleLookup | None = None
        if not demo:  # the demo writes nothing under HOME
            history = _record(snapshot, rt.settings.history_days, console)
            if history is not None:  # the pace's history basis reads what was just recorded
                samples = history.lookup(snapshot.generated_at)
    from tray_app.outages.text import incidents_json, report_lines

    if fmt == "json":
        console.print(render_json(snapshot, lang=console.lang, threshold=threshold, demo=demo,
                                  samples=samples, incidents=incidents_json(outages)))
    else:
        console.report(  # wrapped to the terminal, coloured on one (cli/console.py)
            render_text(snapshot, lang=console.lang, threshold=threshold, style=console.style,
                        demo=demo, samples=samples)
        )
        failed = [p.id for p in snapshot.providers if p.failed]
        lines = report_lines(outages, snapshot.generated_at, console.lang, failed)
        if lines:
            console.report("\n".join(["", *lines]))
    return exit_code(snapshot)


def _outage_watch(settings: Settings, environ: Mapping[str, str], demo: bool) -> OutageWatch:
    from tray_app import paths
    from tray_app.outages.watch import build_watch

    if demo:
        from tray_app.cli.shared_view import demo_state_dir

        return build_watch(lambda: settings, demo_state_dir(), environ=environ)
    return build_watch(lambda: settings, paths.state_dir(), environ=environ)


def record_history(console: Console) -> Callable[[Snapshot, int], None]:
    """A refresh's recorder for ViewSource (status --max-age, the bars, guard)."""
    def record(snapshot: Snapshot, days: int) -> None:
        _record(snapshot, days, console)

    return record


def _record(snapshot: Snapshot, days: int, console: Console) -> History | None:
    """The usage history (monitoring/history.py): a feature, never a dependency. A notice
    (file set aside, history off) goes to stderr; nothing here changes the exit code. The
    history (closed) is returned for reading; None when there is none (history_days = 0)."""
    if days <= 0:
        return None
    try:
        from tray_app.monitoring.history import History, history_path

        history = History(history_path(), retention_days=days,
                          notify=lambda key, params: console.warn(console.t(key, **params)))
        try:
            history.record(snapshot)
        finally:
            history.close()
        return history
    except Exception as exc:
        log.warning("history: %s", scrub(repr(exc)))
        return None


def _saved(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None, fmt: str,
           max_age: float) -> int:
    from tray_app.cli.shared_view import ViewSource, render

    demo = bool(getattr(args, "demo", False))
    with ViewSource(loaded, demo=demo, on_refresh=record_history(console),
                    console=console) as source:
        settings = source.settings
        labels_mode = args.metrics_labels or settings.metrics_labels
        account_label = source.account_labels(labels_mode) if fmt == "prometheus" else None
        while True:
            try:
                cur = source.current(max_age, bar=fmt in BAR_FORMATS)
                text, code = render(fmt, cur, settings, console, demo=demo,
                                    account_label=account_label)
            except Exception as exc:
                if fmt not in BAR_FORMATS:
                    raise
                from tray_app.cli.shared_view import render_failure

                log.error("status --format %s failed: %s", fmt, type(exc).__name__)
                text, code = render_failure(fmt, exc, console.lang), 0
            if args.output is not None:
                from tray_app.cli.output_file import names_accounts, write_output

                try:
                    write_output(args.output, text, private=names_accounts(fmt, labels_mode),
                                 notify=source.notify if fmt == "prometheus" else None)
                except OSError as exc:  # a folder we may not write: one line, not a traceback
                    console.warn(console.t("bar.output_failed", path=str(args.output),
                                           error=exc.strerror or type(exc).__name__))
                    code = 1
            elif not _emit(console, text, for_people=fmt == "text"):
                return 0  # the reader went away (waybar restarted): nothing left to do
            if args.watch is None:
                return code
            _sleep(args.watch)


def _emit(console: Console, text: str, *, for_people: bool = False) -> bool:
    """Print one output; text for people is wrapped (and coloured) like the plain report."""
    try:
        if for_people:
            console.report(text)
        else:
            console.print(text)
        console.out.flush()
    except BrokenPipeError:
        sys.stdout = None  # keep Python's exit from flushing into the closed pipe again
        return False
    return True


_sleep: Callable[[float], None] = time.sleep
