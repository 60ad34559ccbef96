"""Credentials: OpenCode 2's `credential` table in `opencode.db`, read only, changing nothing.

How the file is opened (SQLite URI):
- no `opencode.db-wal` beside it: `immutable=1`, which takes no lock and creates nothing;
- a `-wal` (OpenCode is running, or did not checkpoint): `mode=ro&readonly_shm=1`, which reads
  the rows still only in the write-ahead log and opens the `-shm` index read-only (a plain
  `mode=ro` would write a read mark into it, or create it when missing);
- a `-wal` without its `-shm` and nobody holding it (a crash leftover): `immutable=1` again, with
  a note that the newest changes are not visible until OpenCode runs.
A busy database is retried for `BUSY_TIMEOUT` seconds, then reported (never waited on longer).
No checkpoint, no write, no long lock. Only the credential table is queried: the file can hold
hundreds of MB of sessions. The columns are read first (`PRAGMA table_info`) because they moved
during the 2.0 betas (`connector_id` → `integration_id`; `active` dropped and added back).
"""

from __future__ import annotations

import errno
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.safe_open import check_regular, fix_extra

if TYPE_CHECKING:  # sqlite3 (~2 MiB in the tray) is imported only when an opencode.db exists
    import sqlite3

BUSY_TIMEOUT = 0.25  # seconds SQLite's busy handler retries before "database is locked"
MAX_VALUE = 256 * 1024  # a credential value larger than this is not read


@dataclass(frozen=True)
class DbCredentials:
    path: str  # "" when no opencode.db was found
    found: bool = False
    has_table: bool = False  # False for an OpenCode 1.x database (sessions only)
    values: Mapping[str, Any] = field(default_factory=dict)  # integration → decoded value
    active_rows: int = 0  # rows used (the active one per integration)
    inactive_rows: int = 0  # rows of accounts switched away from (never read)
    problem: ErrorInfo | None = None  # corrupt / unreadable / locked
    stale_wal: bool = False  # a -wal without its -shm: read without the newest changes
    columns: tuple[str, ...] = ()


def _uri(path: Path, params: str) -> str:
    # file:///C:/Users/... on Windows, file:///home/... elsewhere; '?', '#', '%' escaped
    return f"{path.absolute().as_uri()}?{params}"


def _problem(path: Path, exc: Exception) -> ErrorInfo:
    text = str(exc).split("\n")[0][:160] or type(exc).__name__
    locked = "locked" in text or "busy" in text
    extra = {"fix": "fix.credential_db_locked"} if locked else {}
    return ErrorInfo(ErrorKind.CREDENTIAL_DB_UNREADABLE, path=str(path), detail=text,
                     extra=tuple(extra.items()))


def os_problem(path: Path, exc: OSError) -> ErrorInfo:
    detail = exc.strerror or str(exc)
    name = errno.errorcode.get(exc.errno or 0, "")
    return ErrorInfo(ErrorKind.CREDENTIAL_DB_UNREADABLE, path=str(path),
                     detail=f"{name}: {detail}" if name else detail,
                     extra=tuple(sorted(fix_extra(path, exc).items())))


def _decode(raw: Any) -> Any:
    if isinstance(raw, (bytes, bytearray)):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return raw
    if not isinstance(raw, str) or len(raw) > MAX_VALUE:
        return raw
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return raw  # reported as "not an object" by entries.check


def _query(conn: sqlite3.Connection, path: str) -> DbCredentials:
    import sqlite3

    columns = tuple(str(row[1]) for row in conn.execute("PRAGMA table_info(credential)"))
    if not columns:
        return DbCredentials(path=path, found=True)  # OpenCode 1.x: no credential table
    integ = next((c for c in ("integration_id", "connector_id") if c in columns), "")
    if not integ or "value" not in columns:
        raise sqlite3.DatabaseError(
            f"credential table without {'integration_id' if not integ else 'value'} column")
    order = "time_updated" if "time_updated" in columns else "rowid"
    values: dict[str, Any] = {}
    if "active" in columns:
        rows = conn.execute(
            f'SELECT "{integ}", value FROM credential WHERE active = 1 ORDER BY {order}')
        for key, raw in rows:
            values[str(key)] = _decode(raw)
        inactive = conn.execute(
            "SELECT COUNT(*) FROM credential WHERE active IS NOT 1").fetchone()[0]
        active = len(values)
    else:
        # no `active` column (a 2.0 beta): the most recently updated row per integration
        total = 0
        for key, raw in conn.execute(f'SELECT "{integ}", value FROM credential ORDER BY {order}'):
            values[str(key)] = raw  # later rows replace earlier ones; decoded below
            total += 1
        values = {k: _decode(v) for k, v in values.items()}
        active, inactive = len(values), total - len(values)
    return DbCredentials(path=path, found=True, has_table=True, values=values,
                         active_rows=active, inactive_rows=int(inactive), columns=columns)


def _open_and_query(path: Path, params: str) -> DbCredentials:
    import sqlite3

    conn = sqlite3.connect(_uri(path, params), uri=True, timeout=BUSY_TIMEOUT,
                           isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = 1")
        return _query(conn, str(path))
    finally:
        conn.close()


def read_credentials(path: Path) -> DbCredentials:
    """The active credential rows of the database at `path` (which exists)."""
    import sqlite3

    wal = Path(f"{path}-wal")
    shm = Path(f"{path}-shm")
    try:
        check_regular(path)  # a FIFO or device never reaches SQLite (its open would block)
        if not wal.exists():
            return _open_and_query(path, "immutable=1")
        try:
            return _open_and_query(path, "mode=ro&readonly_shm=1")
        except sqlite3.OperationalError as exc:
            # "unable to open database file": the -shm index is missing and nobody holds the
            # database (a crash leftover). Read the checkpointed part without creating it.
            if shm.exists() or "unable to open" not in str(exc):
                raise
        found = _open_and_query(path, "immutable=1")
        return DbCredentials(**{**found.__dict__, "stale_wal": True})
    except sqlite3.Error as exc:
        return DbCredentials(path=str(path), found=True, problem=_problem(path, exc))
    except OSError as exc:  # vanished since the probe, a folder we cannot enter, not a file
        return DbCredentials(path=str(path), found=True, problem=os_problem(path, exc))
