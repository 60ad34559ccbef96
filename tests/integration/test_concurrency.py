"""Providers and accounts are fetched concurrently: with 400 ms latency on every endpoint, all
quota requests of one refresh are in flight at once, and one slow or failing provider neither
delays nor hides another."""

from __future__ import annotations

import time
from pathlib import Path

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind
from tray_app.net.http import HttpClient
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment, demo_pat

LATENCY = 0.4


def _engine(sim: Simulator, tmp_path: Path, timeout: float = 10.0) -> Engine:
    env = demo_environment(sim, tmp_path)
    loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
    return Engine(loader, HttpClient(timeout=timeout), environ=env)


def test_all_five_providers_and_every_account_overlap(tmp_path: Path) -> None:
    with Simulator(latency=LATENCY) as sim, _engine(sim, tmp_path) as engine:
        engine.refresh()  # warm-up: Google access tokens get cached
        sim.reset_counts()
        started = time.monotonic()
        snap = engine.refresh()
        elapsed = time.monotonic() - started
        requests = sim.total_requests
        overlap = sim.max_in_flight
    accounts = sum(len(p.accounts) for p in snap.providers)
    assert {p.id for p in snap.providers} == {"openai", "zhipu", "zai", "copilot", "antigravity",
                                              "claude", "opencode-go", "kimi", "minimax"}
    assert not snap.any_failed, [a.error for p in snap.providers for a in p.accounts if a.error]
    assert accounts >= 7 and requests == accounts  # one request per account once warmed up
    assert overlap == accounts, f"only {overlap} of {accounts} requests overlapped"
    assert elapsed < accounts * LATENCY / 2, (
        f"{elapsed:.2f}s is not well under {accounts * LATENCY:.1f}s"
    )


def test_a_hanging_provider_does_not_delay_or_hide_the_others(tmp_path: Path) -> None:
    with Simulator(timeout_delay=5.0) as sim, _engine(sim, tmp_path, timeout=1.5) as engine:
        sim.set_scenario("openai", "timeout")
        sim.set_latency("zai", 0.3)
        snap = engine.refresh()
    openai = snap.provider("openai")
    assert openai is not None and openai.accounts[0].error is not None
    assert openai.accounts[0].error.kind is ErrorKind.TIMEOUT
    for pid in ("zhipu", "zai", "copilot", "antigravity", "claude", "opencode-go", "kimi",
                "minimax"):
        usage = snap.provider(pid)
        assert usage is not None and not usage.failed and usage.accounts[0].windows, pid
