"""One refresh, many viewers: the saved view (the tray's `last_view.json`, or an earlier
`status --max-age`) is printed as it is while it is younger than `max_age`; otherwise ONE process
refreshes under a lock beside it and saves the result, and the others, having waited for the lock,
print what it saved. Status-bar modules on three monitors firing every 30 s thus cost one refresh.

The lock is an advisory lock (flock / msvcrt) on `refresh.lock` in our own state folder; it is
released when the process ends, however it ends, so a crashed refresh never blocks the others.
A lock that cannot be created or opened (a read-only state folder) is told once and done without.
A caller waiting for the lock takes any view refreshed after it began waiting (twenty `--max-age
0` bar calls at once make one refresh); a bar with saved numbers waits only a few seconds, so a
stopped or hung holder shows as stale numbers, never as a frozen bar.

Times: a view or numbers stamped in the future (the clock ran ahead, then was corrected) are
stale, never fresh; the age printed is the numbers' age (their last successful fetch), not the
view's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from tray_app.model import Snapshot, utcnow
from tray_app.monitoring import store
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.own_files import file_lock

log = logging.getLogger(__name__)
LOCK_FILE = "refresh.lock"
WAIT_SECONDS = 30.0  # longer than one refresh (10 s request timeout) with room to spare
# A bar call with saved numbers to show waits at most this long for another refresh: a stopped
# (SIGSTOP) or hung lock holder then costs the bar a few seconds and a stale mark, not a hang.
BAR_WAIT_SECONDS = 5.0
Notify = Callable[[str, dict[str, str]], None]  # (message key, params), like the history's


@dataclass(frozen=True)
class Current:
    view: TrayView
    refreshed: bool  # this process made the refresh (False: the saved numbers were printed)
    # seconds since the shown numbers were last fetched successfully (the oldest of them); not
    # the view's age: a provider that is down shows its kept numbers with their real age
    age: float
    stale: bool  # older than asked for, stamped in the future, or holding kept numbers
    ages: Mapping[str, float] = field(default_factory=dict)  # provider id -> its numbers' age

    def age_of(self, provider_id: str) -> float:
        return self.ages.get(provider_id, self.age)


def _since(when: datetime | None, now: datetime) -> float | None:
    """Seconds from `when` to `now`; negative when `when` is in the future (a clock that ran
    ahead, then was corrected); None when unknown."""
    return None if when is None else (now - when).total_seconds()


def _fresh(view: TrayView | None, max_age: float, now: datetime) -> bool:
    """Young enough to print as it is. A view stamped in the future is never fresh: the clock
    that stamped it was wrong, and trusting it would freeze the numbers until the clock catches
    up (days, for a dual-boot RTC in local time)."""
    age = None if view is None else _since(view.updated_at, now)
    return age is not None and max_age > 0 and 0 <= age <= max_age  # 0: always refresh


def _refreshed_since(view: TrayView | None, started: datetime, now: datetime) -> bool:
    """Refreshed (by another process) after this call began, and not stamped in the future:
    as good as a refresh of our own, whatever max_age asked for."""
    return (view is not None and view.updated_at is not None
            and started < view.updated_at <= now)


def numbers_at(status: ProviderStatus, view: TrayView) -> datetime | None:
    """When this provider's shown numbers were fetched successfully: the last success for kept
    numbers, else when they were fetched (the view's refresh)."""
    if status.stale and status.last_success is not None:
        return status.last_success
    return status.usage.fetched_at or view.updated_at


def _as_current(view: TrayView, now: datetime, *, refreshed: bool, fresh: bool) -> Current:
    view_age = _since(view.updated_at, now)
    future = view_age is not None and view_age < 0
    # A saved view is marked from_disk (everything stale) for the tray's first paint; a young
    # enough one is current for a viewer that asked for at most `max_age`.
    view = replace(view, from_disk=future or not (refreshed or fresh))
    ages: dict[str, float] = {}
    for status in view.providers:
        if any(a.windows for a in status.usage.accounts):
            age = _since(numbers_at(status, view), now)
            if age is not None:
                ages[status.usage.id] = max(0.0, age)
                future = future or age < 0
    overall = max(ages.values(), default=max(0.0, view_age or 0.0))
    stale = future or view.from_disk or any(p.stale for p in view.providers)
    return Current(view, refreshed, overall, stale, ages)


@contextmanager
def refresh_lock(directory: Path, wait: float,
                 clock: Callable[[], float] = time.monotonic) -> Iterator[bool | None]:
    """Hold the refresh lock (yields True), yield False when `wait` seconds ran out, or None
    when there is no lock to take (it cannot be created or opened)."""
    with file_lock(directory / LOCK_FILE, wait, clock) as held:
        yield held


def _tell(notify: Notify | None, key: str, **params: str) -> None:
    if notify is not None:
        notify(key, params)
    else:
        log.warning("%s: %s", key, ", ".join(f"{k}={v}" for k, v in params.items()))


def current_view(
    refresh: Callable[[], Snapshot],
    *,
    max_age: float,
    state_dir: Path,
    now: Callable[[], datetime] = utcnow,
    wait: float = WAIT_SECONDS,
    wait_with_saved: float | None = None,
    notify: Notify | None = None,
) -> Current:
    """The saved view when it is at most `max_age` seconds old (no network); else the view
    after one refresh, made by this process or by one that refreshed while this one waited
    for the lock. `wait_with_saved` bounds the wait when there are saved numbers to fall back
    on (the bars); `notify(key, params)` tells of a lock that cannot be had."""
    path = state_dir / store.VIEW_FILE
    started = now()
    saved = store.load_view(path, as_saved=True)
    if _fresh(saved, max_age, started):
        assert saved is not None
        return _as_current(saved, now(), refreshed=False, fresh=True)
    budget = wait if saved is None or wait_with_saved is None else min(wait, wait_with_saved)
    with refresh_lock(state_dir, budget) as held:
        if held is None:
            _tell(notify, "bar.lock_unavailable", path=str(state_dir / LOCK_FILE))
        else:
            # another process may have refreshed while this one waited for the lock
            again = store.load_view(path, as_saved=True)
            at = now()
            if _fresh(again, max_age, at) or _refreshed_since(again, started, at):
                assert again is not None
                return _as_current(again, at, refreshed=False, fresh=True)
            saved = again or saved
            if not held and saved is not None:
                log.warning("another refresh held the lock for %.0f s; printing the saved "
                            "numbers", budget)
                return _as_current(saved, at, refreshed=False, fresh=False)
        snapshot = refresh()
        view = merge(saved or TrayView(), snapshot, now())
        view = replace(view, from_disk=False, refreshing=False)
        try:
            store.save_view(view, path)
        except OSError as exc:  # the numbers are still printed; the next call refreshes again
            log.warning("cannot save the view to %s: %s", path, exc)
        return _as_current(view, now(), refreshed=True, fresh=True)
