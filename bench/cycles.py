"""Figure 4 (and 5 without a desktop): the tray's refresh cycle in a clean child process.

Child: `python -m bench.cycles --cycles N [--warmup W] [--serve]` with the simulator's
environment. It builds what `run_tray` builds minus pystray: the engine, the `Poller`
publishing to the icon renderer + menu builder, alerts, and the saved view in the state dir;
then calls `Poller.refresh_once(full=True)` N times (each = one full refresh with every
account fetched, merged, rendered, notified and saved) and prints RSS/threads/sockets as JSON.
With --serve it then runs the real poller thread (5-minute interval) until stdin closes, so
the parent can watch it idle from /proc.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bench import procstat


def _poller_for(env: Mapping[str, str], *, timeout: float = 10.0,
                state_dir: Path | None = None, wrap: Callable[[Any], Any] | None = None
                ) -> tuple[Any, Any]:
    """(engine, poller) wired as run_tray wires them, minus pystray: the demo credentials
    in `env`, the view and alert state saved in `state_dir` (default: the state dir)."""
    from bench.render import compose
    from tray_app.config import Settings
    from tray_app.credentials import CredentialLoader
    from tray_app.credentials.copilot_pat import MemoryPatStore
    from tray_app.engine import Engine
    from tray_app.monitoring import store
    from tray_app.monitoring.poller import Poller
    from tray_app.monitoring.view import TrayView
    from tray_app.net.http import HttpClient
    from tray_app.simulator.demo import demo_pat
    from tray_app.tray.settings_box import SettingsBox

    settings = SettingsBox(Settings())
    loader = CredentialLoader(settings.get(), environ=env,
                              pat_store=MemoryPatStore(demo_pat()))
    engine = Engine(loader, HttpClient(timeout=timeout), environ=env)
    view_path = (state_dir or store.state_file("")) / "last_view.json"
    alerts_path = view_path.with_name("alerts.json")
    alerts: list[object] = []

    def publish(view: TrayView) -> None:
        compose(view, settings.get())

    def keep(alert: object) -> None:
        alerts.append(alert)
        del alerts[:-100]  # a bounded record: the soak must not grow because of its probe

    poller = Poller(
        wrap(engine) if wrap is not None else engine, settings, lang=lambda: "en",
        publish=publish, notify=keep,
        save_view=lambda view: store.save_view(view, view_path),
        save_alerts=lambda state: store.save_alert_state(state, alerts_path),
    )
    return engine, poller


def _sample() -> dict[str, float | int | None]:
    gc.collect()
    return {"rss_mib": procstat.rss_mib(), "threads": procstat.threads(),
            "sockets": procstat.sockets()}


def _settled(before: dict[str, float | int | None], wait: float = 2.0
             ) -> dict[str, float | int | None]:
    """A sample once the thread and socket counts are back to `before`, or after `wait` s.
    A joined thread can still be listed in /proc for a moment (the OS thread exits after
    Python's join returns; longer on a loaded machine); a leaked one stays."""
    deadline = time.monotonic() + wait
    while True:
        sample = _sample()
        back = all((sample[k] or 0) <= (before[k] or 0) for k in ("threads", "sockets"))
        if back or time.monotonic() >= deadline:
            return sample
        time.sleep(0.05)


def _child(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cycles")
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args(argv)
    before = _sample()
    engine, poller = _poller_for(os.environ)
    view = poller.refresh_once(full=True)
    after_start = _sample()
    for _ in range(args.warmup):
        poller.refresh_once(full=True)
    baseline = _sample()
    most = int(baseline["sockets"] or 0)
    for i in range(args.cycles):
        view = poller.refresh_once(full=True)
        if i % 10 == 0:
            most = max(most, procstat.sockets() or 0)
    failed = [a.error.kind.value for p in view.providers for a in p.usage.accounts if a.error]
    end = _sample()
    result = {"before": before, "after_start": after_start, "baseline": baseline, "end": end,
              "most_sockets": most, "cycles": args.cycles, "warmup": args.warmup,
              "failed": failed, "refreshes": poller.refreshes}
    if args.serve:
        print(json.dumps(result), flush=True)
        poller.start()
        sys.stdin.read()  # until the parent closes it
        poller.stop()
        poller.join(timeout=5)
    engine.close()  # shuts the fetch pool and the HTTP pool: back to `before`
    result["closed"] = _settled(before)
    print(json.dumps(result), flush=True)
    return 0


def child_env(sim_environ: dict[str, str], workdir: Path) -> dict[str, str]:
    """The parent's environment + the demo credentials, a private state dir, no keyring."""
    env = dict(os.environ)
    env.update(sim_environ)
    env["XDG_STATE_HOME"] = str(workdir / "state")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return env


def spawn(env: dict[str, str], cycles: int, warmup: int, *, serve: bool
          ) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.cycles", "--cycles", str(cycles), "--warmup", str(warmup),
         *(["--serve"] if serve else [])],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        cwd=Path(__file__).resolve().parents[1],
    )


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))


