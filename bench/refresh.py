"""Figures 1 and 2: refresh concurrency (wall time ÷ one request's latency, next to a forced-
sequential refresh of the same engine in the same run) and requests per refresh per account.

The simulator runs in its own process (bench/simhost.py) with the demo credential set:
5 providers, 7 accounts (3 of them Antigravity). Timed refreshes are warm (Google access
tokens cached, Copilot path known), which is the steady state of the tray; the first, cold
refresh is reported for information.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.report import Figure, median
from bench.simhost import SimProcess
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.model import Snapshot
from tray_app.net.http import HttpClient
from tray_app.simulator.demo import demo_pat

LATENCY = 0.4
CONSECUTIVE = 20


def _engine(env: dict[str, str]) -> Engine:
    loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
    return Engine(loader, HttpClient(timeout=10.0), environ=env)


def _accounts(snap: Snapshot) -> int:
    failed = [(p.id, a.error.kind.value) for p in snap.providers for a in p.accounts if a.error]
    if failed or snap.problems:
        raise RuntimeError(f"the demo refresh failed: {failed} {snap.problems}")
    return sum(len(p.accounts) for p in snap.providers)


def _timed(engine: Engine, *, sequential: bool) -> tuple[float, Snapshot]:
    started = time.perf_counter()
    snap = engine.refresh(sequential=sequential)
    return time.perf_counter() - started, snap


def measure(workdir: Path, runs: int) -> list[Figure]:
    with SimProcess(workdir / "sim-refresh", latency=LATENCY) as sim:
        with _engine(sim.environ) as engine:
            cold, snap = _timed(engine, sequential=False)
            accounts = _accounts(snap)
            providers = len(snap.providers)
            concurrent: list[float] = []
            sequential: list[float] = []
            for _ in range(runs):  # interleaved, so both see the same machine load
                elapsed, snap = _timed(engine, sequential=False)
                _accounts(snap)
                concurrent.append(elapsed)
                elapsed, snap = _timed(engine, sequential=True)
                _accounts(snap)
                sequential.append(elapsed)
        sim.latency(0.0)
        with _engine(sim.environ) as engine:  # a fresh engine: nothing cached yet
            sim.reset_counts()
            for _ in range(CONSECUTIVE):
                _accounts(engine.refresh())
            requests = sim.total_requests()
    ratio, seq_ratio = median(concurrent) / LATENCY, median(sequential) / LATENCY
    how = (f"{providers} providers, {accounts} accounts, every endpoint answers after "
           f"{LATENCY * 1000:.0f} ms; median of {runs} warm refreshes")
    return [
        Figure("refresh.concurrent_ratio", "1. refresh wall time ÷ 400 ms (concurrent)", ratio,
               "×", target=1.15, note=how),
        Figure("refresh.sequential_ratio", "1. same engine, refresh(sequential=True)", seq_ratio,
               "×", note=f"speed-up {seq_ratio / ratio:.1f}× from concurrency, same run"),
        Figure("refresh.cold_ratio", "1. first (cold) refresh ÷ 400 ms", cold / LATENCY, "×",
               note="includes the Google token exchanges and the summary → models probe"),
        Figure("refresh.accounts", "1. accounts refreshed", float(accounts), ""),
        Figure("requests.per_account", f"2. requests per refresh ÷ accounts ({CONSECUTIVE}×)",
               requests / (CONSECUTIVE * accounts), "", target=1.1,
               note=f"{requests} requests counted by the simulator over {CONSECUTIVE} refreshes "
                    f"of a fresh engine × {accounts} accounts"),
    ]
