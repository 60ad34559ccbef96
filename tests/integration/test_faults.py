"""Every provider × every generic fault of the simulator: the affected provider shows the
right error kind, every other provider's numbers are intact, and the next healthy refresh
recovers. Runs the real engine against the real loopback simulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind
from tray_app.model import Snapshot
from tray_app.net.http import HttpClient
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment, demo_pat

# simulator prefix → provider id whose quota endpoint lives there
PREFIXES = {
    "openai": "openai",
    "zhipu": "zhipu",
    "zai": "zai",
    "github": "copilot",
    "antigravity": "antigravity",
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


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Simulator, Engine]]:
    with Simulator(timeout_delay=3.0) as sim:
        env = demo_environment(sim, tmp_path_factory.mktemp("faults"))
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        engine = Engine(loader, HttpClient(timeout=1.0), environ=env)
        yield sim, engine
        engine.close()


def _healthy_ids(snap: Snapshot) -> set[str]:
    return {p.id for p in snap.providers if not p.failed and all(a.windows for a in p.accounts)}


def test_baseline_all_healthy(rig: tuple[Simulator, Engine]) -> None:
    _, engine = rig
    snap = engine.refresh()
    assert _healthy_ids(snap) == {p.id for p in snap.providers}
    assert {p.id for p in snap.providers} >= {"zhipu", "zai"}


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
    broken = snap.provider(provider_id)
    assert broken is not None
    errors = [a.error for a in broken.accounts if a.error is not None]
    assert errors, f"{provider_id} under {scenario} reported no error"
    for error in errors:
        assert error.kind in EXPECTED[scenario], (scenario, error)
        if scenario == "http_429":
            assert error.retry_after == 30
        if scenario in ("http_500", "http_503"):
            assert error.status == int(scenario[5:])
    others = {p.id for p in baseline.providers} - {provider_id}
    assert _healthy_ids(snap) >= others, f"{scenario} on {provider_id} hurt another provider"
    recovered = engine.refresh()
    assert provider_id in _healthy_ids(recovered)