# ------------------------------------------------------------------ parent side (figures)
def measure(workdir: Path, cycles: int, warmup: int) -> list[Any]:
    from bench.report import Figure
    from bench.simhost import SimProcess

    with SimProcess(workdir / "sim-cycles") as sim:
        started = time.perf_counter()
        proc = spawn(child_env(sim.environ, workdir / "cycles"), cycles, warmup, serve=False)
        out, _ = proc.communicate(timeout=3600)
        elapsed = time.perf_counter() - started
    data = json.loads(out.strip().splitlines()[-1])
    if data["failed"]:
        raise RuntimeError(f"refresh cycles failed: {data['failed']}")
    start, base, end = data["after_start"], data["baseline"], data["end"]
    before, closed = data["before"], data["closed"]
    how = (f"a child process runs the tray's cycle without pystray: Poller.refresh_once"
           f"(full=True) = engine refresh of all 7 accounts (latency 0) + merge + icon render "
           f"+ menu build + alerts + saved view; {warmup} warm-up cycles, then {cycles} "
           f"measured ({elapsed / (cycles + warmup + 1) * 1000:.1f} ms per cycle)")
    return [
        Figure("memory.cycle_rss_start_mib", "4. RSS after start (engine + poller, no toolkit)",
               start["rss_mib"], "MiB", note=how),
        Figure("memory.cycle_rss_growth_mib", f"4. RSS growth over {cycles} refresh cycles",
               end["rss_mib"] - base["rss_mib"], "MiB", target=1.0,
               note=f"{base['rss_mib']:.2f} MiB after warm-up → {end['rss_mib']:.2f} MiB"),
        Figure("memory.cycle_thread_growth", f"4. thread growth over {cycles} cycles",
               float(end["threads"] - base["threads"]), "", target=0.0,
               note=f"{start['threads']} after the first refresh, {base['threads']} after "
                    f"warm-up (the fetch pool), {end['threads']} at the end"),
        Figure("memory.cycle_sockets_open", f"4. sockets open during {cycles} cycles (max)",
               float(data["most_sockets"]), "",
               note=f"{base['sockets']} after warm-up, {end['sockets']} at the end: the httpx "
                    "keep-alive pool, at most one per account fetched at once"),
        Figure("memory.leaked_sockets", "4. sockets left after engine.close()",
               float(closed["sockets"] - before["sockets"]), "", target=0.0,
               note=f"{before['sockets']} before the engine existed, {closed['sockets']} after"),
        Figure("memory.leaked_threads", "4. threads left after engine.close()",
               float(closed["threads"] - before["threads"]), "", target=0.0,
               note=f"{before['threads']} before the engine existed, {closed['threads']} after"),
    ]


def measure_idle_headless(workdir: Path, seconds: float) -> list[Any]:
    """Figure 5 without a desktop: the poller thread of a tray without its toolkit."""
    from bench.report import Figure
    from bench.simhost import SimProcess

    with SimProcess(workdir / "sim-idle") as sim:
        proc = spawn(child_env(sim.environ, workdir / "idle"), 0, 0, serve=True)
        assert proc.stdout is not None and proc.stdin is not None
        proc.stdout.readline()  # the first refresh is done
        time.sleep(2.0)  # the poller thread has started, refreshed and gone to sleep
        cpu0, ctx0 = procstat.cpu_ns(proc.pid), procstat.context_switches(proc.pid)
        t0 = time.monotonic()
        time.sleep(seconds)
        cpu1, ctx1 = procstat.cpu_ns(proc.pid), procstat.context_switches(proc.pid)
        window = time.monotonic() - t0
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()
    cpu_d, ctx_d = procstat.delta(cpu0, cpu1), procstat.delta(ctx0, ctx1)
    cpu = None if cpu_d is None else cpu_d / 1e9 / window * 100
    wakeups = None if ctx_d is None else ctx_d / window * 60
    note = (f"NO DESKTOP: engine + poller thread without pystray/toolkit, {window:.0f} s window "
            f"(run under tools/ci-desktop.sh for the real tray process)")
    return [
        Figure("idle.cpu_percent", "5. idle CPU, headless poller (% of one core)", cpu, "%",
               target=0.1, note=note),
        Figure("idle.wakeups_per_min", "5. idle wake-ups per minute, headless poller",
               wakeups, "/min"),
    ]
