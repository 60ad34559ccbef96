"""Simulator: an `opencode.db` laid out as OpenCode 2 lays it out (WAL mode, `credential` table,
sessions and messages), and a running "OpenCode" in another process that writes to it.

The `credential` table is the one the real `@opencode/cli` 2.1.2 creates (dumped with `.schema`
from a database it made in an empty HOME; provider-facts §1): `id` (`cred_...`),
`integration_id` (NULL rows exist), `label` NOT NULL, `value` JSON text NOT NULL,
`connector_id`, `method_id` (both often NULL), `active` (1, 0 or NULL; no unique index),
`time_created`, `time_updated` (ms); the applied migrations are rows of `migration`. Two
layouts: "fresh" (a database 2.1.x created: every migration marked done, nothing imported) and
"upgraded" (one a 2.0 beta created and 2.1 migrated: its auth.json entries were copied by
`20260805200742_import_legacy_credentials` with `active` NULL, see `legacy_import_rows`).
OpenCode 1.x had the same file with sessions only. Used by the tests, the benchmark and the
demo; never pointed at a real OpenCode folder.
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
CREATE TABLE IF NOT EXISTS `credential` (
          `id` text PRIMARY KEY,
          `integration_id` text,
          `label` text NOT NULL,
          `value` text NOT NULL,
          `connector_id` text,
          `method_id` text,
          `active` integer,
          `time_created` integer NOT NULL,
          `time_updated` integer NOT NULL
        );
CREATE TABLE IF NOT EXISTS "migration" (id TEXT PRIMARY KEY, time_completed INTEGER NOT NULL);
"""

# what 2.1.2 records in `migration` around the credential table (the full list is longer)
IMPORT_MIGRATION = "20260805200742_import_legacy_credentials"
MIGRATIONS = ("20260611035744_credential", "20260804233008_loose_psylocke", IMPORT_MIGRATION,
              "20261007190000_azure_cli_external_credential")
LAYOUTS = ("fresh", "upgraded")

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


def credential_row(integration: str | None, value: Any, *, active: bool | None = True,
                   updated_ms: int | None = None, created_ms: int | None = None,
                   method: str | None = None, label: str | None = None,
                   row_id: str | None = None) -> tuple[Any, ...]:
    """One `credential` row. `active` None is what the legacy import leaves; `created_ms`
    defaults to `updated_ms` (OpenCode orders by `time_created`)."""
    _N[0] += 1
    stamp = updated_ms if updated_ms is not None else now_ms() + _N[0]
    created = created_ms if created_ms is not None else stamp
    text = value if isinstance(value, str) else json.dumps(value)
    return (row_id or f"cred_{os.getpid()}_{_N[0]:06d}", integration, method,
            label if label is not None else (integration or "unnamed"), text,
            None if active is None else (1 if active else 0), created, stamp)


def v2_value(entry: Mapping[str, Any]) -> dict[str, Any]:
    """An auth.json 1.x entry in OpenCode 2's value shape (type "api" → "key", accountId /
    enterpriseUrl → metadata), as the legacy import stores it."""
    value = {k: v for k, v in entry.items() if k not in ("accountId", "enterpriseUrl")}
    if value.get("type") == "api":
        value["type"] = "key"
    meta = {new: entry[old] for old, new in (("accountId", "accountID"),
                                             ("enterpriseUrl", "enterpriseURL")) if old in entry}
    if meta:
        value["metadata"] = meta
    return value


def legacy_import_rows(entries: Mapping[str, Any], *, created_ms: int | None = None
                       ) -> list[tuple[Any, ...]]:
    """The rows `20260805200742_import_legacy_credentials` made from an auth.json: one per
    entry, `active` NULL, labelled by the key, all created in the same millisecond."""
    stamp = created_ms if created_ms is not None else now_ms()
    return [credential_row(key, v2_value(entry) if isinstance(entry, Mapping) else entry,
                           active=None, updated_ms=stamp, created_ms=stamp)
            for key, entry in entries.items()]


INSERT = ("INSERT INTO credential (id, integration_id, method_id, label, value, active, "
          "time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def create_db(path: Path, rows: Iterable[tuple[Any, ...]] = (), *, v1: bool = False,
              filler_bytes: int = 0, layout: str = "fresh", journal_mode: str = "WAL") -> Path:
    """A checkpointed OpenCode database (no -wal left): OpenCode 2's when `v1` is False, else
    1.x's (sessions only). `layout` "upgraded" records the legacy import among the migrations
    ("fresh" too: 2.1.x marks every migration done, importing nothing). `filler_bytes` of
    session messages make it realistically large. `journal_mode` "DELETE" / "PERSIST" makes a
    rollback-journal database (a hand-converted or a very old file)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA journal_mode={journal_mode}")
        conn.executescript(SESSIONS_SQL)
        if not v1:
            conn.executescript(CREDENTIAL_SQL)
            conn.executemany('INSERT OR IGNORE INTO "migration" VALUES (?, ?)',
                             ((name, now_ms()) for name in MIGRATIONS))
            conn.executemany(INSERT, list(rows))
        _fill(conn, filler_bytes)
        conn.commit()
        if journal_mode.upper() == "WAL":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def upgraded_db(path: Path, auth_entries: Mapping[str, Any], *,
                created_ms: int | None = None) -> Path:
    """The database of a user who upgraded through the 2.0 betas: auth.json's entries
    imported with `active` NULL, nothing logged in since."""
    return create_db(path, legacy_import_rows(auth_entries, created_ms=created_ms),
                     layout="upgraded")


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
if sys.argv[2] == "WAL":
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
else:  # a rollback journal; a one-page cache makes a long transaction spill into the file
    conn.execute("PRAGMA journal_mode=" + sys.argv[2])
    conn.execute("PRAGMA cache_size=1")
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

    def __init__(self, path: Path, journal_mode: str = "WAL") -> None:
        self.path = path
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), journal_mode], stdin=subprocess.PIPE,
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
