"""Reading another program's SQLite file (OpenCode's `opencode.db`, and anything like it): read
only, creating and changing nothing beside it, and never for long.

How the file is opened (SQLite URI), by what lies beside it:
- neither `-wal` nor `-journal`: `immutable=1`, which takes no lock and creates nothing;
- a `-wal` (its program is running, or did not checkpoint): `mode=ro&readonly_shm=1`, which
  reads the rows still only in the write-ahead log and opens the `-shm` index read-only (a plain
  `mode=ro` would write a read mark into it, or create it when missing);
- a `-journal` beside a database in rollback-journal mode (a writer is in a transaction, or the
  journal is kept): `mode=ro`, never `immutable=1`, which would read the pages of a writer's
  uncommitted transaction; a read-only connection takes a shared lock, creates nothing and
  rolls nothing back;
- a `-wal` without its `-shm` and nobody holding it (a crash leftover): `immutable=1` again,
  reported as `stale_wal` (the newest changes are not visible until the program runs).
A busy database is retried for `BUSY_TIMEOUT` seconds, then the error is raised. All the
statements of one read run under one deadline (`QUERY_DEADLINE`, SQLite's progress handler):
a pathological view or schema cannot hang the caller; it raises `QueryDeadline`.
`sqlite3` is imported only here, and only when a file is read (the tray does not pay for it
until an opencode.db exists).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from tray_app.safe_open import check_regular

if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT = 0.25  # seconds SQLite's busy handler retries before "database is locked"
QUERY_DEADLINE = 2.0  # seconds all statements of one read may take together
PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two deadline checks
SQLITE_WAL_FORMAT = 2  # byte 18 of the database header: 1 = rollback journal, 2 = WAL

T = TypeVar("T")


class QueryDeadline(Exception):
    """The statements of one read ran past their deadline (and were interrupted)."""

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail or f"query took longer than {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class ReadResult(Generic[T]):
    value: T
    opened: str  # "immutable", "wal" or "journal"
    stale_wal: bool = False  # a -wal without its -shm: read without the newest changes


def uri(path: Path, params: str) -> str:
    # file:///C:/Users/... on Windows, file:///home/... elsewhere; '?', '#', '%' escaped
    return f"{path.absolute().as_uri()}?{params}"


def rollback_journal_mode(path: Path) -> bool:
    """The database header says rollback-journal mode (not WAL); unreadable counts as yes,
    so that a `-journal` beside it is never ignored."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return True
    return len(header) < 20 or header[18] != SQLITE_WAL_FORMAT


def run_read_only(path: Path, params: str, query: Callable[[sqlite3.Connection], T],
                  deadline: float) -> T:
    """`query(connection)` on the file opened with these URI parameters, read only, under
    the deadline. Raises sqlite3.Error, QueryDeadline or OSError."""
    import sqlite3

    conn = sqlite3.connect(uri(path, params), uri=True, timeout=BUSY_TIMEOUT,
                           isolation_level=None, check_same_thread=False)
    until = time.monotonic() + deadline
    expired = [False]

    def past_deadline() -> int:
        if time.monotonic() > until:
            expired[0] = True
            return 1  # SQLite stops the statement: "interrupted"
        return 0

    conn.set_progress_handler(past_deadline, PROGRESS_STEPS)
    try:
        conn.execute("PRAGMA query_only = 1")
        return query(conn)
    except sqlite3.OperationalError as exc:
        if expired[0]:
            raise QueryDeadline(deadline) from exc
        raise
    finally:
        conn.close()


def read_foreign(path: Path, query: Callable[[sqlite3.Connection], T], *,
                 deadline: float | None = None) -> ReadResult[T]:
    """`query` on another program's database at `path` (which exists), opened the safe way
    for what lies beside it (see the module docstring). Raises OSError (NotRegularFile for a
    FIFO, socket or device), sqlite3.Error or QueryDeadline."""
    import sqlite3

    seconds = QUERY_DEADLINE if deadline is None else deadline
    check_regular(path)  # a FIFO or device never reaches SQLite (its open would block)
    if Path(f"{path}-wal").exists():
        try:
            return ReadResult(run_read_only(path, "mode=ro&readonly_shm=1", query, seconds), "wal")
        except sqlite3.OperationalError as exc:
            # "unable to open database file": the -shm index is missing and nobody holds the
            # database (a crash leftover). Read the checkpointed part, creating nothing.
            if Path(f"{path}-shm").exists() or "unable to open" not in str(exc):
                raise
        return ReadResult(run_read_only(path, "immutable=1", query, seconds), "immutable",
                          stale_wal=True)
    if Path(f"{path}-journal").exists() and rollback_journal_mode(path):
        return ReadResult(run_read_only(path, "mode=ro", query, seconds), "journal")
    return ReadResult(run_read_only(path, "immutable=1", query, seconds), "immutable")
