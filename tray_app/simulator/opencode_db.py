"""Simulator: an `opencode.db` laid out as OpenCode 2 lays it out (WAL mode, `credential` table,
sessions and messages), and a running "OpenCode" in another process that writes to it.

Written from the public facts of docs (provider-facts §1): OpenCode 2 keeps credentials in
`credential` (`id`, `integration_id`, `method_id`, `label`, `value` JSON text, `active` 0/1 with
one active row per integration, `time_created`, `time_updated` in ms) and records the one-time
import of auth.json in `data_migration`; OpenCode 1.x had the same file with sessions only. Used
by the tests and the benchmark; never pointed at a real OpenCode folder.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SESSIONS_SQL = """
CREATE TABLE IF NOT EXISTS project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL,
    time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL,
    title TEXT NOT NULL, version TEXT, time_created INTEGER NOT NULL,
    time_updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL,
    data TEXT NOT NULL, time_created INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS message_session_idx ON message (session_id);
"""

CREDENTIAL_SQL = """
CREATE TABLE IF NOT EXISTS credential (id TEXT PRIMARY KEY, integration_id TEXT NOT NULL,
    method_id TEXT NOT NULL, label TEXT, value TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0, time_created INTEGER NOT NULL,
    time_updated INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS credential_active_idx ON credential (integration_id)
    WHERE active = 1;
CREATE TABLE IF NOT EXISTS data_migration (name TEXT PRIMARY KEY, time INTEGER NOT NULL);
"""

_N = [0]


def now_ms() -> int:
    return int(time.time() * 1000)


def oauth_value(access: str, refresh: str = "", expires_ms: int | None = None,
                account_id: str = "", enterprise_url: str = "") -> dict[str, Any]:
    meta = {k: v for k, v in (("accountID", account_id), ("enterpriseURL", enterprise_url)) if v}
    value: dict[str, Any] = {"type": "oauth", "refresh": refresh or f"rt-{access[-8:]}",
                             "access": access,
                             "expires": expires_ms if expires_ms is not None else
                             now_ms() + 3_600_000}
    if meta:
        value["metadata"] = meta
    return value


def key_value(key: str) -> dict[str, Any]:
    return {"type": "key", "key": key}


def credential_row(integration: str, value: Any, *, active: bool = True,
                   updated_ms: int | None = None, method: str = "") -> tuple[Any, ...]:
    _N[0] += 1
    stamp = updated_ms if updated_ms is not None else now_ms() + _N[0]
    text = value if isinstance(value, str) else json.dumps(value)
    kind = value.get("type") if isinstance(value, Mapping) else ""
    method = method or ("oauth" if kind == "oauth" else "api-key")
    return (f"cred_{os.getpid()}_{_N[0]:06d}", integration, method, integration, text,
            1 if active else 0, stamp, stamp)


INSERT = ("INSERT INTO credential (id, integration_id, method_id, label, value, active, "
          "time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def create_db(path: Path, rows: Iterable[tuple[Any, ...]] = (), *, v1: bool = False,
              filler_bytes: int = 0) -> Path:
    """A checkpointed OpenCode database (no -wal left): OpenCode 2's when `v1` is False, else
    1.x's (sessions only). `filler_bytes` of session messages make it realistically large."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SESSIONS_SQL)
        if not v1:
            conn.executescript(CREDENTIAL_SQL)
            conn.execute("INSERT OR IGNORE INTO data_migration VALUES ('credential.auth-json', ?)",
                         (now_ms(),))
            conn.executemany(INSERT, list(rows))
        _fill(conn, filler_bytes)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def _fill(conn: sqlite3.Connection, filler_bytes: int) -> None:
    if filler_bytes <= 0:
        return
    conn.execute("INSERT OR IGNORE INTO project VALUES ('prj_1', '/home/user/code', 0, 0)")
    chunk = 4000
    part = json.dumps({"role": "assistant", "parts": [{"type": "text", "text": "x" * chunk}]})
    count = max(1, filler_bytes // (len(part) + 60))
    sessions = max(1, count // 200)
    conn.executemany("INSERT INTO session VALUES (?, 'prj_1', ?, '2.0.0', 0, 0)",
                     ((f"ses_{i:06d}", f"session {i}") for i in range(sessions)))
    conn.executemany("INSERT INTO message VALUES (?, ?, ?, 0)",
                     ((f"msg_{i:08d}", f"ses_{i % sessions:06d}", part) for i in range(count)))


_WRITER = r"""
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
print("ready", flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    try:
        for sql, params in cmd:
            conn.execute(sql, params)
        print("ok", flush=True)
    except Exception as exc:
        print("error " + str(exc), flush=True)
"""


class OpenCodeWriter:
    """A running OpenCode stand-in: another process holding the database open in WAL mode with
    automatic checkpoints off, so what it commits stays in `opencode.db-wal` (and its `-shm`
    index exists) until it exits. `run()` executes statements there (a transaction left open
    with BEGIN EXCLUSIVE under `PRAGMA locking_mode=EXCLUSIVE` locks readers out)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, encoding="utf-8")
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"writer did not start: {line!r}")

    def run(self, *statements: tuple[str, Iterable[Any]]) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([[sql, list(p)] for sql, p in statements]) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if answer != "ok":
            raise RuntimeError(f"writer: {answer}")

    def insert(self, *rows: tuple[Any, ...]) -> None:
        self.run(*((INSERT, row) for row in rows))

    def activate(self, integration: str, row: tuple[Any, ...]) -> None:
        """What OpenCode 2 does on a new login: the old rows inactive, the new one active."""
        self.run(("UPDATE credential SET active = 0 WHERE integration_id = ?", [integration]),
                 (INSERT, row))

    def lock(self) -> None:
        """Hold an exclusive lock, as a connection in exclusive locking mode writing does."""
        self.run(("PRAGMA locking_mode=EXCLUSIVE", []), ("BEGIN EXCLUSIVE", []),
                 ("UPDATE credential SET label = label", []))

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> OpenCodeWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
