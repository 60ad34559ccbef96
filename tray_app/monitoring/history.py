"""Monitoring → history: every refresh's windows (used %, used/limit, resets_at) in one
SQLite file in the app's state folder (`history.sqlite3`), read back by the `history`
command, the chart and the pace estimate.

- Small: a sample is stored when a window changed (history_rules.worth_storing), plus an
  hourly heartbeat; rows are (series, second, numbers) in a WITHOUT ROWID table keyed by
  (series, at), so a week of one window is one range scan. Retention: `history_days`.
- Two writers at once (the tray and a terminal `status`): WAL, a short busy timeout, and
  each record is one IMMEDIATE transaction that reads the last stored sample of each window
  inside it, so neither writer decides on a stale copy.
- Never a dependency: `History.record` never raises. A corrupt file (or one that is not
  ours) is set aside as `history.sqlite3.corrupt-<time>` and a new one starts; a lock held
  past the busy timeout skips that one record (three in a row: set aside, start anew); a file
  or folder that cannot be written turns the history off for this process. Each time, one
  notice for the user (`notify`), once.
- No secret is stored: accounts by their display label (already masked), passed through the
  scrubber once more.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tray_app import paths, safe_open
from tray_app.model import Snapshot, utcnow
from tray_app.monitoring.history_rules import HISTORY_FILE, Sample, split_cycles, worth_storing
from tray_app.own_files import aside_name, file_lock
from tray_app.secrets import scrub

log = logging.getLogger(__name__)

SCHEMA = 1  # PRAGMA user_version of a file we made
BUSY_TIMEOUT_MS = 250  # a refresh waits at most this long for the other writer
PRUNE_EVERY = timedelta(hours=6)  # retention runs at open and then this often
LOCKED_LIMIT = 3  # consecutive locked records before the file is set aside
# Opening (which may create the file) and setting aside take this lock file's OS lock, so a
# set-aside never moves the -wal/-shm of a new file another process has just made (20
# concurrent `status` on a damaged file: a stolen -shm split the writers, and a healthy file
# was then found corrupt and set aside). Held for milliseconds; waited on at most this long.
OPEN_LOCK_WAIT = 2.0
CYCLE_LOOKBACK = timedelta(days=40)  # far enough back for a calendar month's cycle
# A sample further ahead of our clock than this was stamped by a clock that ran ahead (then
# NTP fixed it, a VM resumed, a dual-boot RTC kept local time): it is dropped so recording
# resumes now, instead of waiting until the clock catches up with it. Less far ahead is
# another writer's clock a moment ahead of ours: its sample is kept.
FUTURE_SLACK = timedelta(minutes=2)

_DDL = """
CREATE TABLE IF NOT EXISTS series (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    account TEXT NOT NULL,
    window TEXT NOT NULL,
    UNIQUE (provider, account, window)
);
CREATE TABLE IF NOT EXISTS samples (
    series INTEGER NOT NULL,
    at INTEGER NOT NULL,  -- milliseconds since 1970 (UTC)
    used_percent REAL NOT NULL,
    used REAL,
    lim REAL,
    resets_at INTEGER,  -- seconds since 1970 (UTC)
    PRIMARY KEY (series, at)
) WITHOUT ROWID;
"""

Notify = Callable[[str, dict[str, str]], object]  # (i18n key, params)


def history_path(state_dir: Path | None = None) -> Path:
    return (state_dir or paths.state_dir()) / HISTORY_FILE


def _epoch(when: datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return int(when.timestamp())


def _when(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc)


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _ms(when: datetime) -> int:
    """A sample's time: milliseconds (two runs of `status` can fall in one second)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return round(when.timestamp() * 1000)


def _when_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, timezone.utc)


