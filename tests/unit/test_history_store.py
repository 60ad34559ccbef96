"""The history store on a real SQLite file: change-only samples plus the heartbeat,
retention, two writers at once, and the three broken files (corrupt, locked, unwritable)
that must never cost a refresh; the pace helper's `cycle_samples`; the poller's hook."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app import own_files
from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring import history
from tray_app.monitoring.history import History, read_samples
from tray_app.monitoring.poller import Poller
from tray_app.tray.settings_box import SettingsBox

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
RESET = T0 + timedelta(hours=4)


def snap(used: float, *, account: str = "a@example.com", reset: datetime | None = RESET,
         weekly: float = 20.0, error: bool = False) -> Snapshot:
    windows = (Window("5h", "5-hour limit", used, resets_at=reset, window_seconds=18000),
               Window("weekly", "Weekly", weekly, used=weekly * 10, limit=1000.0,
                      resets_at=T0 + timedelta(days=5)),
               Window("credits", "Credits", None, unlimited=True))
    acc = Account(account, windows=windows,
                  error=ErrorInfo(ErrorKind.TIMEOUT, provider="openai") if error else None)
    return Snapshot(T0, providers=(ProviderUsage("openai", "OpenAI", accounts=(acc,)),))


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class Told:
    def __init__(self) -> None:
        self.notices: list[tuple[str, dict[str, str]]] = []

    def __call__(self, key: str, params: dict[str, str]) -> None:
        self.notices.append((key, params))


def test_change_only_plus_hourly_heartbeat(tmp_path: Path) -> None:
    store = History(tmp_path / "h.sqlite3")
    written = [store.record(snap(10), at(0)), store.record(snap(10), at(1)),
               store.record(snap(12), at(2)), store.record(snap(12), at(30)),
               store.record(snap(12), at(62)), store.record(snap(12), at(63))]
    assert written == [2, 0, 1, 0, 2, 0]  # 5h + weekly; the unlimited window is not stored
    rows = read_samples(tmp_path / "h.sqlite3", window="5h")
    assert [(r.at, r.used_percent) for r in rows] == [(at(0), 10), (at(2), 12), (at(62), 12)]
    assert rows[0].resets_at == RESET and rows[0].account == "a@example.com"
    weekly = read_samples(tmp_path / "h.sqlite3", window="weekly")[0]
    assert (weekly.used, weekly.limit) == (200.0, 1000.0)
    store.close()


def test_failed_accounts_are_not_recorded(tmp_path: Path) -> None:
    store = History(tmp_path / "h.sqlite3")
    assert store.record(snap(10, error=True), at(0)) == 0
    assert not (tmp_path / "h.sqlite3").exists()  # nothing to store: no file either


def test_retention_drops_old_samples(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    old = History(path, retention_days=90)
    old.record(snap(10), at(0))
    old.record(snap(10, account="gone@example.com"), at(0))
    old.close()
    later = History(path, retention_days=90)
    later.record(snap(50), T0 + timedelta(days=91))
    later.close()
    rows = read_samples(path)
    assert {r.at for r in rows} == {T0 + timedelta(days=91)}
    with sqlite3.connect(path) as conn:  # the account that no longer has samples is gone
        accounts = {r[0] for r in conn.execute("SELECT account FROM series")}
    assert accounts == {"a@example.com"}


def test_history_days_zero_keeps_nothing(tmp_path: Path) -> None:
    assert History(tmp_path / "h.sqlite3", retention_days=0).record(snap(1), at(0)) == 0
    assert not (tmp_path / "h.sqlite3").exists()


def test_two_writers_at_once(tmp_path: Path) -> None:
    """The tray and a terminal `status` writing the same file at the same moment: each
    waits briefly for the other, nothing is lost, nothing is set aside."""
    path = tmp_path / "h.sqlite3"
    History(path).record(snap(0), at(0))  # the file exists (WAL) before they race
    told = Told()
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(account: str) -> None:
        store = History(path, notify=told)
        try:
            start.wait()
            for minute in range(1, 121):
                used = snap(minute % 100, account=account, weekly=minute / 2)
                assert store.record(used, at(minute)) == 2  # both windows changed
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(name,))
               for name in ("tray@example.com", "cli@example.com")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and told.notices == []
    for account in ("tray@example.com", "cli@example.com"):
        rows = read_samples(path, account=account, window="5h")
        assert len(rows) == 120  # every change of every writer
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_corrupt_file_is_set_aside_once_and_a_new_one_starts(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not an SQLite file at all " * 200)
    told = Told()
    store = History(path, notify=told)
    assert store.record(snap(10), at(0)) == 0  # this refresh's samples are lost, nothing else
    assert [k for k, _ in told.notices] == ["history.notice.set_aside"]
    aside = list(tmp_path.glob("h.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert told.notices[0][1]["aside"] == aside[0].name
    assert store.record(snap(11), at(1)) == 2  # the new file
    assert store.record(snap(12), at(2)) == 1
    assert len(told.notices) == 1  # told once
    assert [r.used_percent for r in read_samples(path, window="5h")] == [11, 12]


def test_opening_and_setting_aside_wait_for_the_open_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process opening (maybe creating) the file holds `<name>.lock`: nothing is
    set aside meanwhile, so its new file's -wal/-shm are never moved with the damaged one;
    once the lock is free the damaged file is set aside as before."""
    monkeypatch.setattr(history, "OPEN_LOCK_WAIT", 0.1)
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not an SQLite file at all " * 200)
    told = Told()
    store = History(path, notify=told)
    with open(tmp_path / "h.sqlite3.lock", "a+b") as other:  # a second description: flock'd
        assert own_files.try_lock(other)
        assert store.record(snap(10), at(0)) == 0
        assert told.notices == [] and not list(tmp_path.glob("h.sqlite3.corrupt-*"))
    assert store.record(snap(11), at(1)) == 0  # now it can: set aside, told once
    assert [k for k, _ in told.notices] == ["history.notice.set_aside"]
    assert store.record(snap(12), at(2)) == 2


