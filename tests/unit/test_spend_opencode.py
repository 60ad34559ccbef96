"""OpenCode 2 sessions for spend: a database laid out as @opencode/cli 2.1.2 lays it out
(tables transcribed from a database the real 2.1.2 created, see tests/fixtures/README.md),
per-answer figures plus each session's remainder, costs from the database, read only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tray_app.spend import report, scanner, zone
from tray_app.spend.store import Store

# session_v2 and session_message as 2.1.2 creates them (columns and types; indexes left out)
DDL = """
CREATE TABLE `session_v2` (
  `id` text PRIMARY KEY, `project_id` text NOT NULL, `workspace_id` text, `parent_id` text,
  `fork_session_id` text, `fork_boundary` text, `slug` text NOT NULL, `directory` text NOT NULL,
  `path` text, `title` text, `version` text NOT NULL, `share_url` text,
  `summary_additions` integer, `summary_deletions` integer, `summary_files` integer,
  `summary_diffs` text, `metadata` text, `cost` real DEFAULT 0 NOT NULL,
  `tokens_input` integer DEFAULT 0 NOT NULL, `tokens_output` integer DEFAULT 0 NOT NULL,
  `tokens_reasoning` integer DEFAULT 0 NOT NULL, `tokens_cache_read` integer DEFAULT 0 NOT NULL,
  `tokens_cache_write` integer DEFAULT 0 NOT NULL, `revert` text, `permission` text,
  `agent` text, `model` text, `time_created` integer NOT NULL, `time_updated` integer NOT NULL,
  `time_idle` integer, `time_viewed` integer, `idle_outcome` text, `time_compacting` integer,
  `time_archived` integer, `time_suspended` integer,
  `resume_attempts` integer DEFAULT 0 NOT NULL);
CREATE TABLE `session_message` (
  `id` text PRIMARY KEY, `session_id` text NOT NULL, `type` text NOT NULL,
  `seq` integer NOT NULL, `time_created` integer NOT NULL, `time_updated` integer NOT NULL,
  `data` text NOT NULL);
