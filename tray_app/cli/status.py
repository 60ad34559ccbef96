"""`mystatus-tray status [--json] [--demo]`: one refresh of the engine, printed as the text
report or the schema-1 JSON document. Exit code 0 all fine, 1 something failed, 2 no accounts."""

from __future__ import annotations

import argparse
import logging

from tray_app.cli.common import open_runtime
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.model import Snapshot
from tray_app.report import exit_code, render_json, render_text
from tray_app.secrets import scrub

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.i18n import t

    p = sub.add_parser("status", parents=[parent], help=t("cli.help.status", lang),
                       description=t("cli.help.status_long", lang))
    p.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    demo = bool(getattr(args, "demo", False))
    with open_runtime(loaded, demo=demo) as rt:
        snapshot = rt.engine.refresh()
        threshold = rt.settings.threshold
        if not demo:  # the demo writes nothing under HOME
            _record(snapshot, rt.settings.history_days, console)
    if args.json:
        console.print(render_json(snapshot, lang=console.lang, threshold=threshold, demo=demo))
    else:
        console.print(
            render_text(snapshot, lang=console.lang, threshold=threshold, style=console.style,
                        demo=demo)
        )
    return exit_code(snapshot)


def _record(snapshot: Snapshot, days: int, console: Console) -> None:
    """The usage history (monitoring/history.py): a feature, never a dependency. A notice
    (file set aside, history off) goes to stderr; nothing here changes the exit code."""
    try:
        from tray_app.monitoring.history import History, history_path

        history = History(history_path(), retention_days=days,
                          notify=lambda key, params: console.warn(console.t(key, **params)))
        try:
            history.record(snapshot)
        finally:
            history.close()
    except Exception as exc:
        log.warning("history: %s", scrub(repr(exc)))
