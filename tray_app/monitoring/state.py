"""Snapshot → TrayView: the poller's pure step. Keeps the last good numbers (marked stale)
through transient failures, surfaces errors only when they repeat or are permanent, and
schedules retries with backoff, so sleep/wake or a network drop never causes an error storm.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.backoff import backoff_delay
from tray_app.monitoring.view import ProviderStatus, TrayView

# Kinds that say "try again later" rather than "something must be fixed".
_TRANSIENT = frozenset(
    {ErrorKind.TIMEOUT, ErrorKind.NETWORK_ERROR, ErrorKind.RATE_LIMITED, ErrorKind.INVALID_RESPONSE,
     ErrorKind.NETWORK_BLOCKED}
)
RESET_GRACE = timedelta(seconds=30)  # refresh this long after a known reset: the API has caught up


@dataclass(frozen=True)
class Policy:
    surface_after: int = 2  # consecutive transient failures before the error is shown


def is_transient(error: ErrorInfo) -> bool:
    if error.kind in _TRANSIENT:
        return True
    # 5xx (and a missing status: the request never got a real answer) are server trouble.
    return error.kind is ErrorKind.HTTP_ERROR and (error.status is None or error.status >= 500)


def _has_data(account: Account) -> bool:
    return account.error is None or bool(account.windows)


def merge(prev: TrayView, snapshot: Snapshot, now: datetime, policy: Policy = Policy()) -> TrayView:
    """The view after one refresh. A provider the refresh asked for (all, on a full refresh)
    but that is absent from `snapshot` is no longer configured (or was disabled) and is
    dropped; the others a partial refresh did not ask for are kept unchanged, and so are the
    source-level problems, which only a full refresh can judge."""
    fresh = {p.id: p for p in snapshot.providers}
    asked = None if snapshot.requested is None else set(snapshot.requested)
    out: list[ProviderStatus] = []
    for status in prev.providers:
        usage = fresh.pop(status.usage.id, None)
        if usage is not None:
            out.append(_merge_provider(status, usage, now, policy))
        elif asked is not None and status.usage.id not in asked:
            out.append(status)
    # New providers, in the snapshot's (registry) order.
    out.extend(_merge_provider(None, u, now, policy) for u in snapshot.providers if u.id in fresh)
    return TrayView(
        providers=tuple(out),
        problems=snapshot.problems if asked is None else prev.problems,
        updated_at=now,
        next_refresh_at=prev.next_refresh_at,
        from_disk=False,
        refreshing=False,
        notices=prev.notices,
    )


def _merge_provider(
    prev: ProviderStatus | None, new: ProviderUsage, now: datetime, policy: Policy
) -> ProviderStatus:
    fetched = new.fetched_at or now
    failures = (prev.failures if prev else 0) + 1
    surfaced = failures >= policy.surface_after
    retry_after = _max_retry_after(new)

    if new.error is not None:  # provider-level failure: no account could be tried
        transient = is_transient(new.error)
        before = prev.usage.accounts if prev else ()
        kept = tuple(replace(a, error=None) for a in before if _has_data(a))
        if transient and prev is not None and kept:
            return ProviderStatus(
                usage=replace(prev.usage, accounts=kept, error=new.error if surfaced else None),
                stale=True,
                last_success=prev.last_success,
                failures=failures,
                error=new.error if surfaced else None,
                retry_at=_retry(now, failures, retry_after),
                stale_accounts=tuple(a.label for a in kept),
            )
        return ProviderStatus(
            usage=new,
            last_success=prev.last_success if prev else None,
            failures=failures if transient else 0,
            error=new.error,
            retry_at=_retry(now, failures, retry_after) if transient else None,
        )

    # Per account: match the previous shown accounts by label (in order, labels may repeat).
    previous: dict[str, list[Account]] = {}
    for acc in prev.usage.accounts if prev else ():
        previous.setdefault(acc.label, []).append(acc)
    accounts: list[Account] = []
    stale: list[str] = []
    any_transient = any_ok = False
    for acc in new.accounts:
        old = previous.get(acc.label, []).pop(0) if previous.get(acc.label) else None
        if acc.error is None:
            any_ok = True
            accounts.append(acc)
        elif is_transient(acc.error):
            any_transient = True
            if old is not None and _has_data(old):
                accounts.append(
                    replace(
                        old,
                        error=acc.error if surfaced else None,
                        notices=acc.notices or old.notices,
                        token_expires_at=acc.token_expires_at or old.token_expires_at,
                    )
                )
                stale.append(acc.label)
            else:
                accounts.append(acc)  # nothing to keep: show the error at once
        else:
            accounts.append(acc)  # permanent: must be fixed by the user, show it now
    # Failed accounts after the working ones (the engine's order, kept with stale data).
    accounts.sort(key=lambda a: not _has_data(a))
    retry_at: datetime | None = None
    if any_transient and (not any_ok or retry_after is not None):
        # Back off only when the provider as a whole is failing (or the server said so):
        # one failing Antigravity account must not slow down its healthy siblings.
        retry_at = _retry(now, failures, retry_after)
    last_success = prev.last_success if prev else None
    if any_ok and not stale:
        last_success = fetched
    return ProviderStatus(
        usage=replace(new, accounts=tuple(accounts)),
        stale=bool(stale),
        last_success=last_success,
        failures=failures if any_transient else 0,
        error=next((a.error for a in accounts if a.error is not None), None),
        retry_at=retry_at,
        stale_accounts=tuple(stale),
    )


def _retry(now: datetime, failures: int, retry_after: float | None) -> datetime:
    return now + timedelta(seconds=backoff_delay(failures, retry_after))


def _max_retry_after(usage: ProviderUsage) -> float | None:
    errors = [usage.error] + [a.error for a in usage.accounts]
    values = [e.retry_after for e in errors if e is not None and e.retry_after is not None]
    return max(values) if values else None


def due_providers(view: TrayView, now: datetime) -> set[str]:
    """Ids of the shown providers not backing off (no retry_at, or it has passed).

    Providers not in the view yet are not listed: a refresh of everything finds them."""
    return {p.usage.id for p in view.providers if p.retry_at is None or p.retry_at <= now}


def next_wakeup(view: TrayView, settings: Settings, now: datetime) -> datetime:
    """When the poller should refresh next: the regular interval, just after the earliest
    known future reset, or the earliest backoff retry, whichever comes first (never < now)."""
    candidates = [(view.updated_at or now) + timedelta(minutes=settings.refresh_minutes)]
    disabled = set(settings.disabled_providers)
    for status in view.providers:
        if status.usage.id in disabled:
            continue
        if status.retry_at is not None:
            candidates.append(status.retry_at)
        for account in status.usage.accounts:
            for window in account.windows:
                if window.resets_at is not None and window.resets_at > now:
                    candidates.append(window.resets_at + RESET_GRACE)
    return max(now, min(candidates))


@dataclass(frozen=True)
class Located:
    """A window with where it lives; `source` is the pin id "provider/account/window-id"."""

    status: ProviderStatus
    account: Account
    window: Window

    @property
    def source(self) -> str:
        return f"{self.status.usage.id}/{self.account.label}/{self.window.id}"

    @property
    def stale(self) -> bool:
        return account_stale(self.status, self.account)


def account_stale(status: ProviderStatus, account: Account) -> bool:
    """Is this account showing kept (old) numbers? No list means the whole provider is."""
    if not status.stale:
        return False
    return not status.stale_accounts or account.label in status.stale_accounts


def enabled(view: TrayView, settings: Settings) -> tuple[ProviderStatus, ...]:
    disabled = set(settings.disabled_providers)
    return tuple(p for p in view.providers if p.usage.id not in disabled)


def known_windows(view: TrayView, settings: Settings) -> Iterator[Located]:
    """Windows with a usable figure (not unknown, not unlimited) of the enabled providers."""
    for status in enabled(view, settings):
        for account in status.usage.accounts:
            for window in account.windows:
                if window.used_percent is not None and not window.unlimited:
                    yield Located(status, account, window)
