"""state.merge / due_providers / next_wakeup: last good data kept through transient
failures, errors surfaced when they repeat or are permanent, backoff, and the schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.state import Policy, due_providers, is_transient, merge, next_wakeup
from tray_app.monitoring.view import ProviderStatus, TrayView

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)


def win(wid: str = "5h", used: float | None = 40.0, resets: datetime | None = None) -> Window:
    return Window(id=wid, label=wid, used_percent=used, resets_at=resets)


def acc(label: str = "a@example.com", *windows: Window, error: ErrorInfo | None = None) -> Account:
    return Account(label=label, windows=windows if error is None else (), error=error)


def prov(pid: str, *accounts: Account, error: ErrorInfo | None = None,
         at: datetime = T0) -> ProviderUsage:
    return ProviderUsage(id=pid, name=pid.title(), accounts=accounts, error=error, fetched_at=at)


def snap(
    *providers: ProviderUsage,
    at: datetime = T0,
    requested: tuple[str, ...] | None = None,
    problems: tuple[ErrorInfo, ...] = (),
) -> Snapshot:
    return Snapshot(generated_at=at, providers=providers, requested=requested, problems=problems)


def err(kind: ErrorKind, status: int | None = None, retry_after: float | None = None) -> ErrorInfo:
    return ErrorInfo(kind, provider="X", status=status, retry_after=retry_after)


NET = err(ErrorKind.NETWORK_ERROR)
GOOD = prov("openai", acc("a@example.com", win("5h", 46.0), win("weekly", 12.0)))


def only(view: TrayView, pid: str = "openai") -> ProviderStatus:
    return next(p for p in view.providers if p.usage.id == pid)


@pytest.mark.parametrize(
    ("info", "transient"),
    [
        (err(ErrorKind.TIMEOUT), True),
        (err(ErrorKind.NETWORK_ERROR), True),
        (err(ErrorKind.RATE_LIMITED, 429, 30), True),
        (err(ErrorKind.INVALID_RESPONSE), True),
        (err(ErrorKind.HTTP_ERROR, 500), True),
        (err(ErrorKind.HTTP_ERROR, 503), True),
        (err(ErrorKind.HTTP_ERROR, 401), False),
        (err(ErrorKind.HTTP_ERROR, 403), False),
        (err(ErrorKind.HTTP_ERROR, 404), False),
        (err(ErrorKind.TOKEN_EXPIRED), False),
        (err(ErrorKind.API_ERROR, 1001), False),
        (err(ErrorKind.MISSING_PROJECT_ID), False),
        (err(ErrorKind.COPILOT_PAT_REQUIRED), False),
        (err(ErrorKind.KEYRING_UNAVAILABLE), False),
    ],
)
def test_transient_table(info: ErrorInfo, transient: bool) -> None:
    assert is_transient(info) is transient


def test_first_success_is_fresh() -> None:
    view = merge(TrayView(), snap(GOOD), T0)
    status = only(view)
    assert status.usage == GOOD
    assert (status.stale, status.failures, status.error, status.retry_at) == (False, 0, None, None)
    assert status.last_success == T0 and view.updated_at == T0 and not view.from_disk


def test_transient_failure_keeps_last_good_then_surfaces_then_recovers() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    t1 = T0 + timedelta(minutes=5)
    v2 = merge(v1, snap(prov("openai", acc(error=NET), at=t1)), t1)
    s2 = only(v2)
    assert s2.usage.accounts[0].windows == GOOD.accounts[0].windows
    assert s2.usage.accounts[0].error is None  # not surfaced yet: failures 1 < 2
    assert (s2.stale, s2.failures, s2.error) == (True, 1, None)
    assert s2.stale_accounts == ("a@example.com",)
    assert s2.last_success == T0
    assert s2.retry_at == t1 + timedelta(seconds=60)

    t2 = t1 + timedelta(minutes=1)
    s3 = only(merge(v2, snap(prov("openai", acc(error=NET), at=t2)), t2))
    assert (s3.stale, s3.failures, s3.error) == (True, 2, NET)  # repeated: now surfaced
    assert s3.usage.accounts[0].windows == GOOD.accounts[0].windows  # numbers still shown
    assert s3.usage.accounts[0].error == NET
    assert s3.retry_at == t2 + timedelta(seconds=120)

    t3 = t2 + timedelta(minutes=5)
    fresh = prov("openai", acc("a@example.com", win("5h", 50.0)), at=t3)
    s4 = only(merge(replace(v2, providers=(s3,)), snap(fresh), t3))
    assert (s4.stale, s4.failures, s4.error, s4.retry_at) == (False, 0, None, None)
    assert s4.last_success == t3 and s4.stale_accounts == ()


def test_surface_after_is_a_policy() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    s = only(merge(v1, snap(prov("openai", acc(error=NET))), T0, Policy(surface_after=1)))
    assert s.error == NET and s.stale


@pytest.mark.parametrize(
    "info",
    [err(ErrorKind.TOKEN_EXPIRED), err(ErrorKind.HTTP_ERROR, 401), err(ErrorKind.HTTP_ERROR, 403),
     err(ErrorKind.API_ERROR, 1001), err(ErrorKind.MISSING_PROJECT_ID)],
)
def test_permanent_failure_surfaces_at_once(info: ErrorInfo) -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    s = only(merge(v1, snap(prov("openai", acc(error=info))), T0))
    assert s.error == info and s.usage.accounts[0].error == info
    assert s.usage.accounts[0].windows == ()  # no misleading old numbers next to "fix this"
    assert (s.stale, s.failures, s.retry_at) == (False, 0, None)


def test_transient_failure_without_earlier_data_is_shown_at_once() -> None:
    s = only(merge(TrayView(), snap(prov("openai", acc(error=NET))), T0))
    assert s.error == NET and not s.stale and s.failures == 1


def test_rate_limit_retry_after_is_honoured() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    limited = err(ErrorKind.RATE_LIMITED, 429, retry_after=900)
    s = only(merge(v1, snap(prov("openai", acc(error=limited))), T0))
    assert s.retry_at == T0 + timedelta(seconds=900)
    assert s.stale and s.error is None


def test_backoff_grows_with_consecutive_failures() -> None:
    view = merge(TrayView(), snap(GOOD), T0)
    delays = []
    now = T0
    for _ in range(7):
        now += timedelta(minutes=1)
        view = merge(view, snap(prov("openai", acc(error=NET), at=now)), now)
        retry_at = only(view).retry_at
        assert retry_at is not None
        delays.append((retry_at - now).total_seconds())
    assert delays == [60, 120, 240, 480, 960, 1800, 1800]


def test_provider_not_asked_by_a_partial_refresh_is_kept_unchanged() -> None:
    zhipu = prov("zhipu", acc("ab12****cd34", win("5h", 10.0)))
    problem = err(ErrorKind.AUTH_FILE_UNREADABLE)
    v1 = merge(TrayView(), snap(GOOD, zhipu, problems=(problem,)), T0)
    t1 = T0 + timedelta(minutes=5)
    fresh = prov("openai", acc("a@example.com", win("5h", 60.0)), at=t1)
    partial = snap(fresh, requested=("openai",))
    v2 = merge(v1, partial, t1)
    assert only(v2, "zhipu") is only(v1, "zhipu")
    assert [p.usage.id for p in v2.providers] == ["openai", "zhipu"]
    assert v2.problems == (problem,)  # only a full refresh can judge source-level problems


def test_provider_gone_from_a_full_refresh_is_dropped() -> None:
    """A key removed from auth.json (or a provider disabled) must not keep driving the icon."""
    zhipu = prov("zhipu", acc("ab12****cd34", win("5h", 95.0)))
    v1 = merge(TrayView(), snap(GOOD, zhipu), T0)
    t1 = T0 + timedelta(minutes=5)
    v2 = merge(v1, snap(GOOD, at=t1), t1)
    assert [p.usage.id for p in v2.providers] == ["openai"]
    v3 = merge(v1, snap(GOOD, at=t1, requested=("openai", "zhipu")), t1)  # asked, not there
    assert [p.usage.id for p in v3.providers] == ["openai"]
    assert merge(v1, snap(at=t1), t1).problems == ()


def test_new_providers_are_appended_in_snapshot_order() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    new = snap(prov("zai", acc("z")), prov("copilot", acc("c")), requested=("copilot", "zai"))
    v2 = merge(v1, new, T0)
    assert [p.usage.id for p in v2.providers] == ["openai", "zai", "copilot"]


def test_per_account_one_failing_antigravity_account_keeps_its_windows() -> None:
    a = acc("a@gmail.com", win("gemini-5h", 30.0))
    b = acc("b@gmail.com", win("gemini-5h", 70.0))
    v1 = merge(TrayView(), snap(prov("antigravity", a, b)), T0)
    t1 = T0 + timedelta(minutes=5)
    a2 = acc("a@gmail.com", win("gemini-5h", 35.0))
    v2 = merge(v1, snap(prov("antigravity", acc("b@gmail.com", error=NET), a2, at=t1)), t1)
    s = only(v2, "antigravity")
    by_label = {x.label: x for x in s.usage.accounts}
    assert by_label["a@gmail.com"].windows[0].used_percent == 35.0
    assert by_label["b@gmail.com"].windows[0].used_percent == 70.0  # last good
    assert s.stale_accounts == ("b@gmail.com",) and s.stale
    assert s.failures == 1 and s.error is None
    assert s.retry_at is None  # a healthy sibling: no backoff for the whole provider
    assert s.last_success == T0


def test_provider_level_transient_error_keeps_accounts() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    s = only(merge(v1, snap(prov("openai", error=err(ErrorKind.TIMEOUT))), T0))
    assert s.stale and s.usage.accounts == GOOD.accounts and s.usage.error is None
    assert s.error is None and s.failures == 1


def test_provider_level_permanent_error_is_shown() -> None:
    v1 = merge(TrayView(), snap(GOOD), T0)
    bad = err(ErrorKind.AUTH_FILE_UNREADABLE)
    s = only(merge(v1, snap(prov("openai", error=bad)), T0))
    assert s.error == bad and s.usage.accounts == () and not s.stale


def test_sleep_wake_all_network_errors_do_not_surface_and_stay_stale() -> None:
    good = (GOOD, prov("zhipu", acc("ab12****cd34", win("5h", 10.0))),
            prov("antigravity", acc("a@gmail.com", win("claude", 20.0))))
    v1 = merge(TrayView(), snap(*good), T0)
    wake = T0 + timedelta(hours=9)  # the laptop slept all night
    failing = tuple(prov(p.usage.id, *(acc(a.label, error=NET) for a in p.usage.accounts), at=wake)
                    for p in v1.providers)
    v2 = merge(v1, snap(*failing, at=wake), wake)
    for before, after in zip(v1.providers, v2.providers, strict=True):
        assert after.error is None, after.usage.id  # no error storm on wake
        assert after.failures == 1 and after.stale
        windows = [a.windows for a in before.usage.accounts]
        assert [a.windows for a in after.usage.accounts] == windows
        assert after.last_success == T0
    assert due_providers(v2, wake) == set()
    assert due_providers(v2, wake + timedelta(seconds=60)) == {"openai", "zhipu", "antigravity"}


def test_merge_of_a_disk_view_clears_from_disk() -> None:
    kept = ProviderStatus(GOOD, stale=True, stale_accounts=("a@example.com",))
    disk = TrayView(providers=(kept,), from_disk=True, updated_at=T0 - timedelta(days=1))
    v = merge(disk, snap(GOOD), T0)
    assert not v.from_disk and not only(v).stale and v.updated_at == T0


@pytest.mark.parametrize(
    ("retry", "now_offset", "due"),
    [(None, 0, True), (30, 0, False), (30, 29, False), (30, 30, True), (30, 600, True)],
)
def test_due_providers_table(retry: int | None, now_offset: int, due: bool) -> None:
    retry_at = None if retry is None else T0 + timedelta(seconds=retry)
    view = TrayView(providers=(ProviderStatus(GOOD, retry_at=retry_at),
                               ProviderStatus(prov("zai"))))
    assert due_providers(view, T0 + timedelta(seconds=now_offset)) == (
        {"openai", "zai"} if due else {"zai"})


def _view(*statuses: ProviderStatus, updated: datetime = T0) -> TrayView:
    return TrayView(providers=statuses, updated_at=updated)


def test_next_wakeup_is_the_interval_by_default() -> None:
    view = _view(ProviderStatus(GOOD))
    assert next_wakeup(view, Settings(refresh_minutes=5), T0) == T0 + timedelta(minutes=5)
    assert next_wakeup(view, Settings(refresh_minutes=30), T0) == T0 + timedelta(minutes=30)


def test_next_wakeup_just_after_the_earliest_future_reset() -> None:
    soon, later = T0 + timedelta(minutes=2), T0 + timedelta(hours=3)
    usage = prov("openai", acc("a", win("5h", 99.0, later), win("weekly", 10.0, soon)))
    past = prov("zai", acc("z", win("5h", 10.0, T0 - timedelta(minutes=1))))
    view = _view(ProviderStatus(usage), ProviderStatus(past))
    assert next_wakeup(view, Settings(), T0) == soon + timedelta(seconds=30)


def test_next_wakeup_ignores_disabled_providers() -> None:
    usage = prov("openai", acc("a", win("5h", 99.0, T0 + timedelta(minutes=1))))
    view = _view(ProviderStatus(usage))
    settings = Settings(disabled_providers=("openai",))
    assert next_wakeup(view, settings, T0) == T0 + timedelta(minutes=5)


def test_next_wakeup_earliest_retry() -> None:
    view = _view(ProviderStatus(GOOD, retry_at=T0 + timedelta(seconds=90)))
    assert next_wakeup(view, Settings(), T0) == T0 + timedelta(seconds=90)


def test_next_wakeup_is_never_in_the_past() -> None:
    view = _view(ProviderStatus(GOOD), updated=T0 - timedelta(hours=8))
    assert next_wakeup(view, Settings(), T0) == T0
    assert next_wakeup(TrayView(), Settings(), T0) == T0 + timedelta(minutes=5)
