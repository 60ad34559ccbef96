"""The spend store: one SQLite file in the state dir (ours; never another program's).

- `files`: per log file its tool, fingerprint (size, inode, the hash of its first bytes) and
  the offset read up to, plus a parser state (Codex: the model and the last cumulative total).
- `agg`: compact aggregates per (file, UTC minute, tool, model, large-request flag): token
  sums, the cost the log carried, and a count. Kept per file so that a file that shrank, was
  replaced or deleted takes exactly its own figures with it.
- `claude`: Claude Code's per-message dedupe keys (`message.id:requestId`) with their largest
  figures per file; a report counts each key once, with the largest figures of any file.

UTC minutes allow any zone later (see records.py). Raw lines are never stored.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tray_app.spend.records import LARGE_CONTEXT, Usage

SCHEMA_VERSION = 2  # an older store is set aside and rebuilt from the logs (a cache)
FILE_NAME = "spend.sqlite3"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, tool TEXT NOT NULL, size INTEGER NOT NULL, inode INTEGER NOT NULL,
    head_len INTEGER NOT NULL, head_hash TEXT NOT NULL, offset INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT '', mtime INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS agg (
    path TEXT NOT NULL, minute INTEGER NOT NULL, tool TEXT NOT NULL, model TEXT NOT NULL,
    large INTEGER NOT NULL, input INTEGER NOT NULL, output INTEGER NOT NULL,
    cache_read INTEGER NOT NULL, cache_write INTEGER NOT NULL, reasoning INTEGER NOT NULL,
    cost REAL, n INTEGER NOT NULL,
    PRIMARY KEY (path, minute, tool, model, large)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claude (
    key TEXT NOT NULL, path TEXT NOT NULL, minute INTEGER NOT NULL, model TEXT NOT NULL,
    input INTEGER NOT NULL, output INTEGER NOT NULL, cache_read INTEGER NOT NULL,
    cache_write INTEGER NOT NULL, PRIMARY KEY (key, path)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claude_path ON claude (path);
CREATE TABLE IF NOT EXISTS claude_best (
    key TEXT PRIMARY KEY, minute INTEGER NOT NULL, model TEXT NOT NULL, large INTEGER NOT NULL,
    input INTEGER NOT NULL, output INTEGER NOT NULL, cache_read INTEGER NOT NULL,
    cache_write INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claude_agg (
    minute INTEGER NOT NULL, model TEXT NOT NULL, large INTEGER NOT NULL,
    input INTEGER NOT NULL, output INTEGER NOT NULL, cache_read INTEGER NOT NULL,
    cache_write INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (minute, model, large)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS prices (model TEXT PRIMARY KEY, price TEXT NOT NULL);
"""

_ADD = """
INSERT INTO agg VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (path, minute, tool, model, large) DO UPDATE SET
    input = input + excluded.input, output = output + excluded.output,
    cache_read = cache_read + excluded.cache_read,
    cache_write = cache_write + excluded.cache_write,
    reasoning = reasoning + excluded.reasoning,
    cost = CASE WHEN cost IS NULL AND excluded.cost IS NULL THEN NULL
                ELSE coalesce(cost, 0) + coalesce(excluded.cost, 0) END,
    n = n + excluded.n
"""

_KEEP_LARGEST = """
INSERT INTO claude VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key, path) DO UPDATE SET
    minute = excluded.minute, model = excluded.model, input = excluded.input,
    output = excluded.output, cache_read = excluded.cache_read,
    cache_write = excluded.cache_write
WHERE excluded.input + excluded.output + excluded.cache_read + excluded.cache_write
    >= claude.input + claude.output + claude.cache_read + claude.cache_write
"""

# Claude's winners: per key the largest figures of any file (`claude_best`), and their sums
# per minute (`claude_agg`), kept up to date for the keys a write touched, so that a report
# reads sums per minute instead of deduplicating every message again.
_AGG_ADD = """
INSERT INTO claude_agg
SELECT minute, model, large, SUM(input) * {sign}, SUM(output) * {sign},
       SUM(cache_read) * {sign}, SUM(cache_write) * {sign}, COUNT(*) * {sign}
FROM claude_best WHERE key IN (SELECT key FROM temp.touched) GROUP BY minute, model, large
ON CONFLICT (minute, model, large) DO UPDATE SET
    input = input + excluded.input, output = output + excluded.output,
    cache_read = cache_read + excluded.cache_read,
    cache_write = cache_write + excluded.cache_write, n = n + excluded.n
"""
_REBEST = [
    _AGG_ADD.format(sign=-1),
    "DELETE FROM claude_best WHERE key IN (SELECT key FROM temp.touched)",
    f"""INSERT INTO claude_best
        SELECT key, minute, model, input + cache_read + cache_write > {LARGE_CONTEXT},
               input, output, cache_read, cache_write
        FROM (SELECT key, minute, model, input, output, cache_read, cache_write,
                     MAX(input + output + cache_read + cache_write)
              FROM claude WHERE key IN (SELECT key FROM temp.touched) GROUP BY key)""",
    _AGG_ADD.format(sign=1),
    "DELETE FROM temp.touched",
]

# Quarter hours: every zone offset and daylight-saving change falls on one.
_GROUPED = """
SELECT minute / 15 AS q, tool, model, large, SUM(input), SUM(output), SUM(cache_read),
       SUM(cache_write), SUM(reasoning), SUM(cost), COUNT(cost), SUM(n)
FROM agg WHERE minute >= ? AND minute < ? GROUP BY q, tool, model, large
UNION ALL
SELECT minute / 15 AS q, 'claude-code', model, large, SUM(input), SUM(output),
       SUM(cache_read), SUM(cache_write), 0, NULL, 0, SUM(n)
FROM claude_agg WHERE minute >= ? AND minute < ? GROUP BY q, model, large
"""


