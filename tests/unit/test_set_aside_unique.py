"""Set-aside names are unique (issue 17 §3): two files set aside within the same second (by
one process or two) are both kept; before, the second rename replaced the first, and the
damaged file the user might want back was gone. The clock is held on one second so the test
does not depend on how fast the machine is."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.history import History
from tray_app.own_files import set_aside

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def snap() -> Snapshot:
    window = Window("5h", "5-hour limit", 10.0, resets_at=T0 + timedelta(hours=2))
    return Snapshot(T0, providers=(ProviderUsage("openai", "OpenAI", accounts=(
        Account("a@example.com", windows=(window,)),)),))


@pytest.fixture
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = time.strftime("%Y%m%d-%H%M%S")
    monkeypatch.setattr(time, "strftime", lambda fmt, *args: frozen)


def test_two_damaged_histories_in_one_second_are_both_kept(tmp_path: Path,
                                                           one_second: None) -> None:
    path = tmp_path / "history.sqlite3"
    damaged = [b"first damaged file " * 200, b"second damaged file " * 200]
    for content in damaged:
        path.write_bytes(content)
        store = History(path)
        assert store.record(snap(), T0) == 0  # found damaged: set aside
        assert store.record(snap(), T0) == 1  # a new file started, written
        store.close()
        path.unlink()  # as if the user removed the healthy one: the next is damaged again
    kept = sorted(p.read_bytes() for p in tmp_path.glob("history.sqlite3.corrupt-*"))
    assert kept == sorted(damaged)


def test_two_set_asides_of_our_files_in_one_second_are_both_kept(tmp_path: Path,
                                                                 one_second: None) -> None:
    path = tmp_path / "last_view.json"
    names = []
    for content in (b"{broken", b"[also broken"):
        path.write_bytes(content)
        aside = set_aside(path)
        assert aside is not None
        names.append(aside.name)
    assert len(set(names)) == 2
    assert sorted(p.read_bytes() for p in tmp_path.glob("last_view.json.corrupt-*")) == [
        b"[also broken", b"{broken"]
