"""monitoring/shared_refresh.py on a real state folder: fresh saved numbers are returned without a
refresh, old ones are refreshed once and saved, a held lock makes the caller wait and then use
what the holder saved, and a lock held too long falls back to the saved numbers (marked stale)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring import store
from tray_app.monitoring.shared_refresh import LOCK_FILE, current_view
from tray_app.monitoring.view import ProviderStatus, TrayView

T0 = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)


def _snapshot(used: float) -> Snapshot:
    window = Window(id="5h", label="5h", used_percent=used)
    usage = ProviderUsage(id="zai", name="Z.ai", accounts=(Account("k", windows=(window,)),),
                          fetched_at=T0)
    return Snapshot(generated_at=T0, providers=(usage,))


def _save(state: Path, used: float, at: datetime) -> None:
    status = ProviderStatus(usage=_snapshot(used).providers[0], last_success=at)
    store.save_view(TrayView(providers=(status,), updated_at=at), state / store.VIEW_FILE)


def _used(view: TrayView) -> float | None:
    return view.providers[0].usage.accounts[0].windows[0].used_percent


def test_fresh_view_is_returned_without_refreshing(tmp_path: Path) -> None:
    _save(tmp_path, 40.0, T0)
    calls: list[int] = []
    cur = current_view(lambda: calls.append(1) or _snapshot(99.0), max_age=60,
                       state_dir=tmp_path, now=lambda: T0 + timedelta(seconds=30))
    assert calls == [] and not cur.refreshed and not cur.stale
    assert _used(cur.view) == 40.0 and cur.age == 30.0


def test_old_view_is_refreshed_once_and_saved(tmp_path: Path) -> None:
    _save(tmp_path, 40.0, T0)
    later = T0 + timedelta(seconds=61)
    cur = current_view(lambda: _snapshot(55.0), max_age=60, state_dir=tmp_path,
                       now=lambda: later)
    assert cur.refreshed and _used(cur.view) == 55.0 and not cur.stale
    saved = store.load_view(tmp_path / store.VIEW_FILE, as_saved=True)
    assert saved is not None and _used(saved) == 55.0 and saved.updated_at == later


def _hold_lock(state: Path, seconds: float, then_save: float | None) -> subprocess.Popen[str]:
    code = textwrap.dedent(f"""
        import fcntl, sys, time
        from datetime import datetime, timezone
        fh = open({str(state / LOCK_FILE)!r}, "a+b")
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        print("held", flush=True)
        time.sleep({seconds})
        if {then_save!r} is not None:
            sys.path.insert(0, {str(Path(__file__).parent)!r})
            from test_shared_refresh import _save
            from pathlib import Path
            _save(Path({str(state)!r}), {then_save!r}, datetime.now(timezone.utc))
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_waiting_caller_uses_what_the_lock_holder_saved(tmp_path: Path) -> None:
    holder = _hold_lock(tmp_path, 0.5, then_save=77.0)
    calls: list[int] = []
    cur = current_view(lambda: calls.append(1) or _snapshot(1.0), max_age=60,
                       state_dir=tmp_path, wait=10)
    holder.wait(10)
    assert holder.stdout is not None
    holder.stdout.close()
    assert calls == [] and _used(cur.view) == 77.0 and not cur.refreshed


def test_a_lock_held_too_long_falls_back_to_the_saved_numbers_marked_stale(
    tmp_path: Path,
) -> None:
    _save(tmp_path, 40.0, datetime.now(timezone.utc) - timedelta(minutes=10))
    holder = _hold_lock(tmp_path, 3.0, then_save=None)
    try:
        cur = current_view(lambda: _snapshot(1.0), max_age=60, state_dir=tmp_path, wait=0.3)
    finally:
        holder.kill()
        holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()
    assert not cur.refreshed and cur.stale and _used(cur.view) == 40.0
    assert cur.age >= 600


def test_max_age_0_refreshes_and_the_fresh_numbers_are_not_stale(tmp_path: Path) -> None:
    _save(tmp_path, 40.0, T0)
    clock = iter([T0 + timedelta(seconds=s) for s in (1, 1, 2, 3, 4, 5)])
    cur = current_view(lambda: _snapshot(60.0), max_age=0, state_dir=tmp_path,
                       now=lambda: next(clock))
    assert cur.refreshed and not cur.stale and not cur.view.from_disk
