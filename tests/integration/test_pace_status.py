"""The real `mystatus-tray status` against the simulator: every window whose length the
provider states carries `window_seconds` and a `pace` (validated against docs/json-schema.md),
and the text report has the pace line; the `openai=runout` scenario forecasts the run-out."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator
from tray_app.simulator.sim_openai import demo_auth_entries

AUTH = {**demo_auth_entries(), "zai-coding-plan": {"type": "api", "key": "zk-pace-test-0000"}}


def windows(document: dict[str, object], provider: str) -> dict[str, dict[str, object]]:
    found = next(p for p in document["providers"] if p["id"] == provider)  # type: ignore
    return {w["id"]: w for w in found["accounts"][0]["windows"]}


def test_json_and_text_with_a_forecast_run_out(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    sim.set_scenario("openai", "runout")
    result = run_cli(["status", "--json"], cli_env(home, sim))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    validate(document, "document")
    openai = windows(document, "openai")
    five, weekly = openai["5h"], openai["weekly"]
    assert five["window_seconds"] == 18000 and weekly["window_seconds"] == 604800
    pace = five["pace"]
    assert isinstance(pace, dict) and pace["basis"] == "window"
    # 2 h 30 min of 5 h left when the simulator answered, a second or so before the report
    assert abs(float(pace["expected_percent"]) - 50) < 0.1
    assert abs(float(pace["delta_percent"]) - 10) < 0.1
    assert pace["lasts_to_reset"] is False
    runs_out = datetime.fromisoformat(str(pace["runs_out_at"]).replace("Z", "+00:00"))
    resets = datetime.fromisoformat(str(five["resets_at"]).replace("Z", "+00:00"))
    assert timedelta(minutes=49) <= resets - runs_out <= timedelta(minutes=51)
    assert weekly["pace"]["lasts_to_reset"] is True  # type: ignore[index]
    zai = windows(document, "zai")
    # the simulator's Z.ai is a credit-only plan now (provider-facts §3): its 5-hour credit window
    assert zai["credits-5h"]["window_seconds"] == 18000 and zai["credits-5h"]["pace"] is not None

    text = run_cli(["status"], cli_env(home, sim)).stdout
    assert re.search(r"Pace: 10 points in deficit · runs out in 1h (39|40)m \(\d\d:\d\d\), "
                     r"(49|50)m before it resets", text), text
    assert "Pace: " in text.split("Z.ai")[1]
    zh = run_cli(["--lang", "zh-CN", "status"], cli_env(home, sim)).stdout
    assert re.search(r"用量进度：超支 10 个百分点 · 1小时 (39|40)分后用完（\d\d:\d\d），"
                     r"比重置早 (49|50)分", zh), zh
