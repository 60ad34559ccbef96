"""Figures 3, 4 (tray process) and 5 under the headless desktop (tools/ci-desktop.sh).

3. Launch → icon docked in the tray showing the last known numbers: the app starts the way
   `mystatus-tray` does (`python -m tray_app`, the CLI entry) with a saved last_view.json;
   the clock stops when the tray host shows enough pixels of the icon's fill colour (read
   from the app's MYSTATUS_DEBUG_STATE_FILE). The same run launches
   a bare pystray icon app (bench/bare_icon.py) the same way; runs alternate; ratio of medians.
4. RSS and threads of the real tray process after its first refresh, and after K refreshes
   forced with SIGUSR1 (each a full refresh + icon + menu update + saved view).
5. Idle CPU and wake-ups of the tray process between refreshes, from /proc over a window.
The simulator runs in its own process; the app uses its real credential readers on the demo
files (two OpenAI accounts: OpenCode's file and Codex CLI's login, moved into the desktop's
real Secret Service), the keyring read through the tray's keyring child as for a user, and
its own state dir. Bytecode is compiled first, as `pip install` does: neither launch pays
for compiling sources (PYTHONDONTWRITEBYTECODE would make that happen on every launch of a
source checkout).
"""

from __future__ import annotations

import compileall
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import procstat
from bench.bare_icon import COLOUR as BARE_COLOUR
from bench.report import Figure, median
from bench.screen import TrayHosts
from bench.simhost import SimProcess
from tray_app.simulator.sim_openai import CODEX_EMAIL

ROOT = Path(__file__).resolve().parents[1]
MIN_PIXELS = 30
APP_ARGS = ["tray_app", "--lang", "en"]  # = `mystatus-tray --lang en`
Colours = Callable[[], list[tuple[int, int, int]]]


