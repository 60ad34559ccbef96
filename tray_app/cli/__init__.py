"""The command line (`mystatus-tray`, `python -m tray_app`): the last step of the data flow for
terminals. No command runs the tray; `status`, `doctor`, `token` and `simulator` are headless
and never import pystray, plyer, PIL or a GUI toolkit (the tray module is imported lazily).
The tray launch (no command) does not import the commands' modules either: they pull in the
engine and the HTTP client, which the icon with the last saved numbers does not need.

Exit codes: 0 ok; 1 something failed; 2 `status` found no accounts (and argparse usage
errors); 3 `token` commands could not use the keyring; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from tray_app import APP_NAME, __version__, config, paths
from tray_app.cli.console import Console, setup_logging
from tray_app.cli.help_text import HelpFormatter, RawEpilogFormatter, epilog
from tray_app.config import LoadedSettings, Settings
from tray_app.errors import one_line
from tray_app.i18n import LANGUAGES, detect_language, t
from tray_app.secrets import mask, scrub

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class _Parser(argparse.ArgumentParser):
    """argparse echoes unknown arguments in its errors: scrub them, a token pasted as an
    argument by mistake must not be printed back. Help texts come from the catalog as plain
    text (cli/help_text.py keeps their `%` from argparse's formatting)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        head, sep, extra = message.partition("unrecognized arguments: ")
        if sep:  # could be a token given as an argument: show only its masked form
            message = head + sep + " ".join(mask(word) for word in extra.split())
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {scrub(message)}\n")


def _prescan_lang(argv: list[str]) -> str | None:
    """--lang before parsing, so that --help is already in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _common(lang: str, *, suppress: bool) -> argparse.ArgumentParser:
    """Global options; repeated on each command with SUPPRESS defaults so that
    `mystatus-tray --demo status` and `mystatus-tray status --demo` both work."""
    p = _Parser(add_help=False)
    default: Any = argparse.SUPPRESS if suppress else None
    p.add_argument("--lang", choices=LANGUAGES, default=default, help=t("cli.help.lang", lang))
    p.add_argument("--demo", action="store_true",
                   default=argparse.SUPPRESS if suppress else False,
                   help=t("cli.help.demo", lang))
    p.add_argument("--log-level", type=str.upper, choices=LOG_LEVELS, metavar="LEVEL",
                   default=argparse.SUPPRESS if suppress else "WARNING",
                   help=t("cli.help.log_level", lang) + ": " + ", ".join(LOG_LEVELS))
    return p


def build_parser(lang: str) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description=t("cli.help.description", lang),
        epilog=epilog(lang),
        parents=[_common(lang, suppress=False)],
        formatter_class=RawEpilogFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help=t("cli.help.version", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parent = _common(lang, suppress=True)
    # Imported here, not at the top: see the module docstring.
    from tray_app.cli import (
        autostart,
        doctor,
        guard,
        history,
        mcp,
        simulator,
        spend,
        status,
        token,
    )

    for module in (status, guard, doctor, token, autostart, simulator, history, spend, mcp):
        module.add_parser(sub, lang, parent)
    return parser


class _NotATrayLaunch(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotATrayLaunch(message)


def parse_tray_launch(argv: list[str], lang: str) -> argparse.Namespace | None:
    """The arguments of a tray launch (global options only), parsed without the commands'
    parsers; None for anything else (a command, --help, --version, a usage error), which
    the full parser then handles and reports."""
    parser = _QuietParser(add_help=False, parents=[_common(lang, suppress=False)])
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotATrayLaunch:
        return None
    if rest:
        return None
    args.command = None
    return args


def _run_tray(args: argparse.Namespace, loaded: Callable[[], LoadedSettings]) -> int:
    try:
        run_tray = importlib.import_module("tray_app.tray.app").run_tray
    except Exception as exc:  # ImportError, or Xlib's DisplayNameError raised at import
        return _tray_unavailable(args, loaded, exc)
    try:
        return int(run_tray(demo=bool(args.demo), lang=args.lang))
    except Exception as exc:
        if isinstance(exc, ImportError) or type(exc).__module__.startswith("Xlib"):
            return _tray_unavailable(args, loaded, exc)
        raise


def _tray_unavailable(
    args: argparse.Namespace, loaded: Callable[[], LoadedSettings], exc: BaseException
) -> int:
    console = Console(detect_language(args.lang, loaded().settings.language))
    reason = one_line(exc)
    console.error(f"{console.style.fail} {console.t('cli.tray_unavailable', reason=reason)}")
    console.error(f"  {console.style.fix} {console.t('cli.tray_headless_hint')}")
    return 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--token-dialog"]:  # a frozen bundle's token dialog (tray/dialog.py)
        return int(importlib.import_module("tray_app.tray.dialog").main(argv[1:]))
    if argv[:1] == ["--report-window"]:  # a frozen bundle's report window (xorg backend)
        return int(importlib.import_module("tray_app.tray.report_window").main(argv[1:]))
    if argv[:1] == ["--spend-scan"]:  # a frozen bundle's spend scan child (spend/child.py)
        return int(importlib.import_module("tray_app.spend.child").main(argv[1:]))
    if argv[:1] == ["--engine-child"]:  # a frozen bundle's engine child (engine_child.py)
        return int(importlib.import_module("tray_app.engine_child").main(argv[1:]))
    if argv[:1] == ["--notify-child"]:  # a frozen bundle's notification child (tray/notifier)
        return int(importlib.import_module("tray_app.tray.notify_child").main(argv[1:]))
    if argv[:1] == ["--keyring"]:  # a frozen bundle's keyring child (credentials/keyring_access)
        return int(importlib.import_module("tray_app.credentials.keyring_store").main(argv[1:]))
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a console that cannot show CJK shows "?" instead of dying
            reconfigure(errors="replace")
    lang = detect_language(_prescan_lang(argv))
    args = parse_tray_launch(argv, lang)
    if args is None:
        try:
            args = build_parser(lang).parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return exc.code if isinstance(exc.code, int) else 2
    setup_logging(args.log_level)

    cache: list[LoadedSettings] = []

    def loaded() -> LoadedSettings:
        if not cache:  # the demo never reads our config file
            cache.append(
                LoadedSettings(Settings(), paths.config_file()) if args.demo
                else config.load()
            )
        return cache[0]

    try:
        if args.command is None:
            return _run_tray(args, loaded)
        settings = loaded()
        console = Console(detect_language(args.lang, settings.settings.language))
        console.threshold = float(settings.settings.threshold)
        if settings.notice:
            console.warn(console.t("cli.config_notice", notice=settings.notice))
        handler: Callable[[argparse.Namespace, Console, LoadedSettings | None], int] = args.handler
        return handler(args, console, None if args.demo else settings)
    except KeyboardInterrupt:
        return 130
