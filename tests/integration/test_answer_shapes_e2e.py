"""The answer shapes peers already handle (provider-facts §12), through the real
`mystatus-tray status --json` in a subprocess against the simulator's new scenarios: MiniMax's
used-count answers, an Enterprise ChatGPT plan, Kimi's `usages` object and its reset variants,
a Claude spend-only answer, Z.ai's root envelope with `code: 0`, Copilot's out-of-range
percent. The JSON document still matches docs/json-schema.md."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator, sim_claude
from tray_app.simulator.demo import demo_auth
from tray_app.simulator.sim_antigravity import demo_accounts_file


def _setup(home: Path) -> None:
    write_auth(home, demo_auth())
    accounts = home / ".config" / "opencode" / "antigravity-accounts.json"
    accounts.parent.mkdir(parents=True, exist_ok=True)
    accounts.write_text(json.dumps(demo_accounts_file()), "utf-8")
    claude = home / ".claude"
    claude.mkdir(parents=True, exist_ok=True)
    (claude / ".credentials.json").write_text(json.dumps(sim_claude.credentials()), "utf-8")


def _status(sim: Simulator, home: Path, **scenarios: str) -> dict[str, Any]:
    _setup(home)
    for prefix, scenario in scenarios.items():
        sim.set_scenario(prefix, scenario)
    result = run_cli(["status", "--json"], cli_env(home, sim))
    assert result.returncode == 0, result.stderr + result.stdout
    document: dict[str, Any] = json.loads(result.stdout)
    validate(document, "document")
    return {p["id"]: p for p in document["providers"]}


def _account(provider: dict[str, Any], label_part: str = "") -> dict[str, Any]:
    accounts = [a for a in provider["accounts"] if label_part in a["label"]]
    assert accounts, [a["label"] for a in provider["accounts"]]
    account: dict[str, Any] = accounts[0]
    assert account["error"] is None, account["error"]
    return account


def _windows(account: dict[str, Any]) -> dict[str, Any]:
    return {w["id"]: w for w in account["windows"]}


def _when(text: str | None) -> datetime:
    assert text is not None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_enterprise_used_counts_usages_spend_and_root_envelope(sim: Simulator,
                                                               home: Path) -> None:
    providers = _status(sim, home, openai="enterprise", minimax="used_count",
                        kimi="usages_object", anthropic="spend_only", zai="root_code0",
                        github="bogus_percent")
    now = datetime.now(timezone.utc)

    enterprise = _account(providers["openai"], "demo.user")
    assert enterprise["plan"] == "enterprise"
    openai = _windows(enterprise)
    credits = openai["monthly-credits"]
    assert credits["used_percent"] == 31  # 100 - 69 remaining
    assert (credits["used"], credits["limit"], credits["unit"]) == (1240, 4000, "credits")
    assert timedelta(days=10) < _when(credits["resets_at"]) - now < timedelta(days=12)
    assert credits["window_seconds"] and credits["window_seconds"] >= 28 * 86400
    assert openai["extra-gpt-5-3-codex-spark-weekly"]["used_percent"] == 35  # beside a broken one

    minimax = _windows(_account(providers["minimax"]))
    assert round(minimax["minimax-m-5h"]["used_percent"], 2) == 1.8  # 27 used, not 1473
    assert (minimax["minimax-m-5h"]["used"], minimax["minimax-m-5h"]["limit"]) == (27, 1500)
    assert minimax["minimax-m-weekly"]["used_percent"] == 14  # 2100 of 15000

    kimi_account = _account(providers["kimi"])
    assert kimi_account["plan"] == "Vivace"
    assert {"label": "Region", "value": "China (REGION_CN)"} in kimi_account["details"]
    kimi = _windows(kimi_account)
    assert {k: round(w["used_percent"], 2) for k, w in kimi.items()} == {
        "5h": 18, "weekly": 42, "monthly-tokens": 7}
    assert timedelta(days=2, hours=23) < _when(kimi["weekly"]["resets_at"]) - now \
        < timedelta(days=3, hours=1)  # `reset_in` seconds from the answer's time

    claude = _account(providers["claude"])
    extra = _windows(claude)["extra-usage"]
    assert (extra["used_percent"], extra["used"], extra["limit"]) == (32, 12.8, 40)
    assert list(_windows(claude)) == ["extra-usage"]  # a spend-only answer is valid

    zai = _windows(_account(providers["zai"]))
    assert zai["5h"]["window_seconds"] == 18000 and zai["5h"]["used_percent"] == 23
    assert zai["weekly"]["used_percent"] == 8
    assert zai["burst_limit"]["used_percent"] == 40
    assert zai["burst_limit"]["window_seconds"] is None and zai["burst_limit"]["pace"] is None

    copilot = _windows(_account(providers["copilot"]))
    assert copilot["premium"]["used_percent"] == 30  # the counts, not 100 - 140


def test_fresh_used_count_window_prolite_reset_variants_and_new_claude_keys(
        sim: Simulator, home: Path) -> None:
    providers = _status(sim, home, openai="prolite", minimax="used_count_fresh",
                        kimi="reset_variants", anthropic="new_shapes",
                        github="unlimited_credits")
    now = datetime.now(timezone.utc)

    assert _account(providers["openai"], "demo.user")["plan"] == "Pro 5x"
    minimax = _windows(_account(providers["minimax"]))
    for wid in ("minimax-m-5h", "minimax-m-weekly"):  # a fresh window: 0 %, not 100 %
        assert minimax[wid]["used_percent"] == 0 and minimax[wid]["high"] is False

    kimi_account = _account(providers["kimi"])
    assert kimi_account["plan"] == "Allegro"
    kimi = _windows(kimi_account)
    assert (kimi["weekly"]["used_percent"], kimi["5h"]["used_percent"]) == (33, 41)
    assert timedelta(days=3, hours=23) < _when(kimi["weekly"]["resets_at"]) - now \
        < timedelta(days=4, hours=1)  # epoch milliseconds under `reset_at`
    assert timedelta(hours=1, minutes=50) < _when(kimi["5h"]["resets_at"]) - now \
        < timedelta(hours=2, minutes=10)  # a row without `detail`, reset relative

    claude = _windows(_account(providers["claude"]))
    weekly_like = [w for w in claude if w.startswith("weekly")]
    assert sorted(weekly_like) == ["weekly", "weekly-fable", "weekly-sonnet"]  # no phantom
    assert claude["weekly"]["used_percent"] == 44
    assert claude["extra-usage"]["used_percent"] == 45  # spend ($9 of $20), not extra_usage
    five = _when(claude["5h"]["resets_at"]) - now  # ISO without a zone: UTC
    assert timedelta(hours=2, minutes=50) < five < timedelta(hours=3, minutes=10)

    copilot_account = _account(providers["copilot"])
    assert _windows(copilot_account)["ai-credits"]["unlimited"] is True  # the credit pool
    assert {"label": "Credits used", "value": "$31"} in copilot_account["details"]


def test_weekly_status_3_beside_an_active_5_hour_window_is_unlimited(sim: Simulator,
                                                                     home: Path) -> None:
    providers = _status(sim, home, minimax="weekly_unlimited", antigravity="proto3_zeros")
    minimax = _windows(_account(providers["minimax"]))
    assert minimax["general-5h"]["used_percent"] == 25
    weekly = minimax["general-weekly"]
    assert weekly["unlimited"] is True and weekly["used_percent"] is None
    assert "video-5h" not in minimax  # not subscribed: both windows say 3

    ada = _account(providers["antigravity"], "ada@sim.example")
    gemini = _windows(ada)
    assert gemini["gemini-5h"]["used_percent"] == 100  # a reset without a fraction: used up
    assert gemini["gemini-5h"]["resets_at"] is not None
    assert gemini["gemini-weekly"]["used_percent"] == 45  # inside the `remaining` oneof
    assert gemini["3p-5h"]["used_percent"] == 10