@dataclass(frozen=True)
class FileRecord:
    path: str
    tool: str
    size: int
    inode: int
    head_len: int
    head_hash: str
    offset: int
    state: str
    mtime: int = 0  # st_mtime_ns when read: unchanged (size, inode, mtime) is not even opened


@dataclass(frozen=True)
class Group:
    """Figures of one quarter hour, tool, model and request size."""

    quarter: int  # UTC epoch minutes // 15
    tool: str
    model: str
    large: bool
    input: int
    output: int
    cache_read: int
    cache_write: int
    reasoning: int
    cost: float | None  # the sum of the costs the log carried; None when none did
    count: int


def default_path() -> Path:
    from tray_app import paths

    return paths.state_dir() / FILE_NAME


class Store:
    """The spend database; one writer at a time (the scan), readers whenever."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            row = conn.execute("PRAGMA user_version").fetchone()
            if row[0] not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"spend store version {row[0]}")
            conn.executescript(_DDL)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ files
    def files(self) -> dict[str, FileRecord]:
        return {row[0]: FileRecord(*row) for row in self.conn.execute(
            "SELECT path, tool, size, inode, head_len, head_hash, offset, state, mtime"
            " FROM files")}

    def file(self, path: str) -> FileRecord | None:
        row = self.conn.execute(
            "SELECT path, tool, size, inode, head_len, head_hash, offset, state, mtime"
            " FROM files WHERE path = ?", (path,)).fetchone()
        return FileRecord(*row) if row is not None else None

    def begin(self) -> None:
        """Start the write transaction unless one is open (BEGIN IMMEDIATE: a second writer
        waits here, then sees what the first committed)."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def forget(self, path: str) -> None:
        """Drop a file and everything counted from it (deleted, shrunk or replaced)."""
        self.conn.execute("INSERT OR IGNORE INTO temp.touched SELECT key FROM claude"
                          " WHERE path = ?", (path,))
        for table in ("agg", "claude", "files"):
            self.conn.execute(f"DELETE FROM {table} WHERE path = ?", (path,))
        self._rebest()

    def _rebest(self) -> None:
        for statement in _REBEST:
            self.conn.execute(statement)

    def tidy(self) -> None:
        """Drop the per-minute sums that fell to nothing (once per scan: a full pass)."""
        self.conn.execute("DELETE FROM claude_agg WHERE n <= 0")

    def save_file(self, record: FileRecord) -> None:
        self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (record.path, record.tool, record.size, record.inode,
                           record.head_len, record.head_hash, record.offset, record.state,
                           record.mtime))

    # ------------------------------------------------------------------ figures
    def add(self, path: str, tool: str, usages: Iterable[Usage]) -> None:
        """Add counted-as-is usages (Codex, OpenCode, Claude entries without a key),
        summed per minute and model first."""
        sums: dict[tuple[int, str, bool], list[Any]] = {}
        for u in usages:
            key = (u.minute, u.model, u.large)
            row = sums.get(key)
            if row is None:
                sums[key] = [u.input, u.output, u.cache_read, u.cache_write, u.reasoning,
                             u.cost, 1]
                continue
            row[0] += u.input
            row[1] += u.output
            row[2] += u.cache_read
            row[3] += u.cache_write
            row[4] += u.reasoning
            if u.cost is not None:
                row[5] = (row[5] or 0.0) + u.cost
            row[6] += 1
        self.conn.executemany(_ADD, ((path, m, tool, model, int(large), *row)
                                     for (m, model, large), row in sums.items()))

    def keep_largest(self, path: str, usages: Iterable[Usage]) -> None:
        """Claude messages: per (key, file) the largest figures seen, in any run."""
        rows = [(u.key, path, u.minute, u.model, u.input, u.output, u.cache_read,
                 u.cache_write) for u in usages]
        if not rows:
            return
        self.conn.executemany(_KEEP_LARGEST, rows)
        self.conn.executemany("INSERT OR IGNORE INTO temp.touched VALUES (?)",
                              ((r[0],) for r in rows))
        self._rebest()

    def price_cache(self) -> PriceCache:
        return PriceCache(self.conn)

    def groups(self, start_minute: int, end_minute: int) -> Iterator[Group]:
        """Quarter-hour groups with UTC minutes in [start, end)."""
        bounds = (start_minute, end_minute, start_minute, end_minute)
        for row in self.conn.execute(_GROUPED, bounds):
            q, tool, model, large, i, o, cr, cw, r, cost, costed, n = row
            yield Group(int(q), str(tool), str(model), bool(large), int(i), int(o), int(cr),
                        int(cw), int(r), float(cost) if costed else None, int(n))


class PriceCache(MutableMapping[str, str]):
    """The `prices` table as a mapping (model → encoded price, see prices.Book)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows = dict(conn.execute("SELECT model, price FROM prices").fetchall())

    def __getitem__(self, key: str) -> str:
        return str(self.rows[key])

    def __setitem__(self, key: str, value: str) -> None:
        self.rows[key] = value
        with contextlib.suppress(sqlite3.OperationalError):  # busy: looked up again next time
            self.conn.execute("INSERT OR REPLACE INTO prices VALUES (?, ?)", (key, value))

    def __delitem__(self, key: str) -> None:
        del self.rows[key]
        self.conn.execute("DELETE FROM prices WHERE model = ?", (key,))

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
