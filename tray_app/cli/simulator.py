"""`mystatus-tray simulator`: serve the provider simulator in the foreground (manual testing and
demos) and print the environment variables that point the app at it, plus a temporary demo
credential set. Loopback only; stops on Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from tray_app import APP_NAME
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.i18n import t


def _port(value: str) -> int:
    port = int(value)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value}: not a port number")
    return port


def _seconds(value: str) -> float:
    seconds = float(value)
    if not 0 <= seconds <= 60:
        raise argparse.ArgumentTypeError(f"{value}: expected 0..60 seconds")
    return seconds


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("simulator", parents=[parent], help=t("cli.help.simulator", lang),
                       description=t("cli.help.simulator_long", lang))
    p.add_argument("--port", type=_port, default=0, help=t("cli.help.port", lang))
    p.add_argument("--scenario", action="append", default=[], metavar="PREFIX=NAME",
                   help=t("cli.help.scenario", lang))
    p.add_argument("--latency", type=_seconds, default=0.0, help=t("cli.help.latency", lang))
    p.set_defaults(handler=run)


def parse_scenarios(
    items: list[str], known: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, str], str]:
    """({prefix: scenario}, "") or ({}, the offending item). `known`: prefix → valid names."""
    out: dict[str, str] = {}
    for item in items:
        prefix, sep, name = item.partition("=")
        prefix, name = prefix.strip(), name.strip()
        if not sep or prefix not in known or name not in known[prefix]:
            return {}, item
        out[prefix] = name
    return out, ""


def _assignments(environ: Mapping[str, str]) -> list[str]:
    if os.name == "nt":
        return [f"set {k}={v}" for k, v in sorted(environ.items())]
    return [f"export {k}={shlex.quote(v)}" for k, v in sorted(environ.items())]


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    from tray_app.simulator import Simulator
    from tray_app.simulator.demo import demo_environment
    from tray_app.simulator.server import GENERIC_SCENARIOS

    sim = Simulator(latency=args.latency, port=args.port).start()  # stop() needs it started
    known = {
        prefix: ("healthy", *GENERIC_SCENARIOS, *sim.provider_scenarios.get(prefix, ()))
        for prefix in sorted(sim.routes)
    }
    scenarios, bad = parse_scenarios(args.scenario, known)
    if bad:
        sim.stop()
        console.error(f"{console.style.fail} {console.t('cli.sim.bad_scenario', item=bad)}")
        for prefix, names in known.items():
            console.error(f"  {prefix}: {', '.join(names)}")
        return 2
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: object = None
    with contextlib.suppress(ValueError):  # not the main thread (embedded): Ctrl+C works
        previous = signal.signal(signal.SIGTERM, _on_signal)
    try:
        for prefix, name in scenarios.items():
            sim.set_scenario(prefix, name)
        with tempfile.TemporaryDirectory(prefix="mystatus-sim-") as tmp:
            demo_env = demo_environment(sim, Path(tmp))
            _print_instructions(console, sim.url, sim.environ(), demo_env)
            try:
                while not stop.wait(0.5):
                    pass
            except KeyboardInterrupt:
                pass
    finally:
        sim.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]
    return 0


def _print_instructions(console: Console, url: str, urls: Mapping[str, str],
                        demo_env: Mapping[str, str]) -> None:
    console.print(console.t("cli.sim.listening", url=url))
    console.print(console.t("cli.sim.urls"))
    for line in _assignments(urls):
        console.print(f"  {line}")
    console.print(console.t("cli.sim.demo"))
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(demo_env.items()))
    console.print(f"  env {assignments} {APP_NAME} status")
    console.print(console.t("cli.sim.stop"))
