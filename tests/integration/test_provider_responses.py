"""Provider responses as they are now, through the real `mystatus-tray status` in a subprocess
against the simulator: a credit-only Z.ai plan, Copilot under AI Credits (-1 = unlimited), the
Antigravity daily host down (production's Gemini sentinel shown as unknown), and OpenAI behind a
CDN challenge page; the JSON document still matches docs/json-schema.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_auth
from tray_app.simulator.sim_antigravity import demo_accounts_file


def _setup(home: Path) -> None:
    write_auth(home, demo_auth())
    accounts = home / ".config" / "opencode" / "antigravity-accounts.json"
    accounts.parent.mkdir(parents=True, exist_ok=True)
    accounts.write_text(json.dumps(demo_accounts_file()), "utf-8")


def _by_id(document: dict[str, Any]) -> dict[str, Any]:
    return {p["id"]: p for p in document["providers"]}


def _windows(provider: dict[str, Any], account: int = 0) -> dict[str, Any]:
    return {w["id"]: w for w in provider["accounts"][account]["windows"]}


def test_current_shapes_end_to_end(sim: Simulator, home: Path) -> None:
    _setup(home)
    for prefix, scenario in (("openai", "cdn_challenge"), ("zai", "credits_only"),
                             ("github", "ai_credits"), ("antigravity", "daily_down")):
        sim.set_scenario(prefix, scenario)
    result = run_cli(["status", "--json"], cli_env(home, sim))
    assert result.returncode == 1, result.stderr  # OpenAI failed; every other provider answered
    document = json.loads(result.stdout)
    validate(document, "document")
    providers = _by_id(document)

    error = providers["openai"]["accounts"][0]["error"]
    assert error["kind"] == "network_blocked" and error["status"] == 403
    assert "not about your token" in error["message"] and "VPN" in error["fix"]

    zai = _windows(providers["zai"])
    assert list(zai) == ["credits-5h", "credits-weekly"]
    assert round(zai["credits-5h"]["used_percent"], 2) == 11.98  # the API said 11
    assert (zai["credits-5h"]["used"], zai["credits-5h"]["limit"]) == (1438, 12000)

    copilot = _windows(providers["copilot"])
    assert copilot["ai-credits"]["used_percent"] == 52.5
    assert copilot["ai-credits"]["unit"] == "credits" and copilot["ai-credits"]["limit"] == 1500
    for wid in ("chat", "completions"):
        assert copilot[wid]["unlimited"] is True and copilot[wid]["used_percent"] is None

    ada = next(a for a in providers["antigravity"]["accounts"] if a["label"] == "ada@sim.example")
    gemini = {w["id"]: w for w in ada["windows"]}
    for bucket in ("gemini-5h", "gemini-weekly"):  # production's sentinel: unknown, not full
        assert gemini[bucket]["used_percent"] is None and gemini[bucket]["known"] is False
        assert gemini[bucket]["resets_at"] is None  # "now + one window" is made up too
    assert gemini["3p-5h"]["used_percent"] == 10.0
    asked = [r.path for r in sim.received if r.provider == "antigravity"]
    assert asked.count("/daily/v1internal:retrieveUserQuotaSummary") == 3  # asked first


def test_challenge_page_text_in_both_chinese_variants(sim: Simulator, home: Path) -> None:
    _setup(home)
    sim.set_scenario("openai", "cdn_challenge")
    for lang, words in (("zh-TW", ("CDN", "與您的 Token 無關")),
                        ("zh-CN", ("CDN", "与您的 Token 无关"))):
        result = run_cli(["--lang", lang, "status"], cli_env(home, sim))
        assert result.returncode == 1
        assert all(w in result.stdout for w in words), result.stdout
        assert "Token 或 API Key 無效" not in result.stdout  # not the invalid-token advice
