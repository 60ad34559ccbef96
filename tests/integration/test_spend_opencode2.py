"""Spend on a database the real OpenCode 2 (@opencode/cli 2.1.2, from npm) created: our queries
run against its own session tables (not a transcription), the figures are the answers plus each
session's remainder with OpenCode's costs, and OpenCode's folder is byte for byte unchanged
(a -wal beside it, as OpenCode leaves it: read through `mode=ro&readonly_shm=1`). Fails, never
skips, under CI=true when the binary is unavailable. `--standalone`: without it, OpenCode 2
starts its background service (port 49374), which would outlive the test."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path

from mystatus_testkit import oracles
from mystatus_testkit.cli import cli_env, run_cli

MS = 1_780_000_000_000  # 2026-05-28T20:26:40Z


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_sessions_of_a_database_opencode_2_created(home: Path) -> None:
    binary = oracles.require("opencode")
    env = cli_env(home)
    done = subprocess.run([str(binary), "auth", "list", "--standalone"],
                          env={**env, "PATH": os.environ["PATH"]}, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stderr
    db = home / ".local" / "share" / "opencode" / "opencode.db"
    assert db.exists()
    conn = sqlite3.connect(db)  # as OpenCode would have written them: WAL mode stays on
    columns = {r[1] for r in conn.execute("PRAGMA table_info(session_v2)")}
    assert {"cost", "tokens_input", "tokens_cache_read", "model", "time_updated"} <= columns
    conn.execute(
        "INSERT INTO session_v2 (id, project_id, slug, directory, version, cost, tokens_input,"
        " tokens_output, tokens_reasoning, tokens_cache_read, tokens_cache_write, model,"
        " time_created, time_updated) VALUES ('ses_1', 'prj_1', 's', '/w', '2.1.2', 0.5, 400,"
        " 90, 10, 2000, 100, ?, ?, ?)",
        (json.dumps({"id": "claude-sonnet-4-5", "providerID": "anthropic"}), MS, MS + 60_000))
    data = {"role": "assistant", "model": {"id": "claude-sonnet-4-5", "providerID": "anthropic",
                                           "variant": "default"},
            "cost": 0.2, "tokens": {"input": 100, "output": 40, "reasoning": 10,
                                    "cache": {"read": 1000, "write": 0}},
            "time": {"created": MS, "completed": MS + 5000}}
    conn.execute("INSERT INTO session_message (id, session_id, type, seq, time_created,"
                 " time_updated, data) VALUES ('msg_1', 'ses_1', 'assistant', 1, ?, ?, ?)",
                 (MS, MS, json.dumps(data)))
    conn.commit()
    conn.close()
    before = folder_state(db.parent)
    out = run_cli(["spend", "--json", "--tz", "UTC"], env)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    rows = [r for r in doc["rows"] if r["tool"] == "opencode"]
    assert [(r["date"], r["model"], r["cost_source"]) for r in rows] == [
        ("2026-05-28", "claude-sonnet-4-5", "log")]
    (row,) = rows
    assert (row["input_tokens"], row["output_tokens"], row["reasoning_tokens"],
            row["cache_read_tokens"], row["cache_write_tokens"]) == (400, 100, 10, 2000, 100)
    assert row["cost_usd"] == 0.5
    assert folder_state(db.parent) == before