def _error_name(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11+
    if name:
        return str(name)
    text = str(exc).lower()  # 3.10: the message is all there is
    for needle, guess in (("locked", "SQLITE_BUSY"), ("readonly", "SQLITE_READONLY"),
                          ("unable to open", "SQLITE_CANTOPEN"), ("disk i/o", "SQLITE_IOERR"),
                          ("not a database", "SQLITE_NOTADB"), ("malformed", "SQLITE_CORRUPT")):
        if needle in text:
            return guess
    return "SQLITE_ERROR"


class NotOurs(sqlite3.DatabaseError):
    """A valid SQLite file, but not a history file we can read (another schema)."""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with our settings; the schema is created (or checked) unless read-only."""
    if safe_open.exists(path):  # a FIFO or device never reaches SQLite (its open would block)
        safe_open.check_regular(path)
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None)  # transactions are explicit
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA cache_size = -512")  # KiB: a record touches a few pages
        if readonly:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                raise NotOurs(f"user_version {version}")
            return conn
        _check_or_create(conn)
        if os.name == "posix":
            with suppress(OSError):  # some file systems have no modes; not worth failing
                os.chmod(path, 0o600)  # our usage is nobody else's business
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _check_or_create(conn: sqlite3.Connection) -> None:
    """The schema check and, for a new file, its creation, in one IMMEDIATE transaction: a
    process creating the schema at the same moment is seen whole or not at all (read in two
    steps, "version 0" then "tables present" made a healthy new file look like another
    program's, and it was set aside)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version not in (0, SCHEMA) or (version == 0 and tables):
            raise NotOurs(f"user_version {version}, tables {sorted(tables)}")
        if version == 0:
            for statement in _DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _set_aside_db(path: Path, judged: tuple[int, int] | None = None) -> Path | None:
    """Rename the file (and its -wal/-shm companions) to a unique `<name>.corrupt-<time>-...`.
    `judged`: the identity of the file found unusable; when another process has set that
    one aside meanwhile (and maybe started a healthy one), nothing is moved."""
    if judged is not None and _identity(path) != judged:
        return None
    aside = aside_name(path)
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return None
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        with suppress(OSError):
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


def snapshot_samples(snapshot: Snapshot, now: datetime) -> list[Sample]:
    """The windows worth keeping from one refresh: freshly fetched (accounts without an
    error), with a known used %; unlimited and unknown windows have nothing to chart."""
    out = []
    for provider in snapshot.providers:
        for account in provider.accounts:
            if account.error is not None:
                continue
            label = scrub(account.label)
            for w in account.windows:
                if w.used_percent is None or w.unlimited:
                    continue
                out.append(Sample(now, provider.id, label, w.id, round(float(w.used_percent), 3),
                                  w.used, w.limit, w.resets_at))
    return out


class History:
    """The history file of one process. `record` is called by one thread (the tray's poller,
    or the `status` command); readers open their own connection (`read_samples`)."""

    def __init__(self, path: Path, *, retention_days: int = 90, notify: Notify | None = None,
                 clock: Callable[[], datetime] = utcnow, keep_open: bool = False) -> None:
        self.path = path
        # True (the tray): one connection for the process, its page cache handed back after
        # each record; False (status): closed after the record (the WAL checkpointed)
        self.keep_open = keep_open
        self.retention = timedelta(days=retention_days)
        self._notify = notify
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._series: dict[tuple[str, str, str], int] = {}
        self._pruned_at: datetime | None = None
        self._locked = 0
        self._judged: tuple[int, int] | None = None  # the file the connection was opened on
        self.off = retention_days <= 0  # history_days = 0: keep none
        self.notices: list[tuple[str, dict[str, str]]] = []  # what was told (tests, status)
        self.recorded = False  # a record went through in this process (the file is sound)

    # ------------------------------------------------------------ writing
    def record(self, snapshot: Snapshot, now: datetime | None = None) -> int:
        """Store what changed in this refresh; the number of samples written. Never raises:
        every failure is handled here (see the module docstring) and costs nothing else."""
        if self.off:
            return 0
        now = now or self._clock()
        try:
            samples = snapshot_samples(snapshot, now)
            if not samples:
                return 0
            written = self._record(samples, now)
            self.recorded = True
            if self.keep_open and self._conn is not None:
                self._conn.execute("PRAGMA shrink_memory")  # give the page cache back
            else:
                self.close()
            return written
        except sqlite3.Error as exc:
            self._failed(exc)
        except OSError as exc:  # the folder cannot be made, chmod refused...
            self._turn_off(exc.strerror or str(exc))
        except Exception as exc:  # a bug must not cost the refresh either
            log.error("history: recording failed: %s", scrub(repr(exc)))
            self.close()
        return 0

    def _record(self, samples: list[Sample], now: datetime) -> int:
        conn = self._connection()
        written = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sample in samples:
                sid = self._series_id(conn, sample)
                dropped = conn.execute("DELETE FROM samples WHERE series = ? AND at > ?",
                                       (sid, _ms(now + FUTURE_SLACK))).rowcount
                if dropped:
                    log.warning("history: %d sample(s) stamped in the future dropped", dropped)
                row = conn.execute(
                    "SELECT at, used_percent, used, lim, resets_at FROM samples "
                    "WHERE series = ? ORDER BY at DESC LIMIT 1", (sid,)).fetchone()
                prev = None if row is None else Sample(
                    _when_ms(row[0]), sample.provider, sample.account, sample.window,
                    row[1], row[2], row[3], _when(row[4]))
                if prev is not None and prev.at > now:
                    continue  # the other writer is ahead of our clock: leave its sample
                if worth_storing(prev, sample):
                    # a second change within the same second replaces the first one
                    conn.execute(
                        "INSERT OR REPLACE INTO samples VALUES (?, ?, ?, ?, ?, ?)",
                        (sid, _ms(now), sample.used_percent, sample.used, sample.limit,
                         None if sample.resets_at is None else _epoch(sample.resets_at)))
                    written += 1
            if self._pruned_at is None or now - self._pruned_at >= PRUNE_EVERY:
                self._prune(conn, now)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._locked = 0
        return written

    def _series_id(self, conn: sqlite3.Connection, s: Sample) -> int:
        key = (s.provider, s.account, s.window)
        sid = self._series.get(key)
        if sid is not None:
            return sid
        conn.execute("INSERT OR IGNORE INTO series (provider, account, window) VALUES (?, ?, ?)",
                     key)
        sid = int(conn.execute("SELECT id FROM series WHERE provider = ? AND account = ? "
                               "AND window = ?", key).fetchone()[0])
        self._series[key] = sid
        return sid

    def _prune(self, conn: sqlite3.Connection, now: datetime) -> None:
        cutoff = _ms(now - self.retention)
        ids = [row[0] for row in conn.execute("SELECT id FROM series")]
        for sid in ids:  # along the (series, at) key: no scan of the whole table
            conn.execute("DELETE FROM samples WHERE series = ? AND at < ?", (sid, cutoff))
        conn.execute("DELETE FROM series WHERE NOT EXISTS "
                     "(SELECT 1 FROM samples WHERE samples.series = series.id)")
        self._series.clear()  # ids of dropped series must not be reused from the cache
        self._pruned_at = now

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            with file_lock(_lock_path(self.path), OPEN_LOCK_WAIT) as held:
                if held is False:
                    raise sqlite3.OperationalError("database is locked (history open lock)")
                self._judged = _identity(self.path)
                self._conn = connect(self.path)
                self._judged = self._judged or _identity(self.path)
            # the file may be another one since the last connection (set aside, deleted)
            self._series = {(p, a, w): i for i, p, a, w in self._conn.execute(
                "SELECT id, provider, account, window FROM series")}
        return self._conn

    # ------------------------------------------------------------ failures
    def _failed(self, exc: sqlite3.Error) -> None:
        name = _error_name(exc)
        reason = f"{name}: {exc}"
        log.warning("history: %s", scrub(reason))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            self._locked += 1
            if self._locked < LOCKED_LIMIT:
                return  # the other writer holds it: this sample is skipped, the next comes
        elif name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_FULL",
                              "SQLITE_AUTH")):
            self._turn_off(str(exc))
            return
        # corrupt, not ours, read-only file, or locked for good: keep it aside, start anew
        self.close()
        self._locked = 0
        judged, self._judged = self._judged, None
        with file_lock(_lock_path(self.path), OPEN_LOCK_WAIT) as held:
            if held is False:
                return  # another process is opening or setting aside: try again next time
            if judged is not None and _identity(self.path) not in (judged, None):
                return  # another process set that file aside meanwhile; its new one is next
            aside = _set_aside_db(self.path, judged)
        if aside is None and self.path.exists():
            self._turn_off(str(exc))
            return
        self._tell("history.notice.set_aside",
                   {"path": str(self.path), "aside": aside.name if aside else "",
                    "reason": str(exc)})

    def _turn_off(self, reason: str) -> None:
        self.close()
        self.off = True
        self._tell("history.notice.off", {"path": str(self.path), "reason": reason})

    def _tell(self, key: str, params: dict[str, str]) -> None:
        params = {k: scrub(v) for k, v in params.items()}
        self.notices.append((key, params))
        if self._notify is not None:
            try:
                self._notify(key, params)
            except Exception as exc:
                log.warning("history: the notice could not be shown: %s", scrub(repr(exc)))

    def close(self) -> None:
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    # ------------------------------------------------------------ reading (for pace)
    def lookup(self, now: datetime) -> Callable[[str, str, str], list[tuple[datetime, float]]]:
        """`cycle_samples` at `now` in the shape pace's `samples=` parameters take. Nothing is
        read before this process recorded once: until then the file may be one that `record`
        is about to find corrupt and set aside, and a reader on another thread (the menu)
        must not hold it meanwhile. The first refresh's forecast uses the window's clock."""
        if not self.recorded:
            return lambda provider, account, window_id: []
        return lambda provider, account, window_id: self.cycle_samples(provider, account,
                                                                       window_id, now)

    def cycle_samples(self, provider: str, account: str, window_id: str,
                      now: datetime) -> list[tuple[datetime, float]]:
        """The current reset cycle of one window as (time, used %), oldest first; [] when
        there is no history (or it cannot be read). For the pace estimate."""
        try:
            samples = read_samples(self.path, since=now - CYCLE_LOOKBACK, provider=provider,
                                   account=account, window=window_id)
        except (sqlite3.Error, OSError) as exc:
            log.info("history: cannot read %s: %s", self.path, scrub(str(exc)))
            return []
        cycles = split_cycles([s for s in samples if s.at <= now])
        if not cycles:
            return []
        return [(s.at, s.used_percent) for s in cycles[-1]]


