"""What the poller publishes for the UI: an immutable `TrayView`, swapped as one reference.

Contract between the pure core and the runtime (see tray/__init__.py):
- `state.merge(prev, snapshot, now, policy)` → new `TrayView` (last good data kept, marked stale)
- `icon.icon_state(view, settings, lang, now)` → `IconState`; `icon.render(state, size)` → PIL image
- `menu.build_menu(view, settings, lang, now, *, pat_present=...)` → tuple[MenuEntry, ...]
- `alerts.decide(prev: AlertState, view, settings, now)` → (list[Alert], AlertState)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tray_app.errors import ErrorInfo
from tray_app.model import ProviderUsage, Snapshot
from tray_app.outages.model import Outage


@dataclass(frozen=True)
class ProviderStatus:
    """One provider as the tray shows it."""

    usage: ProviderUsage  # the data shown: the last good fetch, or the latest if never good
    stale: bool = False  # True when `usage` is older than the latest (failed) attempt
    last_success: datetime | None = None
    failures: int = 0  # consecutive failed refreshes (transient kinds)
    error: ErrorInfo | None = None  # surfaced error (shown only once it repeats / is permanent)
    retry_at: datetime | None = None  # backoff: not fetched again before this
    stale_accounts: tuple[str, ...] = ()  # labels of accounts showing kept (last good) data


@dataclass(frozen=True)
class TrayView:
    providers: tuple[ProviderStatus, ...] = ()
    problems: tuple[ErrorInfo, ...] = ()  # source-level problems of the latest snapshot
    updated_at: datetime | None = None  # when the latest refresh finished
    next_refresh_at: datetime | None = None
    from_disk: bool = False  # loaded from the saved snapshot at start (everything stale)
    refreshing: bool = False
    notices: tuple[str, ...] = field(default_factory=tuple)  # e.g. "config was corrupt, kept aside"
    # active outages on the providers' status pages (outages/watch.py), not saved with the view
    outages: tuple[Outage, ...] = ()

    def snapshot(self) -> Snapshot:
        """The shown data as a plain Snapshot (for text/JSON copy and alerts)."""
        return Snapshot(
            generated_at=self.updated_at or datetime.min,
            providers=tuple(p.usage for p in self.providers),
            problems=self.problems,
        )
