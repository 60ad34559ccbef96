"""Every provider × every generic fault of the simulator (plus a closed port, and the Google
token endpoint): the affected provider shows the right error kind (missing fields: an error or
"unknown", never a number), every other provider's numbers are intact, the process stays
alive, and the next healthy refresh recovers. Runs the real engine (and once the real CLI)
against the real loopback simulator."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind
from tray_app.model import Snapshot
from tray_app.net.endpoints import env_var
from tray_app.net.http import HttpClient
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_auth, demo_environment, demo_pat

# simulator prefix → provider id whose quota endpoint lives there
PREFIXES = {
    "openai": "openai",
    "zhipu": "zhipu",
    "zai": "zai",
    "github": "copilot",
    "antigravity": "antigravity",
    "anthropic": "claude",
    "opencode-go": "opencode-go",
    "kimi": "kimi",
    "minimax": "minimax",
}
AUTH = {ErrorKind.HTTP_ERROR, ErrorKind.TOKEN_EXPIRED, ErrorKind.COPILOT_PAT_REQUIRED}
EXPECTED: dict[str, set[ErrorKind]] = {
    "http_401": AUTH,
    "http_403": AUTH | {ErrorKind.VERIFICATION_REQUIRED},
    "http_404": {ErrorKind.HTTP_ERROR, ErrorKind.COPILOT_PAT_REQUIRED},
    "http_429": {ErrorKind.RATE_LIMITED},
    "http_500": {ErrorKind.HTTP_ERROR},
    "http_503": {ErrorKind.HTTP_ERROR},
    "timeout": {ErrorKind.TIMEOUT},
    "trickle": {ErrorKind.TIMEOUT},
    "malformed": {ErrorKind.INVALID_RESPONSE},
    "html": {ErrorKind.HTTP_ERROR},
    "wrong_types": {ErrorKind.INVALID_RESPONSE},
    "huge": {ErrorKind.INVALID_RESPONSE},
    "reset": {ErrorKind.NETWORK_ERROR},
}
# No figure at all: an error saying so, or windows shown as "unknown" (never 0 % / 100 %).
UNKNOWN = {"empty", "missing_fields"}
EXPECTED.update({name: {ErrorKind.INVALID_RESPONSE} for name in UNKNOWN})
URL_KEYS = {"openai": ("openai",), "zhipu": ("zhipu",), "zai": ("zai",), "github": ("github",),
            # both Antigravity hosts: the daily one alone answering would be a healthy account
            "antigravity": ("antigravity", "antigravity_daily"), "anthropic": ("anthropic",),
            "opencode-go": ("opencode",), "kimi": ("kimi",), "minimax": ("minimax",)}


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Simulator, Engine]]:
    with Simulator(timeout_delay=4.0) as sim:
        env = demo_environment(sim, tmp_path_factory.mktemp("faults"))
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        engine = Engine(loader, HttpClient(timeout=2.0), environ=env)
        yield sim, engine
        engine.close()


def _healthy_ids(snap: Snapshot) -> set[str]:
    return {p.id for p in snap.providers if not p.failed and all(a.windows for a in p.accounts)}


def test_baseline_all_healthy(rig: tuple[Simulator, Engine]) -> None:
    _, engine = rig
    snap = engine.refresh()
    assert _healthy_ids(snap) == {p.id for p in snap.providers}
    assert {p.id for p in snap.providers} >= {"zhipu", "zai"}


def _check_broken(snap: Snapshot, provider_id: str, scenario: str) -> None:
    broken = snap.provider(provider_id)
    assert broken is not None
    assert broken.accounts, f"{provider_id} under {scenario} lost its accounts"
    for account in broken.accounts:
        if scenario in UNKNOWN and account.error is None:
            numbers = [w.id for w in account.windows if w.used_percent is not None]
            assert not numbers, f"{provider_id} under {scenario} made up figures {numbers}"
            continue
        error = account.error
        assert error is not None, f"{provider_id}/{account.label} under {scenario}: no error"
        assert error.kind in EXPECTED[scenario], (scenario, error)
        if scenario == "http_429":
            assert error.retry_after == 30
        if scenario in ("http_500", "http_503"):
            assert error.status == int(scenario[5:])


def _intact(baseline: Snapshot, snap: Snapshot, provider_id: str, what: str) -> None:
    others = {p.id for p in baseline.providers} - {provider_id}
    assert _healthy_ids(snap) >= others, f"{what} on {provider_id} hurt another provider"


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_fault_is_isolated_and_recovers(
    rig: tuple[Simulator, Engine], prefix: str, scenario: str
) -> None:
    sim, engine = rig
    provider_id = PREFIXES[prefix]
    baseline = engine.refresh()
    if baseline.provider(provider_id) is None:
        pytest.fail(f"{provider_id} has no demo account")
    sim.set_scenario(prefix, scenario)
    try:
        snap = engine.refresh()
    finally:
        sim.set_scenario(prefix, "healthy")
    _check_broken(snap, provider_id, scenario)
    _intact(baseline, snap, provider_id, scenario)
    recovered = engine.refresh()
    assert provider_id in _healthy_ids(recovered)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again on exit: nothing listens there


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_connection_refused_is_isolated_and_recovers(
    tmp_path: Path, prefix: str
) -> None:
    """The base URL points at a closed loopback port: network_error, and back when fixed."""
    provider_id = PREFIXES[prefix]
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)  # a plain dict: the engine reads it each call
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        with Engine(loader, HttpClient(timeout=2.0), environ=env) as engine:
            baseline = engine.refresh()
            real = {env_var(key): env[env_var(key)] for key in URL_KEYS[prefix]}
            env.update({var: f"http://127.0.0.1:{_closed_port()}" for var in real})
            snap = engine.refresh()
            env.update(real)
            recovered = engine.refresh()
    for account in snap.provider(provider_id).accounts:  # type: ignore[union-attr]
        assert account.error is not None and account.error.kind is ErrorKind.NETWORK_ERROR
    _intact(baseline, snap, provider_id, "connection refused")
    assert provider_id in _healthy_ids(recovered)


GOOGLE_TOKEN: dict[str, set[ErrorKind]] = {
    "http_401": {ErrorKind.HTTP_ERROR}, "http_500": {ErrorKind.HTTP_ERROR},
    "http_429": {ErrorKind.RATE_LIMITED}, "timeout": {ErrorKind.TIMEOUT},
    "malformed": {ErrorKind.INVALID_RESPONSE}, "html": {ErrorKind.HTTP_ERROR},
    "wrong_types": {ErrorKind.INVALID_RESPONSE}, "empty": {ErrorKind.INVALID_RESPONSE},
    "huge": {ErrorKind.INVALID_RESPONSE},
    "reset": {ErrorKind.NETWORK_ERROR}, "invalid_grant": {ErrorKind.TOKEN_EXPIRED},
}


@pytest.mark.parametrize("scenario", sorted(GOOGLE_TOKEN))
def test_google_token_endpoint_faults(tmp_path: Path, scenario: str) -> None:
    """The token exchange of a fresh engine (nothing cached) fails: every Antigravity account
    says why, the other providers are intact, and the next refresh gets a token."""
    with Simulator(timeout_delay=4.0) as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        with Engine(loader, HttpClient(timeout=2.0), environ=env) as engine:
            sim.set_scenario("google-oauth", scenario)
            snap = engine.refresh()
            sim.set_scenario("google-oauth", "healthy")
            recovered = engine.refresh()
    accounts = snap.provider("antigravity").accounts  # type: ignore[union-attr]
    assert len(accounts) == 3
    for account in accounts:
        assert account.error is not None and account.error.kind in GOOGLE_TOKEN[scenario]
    assert _healthy_ids(snap) >= {"openai", "zhipu", "zai", "copilot"}
    assert "antigravity" in _healthy_ids(recovered)


def _kinds(document: dict[str, object], provider_id: str) -> set[str]:
    providers = document["providers"]
    assert isinstance(providers, list)
    (entry,) = [p for p in providers if p["id"] == provider_id]
    return {a["error"]["kind"] for a in entry["accounts"] if a.get("error")}


def test_real_cli_survives_every_provider_failing_at_once(tmp_path: Path) -> None:
    """The process stays alive: `status --json` with a different fault on each provider
    exits 1 with a complete document, each provider carrying its own error."""
    home = tmp_path / "home"
    home.mkdir()
    faults = {"openai": "huge", "zhipu": "malformed", "zai": "reset", "github": "http_503",
              "antigravity": "trickle", "anthropic": "http_401"}
    with Simulator(faults, timeout_delay=4.0) as sim:
        env = demo_environment(sim, tmp_path / "demo")
        cli = cli_env(home, sim, MYSTATUS_TIMEOUT="1.5", **{
            k: v for k, v in env.items()
            if k.startswith(("XDG_DATA", "XDG_CONFIG", "OPENCODE", "CLAUDE"))
        })
        result = run_cli(["status", "--json"], cli)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert _kinds(document, "openai") == {"invalid_response"}
    assert _kinds(document, "zhipu") == {"invalid_response"}
    assert _kinds(document, "zai") == {"network_error"}
    assert _kinds(document, "copilot") <= {"http_error", "copilot_pat_required"}
    assert _kinds(document, "antigravity") == {"timeout"}
    assert _kinds(document, "claude") == {"http_error"}
    assert demo_auth()  # the demo credentials were really in use