def test_a_damaged_file_set_aside_while_it_was_open_here_is_left_alone(tmp_path: Path) -> None:
    """This process judged file A unusable, but another one already set A aside and made a
    healthy B: B (and B's -wal/-shm) stay where they are."""
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not an SQLite file at all " * 200)
    store = History(path)
    store._judged = history._identity(path)
    os.replace(path, tmp_path / "elsewhere")
    History(path, keep_open=True).record(snap(1), at(0))  # B, in WAL mode, left open
    before = sorted(p.name for p in tmp_path.iterdir())
    store._failed(sqlite3.DatabaseError("file is not a database"))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert [r.used_percent for r in read_samples(path, window="5h")] == [1]


def test_a_database_that_is_not_ours_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    told = Told()
    store = History(path, notify=told)
    store.record(snap(10), at(0))
    assert [k for k, _ in told.notices] == ["history.notice.set_aside"]
    assert store.record(snap(11), at(1)) == 2


def test_locked_file_skips_the_sample_then_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History(path).record(snap(0), at(0))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holding the write lock, for good
    told = Told()
    store = History(path, notify=told)
    try:
        assert store.record(snap(1), at(1)) == 0  # skipped after the short busy timeout
        assert store.record(snap(2), at(2)) == 0
        assert told.notices == []  # a lock is normally brief: no notice yet
        assert store.record(snap(3), at(3)) == 0  # the third in a row: set aside
        assert [k for k, _ in told.notices] == ["history.notice.set_aside"]
        assert store.record(snap(4), at(4)) == 2  # a new file, not locked
    finally:
        holder.rollback() if holder.in_transaction else None
        holder.close()
    assert [r.used_percent for r in read_samples(path, window="5h")] == [4]


