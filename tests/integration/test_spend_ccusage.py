"""Spend against ccusage 20.0.24 (npm, tools/npm-oracles.sh): tokens per day and model equal
ccusage's exactly on generated compact Claude Code and Codex logs, in UTC and other zones (a
half-hour zone, one that changed daylight-saving time inside the range); total cost within 5 %.
Never skipped under CI=true (oracles.require fails instead). ccusage runs with --offline
(its cached prices, no network)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit import ccusage, oracles

from tray_app.spend import report, scanner, synthetic, zone
from tray_app.spend.store import Store

ZONES = ("UTC", "Asia/Kolkata", "America/New_York", "Australia/Adelaide")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("spend-oracle")
    # across New York's and Adelaide's daylight-saving changes (2026-10-04, 2026-11-01)
    options = synthetic.Options(start=datetime(2026, 9, 28, tzinfo=timezone.utc), days=40,
                                seed=7)
    synthetic.claude_corpus(root / "claude", 4_000_000, options, messages=12)
    synthetic.codex_corpus(root / "codex", 3_000_000, options)
    (root / "home").mkdir()
    return {"claude": root / "claude", "codex": root / "codex", "home": root / "home",
            "store": root / "spend.sqlite3"}


def ours(paths: dict[str, Path], zone_name: str, tool: str) -> dict[tuple[str, str], Any]:
    store = Store(paths["store"])
    scanner.scan(store, {"CLAUDE_CONFIG_DIR": str(paths["claude"]),
                         "CODEX_HOME": str(paths["codex"]), "HOME": str(paths["home"]),
                         "XDG_DATA_HOME": str(paths["home"])})
    z = zone.named(zone_name)
    built = report.build(store.groups(*report.minute_bounds(z, None, None)), z)
    store.close()
    return {(r.date, r.model): r for r in built.rows if r.tool == tool}


@pytest.mark.parametrize("zone_name", ZONES)
def test_claude_code_tokens_per_day_and_model_equal_ccusage(corpus: dict[str, Path],
                                                            zone_name: str) -> None:
    binary = str(oracles.require("ccusage"))
    theirs, their_cost = ccusage.claude_daily(binary, corpus["claude"], zone_name,
                                              corpus["home"])
    mine = ours(corpus, zone_name, "claude-code")
    assert len(theirs) > 20
    assert {k: (r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_tokens)
            for k, r in mine.items()} == theirs
    my_cost = sum(r.cost_usd for r in mine.values())
    assert my_cost == pytest.approx(their_cost, rel=0.05)


@pytest.mark.parametrize("zone_name", ZONES)
def test_codex_tokens_per_day_and_model_equal_ccusage(corpus: dict[str, Path],
                                                      zone_name: str) -> None:
    binary = str(oracles.require("ccusage"))
    theirs, reasoning, their_cost = ccusage.codex_daily(binary, corpus["codex"], zone_name,
                                                        corpus["home"])
    mine = ours(corpus, zone_name, "codex")
    assert len(theirs) > 20
    assert {k: (r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_tokens)
            for k, r in mine.items()} == theirs
    assert {k: r.reasoning_tokens for k, r in mine.items()} == reasoning
    my_cost = sum(r.cost_usd for r in mine.values())
    assert my_cost == pytest.approx(their_cost, rel=0.05)


def test_spaced_lines_count_for_us_where_ccusage_ignores_them(tmp_path: Path) -> None:
    binary = str(oracles.require("ccusage"))
    options = synthetic.Options(spaced_every=4, seed=3)
    synthetic.claude_corpus(tmp_path / "claude", 300_000, options)
    (tmp_path / "home").mkdir()
    theirs, _ = ccusage.claude_daily(binary, tmp_path / "claude", "UTC", tmp_path / "home")
    mine = ours({"claude": tmp_path / "claude", "codex": tmp_path / "none",
                 "home": tmp_path / "home", "store": tmp_path / "s.sqlite3"}, "UTC",
                "claude-code")
    their_out = sum(v[1] for v in theirs.values())
    my_out = sum(r.output_tokens for r in mine.values())
    assert my_out > their_out  # the spaced lines' answers, which ccusage drops
