"""The tray's engine child (engine_child.py, issue 17 §6) against the real simulator on
loopback: each refresh runs in a short-lived child process, gives the numbers the in-process
engine gives, keeps the providers' memory across refreshes (so a steady refresh costs the
same requests), tells the discovered providers before the fetches end, and fails as a bug
would (ChildFailed) when the child crashes or hangs, never leaving a process behind. A clean
interpreter doing what the tray does proves httpx and the provider modules stay out of it."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mystatus_testkit.cli import ROOT

from tray_app import engine_child
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.keyring_access import NoKeyring
from tray_app.engine import Engine
from tray_app.engine_child import ChildEngine, ChildFailed, ChildJson
from tray_app.errors import QuotaError
from tray_app.model import Snapshot
from tray_app.secrets import Secret, mask
from tray_app.simulator import Simulator
from tray_app.simulator.demo import bypass_proxy_for_loopback, demo_environment, demo_pat


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Simulator, CredentialLoader, dict[str, str]]]:
    bypass_proxy_for_loopback()
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()),
                                  keyring=NoKeyring())
        yield sim, loader, env


def _numbers(snap: Snapshot) -> list[tuple[str, str, str | None, list[tuple[str, float | None]]]]:
    return [(p.id, a.label, a.error.kind.value if a.error else None,
             [(w.id, w.used_percent) for w in a.windows])
            for p in snap.providers for a in p.accounts]


def test_the_child_gives_the_numbers_the_engine_gives(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]]) -> None:
    _, loader, env = demo
    with Engine(loader, environ=env) as engine:
        expected = engine.refresh()
    child = ChildEngine(loader, environ=env)
    discovered: list[tuple[str, ...]] = []
    child.on_discovered = discovered.append
    got = child.refresh()
    assert _numbers(got) == _numbers(expected)
    assert len(_numbers(got)) >= 12 and not [n for n in _numbers(got) if n[2]]  # all fetched
    assert discovered == [tuple(p.id for p in expected.providers)]
    assert child.children == 1
    only = child.refresh(only=["zhipu"])
    assert [p.id for p in only.providers] == ["zhipu"] and only.requested == ("zhipu",)


def test_the_providers_memory_travels_so_a_steady_refresh_costs_the_same(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]]) -> None:
    """Antigravity's access tokens and Copilot's working path are remembered between
    refreshes: the child's second refresh asks what the long-lived engine's second asks."""
    sim, loader, env = demo
    with Engine(loader, environ=env) as engine:
        engine.refresh()
        sim.reset_counts()
        engine.refresh()
        in_process = dict(sim.counts)
    child = ChildEngine(loader, environ=env)
    sim.reset_counts()
    child.refresh()
    first = sum(sim.counts.values())
    assert child.memory  # kept, pickled: the tray never unpickles it
    sim.reset_counts()
    child.refresh()
    assert dict(sim.counts) == in_process
    assert sum(in_process.values()) < first  # the first refresh asked for access tokens too


def test_a_crashing_or_hanging_child_is_a_failure_and_leaves_no_process(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, loader, env = demo
    started: list[subprocess.Popen[bytes]] = []
    child = ChildEngine(loader, environ=env, timeout=2.0)
    monkeypatch.setattr(child, "_started", started.append)
    monkeypatch.setattr(engine_child, "command",
                        lambda: [sys.executable, "-c", "import sys; sys.exit('boom at start')"])
    with pytest.raises(ChildFailed, match="ended with 1: boom at start"):
        child.refresh()
    monkeypatch.setattr(engine_child, "command",
                        lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    with pytest.raises(ChildFailed):
        child.refresh()  # killed after 2 s
    assert len(started) == 2 and all(p.poll() is not None for p in started)


def test_the_status_pages_get_in_the_child(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]]) -> None:
    sim, _, _ = demo
    get = ChildJson(timeout=5.0)
    summary = get(f"{sim.url}/status-openai/api/v2/summary.json", "openai")
    assert isinstance(summary, dict) and "status" in summary
    with pytest.raises(QuotaError) as failed:
        get(f"{sim.url}/status-openai/no/such/page", "openai")
    assert failed.value.info.status == 404


SCRUB_PROBE = """
import logging, pickle, sys
from tray_app import engine_child
secret = pickle.loads(sys.stdin.buffer.read())  # as the child receives the credentials
sent = []
handler = engine_child._PipeLog(lambda kind, value: sent.append((kind, value)))
handler.emit(logging.LogRecord("tray_app.providers.zhipu", logging.ERROR, "x", 1,
                               "the server echoed %s", (secret.reveal(),), None))
print(repr(sent))
"""


def test_the_childs_log_lines_are_scrubbed_before_they_leave_it() -> None:
    """A key the child only knows from the pickled credentials (any shape: no pattern
    matches it) is still a known secret there, masked in what it sends back."""
    key = "zk." + "A1b2C3d4" * 5
    out = subprocess.run([sys.executable, "-c", SCRUB_PROBE], input=pickle.dumps(Secret(key)),
                         capture_output=True, timeout=60, cwd=ROOT, check=True)
    sent = out.stdout.decode()
    assert "'log'" in sent and "the server echoed" in sent
    assert key not in sent and mask(key) in sent


PROBE = """
import json, sys
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.keyring_access import NoKeyring
from tray_app.engine_child import ChildEngine, ChildJson
from tray_app.secrets import Secret
import tray_app.tray.services, tray_app.tray.app, tray_app.monitoring.poller
env = json.loads(sys.argv[1])
pat = Secret(sys.argv[2]) if sys.argv[2] else None
loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(pat),
                          keyring=NoKeyring())
engine = ChildEngine(loader, environ=env)
snap = engine.refresh()
snap = engine.refresh()
ChildJson(5.0)(sys.argv[3], "openai")
print(json.dumps({"accounts": sum(len(p.accounts) for p in snap.providers),
                  "in_tray": sorted(m for m in sys.modules if m.split(".")[0] in (
                      "httpx", "httpcore", "h11", "certifi", "anyio")
                      or m.startswith(("tray_app.providers.", "tray_app.net.http"))
                      and m not in ("tray_app.providers.names", "tray_app.providers.parse"))}))
"""


def test_a_tray_refreshing_through_the_child_never_imports_httpx(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]]) -> None:
    sim, _, env = demo
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(env), (demo_pat() or Secret("")).reveal(),
         f"{sim.url}/status-openai/api/v2/summary.json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["accounts"] >= 12
    assert result["in_tray"] == []


def test_quit_during_a_refresh_kills_its_child_at_once(
        demo: tuple[Simulator, CredentialLoader, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The tray's quit (tray/app.py) closes the engine before waiting on the poller: a child
    stuck on a slow network is killed, the refresh ends, no process is left."""
    _, loader, env = demo
    started: list[subprocess.Popen[bytes]] = []
    child = ChildEngine(loader, environ=env, timeout=120.0)
    real_started = child._started
    monkeypatch.setattr(child, "_started", lambda p: (started.append(p), real_started(p)))
    monkeypatch.setattr(engine_child, "command",
                        lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    failed: list[BaseException] = []

    def refresh() -> None:
        try:
            child.refresh()
        except ChildFailed as exc:
            failed.append(exc)

    worker = threading.Thread(target=refresh)
    worker.start()
    deadline = time.monotonic() + 30
    while not started and time.monotonic() < deadline:
        time.sleep(0.01)  # waits on the state: the child is running
    child.close()
    worker.join(timeout=30)
    assert not worker.is_alive() and len(failed) == 1
    assert started[0].wait(timeout=10) is not None
