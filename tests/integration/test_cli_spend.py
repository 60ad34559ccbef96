"""`mystatus-tray spend` in a subprocess: the JSON document exactly as docs/json-schema.md
describes it, incremental runs, the text report in each language, and clear localized errors
for a bad zone, date or range."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli
from mystatus_testkit.schema import validate

from tray_app.spend import synthetic


@pytest.fixture
def logs(home: Path) -> dict[str, str]:
    options = synthetic.Options(spaced_every=7, malformed_every=2, seed=5)
    synthetic.claude_corpus(home / "claude", 150_000, options, messages=10)
    synthetic.codex_corpus(home / "codex", 100_000, options, turns=8)
    return cli_env(home, CLAUDE_CONFIG_DIR=str(home / "claude"),
                   CODEX_HOME=str(home / "codex"), TZ="Asia/Kolkata")


def test_json_document_matches_the_schema_and_rescans_only_appends(logs: dict[str, str],
                                                                  home: Path) -> None:
    done = run_cli(["spend", "--json"], logs)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    validate(doc, "spend_document")
    assert doc["timezone"] == "Asia/Kolkata"
    assert {r["tool"] for r in doc["rows"]} == {"claude-code", "codex"}
    assert doc["scan"]["skipped_lines"] > 0 and doc["scan"]["bytes_read"] > 200_000
    assert doc["totals"]["output_tokens"] == sum(r["output_tokens"] for r in doc["rows"])
    again = json.loads(run_cli(["spend", "--json", "--tz", "UTC"], logs).stdout)
    assert again["scan"]["bytes_read"] == 0  # nothing appended
    assert again["totals"]["input_tokens"] == doc["totals"]["input_tokens"]
    assert again["timezone"] == "UTC"
    for by in ("model", "tool"):
        grouped = json.loads(run_cli(["spend", "--json", "--by", by], logs).stdout)
        validate(grouped, "spend_document")
        assert all(r["date"] is None for r in grouped["rows"])
        assert {k: v for k, v in grouped["totals"].items() if k != "cost_usd"} == {
            k: v for k, v in doc["totals"].items() if k != "cost_usd"}
        assert grouped["totals"]["cost_usd"] == pytest.approx(doc["totals"]["cost_usd"],
                                                              abs=1e-5)
    assert not any(p.name.startswith("spend") for p in (home / "claude").rglob("*"))


def test_since_until_filter_local_days(logs: dict[str, str]) -> None:
    every = json.loads(run_cli(["spend", "--json"], logs).stdout)
    days = sorted({r["date"] for r in every["rows"]})
    assert len(days) >= 3
    first, last = days[1], days[2]
    doc = json.loads(run_cli(["spend", "--json", "--since", first, "--until",
                              last.replace("-", "")], logs).stdout)
    assert {r["date"] for r in doc["rows"]} == {first, last}
    assert doc["rows"] == [r for r in every["rows"] if first <= r["date"] <= last]


@pytest.mark.parametrize(("lang", "word"), [("en", "Total"), ("zh-TW", "合計"),
                                            ("zh-CN", "合计")])
def test_text_report_is_localized(logs: dict[str, str], lang: str, word: str) -> None:
    done = run_cli(["spend", "--lang", lang], logs)
    assert done.returncode == 0, done.stderr
    assert word in done.stdout and "Asia/Kolkata" in done.stdout
    assert "claude-sonnet-4-5-20250929" in done.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["--tz", "Mars/Olympus"], {"en": "Unknown time zone", "zh-TW": "未知的時區",
                                "zh-CN": "未知的时区"}),
    (["--since", "2026-13-01"], {"en": "write it as YYYY-MM-DD", "zh-TW": "請寫成 YYYY-MM-DD",
                                 "zh-CN": "请写成 YYYY-MM-DD"}),
    (["--since", "2026-12-02", "--until", "2026-12-01"], {"en": "swap them", "zh-TW": "請對調",
                                                          "zh-CN": "请对调"}),
])
def test_bad_input_is_a_clear_localized_error(logs: dict[str, str], args: list[str],
                                              expected: dict[str, str]) -> None:
    for lang, text in expected.items():
        done = run_cli(["spend", "--lang", lang, *args], logs)
        assert done.returncode == 2
        assert text in done.stderr
        assert "Traceback" not in done.stderr


def test_no_logs_is_an_empty_report_not_an_error(home: Path) -> None:
    done = run_cli(["spend", "--json", "--tz", "UTC"], cli_env(home))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["rows"] == [] and doc["totals"]["cost_usd"] == 0


def test_demo_reads_nothing_of_yours(logs: dict[str, str], home: Path) -> None:
    done = run_cli(["spend", "--demo", "--json", "--tz", "UTC"], logs)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    validate(doc, "spend_document")
    assert doc["rows"] and doc["scan"]["files"] > 0
    assert not (home / ".local" / "state" / "mystatus-tray" / "spend.sqlite3").exists()


def test_unusable_store_is_kept_aside_and_rebuilt(logs: dict[str, str], home: Path) -> None:
    store = home / ".local" / "state" / "mystatus-tray" / "spend.sqlite3"
    first = json.loads(run_cli(["spend", "--json"], logs).stdout)
    store.write_bytes(b"this is not a database, just some bytes " * 200)
    done = run_cli(["spend", "--json"], logs)
    assert done.returncode == 0, done.stderr
    assert "kept as" in done.stderr and "rebuilt" in done.stderr
    assert json.loads(done.stdout)["totals"] == first["totals"]
    assert list(store.parent.glob("spend.sqlite3.corrupt-*"))