CREATE UNIQUE INDEX `session_message_session_seq_idx` ON `session_message` (`session_id`,`seq`);
"""
MS = 1_764_583_200_000  # 2025-12-01T10:00:00Z in ms


def answer(model: str, cost: float, inp: int, out: int, reasoning: int, read: int,
           write: int, at: int) -> str:
    return json.dumps({"role": "assistant", "model": {"id": model, "providerID": "openai",
                                                      "variant": "default"},
                       "cost": cost, "tokens": {"input": inp, "output": out,
                                                "reasoning": reasoning,
                                                "cache": {"read": read, "write": write}},
                       "time": {"created": at, "completed": at + 4000}})


def make_db(path: Path, *, wal: bool = False) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(DDL)
    return conn


def add_session(conn: sqlite3.Connection, sid: str, model: str, totals: tuple[Any, ...],
                updated: int, answers: list[str]) -> None:
    cost, inp, out, reasoning, read, write = totals
    conn.execute(
        "INSERT INTO session_v2 (id, project_id, slug, directory, version, cost, tokens_input,"
        " tokens_output, tokens_reasoning, tokens_cache_read, tokens_cache_write, model,"
        " time_created, time_updated) VALUES (?, 'prj', 'slug', '/w', '2.1.2', ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?)",
        (sid, cost, inp, out, reasoning, read, write,
         json.dumps({"id": model, "providerID": "openai"}), MS, updated))
    conn.execute("INSERT INTO session_message VALUES (?, ?, 'user', 0, ?, ?, ?)",
                 (f"{sid}-u", sid, MS, MS, json.dumps({"role": "user", "text": "hi"})))
    for i, data in enumerate(answers, start=1):
        conn.execute("INSERT INTO session_message VALUES (?, ?, 'assistant', ?, ?, ?, ?)",
                     (f"{sid}-a{i}", sid, i, MS, MS, data))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path / "home"),
            "CLAUDE_CONFIG_DIR": str(tmp_path / "none"), "CODEX_HOME": str(tmp_path / "none")}


def db_path(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "opencode" / "opencode.db"


def by_day(store: Store, zone_name: str = "UTC") -> dict[tuple[Any, ...], Any]:
    z = zone.named(zone_name)
    built = report.build(store.groups(*report.minute_bounds(z, None, None)), z)
    return {(r.date, r.tool, r.model): r for r in built.rows}


@pytest.mark.parametrize("wal", [False, True])
def test_answers_plus_session_remainder_with_log_costs(env: dict[str, str], tmp_path: Path,
                                                       wal: bool) -> None:
    conn = make_db(db_path(env), wal=wal)
    if wal:  # OpenCode running: rows still in the -wal
        conn.execute("PRAGMA wal_autocheckpoint = 0")
    add_session(conn, "ses_1", "gpt-5.1-codex", (0.05, 300, 60, 20, 1000, 10), MS + 3_600_000,
                [answer("gpt-5.1-codex", 0.02, 100, 20, 5, 400, 0, MS),
                 answer("gpt-5.1-codex", 0.01, 50, 10, 5, 100, 0, MS + 60_000)])
    conn.execute("INSERT INTO session_message VALUES ('bad', 'ses_1', 'assistant', 9, ?, ?,"
                 " 'not json')", (MS, MS))
    before = sorted(p.name for p in db_path(env).parent.iterdir())
    store = Store(tmp_path / "spend.sqlite3")
    stats = scanner.scan(store, env)
    after = sorted(p.name for p in db_path(env).parent.iterdir())
    assert before == after  # nothing created beside OpenCode's files
    row = by_day(store)[("2025-12-01", "opencode", "gpt-5.1-codex")]
    # totals as OpenCode shows them: answers + the remainder (the title call)
    assert (row.input_tokens, row.output_tokens, row.reasoning_tokens,
            row.cache_read_tokens, row.cache_write_tokens) == (300, 60 + 20, 20, 1000, 10)
    assert row.cost_source == "log"
    assert row.cost_usd == pytest.approx(0.05)
    assert stats.skipped_lines == 1
    conn.close()


def test_remainder_lands_on_the_sessions_last_update(env: dict[str, str],
                                                     tmp_path: Path) -> None:
    conn = make_db(db_path(env))
    next_day = MS + 24 * 3_600_000
    add_session(conn, "ses_1", "glm-4.6", (0.03, 30, 3, 0, 0, 0), next_day,
                [answer("glm-4.6", 0.01, 10, 1, 0, 0, 0, MS)])
    conn.close()
    store = Store(tmp_path / "spend.sqlite3")
    scanner.scan(store, env)
    found = by_day(store)
    assert found[("2025-12-01", "opencode", "glm-4.6")].input_tokens == 10
    assert found[("2025-12-02", "opencode", "glm-4.6")].input_tokens == 20
    assert found[("2025-12-02", "opencode", "glm-4.6")].cost_usd == pytest.approx(0.02)


def test_changed_database_replaces_its_figures_unchanged_is_not_read(
        env: dict[str, str], tmp_path: Path) -> None:
    conn = make_db(db_path(env))
    add_session(conn, "ses_1", "glm-4.6", (0.01, 10, 1, 0, 0, 0), MS,
                [answer("glm-4.6", 0.01, 10, 1, 0, 0, 0, MS)])
    store = Store(tmp_path / "spend.sqlite3")
    scanner.scan(store, env)
    assert by_day(store)[("2025-12-01", "opencode", "glm-4.6")].input_tokens == 10
    add_session(conn, "ses_2", "glm-4.6", (0.01, 5, 1, 0, 0, 0), MS,
                [answer("glm-4.6", 0.01, 5, 1, 0, 0, 0, MS)])
    conn.close()
    scanner.scan(store, env)
    assert by_day(store)[("2025-12-01", "opencode", "glm-4.6")].input_tokens == 15
    assert by_day(store)[("2025-12-01", "opencode", "glm-4.6")].cost_usd == pytest.approx(0.02)


def test_opencode_1_database_without_session_v2_counts_nothing(env: dict[str, str],
                                                               tmp_path: Path) -> None:
    path = db_path(env)
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE session (id TEXT PRIMARY KEY)")
    conn.commit()
    conn.close()
    store = Store(tmp_path / "spend.sqlite3")
    stats = scanner.scan(store, env)
    assert by_day(store) == {}
    assert stats.problems == []
