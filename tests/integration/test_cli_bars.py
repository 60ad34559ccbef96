"""The real `status --format …` and `guard` in subprocesses against the simulator: fresh saved
numbers cost no request (the simulator's counter stays put), eight concurrent bar invocations
make one refresh between them, bars always exit 0, guard answers 0 / 1 / 69."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-zhipu-4c1d9e8f7a6b5c4d3e2f1a0b"
ZAI_KEY = "zk-PLANTED-zai-9a8b7c6d5e4f3a2b1c0d9e8f"
AUTH = {
    "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
    "zai-coding-plan": {"type": "api", "key": ZAI_KEY},
}


def _one_refresh_requests(sim: Simulator, tmp_path: Path) -> int:
    other = tmp_path / "other-home"
    other.mkdir()
    write_auth(other, AUTH)
    sim.reset_counts()
    assert run_cli(["status", "--json"], cli_env(other, sim)).returncode == 0
    count = sim.total_requests
    sim.reset_counts()
    assert count >= 2
    return count


def test_fresh_saved_numbers_cost_no_request(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    first = run_cli(["status", "--format", "waybar"], env)
    assert first.returncode == 0, first.stderr
    assert sim.total_requests >= 2
    sim.reset_counts()
    for fmt in ("waybar", "polybar", "i3blocks", "prometheus"):
        again = run_cli(["status", "--format", fmt], env)
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip()
    json_again = run_cli(["status", "--json", "--max-age", "60"], env)
    assert json_again.returncode == 0
    assert json.loads(json_again.stdout)["saved"]["refreshed"] is False
    assert sim.total_requests == 0  # five invocations, no network
    doc = json.loads(first.stdout)
    assert doc["text"].endswith("% weekly") and doc["class"] in ("ok", "warning", "high")
    assert ZHIPU_KEY not in first.stdout + first.stderr


def test_max_age_0_refreshes_every_time(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    run_cli(["status", "--format", "polybar"], env)
    sim.reset_counts()
    result = run_cli(["status", "--format", "polybar", "--max-age", "0"], env)
    assert result.returncode == 0
    assert sim.total_requests >= 2


def test_eight_concurrent_bar_invocations_make_one_refresh(
    sim: Simulator, home: Path, tmp_path: Path
) -> None:
    per_refresh = _one_refresh_requests(sim, tmp_path)
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    sim.set_latency("zhipu", 1.0)  # the refresh takes a while: every other invocation waits
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: run_cli(["status", "--format", "waybar"], env),
                                range(8)))
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    texts = {json.loads(r.stdout)["text"] for r in results}
    assert len(texts) == 1  # all print the one refresh's numbers
    assert sim.total_requests == per_refresh


def test_a_bar_always_exits_0_with_something_to_show(sim: Simulator, home: Path) -> None:
    env = cli_env(home, sim)  # nothing configured at all
    for fmt in ("waybar", "polybar", "i3blocks", "prometheus"):
        result = run_cli(["status", "--format", fmt], env)
        assert result.returncode == 0, (fmt, result.stderr)
        assert result.stdout.strip(), fmt
    waybar = json.loads(run_cli(["status", "--format", "waybar"], env).stdout)
    assert waybar["class"] == "error" and waybar["text"].startswith("! ")
    assert run_cli(["status", "--max-age", "60"], env).returncode == 2  # status keeps 0/1/2


def test_failed_provider_is_stale_in_every_format(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    sim.set_scenario("zai", "http_500")
    sim.set_scenario("zhipu", "http_500")
    refreshed = run_cli(["status", "--format", "waybar", "--max-age", "0"], env)
    doc = json.loads(refreshed.stdout)
    assert "stale" in doc["class"] and "old)" in doc["text"]
    metrics = run_cli(["status", "--format", "prometheus"], env).stdout
    ups = {s.labels["provider"]: s.value for f in text_string_to_metric_families(metrics)
           if f.name == "mystatus_up" for s in f.samples}
    assert ups == {"zhipu": 0.0, "zai": 0.0}
    as_json = json.loads(run_cli(["status", "--json", "--max-age", "60"], env).stdout)
    validate(as_json, "document")  # the documented schema, `saved` and `stale` included
    assert [p["stale"] for p in as_json["providers"]] == [True, True]
    assert all(p["stale_since"] for p in as_json["providers"])
    assert as_json["saved"]["refreshed"] is False


def test_prometheus_output_file_is_written_whole(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    target = home / "textfile" / "mystatus.prom"
    target.parent.mkdir()
    result = run_cli(["status", "--format", "prometheus", "--output", str(target)],
                     cli_env(home, sim))
    assert result.returncode == 0 and result.stdout == ""
    names = {f.name for f in text_string_to_metric_families(target.read_text("utf-8"))}
    assert "mystatus_used_percent" in names
    assert [p.name for p in target.parent.iterdir()] == ["mystatus.prom"]  # no temp file left


def test_watch_prints_a_line_per_interval(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    with subprocess.Popen([sys.executable, "-m", "tray_app", "status", "--format", "waybar",
                           "--watch", "0.2"], env=env, cwd=home, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, encoding="utf-8") as proc:
        try:
            assert proc.stdout is not None
            lines = [proc.stdout.readline() for _ in range(3)]
        finally:
            proc.kill()
    assert all(json.loads(line)["alt"] in ("zhipu", "zai") for line in lines)


def test_guard_exit_codes(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    within = run_cli(["guard", "--provider", "zhipu", "--window", "5h", "--max-used", "90"], env)
    assert within.returncode == 0, within.stdout + within.stderr
    assert within.stdout.startswith("OK Zhipu AI 5-hour limit") and "resets in" in within.stdout
    over = run_cli(["guard", "--provider", "zai", "--min-left", "90", "--json"], env)
    assert over.returncode == 1
    verdict = json.loads(over.stdout)
    assert verdict["within"] is False and verdict["exit"] == 1 and verdict["windows"]
    assert run_cli(["guard", "--provider", "copilot", "--max-used", "90"], env).returncode == 69
    assert run_cli(["guard", "--provider", "zai", "--window", "nope", "--max-used", "90"],
                   env).returncode == 69
    sim.set_scenario("zai", "http_401")
    failed = run_cli(["guard", "--provider", "zai", "--max-used", "90", "--max-age", "0"], env)
    assert failed.returncode == 69  # kept numbers are no answer now: unavailable, never 0
    assert ZAI_KEY not in failed.stdout + failed.stderr
