"""`mystatus-tray mcp` driven by the official SDK's own client over stdio (initialize, list the
tools, call each), against the loopback simulator: the numbers equal `status --json`, guard's
verdicts and exit codes come back as data, a provider error and a stale view say so, many
agents asking cost one refresh, and no secret crosses."""

from __future__ import annotations

import json
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.mcp.server import spend_available
from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-zhipu-4c1d9e8f7a6b5c4d3e2f1a0b"
ZAI_KEY = "zk-PLANTED-zai-9a8b7c6d5e4f3a2b1c0d9e8f"
AUTH = {
    "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
    "zai-coding-plan": {"type": "api", "key": ZAI_KEY},
}
WINDOW_KEYS = ("id", "label", "used_percent", "remaining_percent", "used", "limit", "unit",
               "known", "unlimited", "high", "window_seconds")


class Server:
    """One connected `mystatus-tray mcp` child and what it wrote on stderr."""

    def __init__(self, session: ClientSession, errlog: Any) -> None:
        self.session = session
        self._errlog = errlog

    async def call(self, name: str, **arguments: Any) -> tuple[bool, Any]:
        """(is_error, structured answer or the error text)."""
        result = await self.session.call_tool(name, arguments)
        if result.is_error:
            return True, " ".join(getattr(c, "text", "") for c in result.content)
        text = " ".join(getattr(c, "text", "") for c in result.content)
        assert json.loads(text) == result.structured_content  # both forms carry the same
        return False, result.structured_content

    def stderr(self) -> str:
        self._errlog.flush()
        self._errlog.seek(0)
        return str(self._errlog.read())


@asynccontextmanager
async def mcp_server(env: dict[str, str], *args: str) -> AsyncIterator[Server]:
    import sys

    params = StdioServerParameters(command=sys.executable,
                                   args=["-m", "tray_app", "mcp", *args],
                                   env=env, cwd=env["HOME"])
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write), \
                ClientSession(read, write) as session:
            await session.initialize()
            yield Server(session, errlog)


def _windows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(p["id"], a["label"], *(w[k] for k in WINDOW_KEYS))
            for p in doc["providers"] for a in p["accounts"] for w in a["windows"]]


@pytest.fixture
def env(sim: Simulator, home: Path) -> dict[str, str]:
    write_auth(home, AUTH)
    return cli_env(home, sim)


def test_initialize_and_list_tools(env: dict[str, str]) -> None:
    async def main() -> None:
        async with mcp_server(env) as server:
            info = server.session.server_info
            assert info is not None and info.name == "mystatus-tray"
            tools = {t.name: t for t in (await server.session.list_tools()).tools}
            expected = {"quota_status", "quota_check"} | (
                {"spend_summary"} if spend_available() else set())
            assert set(tools) == expected
            for tool in tools.values():
                assert tool.annotations is not None and tool.annotations.read_only_hint is True
                assert tool.annotations.destructive_hint is False
                assert tool.description
            assert tools["quota_check"].input_schema["required"] == ["provider"]
            assert "required" not in tools["quota_status"].input_schema

    anyio.run(main)


def test_quota_status_equals_status_json(sim: Simulator, env: dict[str, str]) -> None:
    plain = run_cli(["status", "--json"], env)  # a plain refresh, nothing saved
    assert plain.returncode == 0, plain.stderr
    expected = json.loads(plain.stdout)

    async def main() -> tuple[Any, Any, Any, int]:
        async with mcp_server(env) as server:
            sim.reset_counts()
            err, doc = await server.call("quota_status")
            assert not err, doc
            refresh_requests = sim.total_requests
            _, zai = await server.call("quota_status", provider="zai")
            label = zai["providers"][0]["accounts"][0]["label"]
            _, one = await server.call("quota_status", account=label.upper())
            return doc, zai, one, refresh_requests

    doc, zai, one, refresh_requests = anyio.run(main)
    assert refresh_requests >= 2  # the first call refreshed (no saved numbers yet)
    validate(doc, "mcp_quota_status")
    assert _windows(doc) == _windows(expected)
    assert len(_windows(doc)) >= 2
    assert [p["id"] for p in zai["providers"]] == ["zai"]
    assert _windows(zai) == [w for w in _windows(expected) if w[0] == "zai"]
    assert [len(p["accounts"]) for p in one["providers"]] == [1]
    sim.reset_counts()
    saved = run_cli(["status", "--json", "--max-age", "3600"], env)  # the same saved view
    assert json.loads(saved.stdout)["providers"] == doc["providers"]
    assert sim.total_requests == 0