def app_env(sim_environ: dict[str, str], workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(sim_environ)
    env.pop("PYTHON_KEYRING_BACKEND", None)  # the desktop's Secret Service, as for a user
    env.update(XDG_STATE_HOME=str(workdir / "state"), GDK_GL="disable", NO_AT_BRIDGE="1",
               MYSTATUS_DEBUG_STATE_FILE=str(workdir / "debug-state.json"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    return env


def save_last_view(env: dict[str, str]) -> None:
    """What a previous session of the app would have left: the demo's numbers, saved."""
    from tray_app.config import Settings
    from tray_app.credentials import CredentialLoader
    from tray_app.credentials.copilot_pat import MemoryPatStore
    from tray_app.engine import Engine
    from tray_app.monitoring import store
    from tray_app.monitoring.state import merge
    from tray_app.monitoring.view import TrayView

    loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
    with Engine(loader, environ=env) as engine:
        view = merge(TrayView(), engine.refresh(), datetime.now(timezone.utc))
    path = Path(env["XDG_STATE_HOME"]) / "mystatus-tray" / "last_view.json"
    store.save_view(view, path)


def debug_state(env: dict[str, str]) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(env["MYSTATUS_DEBUG_STATE_FILE"]).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def app_colours(env: dict[str, str]) -> Colours:
    from tray_app.tray.icon import IconState, fill_colour

    def colours() -> list[tuple[int, int, int]]:
        state = debug_state(env)
        if state is None or not any(ch.isdigit() for ch in state["icon"]["text"]):
            return []  # no numbers yet: not what we wait for
        icon = IconState(**state["icon"])
        return [fill_colour(icon), fill_colour(replace(icon, stale=not icon.stale))]

    return colours


def launch(args: list[str], env: dict[str, str], colours: Colours, hosts: TrayHosts,
           timeout: float = 30.0) -> tuple[float | None, subprocess.Popen[bytes]]:
    """(seconds from spawn to the icon visible in a tray host, the running process)."""
    Path(env["MYSTATUS_DEBUG_STATE_FILE"]).unlink(missing_ok=True)
    log = open(Path(env["XDG_STATE_HOME"]).parent / "tray.log", "ab")  # noqa: SIM115
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", *args], env=env, cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    while time.perf_counter() - started < timeout and proc.poll() is None:
        wanted = colours()
        if wanted and hosts.count(wanted) >= MIN_PIXELS:
            return time.perf_counter() - started, proc
        time.sleep(0.01)
    return None, proc


def stop(proc: subprocess.Popen[bytes], colours: list[tuple[int, int, int]],
         hosts: TrayHosts) -> None:
    """SIGTERM, then wait until its icon has left the tray (the next launch must not see it)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    deadline = time.monotonic() + 10
    while colours and hosts.count(colours) > 0 and time.monotonic() < deadline:
        time.sleep(0.05)


def _wait_refresh(env: dict[str, str], proc: subprocess.Popen[bytes], after: int,
                  timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        state = debug_state(env)
        if state and state["refreshes"] > after and not state["refreshing"]:
            return int(state["refreshes"])
        time.sleep(0.005)
    raise RuntimeError(f"the tray did not finish refresh #{after + 1}")


def _launches(env: dict[str, str], hosts: TrayHosts, runs: int
              ) -> tuple[list[float], list[float], list[float], float | None, str]:
    """(app launch times, bare launch times, app spawn → first refresh shown, bare RSS,
    backend)."""
    app_times: list[float] = []
    fresh_times: list[float] = []
    bare_times: list[float] = []
    bare_rss: float | None = None
    backend = "?"
    bare = lambda: [BARE_COLOUR]  # noqa: E731
    for _ in range(runs):
        spawned = time.perf_counter()
        seconds, proc = launch(APP_ARGS, env, app_colours(env), hosts)
        if seconds is not None:
            _wait_refresh(env, proc, 0)
            fresh_times.append(time.perf_counter() - spawned)
        last = app_colours(env)()
        backend = str((debug_state(env) or {}).get("backend", backend))
        stop(proc, last, hosts)
        if seconds is None:
            raise RuntimeError("the tray app's icon never showed its numbers")
        app_times.append(seconds)
        seconds, proc = launch(["bench.bare_icon"], env, bare, hosts)
        time.sleep(0.5)
        bare_rss = procstat.rss_mib(proc.pid)
        stop(proc, [BARE_COLOUR], hosts)
        if seconds is None:
            raise RuntimeError("the bare pystray icon never showed")
        bare_times.append(seconds)
    return app_times, bare_times, fresh_times, bare_rss, backend


def measure(workdir: Path, runs: int, cycles: int, warmup: int, idle_seconds: float
            ) -> list[Figure]:
    for package in ("tray_app", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    hosts = TrayHosts()
    try:
        with SimProcess(workdir / "sim-tray") as sim:
            env = app_env(sim.environ, workdir)
            save_last_view(env)
            forget = codex_login_to_keyring(env)
            try:
                app_times, bare_times, fresh, bare_rss, backend = _launches(env, hosts, runs)
                figures = _launch_figures(app_times, bare_times, fresh, backend)
                figures += _process_figures(env, hosts, (warmup, cycles), idle_seconds,
                                            bare_rss)
            finally:
                forget()
    finally:
        hosts.close()
    return figures


def codex_login_to_keyring(env: dict[str, str]) -> Callable[[], None]:
    """The demo's Codex login moves from its file into the desktop's Secret Service, where
    Codex keeps it with `cli_auth_credentials_store = "keyring"`: the tray then reads the PAT
    and that entry through its keyring child, as a user's tray would. Returns the clean-up."""
    from tray_app.credentials.codex import KEYRING_SERVICE, keyring_account
    from tray_app.credentials.keyring_access import ChildKeyring
    from tray_app.secrets import Secret

    home = Path(env["CODEX_HOME"])
    account, path = keyring_account(home), home / "auth.json"
    keyring = ChildKeyring(timeout=30)
    keyring.write(KEYRING_SERVICE, account, Secret(path.read_text("utf-8")))
    path.unlink()

    def forget() -> None:
        keyring.delete(KEYRING_SERVICE, account)

    return forget


def _launch_figures(app: list[float], bare: list[float], fresh: list[float], backend: str
                    ) -> list[Figure]:
    how = (f"spawn → tray host shows the icon's colour (≥ {MIN_PIXELS} px), median of "
           f"{len(app)} alternating launches each, pystray backend {backend}")
    return [
        Figure("launch.ratio", "3. launch → icon with last numbers ÷ bare pystray app",
               median(app) / median(bare), "×", target=1.3, note=how),
        Figure("launch.app_s", "3. tray app launch (median)", median(app), "s"),
        Figure("launch.bare_s", "3. bare pystray icon launch (median)", median(bare), "s"),
        Figure("launch.fresh_s", "3. tray app launch → first refresh shown (median)",
               median(fresh), "s", note="the same launches, until the debug state says the "
               "first refresh (simulator latency 0) was published"),
    ]


def _idle(env: dict[str, str], proc: subprocess.Popen[bytes], seconds: float
          ) -> tuple[float | None, float | None, bool]:
    """(CPU % of one core, wake-ups per minute, no refresh ran) over `seconds` of idling."""
    time.sleep(2.0)  # let the last menu rebuild and the saved view settle
    before = (debug_state(env) or {}).get("refreshes")
    cpu0, ctx0, t0 = procstat.cpu_ns(proc.pid), procstat.context_switches(proc.pid), \
        time.monotonic()
    time.sleep(seconds)
    cpu1, ctx1, t1 = procstat.cpu_ns(proc.pid), procstat.context_switches(proc.pid), \
        time.monotonic()
    quiet = (debug_state(env) or {}).get("refreshes") == before
    cpu_d, ctx_d = procstat.delta(cpu0, cpu1), procstat.delta(ctx0, ctx1)
    cpu = None if cpu_d is None else cpu_d / 1e9 / (t1 - t0) * 100
    wakeups = None if ctx_d is None else ctx_d / (t1 - t0) * 60
    return cpu, wakeups, quiet


def _process_figures(env: dict[str, str], hosts: TrayHosts, counts: tuple[int, int],
                     idle: float, bare_rss: float | None) -> list[Figure]:
    warmup, cycles = counts
    _, proc = launch(APP_ARGS, env, app_colours(env), hosts)
    try:
        done = _wait_refresh(env, proc, 0)
        time.sleep(1.0)
        start = procstat.rss_mib(proc.pid)
        backend = str((debug_state(env) or {}).get("backend", "?"))
        codex_read = CODEX_EMAIL in json.dumps((debug_state(env) or {}).get("menu"))
        fresh = _idle(env, proc, idle)
        for i in range(warmup + cycles):
            if i == warmup:  # the fetch pool and the toolkit's menu caches have grown by now
                time.sleep(0.5)
                rss0, threads0 = procstat.rss_mib(proc.pid), procstat.threads(proc.pid)
            proc.send_signal(signal.SIGUSR1)
            done = _wait_refresh(env, proc, done)
        time.sleep(1.0)
        rss1, threads1 = procstat.rss_mib(proc.pid), procstat.threads(proc.pid)
        later = _idle(env, proc, idle)
    finally:
        stop(proc, app_colours(env)(), hosts)
    grow = None if rss0 is None or rss1 is None else rss1 - rss0
    window = f"{idle:.0f} s window with no refresh due; CPU = Σ threads' schedstat, " \
             "wake-ups = Σ threads' context switches"
    return [
        Figure("memory.tray_rss_start_mib", f"4. tray process RSS after the first refresh "
               f"({backend})", start, "MiB", target=62.0, note="after the icon docked and the "
               "first refresh was shown (the Copilot PAT and Codex's login read from the Secret "
               "Service by a child process" + ("" if codex_read else
                                                ": Codex's account NOT shown!") + "); a bare "
               f"pystray icon app: {bare_rss or 0:.1f} MiB"),
        Figure("memory.tray_rss_after_cycles_mib", f"4. tray process RSS after "
               f"{warmup + cycles} refreshes ({backend})", rss1, "MiB", target=62.0,
               note="the same process after the forced refreshes below"),
        Figure("memory.tray_rss_growth_mib", f"4. tray process RSS growth, {cycles} refreshes",
               grow, "MiB", target=0.3, note=f"SIGUSR1 = refresh now, waited for each one "
               f"(debug state), after {warmup} warm-up refreshes: {rss0 or 0:.1f} → "
               f"{rss1 or 0:.1f} MiB"),
        Figure("memory.tray_thread_growth", f"4. tray process thread growth, {cycles} refreshes",
               None if threads0 is None or threads1 is None else float(threads1 - threads0),
               "", target=0.0, note=f"{threads0} → {threads1} threads"),
        *_idle_figures("", "after start", fresh, f"tray process ({backend}) just after its "
                       f"first refresh, {window}"),
        *_idle_figures(".after_cycles", f"after {warmup + cycles} refreshes", later,
                       "the same process after the forced refreshes above"),
    ]


def _idle_figures(suffix: str, when: str, idle: tuple[float | None, float | None, bool],
                  note: str) -> list[Figure]:
    cpu, wakeups, quiet = idle
    note += "" if quiet else " (a refresh ran inside the window!)"
    return [
        Figure(f"idle.cpu_percent{suffix}", f"5. idle CPU {when} (% of one core)", cpu, "%",
               target=0.1, note=note),
        Figure(f"idle.wakeups_per_min{suffix}", f"5. idle wake-ups per minute {when}", wakeups,
               "/min"),
    ]
