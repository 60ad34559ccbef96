"""Provider status pages end to end: the real CLI in subprocesses against the simulator's
Statuspage feeds (none, degraded, major outage, resolved). Only the pages of providers with
accounts are asked, at most every few minutes whoever asks; incidents reach `status` text and
JSON (as documented), the bar tooltip and the MCP server; a failing provider says its page
reports an outage; `provider_status = false` asks nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator, sim_claude


def _claude_login(home: Path) -> None:
    (home / ".claude").mkdir(parents=True, exist_ok=True)
    (home / ".claude" / ".credentials.json").write_text(json.dumps(sim_claude.credentials()))
    (home / ".claude.json").write_text(json.dumps(sim_claude.global_config()))


def _status_requests(sim: Simulator) -> dict[str, int]:
    return {k.split()[0]: v for k, v in sim.counts.items() if k.startswith("status-")}


# A busy machine may take longer than the 2 s grace to answer even from loopback: the tests
# give the pages all the time they need (the waiting itself is asserted elsewhere).
WAIT = {"MYSTATUS_STATUS_WAIT": "30"}


@pytest.fixture
def env(sim: Simulator, home: Path) -> dict[str, str]:
    _claude_login(home)
    return cli_env(home, sim, **WAIT)


def _json(env: dict[str, str], *extra: str) -> dict[str, Any]:
    result = run_cli(["status", "--json", *extra], env)
    assert result.returncode in (0, 1), result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    validate(doc, "document")
    return doc


@pytest.mark.parametrize("scenario, expected", [
    ("healthy", []),
    ("degraded", [("degraded", ["Claude Code"], "investigating")]),
    ("major_outage", [("major_outage", ["Claude Code"], "identified")]),  # not claude.ai's
    ("resolved", []),
])
def test_each_feed_scenario(sim: Simulator, env: dict[str, str], scenario: str,
                            expected: list[tuple[str, list[str], str]]) -> None:
    sim.set_scenario("status-claude", scenario)
    doc = _json(env)
    assert [(i["severity"], i["components"], i["status"]) for i in doc["incidents"]] == expected
    assert _status_requests(sim) == {"status-claude": 1}  # only the page of our accounts


def test_at_most_every_few_minutes_whoever_asks(sim: Simulator, env: dict[str, str]) -> None:
    sim.set_scenario("status-claude", "degraded")
    first = _json(env)
    again = _json(env)  # a second plain refresh at once: the page is not asked again
    bar = run_cli(["status", "--format", "waybar", "--max-age", "0"], env)
    assert _status_requests(sim) == {"status-claude": 1}
    assert again["incidents"] == first["incidents"] != []
    tooltip = json.loads(bar.stdout)["tooltip"]
    assert "⚠ Claude: Degraded performance: Claude Code, since" in tooltip
    assert "https://stspg.io/sim-status-claude-inc1" in tooltip
    saved = _json(env, "--max-age", "3600")  # the saved numbers: no request at all
    assert saved["incidents"] == first["incidents"]
    assert sim.counts.get("anthropic GET /api/oauth/usage") == 3


def test_the_text_report_and_a_provider_error(sim: Simulator, env: dict[str, str]) -> None:
    sim.set_scenario("status-claude", "major_outage")
    text = run_cli(["status"], env)
    assert text.returncode == 0, text.stderr
    assert "⚠ Claude: Major outage: Claude Code, since" in text.stdout
    assert "Claude Code unavailable" in text.stdout and "Degraded claude.ai" not in text.stdout
    sim.set_scenario("anthropic", "http_503")
    failed = run_cli(["status", "--lang", "zh-TW"], env)
    assert failed.returncode == 1
    assert "⚠ Claude 回報服務中斷: 嚴重中斷：Claude Code，自" in failed.stdout


def test_only_providers_with_accounts_are_asked(sim: Simulator, home: Path) -> None:
    write_auth(home, {"zai-coding-plan": {"type": "api", "key": "zk-PLANTED-zai-0011223344"}})
    sim.set_scenario("status-claude", "degraded")
    sim.set_scenario("status-openai", "major_outage")
    doc = _json(cli_env(home, sim, **WAIT))
    assert doc["incidents"] == []
    assert _status_requests(sim) == {}


def test_the_setting_turns_it_off(sim: Simulator, env: dict[str, str], home: Path) -> None:
    config = home / ".config" / "mystatus-tray" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("provider_status = false\n", "utf-8")
    sim.set_scenario("status-claude", "degraded")
    assert _json(env)["incidents"] == []
    assert _status_requests(sim) == {}


def test_a_silent_page_costs_nothing(sim: Simulator, env: dict[str, str]) -> None:
    sim.set_scenario("status-claude", "http_503")
    doc = _json(env)
    assert doc["incidents"] == [] and doc["providers"][0]["accounts"][0]["windows"]
    assert run_cli(["status", "--json"], env).returncode == 0  # the numbers, all the same