def test_quota_check_is_guards_answer(sim: Simulator, env: dict[str, str]) -> None:
    async def main() -> dict[str, Any]:
        async with mcp_server(env) as server:
            answers = {}
            for name, args in {
                "ok": {"provider": "zai", "max_used": 100},
                "over": {"provider": "zai", "max_used": 1},
                "no_window": {"provider": "zai", "window": "no-such-window"},
                "not_configured": {"provider": "openai"},
                "default_limit": {"provider": "zhipu"},
            }.items():
                err, answers[name] = await server.call("quota_check", **args)
                assert not err, answers[name]
            answers["bad"] = await server.call("quota_check", provider="nope")
            answers["too_much"] = await server.call("quota_check", provider="zai", max_used=150)
            return answers

    answers = anyio.run(main)
    assert (answers["ok"]["verdict"], answers["ok"]["exit_code"]) == ("ok", 0)
    assert (answers["over"]["verdict"], answers["over"]["exit_code"]) == ("over", 1)
    assert answers["no_window"]["verdict"] == "unavailable"
    assert answers["no_window"]["exit_code"] == 69
    assert answers["not_configured"]["exit_code"] == 69
    assert answers["default_limit"]["max_used"] == 80  # the warning threshold
    for name in ("ok", "over", "no_window", "not_configured", "default_limit"):
        validate(answers[name], "mcp_quota_check")
    assert answers["over"]["windows"] and not any(w["within"] for w in answers["over"]["windows"])
    # the same verdict and line as the guard command on the same saved numbers
    guard = run_cli(["guard", "--provider", "zai", "--max-used", "1", "--json"], env)
    assert guard.returncode == 1
    as_guard = json.loads(guard.stdout)
    # the countdown in the line moves on between the two; the rest is the same
    assert as_guard["message"].split(", resets in")[0] == \
        answers["over"]["message"].split(", resets in")[0]
    assert as_guard["message"].startswith("OVER Z.ai")
    assert as_guard["windows"] == answers["over"]["windows"]
    bad_err, bad_text = answers["bad"]
    assert bad_err and "openai, zhipu" in bad_text  # names the fix: the valid ids
    too_err, too_text = answers["too_much"]
    assert too_err and "max_used" in too_text


def test_provider_error_is_reported(sim: Simulator, env: dict[str, str]) -> None:
    sim.set_scenario("zai", "http_500")

    async def main() -> tuple[Any, Any]:
        async with mcp_server(env) as server:
            _, status = await server.call("quota_status", provider="zai")
            _, check = await server.call("quota_check", provider="zai")
            return status, check

    status, check = anyio.run(main)
    account = status["providers"][0]["accounts"][0]
    assert account["error"]["kind"] == "http_error" and account["error"]["status"] == 500
    assert account["windows"] == []
    assert (check["verdict"], check["exit_code"]) == ("unavailable", 69)
    assert "Z.ai" in check["message"]


