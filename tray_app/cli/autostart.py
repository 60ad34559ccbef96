"""`mystatus-tray autostart on|off|status`: start the tray at login (tray_app/autostart/).

The login entry (file or registry value) is the truth; after `on`/`off` the config's
`autostart` setting is updated to match, so the tray's Settings menu shows the same.
Exit codes: 0 done (status: whatever the state), 1 it could not be changed or this OS has no
backend, 2 with --demo (the demo never touches the user's login items).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from dataclasses import replace

from tray_app import autostart, config
from tray_app.autostart import Autostart, AutostartStatus
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.i18n import t


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("autostart", parents=[parent], help=t("cli.help.autostart", lang),
                       description=t("cli.help.autostart_long", lang))
    p.add_argument("action", choices=["on", "off", "status"],
                   help=t("cli.help.autostart_action", lang))
    p.set_defaults(handler=run)


def show_command(command: tuple[str, ...]) -> str:
    return subprocess.list2cmdline(command) if sys.platform == "win32" else shlex.join(command)


def report(console: Console, status: AutostartStatus) -> None:
    if not status.enabled:
        console.print(console.t("cli.autostart.off"))
        return
    console.print(console.t("cli.autostart.on", location=status.location))
    if status.command:
        console.print("  " + console.t("cli.autostart.runs", command=show_command(status.command)))
    if not status.current:
        console.warn(console.t("cli.autostart.outdated", expected=show_command(status.expected)))
        console.error(f"  {console.style.fix} {console.t('cli.autostart.outdated_fix')}")


def mirror_setting(console: Console, loaded: LoadedSettings | None, enabled: bool) -> None:
    """Settings.autostart follows the real entry (a failure to save is only a warning)."""
    if loaded is None or loaded.settings.autostart == enabled:
        return
    try:
        config.save(replace(loaded.settings, autostart=enabled), loaded.path)
    except OSError as exc:
        console.warn(console.t("cli.token.config_not_saved", path=loaded.path,
                               reason=exc.strerror or type(exc).__name__))


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None,
        backend: Autostart | None = None) -> int:
    if args.demo:
        console.error(console.t("cli.autostart.demo"))
        return 2
    backend = backend or autostart.for_platform()
    if backend is None:
        console.error(console.t("cli.autostart.unsupported", platform=sys.platform))
        return 1
    try:
        if args.action == "on":
            status = backend.enable()
        elif args.action == "off":
            if backend.disable():
                console.print(console.t("cli.autostart.removed", location=backend.location))
            status = backend.status()
        else:
            status = backend.status()
    except OSError as exc:
        console.error(console.t("cli.autostart.failed", detail=exc.strerror or exc))
        return 1
    report(console, status)
    if args.action != "status":
        mirror_setting(console, loaded, status.enabled)
    return 0
