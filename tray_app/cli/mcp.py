"""`mystatus-tray mcp [--max-age S]`: the Model Context Protocol server for coding agents, on
stdio (tray_app/mcp/). It answers from the shared saved view like the status bars: numbers
younger than --max-age (default 60 s) cost no request, older ones one shared refresh."""

from __future__ import annotations

import argparse

from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.i18n import t


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    from tray_app.cli.status import BAR_MAX_AGE, _seconds

    p = sub.add_parser("mcp", parents=[parent], help=t("cli.help.mcp", lang),
                       description=t("cli.help.mcp_long", lang))
    p.add_argument("--max-age", type=_seconds, default=BAR_MAX_AGE, metavar="SECONDS",
                   help=t("cli.help.max_age", lang))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    from tray_app.cli.shared_view import ViewSource
    from tray_app.cli.status import record_history
    from tray_app.mcp.answers import Answers
    from tray_app.mcp.server import serve

    demo = bool(getattr(args, "demo", False))
    with ViewSource(loaded, demo=demo, on_refresh=record_history(console)) as source:
        answers = Answers(source, lang=console.lang, max_age=args.max_age, demo=demo)
        serve(answers)
    return 0
