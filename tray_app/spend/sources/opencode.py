"""OpenCode 2: `opencode.db` (provider-facts §1), opened read only by the credential reader's own
opener (`credentials.foreign_db.read_foreign`), querying only the two session tables.

Per answer: `session_message` rows of type "assistant", whose JSON `data` has `model{id}`,
`cost`, `tokens{input, output, reasoning, cache{read, write}}` and `time{created}`. OpenCode's
session totals (`session_v2`) also count calls that leave no message (the title generation), so
each session's remainder (its totals minus its messages) is added on the session's model at its
last update: the figures add up to what OpenCode shows. Costs come from the database (`log`).
`output` includes the reasoning tokens, as for Codex."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tray_app.spend.records import Usage, as_int

if TYPE_CHECKING:
    import sqlite3

TOOL = "opencode"

_MESSAGES = """
SELECT session_id, time_created,
       json_extract(data, '$.model.id'), json_extract(data, '$.cost'),
       json_extract(data, '$.tokens.input'), json_extract(data, '$.tokens.output'),
       json_extract(data, '$.tokens.reasoning'), json_extract(data, '$.tokens.cache.read'),
       json_extract(data, '$.tokens.cache.write'), json_extract(data, '$.time.created')
FROM session_message WHERE type = 'assistant' AND json_valid(data)
"""
_INVALID = "SELECT COUNT(*) FROM session_message WHERE type = 'assistant' AND NOT json_valid(data)"
_SESSIONS = """
SELECT id, CASE WHEN json_valid(model) THEN json_extract(model, '$.id') END, cost,
       tokens_input, tokens_output, tokens_reasoning, tokens_cache_read, tokens_cache_write,
       time_updated
FROM session_v2
"""


def databases(environ: Mapping[str, str] | None = None) -> list[Path]:
    from tray_app.paths import opencode_db_candidates

    return [p for p in opencode_db_candidates(os.environ if environ is None else environ)
            if p.is_file()]


def fingerprint(path: Path) -> tuple[int, int, int]:
    """Changes whenever OpenCode writes (the database or its -wal): (size, inode, mtime)."""
    st = path.stat()
    size, mtime = st.st_size, st.st_mtime_ns
    wal = Path(f"{path}-wal")
    if wal.exists():
        wst = wal.stat()
        size, mtime = size + wst.st_size, max(mtime, wst.st_mtime_ns)
    return size, st.st_ino, mtime


@dataclass
class Read:
    usages: list[Usage]
    skipped: int = 0  # assistant rows whose data is not JSON
    stale_wal: bool = False


def _num(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        return float(value)
    return 0.0


def _minute(ms: object) -> int | None:
    return int(ms // 60_000) if isinstance(ms, (int, float)) and ms > 0 else None


# All statements of one scan together; the scan runs in its own process, so a large
# database may take a while, but a pathological view or schema never hangs it.
SCAN_DEADLINE = 120.0


def read(path: Path) -> Read:
    """Every answer of the database at `path` and each session's remainder, read by the safe
    rules for another program's database (`credentials.foreign_db`). Raises sqlite3.Error,
    `QueryDeadline` or OSError (the caller reports it)."""
    from tray_app.credentials.foreign_db import read_foreign

    result = read_foreign(path, _read_sessions, deadline=SCAN_DEADLINE)
    result.value.stale_wal = result.stale_wal
    return result.value


def _read_sessions(conn: sqlite3.Connection) -> Read:
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name IN ('session_v2', 'session_message')")}
    if tables != {"session_v2", "session_message"}:
        return Read([])  # OpenCode 1.x, or no session yet
    usages: list[Usage] = []
    sums: dict[str, list[float]] = {}
    for row in conn.execute(_MESSAGES):
        session, created, model, cost, fresh, out, reasoning, read_, write, at = row
        minute = _minute(at) or _minute(created)
        if minute is None:
            continue
        figures = [_num(cost), as_int(fresh), as_int(out), as_int(reasoning),
                   as_int(read_), as_int(write)]
        total = sums.setdefault(str(session), [0.0] * 6)
        for i, value in enumerate(figures):
            total[i] += value
        usages.append(_usage(minute, model, figures))
    skipped = int(conn.execute(_INVALID).fetchone()[0])
    for session, model, *figures_and_time in conn.execute(_SESSIONS):
        *figures, updated = figures_and_time
        minute = _minute(updated)
        if minute is None:
            continue
        seen = sums.get(str(session), [0.0] * 6)
        rest = [max(_num(v) - s, 0.0) for v, s in zip(figures, seen, strict=True)]
        rest[0] = round(rest[0], 10)
        if any(rest):
            usages.append(_usage(minute, model, rest))
    return Read(usages, skipped)


def _usage(minute: int, model: object, figures: list[float]) -> Usage:
    cost, fresh, out, reasoning, cache_read, cache_write = figures
    return Usage(minute=minute, model=model if isinstance(model, str) and model else "unknown",
                 input=int(fresh), output=int(out) + int(reasoning), cache_read=int(cache_read),
                 cache_write=int(cache_write), reasoning=int(reasoning), cost=float(cost))