def test_a_short_lock_only_waits(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History(path).record(snap(0), at(0))
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.05, holder.rollback).start()  # the other writer finishes quickly
    store = History(path)
    assert store.record(snap(1), at(1)) == 1
    holder.close()


def test_unwritable_folder_turns_history_off_with_one_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be")
    told = Told()
    store = History(blocker / "mystatus-tray" / "h.sqlite3", notify=told)
    assert store.record(snap(10), at(0)) == 0
    assert store.record(snap(11), at(1)) == 0
    assert [k for k, _ in told.notices] == ["history.notice.off"]
    assert store.off
    assert blocker.read_text() == "a file where the state folder should be"


def _read_only_folder_check(folder: Path) -> bool:
    told = Told()
    written = History(folder / "h.sqlite3", notify=told).record(snap(1), at(0))
    return written == 0 and [k for k, _ in told.notices] == ["history.notice.off"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_turns_history_off(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            assert _read_only_folder_check(folder)
            return
        # root writes anywhere (CI runs as root): check as an ordinary user, in a child
        tmp_path.chmod(0o755)
        for parent in tmp_path.parents:
            if parent == Path(tempfile.gettempdir()):
                break
            parent.chmod(parent.stat().st_mode | 0o005)
        pid = os.fork()
        if pid == 0:  # the child: drop to nobody, run the check, report by exit status
            code = 2
            try:
                os.setgid(65534)
                os.setuid(65534)
                code = 0 if _read_only_folder_check(folder) else 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        folder.chmod(0o700)


def test_a_broken_notifier_does_not_break_recording(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"garbage" * 100)

    def notify(key: str, params: dict[str, str]) -> None:
        raise RuntimeError("no notification daemon")

    store = History(path, notify=notify)
    assert store.record(snap(1), at(0)) == 0
    assert store.record(snap(2), at(1)) == 2


def test_cycle_samples_for_pace(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = History(path)
    for minute, used in ((0, 80), (10, 90), (20, 100)):
        store.record(snap(used, reset=RESET), at(minute))
    new_reset = RESET + timedelta(hours=5, seconds=20)
    for minute, used in ((30, 0), (40, 5), (50, 9)):
        drift = timedelta(seconds=-25 if minute == 40 else 0)
        store.record(snap(used, reset=new_reset + drift), at(minute))
    assert store.cycle_samples("openai", "a@example.com", "5h", at(55)) == [
        (at(30), 0), (at(40), 5), (at(50), 9)]
    assert store.cycle_samples("openai", "nobody", "5h", at(55)) == []
    assert History(tmp_path / "none.sqlite3").cycle_samples("openai", "a", "5h", at(5)) == []


# ------------------------------------------------------------------ the poller's hook
class OneEngine:
    def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
        return snap(42)


def test_the_poller_records_each_refresh_and_survives_a_broken_history(
    tmp_path: Path,
) -> None:
    seen: list[datetime] = []

    def record(snapshot: Snapshot, now: datetime) -> None:
        seen.append(now)
        raise RuntimeError("history bug")

    views = []
    poller = Poller(OneEngine(), SettingsBox(Settings()), lang=lambda: "en",
                    publish=views.append, notify=lambda alert: None, record=record,
                    clock=lambda: T0)
    view = poller.refresh_once(full=True)
    assert seen == [T0]
    assert view.providers and view.providers[0].usage.accounts[0].windows[0].used_percent == 42


def test_the_real_store_behind_the_poller(tmp_path: Path) -> None:
    store = History(tmp_path / "h.sqlite3")
    poller = Poller(OneEngine(), SettingsBox(Settings()), lang=lambda: "en",
                    publish=lambda v: None, notify=lambda a: None, record=store.record,
                    clock=lambda: T0)
    poller.refresh_once(full=True)
    assert len(read_samples(tmp_path / "h.sqlite3")) == 2
    assert history.history_path(tmp_path).name == "history.sqlite3"
