"""The real `history` command in a subprocess, after a few real `status` runs against the
simulator (each one records into the history file of the private HOME): sparklines, JSON,
CSV, --plot PNGs of the right size, no secret anywhere, and a corrupt history file that
costs `status` nothing but one notice."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli, write_auth

from tray_app.providers.names import PROVIDER_IDS
from tray_app.secrets import mask
from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-zhipu-hist-4c1d9e8f7a6b5c4d3e2f"
ZAI_KEY = "zk-PLANTED-zai-hist-9a8b7c6d5e4f3a2b1c0d"
AUTH = {"zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
        "zai-coding-plan": {"type": "api", "key": ZAI_KEY}}


def history_file(home: Path) -> Path:
    return home / ".local" / "state" / "mystatus-tray" / "history.sqlite3"


@pytest.fixture
def recorded(sim: Simulator, home: Path) -> dict[str, str]:
    """Three status runs: healthy, Zhipu's 5-hour window high, healthy again."""
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    for scenario in ("healthy", "high", "healthy"):
        sim.set_scenario("zhipu", scenario)
        result = run_cli(["status"], env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    return env


def test_history_json_after_status_runs(recorded: dict[str, str], home: Path) -> None:
    result = run_cli(["history", "--json"], recorded)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == 1
    samples = doc["samples"]
    assert {tuple(sorted(s)) for s in samples} == {tuple(sorted(
        ("at", "provider", "account", "window", "used_percent", "used", "limit", "resets_at")))}
    assert [s["at"] for s in samples] == sorted(s["at"] for s in samples)  # oldest first
    zhipu_5h = [s["used_percent"] for s in samples
                if s["provider"] == "zhipu" and s["window"] == "5h"]
    assert zhipu_5h == [37, 92, 37]  # each change stored; the drop back is a new cycle
    # the simulator's Z.ai is a credit-only Max plan: its 5-hour window counts credits
    zai_5h = [s for s in samples if s["provider"] == "zai" and s["window"] == "credits-5h"]
    assert len(zai_5h) == 1  # unchanged: stored once (the heartbeat is hourly)
    assert zai_5h[0]["account"] == mask(ZAI_KEY) and zai_5h[0]["limit"] == 28000
    assert zai_5h[0]["resets_at"].endswith("Z")
    only = json.loads(run_cli(["history", "--json", "--provider", "zai", "--window",
                               "credits-weekly"], recorded).stdout)["samples"]
    assert {(s["provider"], s["window"]) for s in only} == {("zai", "credits-weekly")}
    raw = history_file(home).read_bytes()
    for secret in (ZHIPU_KEY, ZAI_KEY):
        assert secret.encode() not in raw and secret not in result.stdout


def test_history_text_and_csv(recorded: dict[str, str]) -> None:
    text = run_cli(["history"], recorded)
    assert text.returncode == 0, text.stderr
    assert f"Zhipu AI · {mask(ZHIPU_KEY)} · 5-hour limit" in text.stdout  # words, not ids
    assert "now 37% · min 37% · max 92% · 1 resets" in text.stdout
    assert any(ch in text.stdout for ch in "▁▂▃▄▅▆▇█")
    assert ZHIPU_KEY not in text.stdout
    table = list(csv.DictReader(io.StringIO(run_cli(["history", "--csv"], recorded).stdout)))
    assert table[0].keys() == {"at", "provider", "account", "window", "used_percent", "used",
                               "limit", "resets_at"}
    assert [r["used_percent"] for r in table
            if r["provider"] == "zhipu" and r["window"] == "5h"] == ["37", "92", "37"]


def test_history_plot_writes_pngs_of_the_right_size(recorded: dict[str, str],
                                                    tmp_path: Path) -> None:
    from PIL import Image

    from tray_app.charts.plot import pixel_size

    windows = {(s["provider"], s["window"]) for s in json.loads(
        run_cli(["history", "--json"], recorded).stdout)["samples"]}
    for args, scale in ((["--plot", str(tmp_path / "c.png")], 1),
                        (["--plot", str(tmp_path / "c2.png"), "--scale", "2", "--dark"], 2),
                        (["--plot", str(tmp_path / "z.png"), "--provider", "zai",
                          "--window", "5h"], 1)):
        result = run_cli(["history", *args], recorded)
        assert result.returncode == 0, result.stderr
        count = 1 if "zai" in args else len(windows)
        with Image.open(args[1]) as image:
            assert image.format == "PNG"
            assert image.size == pixel_size(count, scale)
        assert f"{image.size[0]}×{image.size[1]} px" in result.stdout


def test_no_history_yet(sim: Simulator, home: Path) -> None:
    result = run_cli(["history"], cli_env(home, sim))
    assert result.returncode == 0
    assert "No usage history yet" in result.stdout
    assert json.loads(run_cli(["history", "--json"], cli_env(home, sim)).stdout) == {
        "schema": 1, "samples": []}
    assert not history_file(home).exists()  # reading creates nothing


def test_a_corrupt_history_file_costs_status_nothing(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    path = history_file(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage, not SQLite" * 100)
    unreadable = run_cli(["history"], env)
    assert unreadable.returncode == 1 and "Cannot read the usage history" in unreadable.stderr
    first = run_cli(["status"], env)
    assert first.returncode == 0
    assert "63% left · 14.8M / 40.0M tokens" in first.stdout  # the report is whole
    assert "could not be used" in first.stderr and "a new one started" in first.stderr
    assert len(list(path.parent.glob("history.sqlite3.corrupt-*"))) == 1
    second = run_cli(["status"], env)
    assert second.returncode == 0 and second.stderr == ""  # told once
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM samples").fetchone()[0] > 0


def test_the_demo_records_nothing_and_shows_a_simulated_week(home: Path) -> None:
    result = run_cli(["status", "--demo"], cli_env(home))
    assert result.returncode in (0, 1)
    assert not history_file(home).exists()
    shown = run_cli(["history", "--demo", "--json"], cli_env(home))
    assert shown.returncode == 0, shown.stderr
    samples = json.loads(shown.stdout)["samples"]
    assert {s["provider"] for s in samples} == set(PROVIDER_IDS)  # all nine
    times = [datetime.fromisoformat(s["at"].replace("Z", "+00:00")) for s in samples]
    assert max(times) - min(times) > timedelta(days=6)  # a week, simulated
    assert not history_file(home).exists() and not any(home.rglob("*.sqlite3*"))


def test_the_demo_history_agrees_with_status_demo(home: Path) -> None:
    """Every window `status --demo --json` shows has a past in `history --demo --json`
    that ends at the number status shows now, and earlier cycles that reset."""
    status = run_cli(["status", "--demo", "--json"], cli_env(home))
    assert status.returncode in (0, 1), status.stderr
    shown = run_cli(["history", "--demo", "--json", "--days", "14"], cli_env(home))
    assert shown.returncode == 0, shown.stderr
    series: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for s in json.loads(shown.stdout)["samples"]:
        series.setdefault((s["provider"], s["account"], s["window"]), []).append(s)
    expected = 0
    for provider in json.loads(status.stdout)["providers"]:
        for account in provider["accounts"]:
            for window in account["windows"]:
                if window["used_percent"] is None or window["unlimited"]:
                    continue
                expected += 1
                key = (provider["id"], account["label"], window["id"])
                assert key in series, key
                past = series[key]
                assert len(past) > 10, key  # a believable past, not one point
                # status --json rounds to 2 decimals (Z.ai's 6,719 / 28,000 credits: 24.0)
                assert round(float(str(past[-1]["used_percent"])), 2) == pytest.approx(
                    window["used_percent"]), key
                assert all(0 <= float(str(p["used_percent"])) <= 100 for p in past)
    assert expected >= 30 and len(series) == expected
    weekly = series[("openai", "demo.user@example.com", "weekly")]
    values = [float(str(p["used_percent"])) for p in weekly]
    assert any(b < a - 5 for a, b in pairwise(values))  # a reset