def read_samples(path: Path, *, since: datetime | None = None, until: datetime | None = None,
                 provider: str | None = None, account: str | None = None,
                 window: str | None = None, by_series: bool = False) -> list[Sample]:
    """Stored samples, filtered; oldest first (or window by window, each oldest first, with
    `by_series`: the order they are stored in, no sorting). [] when there is no history
    file. Raises sqlite3.Error for a file that cannot be read (the caller says so)."""
    if not safe_open.exists(path):
        return []
    try:
        safe_open.check_regular(path)
    except OSError as exc:  # a folder we cannot enter, a FIFO: said as SQLite's own errors are
        raise sqlite3.OperationalError(safe_open.describe(path, exc)) from exc
    samples = list(_iter_samples(path, since, until, provider, account, window))
    if not by_series:
        samples.sort(key=lambda s: (s.at, s.provider, s.account, s.window))
    return samples


def _iter_samples(path: Path, since: datetime | None, until: datetime | None,
                  provider: str | None, account: str | None,
                  window: str | None) -> Iterator[Sample]:
    where: list[str] = []
    args: list[object] = []
    for column, value in (("provider", provider), ("account", account), ("window", window)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    low = -(2**62) if since is None else _ms(since)
    high = 2**62 if until is None else _ms(until)
    resets: dict[int | None, datetime | None] = {None: None}  # few distinct values
    with closing(connect(path, readonly=True)) as conn:
        names = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, provider, account, window FROM series"
            + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id", args)}
        for sid, (provider_, account_, window_) in names.items():
            # one range of the (series, at) key per window: no sort, no scan
            for at, percent, used, lim, reset in conn.execute(
                    "SELECT at, used_percent, used, lim, resets_at FROM samples "
                    "WHERE series = ? AND at BETWEEN ? AND ? ORDER BY at", (sid, low, high)):
                if reset not in resets:
                    resets[reset] = _when(reset)
                yield Sample(EPOCH + timedelta(milliseconds=at), provider_, account_, window_,
                             percent, used, lim, resets[reset])
