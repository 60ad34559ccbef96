"""`python -m tray_app.spend [--json] [--since D] [--until D] [--tz ZONE] [--by B]`: the `spend`
command without the rest of the CLI (whose parser imports every command's module): the entry
the tray's scan child and the bench run. Same output and exit codes as `mystatus-tray spend`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from tray_app import config
    from tray_app.cli import spend
    from tray_app.cli.console import Console
    from tray_app.i18n import LANGUAGES, detect_language

    parser = argparse.ArgumentParser(prog="python -m tray_app")
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--lang", choices=LANGUAGES)
    sub = parser.add_subparsers(dest="command")
    lang = detect_language(None)
    spend.add_parser(sub, lang, parent)
    args = parser.parse_args(["spend", *(sys.argv[1:] if argv is None else argv)])
    loaded = config.load()
    console = Console(detect_language(args.lang, loaded.settings.language))
    return int(spend.run(args, console, loaded))


if __name__ == "__main__":
    raise SystemExit(main())
