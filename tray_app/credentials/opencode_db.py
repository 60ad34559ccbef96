"""Credentials: OpenCode 2's `credential` table in `opencode.db`, read only, changing nothing.

Which row: per integration, the one OpenCode itself uses (its `Credential.list`, checked
against the 2.1.2 binary): the first of `ORDER BY active DESC, time_created DESC, id DESC`,
rows whose integration is NULL skipped. An `active = 1` row wins; without one (rows imported
from auth.json by the 2.0-beta migration have `active` NULL, a removed active row leaves 0s)
the newest row by `time_created` wins, ties by `id`. The columns moved during the betas
(`connector_id` → `integration_id`; `active` dropped and added back), so they are read first
(`PRAGMA table_info`) and only those of `active`, `time_created`, `id` that exist are ordered by.
Each chosen row is described (`ChosenRow`: its id, label and why: "active" or "newest") for
`doctor`.

The file is opened as `foreign_db.py` opens another program's database: read only, nothing
created or changed beside it (`immutable`, or `mode=ro` beside a `-wal` or a rollback
`-journal`), a busy database retried briefly, every query under a deadline (a pathological
view or schema is reported, localized, as "took too long"). No checkpoint, no write, no long
lock. Only the credential table is queried: the file can hold hundreds of MB of sessions.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tray_app.credentials import foreign_db
from tray_app.credentials.foreign_db import BUSY_TIMEOUT as BUSY_TIMEOUT  # re-exported
from tray_app.credentials.foreign_db import QueryDeadline
from tray_app.credentials.sources import ChosenRow
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.safe_open import fix_extra

if TYPE_CHECKING:  # sqlite3 (~2 MiB in the tray) is imported only when an opencode.db exists
    import sqlite3

MAX_VALUE = 256 * 1024  # a credential value larger than this is not read
ORDER_COLUMNS = ("active", "time_created", "id")  # OpenCode's order, each DESC


@dataclass(frozen=True)
class DbCredentials:
    path: str  # "" when no opencode.db was found
    found: bool = False
    has_table: bool = False  # False for an OpenCode 1.x database (sessions only)
    values: Mapping[str, Any] = field(default_factory=dict)  # integration → decoded value
    active_rows: int = 0  # rows used (one per integration)
    inactive_rows: int = 0  # the other rows (accounts switched away from): never read
    problem: ErrorInfo | None = None  # corrupt / unreadable / locked / too slow
    stale_wal: bool = False  # a -wal without its -shm: read without the newest changes
    columns: tuple[str, ...] = ()
    chosen: tuple[ChosenRow, ...] = ()  # per integration, sorted like `values`
    opened: str = ""  # "immutable", "wal" or "journal": how the file was opened


def _problem(path: Path, exc: Exception, deadline: float = 0.0) -> ErrorInfo:
    if isinstance(exc, QueryDeadline):
        return ErrorInfo(ErrorKind.CREDENTIAL_DB_UNREADABLE, path=str(path),
                         detail=f"query took longer than {deadline:g} s",
                         extra=(("message", "error.credential_db_slow"),
                                ("fix", "fix.credential_db_slow"),
                                ("seconds", f"{deadline:g}")))
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


def _text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    return value if isinstance(value, str) else "" if value is None else str(value)


def _query(conn: sqlite3.Connection, path: str) -> DbCredentials:
    import sqlite3

    columns = tuple(str(row[1]) for row in conn.execute("PRAGMA table_info(credential)"))
    if not columns:
        return DbCredentials(path=path, found=True)  # OpenCode 1.x: no credential table
    integ = next((c for c in ("integration_id", "connector_id") if c in columns), "")
    if not integ or "value" not in columns:
        raise sqlite3.DatabaseError(
            f"credential table without {'integration_id' if not integ else 'value'} column")
    order = [f'"{c}" DESC' for c in ORDER_COLUMNS if c in columns] or ["rowid DESC"]
    pick = [f'"{c}"' if c in columns else "NULL" for c in ("id", "label", "active")]
    sql = (f'SELECT "{integ}", value, {", ".join(pick)} FROM credential '
           f'WHERE "{integ}" IS NOT NULL ORDER BY {", ".join(order)}')
    values: dict[str, Any] = {}
    chosen: dict[str, ChosenRow] = {}
    counts: dict[str, int] = {}
    for key_raw, raw, row_id, label, active in conn.execute(sql):
        key = _text(key_raw)
        counts[key] = counts.get(key, 0) + 1
        if key in values:
            continue  # an older / switched-away row: counted, never decoded
        values[key] = raw
        reason = "active" if "active" in columns and active == 1 else "newest"
        chosen[key] = ChosenRow(key, _text(row_id), _text(label), reason, 0)
    total = sum(counts.values())
    keys = sorted(values)  # a stable order for doctor, whatever the rows' dates
    return DbCredentials(
        path=path, found=True, has_table=True,
        values={k: _decode(values[k]) for k in keys},
        active_rows=len(values), inactive_rows=total - len(values), columns=columns,
        chosen=tuple(replace(chosen[k], rows=counts[k]) for k in keys))


def read_credentials(path: Path, *, deadline: float | None = None) -> DbCredentials:
    """The rows OpenCode uses of the database at `path` (which exists); `deadline` for all its
    statements together (default `foreign_db.QUERY_DEADLINE`)."""
    import sqlite3

    seconds = foreign_db.QUERY_DEADLINE if deadline is None else deadline
    try:
        result = foreign_db.read_foreign(path, lambda conn: _query(conn, str(path)),
                                         deadline=seconds)
    except QueryDeadline as exc:
        return DbCredentials(path=str(path), found=True, problem=_problem(path, exc, seconds))
    except sqlite3.Error as exc:
        return DbCredentials(path=str(path), found=True, problem=_problem(path, exc))
    except OSError as exc:  # vanished since the probe, a folder we cannot enter, not a file
        return DbCredentials(path=str(path), found=True, problem=os_problem(path, exc))
    return replace(result.value, opened=result.opened, stale_wal=result.stale_wal)