def test_stale_view_says_so(sim: Simulator, env: dict[str, str]) -> None:
    async def first() -> None:
        async with mcp_server(env) as server:
            err, _ = await server.call("quota_status")
            assert not err

    anyio.run(first)
    sim.set_scenario("zai", "http_500")
    sim.set_scenario("zhipu", "http_500")

    async def later() -> tuple[Any, Any]:
        async with mcp_server(env, "--max-age", "0") as server:
            _, status = await server.call("quota_status")
            _, check = await server.call("quota_check", provider="zai", max_used=100)
            return status, check

    status, check = anyio.run(later)
    assert status["saved"]["refreshed"] is True
    assert [p["stale"] for p in status["providers"]] == [True, True]
    assert all(p["stale_since"] for p in status["providers"])
    assert _windows(status)  # the kept numbers are still given, marked stale
    assert check["windows"] and all(w["stale"] for w in check["windows"])
    assert "(stale numbers)" in check["message"]


def test_many_agents_cost_one_refresh(sim: Simulator, env: dict[str, str],
                                      tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write_auth(other, AUTH)
    sim.reset_counts()
    assert run_cli(["status", "--json"], cli_env(other, sim)).returncode == 0
    per_refresh = sim.total_requests
    sim.reset_counts()
    outputs: list[str] = []

    async def agent() -> None:
        async with mcp_server(env) as server:
            for _ in range(3):
                err, doc = await server.call("quota_status")
                assert not err
                outputs.append(json.dumps(doc))
            err, check = await server.call("quota_check", provider="zhipu")
            outputs.append(json.dumps(check))
            outputs.append(server.stderr())

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            for _ in range(3):
                tg.start_soon(agent)

    anyio.run(main)
    assert sim.total_requests == per_refresh  # three agents, twelve calls: one refresh
    everything = "\n".join(outputs)
    assert ZHIPU_KEY not in everything and ZAI_KEY not in everything
    assert "****" in everything  # the labels are masked keys


def test_incidents_reach_the_agent(sim: Simulator, home: Path) -> None:
    from tray_app.simulator import sim_claude

    (home / ".claude").mkdir()
    (home / ".claude" / ".credentials.json").write_text(json.dumps(sim_claude.credentials()))
    (home / ".claude.json").write_text(json.dumps(sim_claude.global_config()))
    env = cli_env(home, sim, MYSTATUS_STATUS_WAIT="30")  # a busy machine: all the time needed
    sim.set_scenario("status-claude", "degraded")

    async def main() -> tuple[Any, Any]:
        async with mcp_server(env) as server:
            _, claude = await server.call("quota_status", provider="claude")
            _, zai = await server.call("quota_status", provider="zai")
            return claude, zai

    claude, zai = anyio.run(main)
    validate(claude, "mcp_quota_status")
    assert [(i["provider"], i["severity"], i["components"]) for i in claude["incidents"]] == \
        [("claude", "degraded", ["Claude Code"])]
    assert zai["incidents"] == []


def test_spend_summary_equals_spend_json(env: dict[str, str], home: Path) -> None:
    """`spend_summary` is the `spend --json` document of the same logs (generated Claude Code
    and Codex logs in this HOME), narrowed by `since` and grouped by `by`."""
    from tray_app.spend import synthetic

    options = synthetic.Options(days=5, seed=7)
    synthetic.claude_corpus(home / ".claude", 300_000, options)
    synthetic.codex_corpus(home / ".codex", 200_000, options)
    since = (options.start.date().replace(day=options.start.day + 2)).isoformat()
    env = {**env, "TZ": "UTC"}
    plain = run_cli(["spend", "--json", "--since", since, "--by", "model", "--tz", "UTC"], env)
    assert plain.returncode == 0, plain.stderr
    expected = json.loads(plain.stdout)

    async def main() -> tuple[Any, Any]:
        async with mcp_server(env) as server:
            by_model = await server.call("spend_summary", since=since, by="model")
            bad = await server.call("spend_summary", since="last tuesday")
            return by_model, bad

    (err, doc), (bad_err, bad_text) = anyio.run(main)
    assert not err, doc
    assert {r["tool"] for r in expected["rows"]} == {"claude-code", "codex"}
    assert doc["rows"] == expected["rows"] and doc["totals"] == expected["totals"]
    assert doc["totals"]["output_tokens"] > 0
    assert bad_err and "YYYY-MM-DD" in bad_text  # spend's own localized error, as a tool error
