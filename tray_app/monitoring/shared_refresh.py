"""One refresh, many viewers: the saved view (the tray's `last_view.json`, or an earlier
`status --max-age`) is printed as it is while it is younger than `max_age`; otherwise ONE process
refreshes under a lock beside it and saves the result, and the others, having waited for the lock,
print what it saved. Status-bar modules on three monitors firing every 30 s thus cost one refresh.

The lock is an advisory lock (flock / msvcrt) on `refresh.lock` in our own state folder; it is
released when the process ends, however it ends, so a crashed refresh never blocks the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from tray_app.model import Snapshot, utcnow
from tray_app.monitoring import store
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import TrayView
from tray_app.own_files import try_lock

log = logging.getLogger(__name__)
LOCK_FILE = "refresh.lock"
WAIT_SECONDS = 30.0  # longer than one refresh (10 s request timeout) with room to spare


@dataclass(frozen=True)
class Current:
    view: TrayView
    refreshed: bool  # this process made the refresh (False: the saved numbers were printed)
    age: float  # seconds between the view's refresh and now (0 right after our own)
    stale: bool  # older than asked for (the lock wait ran out), or holding kept numbers


def _age(view: TrayView, now: datetime) -> float | None:
    if view.updated_at is None:
        return None
    return max(0.0, (now - view.updated_at).total_seconds())


def _fresh(view: TrayView | None, max_age: float, now: datetime) -> bool:
    if view is None:
        return False
    age = _age(view, now)
    return age is not None and age <= max_age


def _as_current(view: TrayView, now: datetime, *, refreshed: bool, max_age: float) -> Current:
    age = _age(view, now) or 0.0
    # A saved view is marked from_disk (everything stale) for the tray's first paint; a
    # young enough one is current for a viewer that asked for at most `max_age`.
    view = replace(view, from_disk=not refreshed and age > max_age)
    stale = view.from_disk or any(p.stale for p in view.providers)
    return Current(view, refreshed, age, stale)


@contextmanager
def refresh_lock(directory: Path, wait: float,
                 clock: Callable[[], float] = time.monotonic) -> Iterator[bool]:
    """Hold the refresh lock (yields True), or yield False when `wait` seconds ran out."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_FILE, "a+b") as fh:
        deadline = clock() + wait
        held = try_lock(fh)
        while not held and clock() < deadline:
            time.sleep(0.05)
            held = try_lock(fh)
        yield held
        # closing the file releases the lock


def current_view(
    refresh: Callable[[], Snapshot],
    *,
    max_age: float,
    state_dir: Path,
    now: Callable[[], datetime] = utcnow,
    wait: float = WAIT_SECONDS,
) -> Current:
    """The saved view when it is at most `max_age` seconds old (no network); else the view
    after one refresh, made by this process or by the one that held the lock meanwhile."""
    path = state_dir / store.VIEW_FILE
    saved = store.load_view(path, as_saved=True)
    if _fresh(saved, max_age, now()):
        assert saved is not None
        return _as_current(saved, now(), refreshed=False, max_age=max_age)
    with refresh_lock(state_dir, wait) as held:
        if held:
            # another process may have refreshed while this one waited for the lock
            saved = store.load_view(path, as_saved=True)
            if _fresh(saved, max_age, now()):
                assert saved is not None
                return _as_current(saved, now(), refreshed=False, max_age=max_age)
        elif saved is not None:
            log.warning("another refresh held the lock for %.0f s; printing the saved numbers",
                        wait)
            return _as_current(saved, now(), refreshed=False, max_age=max_age)
        snapshot = refresh()
        view = merge(saved or TrayView(), snapshot, now())
        view = replace(view, from_disk=False, refreshing=False)
        try:
            store.save_view(view, path)
        except OSError as exc:  # the numbers are still printed; the next call refreshes again
            log.warning("cannot save the view to %s: %s", path, exc)
        return _as_current(view, now(), refreshed=True, max_age=max_age)
