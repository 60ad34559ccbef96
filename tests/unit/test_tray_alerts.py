"""Notification decisions with a fake clock: crossings, re-arming, exhaustion, available
again, token expiry / invalid, toggles, and the state surviving a restart via JSON."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import t
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.alerts import Alert, AlertState, decide
from tray_app.monitoring.view import ProviderStatus, TrayView

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
CYCLE1 = T0 + timedelta(hours=3)
CYCLE2 = CYCLE1 + timedelta(hours=5)
S = Settings()


def view_with(used: float | None, resets: datetime | None = CYCLE1, *, stale: bool = False,
              error: ErrorInfo | None = None, expires: datetime | None = None,
              pid: str = "openai", name: str = "OpenAI") -> TrayView:
    window = Window("5h", "5-hour limit", used, resets_at=resets, label_key="window.5h")
    account = Account("me@example.com", windows=() if error else (window,), error=error,
                      token_expires_at=expires)
    status = ProviderStatus(ProviderUsage(pid, name, (account,)), stale=stale,
                            stale_accounts=("me@example.com",) if stale else (), error=error)
    return TrayView(providers=(status,), updated_at=T0)


def run(steps: list[tuple[datetime, TrayView]], settings: Settings = S,
        state: AlertState | None = None, lang: str = "en") -> tuple[list[list[Alert]], AlertState]:
    state = state or AlertState()
    out = []
    for now, view in steps:
        alerts, state = decide(state, view, settings, lang, now)
        out.append(alerts)
    return out, state


def kinds(batches: list[list[Alert]]) -> list[list[str]]:
    return [[a.kind for a in batch] for batch in batches]


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_crossing_fires_once_with_hysteresis() -> None:
    used = [70, 85, 90, 76, 85, 74, 81]
    batches, _ = run([(at(i), view_with(u)) for i, u in enumerate(used)])
    # 76 is within 5 points of 80: not re-armed; 74 is below 75: re-armed.
    assert kinds(batches) == [[], ["high"], [], [], [], [], ["high"]]


def test_first_seen_above_fires() -> None:
    batches, _ = run([(at(0), view_with(92)), (at(1), view_with(93))])
    assert kinds(batches) == [["high"], []]


def test_reset_rearms_but_drifting_reset_time_does_not() -> None:
    steps = [
        (at(0), view_with(85, CYCLE1)),
        (at(5), view_with(86, CYCLE1 + timedelta(seconds=2))),  # now + reset_after jitter
        (at(10), view_with(87, CYCLE1 + timedelta(minutes=10))),  # a rolling window slides
        (CYCLE1 + timedelta(minutes=1), view_with(82, CYCLE2)),  # really reset (and high again)
    ]
    assert kinds(run(steps)[0]) == [["high"], [], [], ["high"]]


def test_big_jump_of_the_reset_time_is_a_new_cycle() -> None:
    steps = [(at(0), view_with(85, CYCLE1)), (at(1), view_with(85, CYCLE1 + timedelta(days=7)))]
    assert kinds(run(steps)[0]) == [["high"], ["high"]]


def test_exhausted_once_per_cycle_then_available_again() -> None:
    steps = [
        (at(0), view_with(60)),
        (at(1), view_with(100)),  # exhausted says it all: no separate "high"
        (at(2), view_with(100)),
        (at(3), view_with(104)),
        (CYCLE1 + timedelta(minutes=1), view_with(0, CYCLE2)),
        (CYCLE1 + timedelta(minutes=2), view_with(1, CYCLE2)),
        (CYCLE1 + timedelta(minutes=3), view_with(85, CYCLE2)),
        (CYCLE1 + timedelta(minutes=4), view_with(100, CYCLE2)),
    ]
    assert kinds(run(steps)[0]) == [[], ["exhausted"], [], [], ["available"], [], ["high"],
                                     ["exhausted"]]


def test_window_without_reset_time_uses_cycle_none() -> None:
    steps = [(at(0), view_with(90, None)), (at(1), view_with(95, None)),
             (at(2), view_with(10, None)), (at(3), view_with(90, None))]
    batches, _ = run(steps)
    assert kinds(batches) == [["high"], [], [], ["high"]]
    assert batches[0][0].key == "high/openai/me@example.com/5h/none"


def test_unknown_and_stale_and_disk_views_raise_nothing() -> None:
    disk = view_with(95)
    disk = TrayView(providers=disk.providers, updated_at=T0, from_disk=True)
    steps = [(at(0), view_with(None)), (at(1), view_with(95, stale=True)), (at(2), disk)]
    batches, state = run(steps)
    assert kinds(batches) == [[], [], []]
    assert kinds(run([(at(3), view_with(95))], state=state)[0]) == [["high"]]


def test_toggles_silence_but_still_record() -> None:
    quiet = Settings(notify_high_usage=False, notify_exhausted=False, notify_available=False)
    batches, state = run([(at(0), view_with(85)), (at(1), view_with(100))], settings=quiet)
    assert kinds(batches) == [[], []]
    # Turning them on later does not replay what already happened in this cycle.
    assert kinds(run([(at(2), view_with(100))], state=state)[0]) == [[]]


def test_threshold_setting_is_used() -> None:
    batches, _ = run([(at(0), view_with(55)), (at(1), view_with(65))], Settings(threshold=60))
    assert kinds(batches) == [[], ["high"]]


def test_title_and_body_name_provider_account_window_percent_and_reset() -> None:
    (alert,), = run([(at(0), view_with(85))])[0]
    assert alert.title == "OpenAI (me@example.com): high usage"
    hhmm = CYCLE1.astimezone().strftime("%H:%M")
    assert alert.body == f"5-hour limit: 85% used, resets in 3h 0m ({hhmm})"
    (zh,), = run([(at(0), view_with(100))], lang="zh-CN")[0]
    assert zh.title == "OpenAI（me@example.com）：额度已用尽"
    assert zh.body.startswith("5 小时限额: 已用 100%")


def test_restart_does_not_repeat_a_notification() -> None:
    _, state = run([(at(0), view_with(85)), (at(1), view_with(100))])
    restored = AlertState.from_json(json.loads(json.dumps(state.to_json())))
    assert restored == state
    assert kinds(run([(at(2), view_with(100))], state=restored)[0]) == [[]]
    after_reset = run([(CYCLE1 + timedelta(minutes=1), view_with(2, CYCLE2))], state=restored)
    assert kinds(after_reset[0]) == [["available"]]


@pytest.mark.parametrize(
    "garbage",
    [{}, {"windows": "x"}, {"windows": {"k": {"cycle": 3}}, "tokens": {"k": 5}},
     {"windows": {"k": {"cycle": "none", "high_armed": "yes"}}}, {"tokens": {"k": "not a date"}}],
)
def test_from_json_is_tolerant(garbage: dict[str, object]) -> None:
    assert AlertState.from_json(garbage) == AlertState()


EXPIRED = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="OpenAI")


def test_openai_token_expired_once_per_token() -> None:
    old, new = T0 - timedelta(hours=1), T0 + timedelta(days=9)
    steps = [
        (at(0), view_with(None, error=EXPIRED, expires=old)),
        (at(5), view_with(None, error=EXPIRED, expires=old)),
        (at(10), view_with(20, expires=new)),  # the user used OpenAI in OpenCode
        (at(15), view_with(None, error=EXPIRED, expires=old)),  # same old token: not news
    ]
    batches, _ = run(steps)
    assert kinds(batches) == [["token_expired"], [], [], ["token_expired"]]
    alert = batches[0][0]
    assert alert.title == "OpenAI (me@example.com): token expired"
    assert alert.body == t("fix.token_expired", "en", provider="OpenAI")


def test_token_expiring_warning_ahead() -> None:
    soon = T0 + timedelta(hours=5)
    batches, _ = run([(at(0), view_with(20, expires=soon)), (at(5), view_with(20, expires=soon))])
    assert kinds(batches) == [["token_expiring"], []]
    hhmm = soon.astimezone().strftime("%H:%M")
    assert batches[0][0].body.startswith(f"The token expires in 5h 0m ({hhmm}).")
    far = T0 + timedelta(hours=30)
    assert kinds(run([(at(0), view_with(20, expires=far))])[0]) == [[]]
    assert kinds(run([(at(0), view_with(20, expires=far))],
                     Settings(expiry_warning_hours=48))[0]) == [["token_expiring"]]
    assert kinds(run([(at(0), view_with(20, expires=soon))],
                     Settings(expiry_warning_hours=0))[0]) == [[]]
    assert kinds(run([(at(0), view_with(20, expires=soon))],
                     Settings(notify_token_expiry=False))[0]) == [[]]


def test_copilot_pat_expiring_names_the_pat_fix() -> None:
    soon = T0 + timedelta(hours=2)
    (alert,), = run([(at(0), view_with(20, expires=soon, pid="copilot",
                                       name="GitHub Copilot"))])[0]
    assert alert.kind == "token_expiring" and "mystatus-tray token set copilot" in alert.body


@pytest.mark.parametrize(
    ("pid", "name", "error"),
    [
        ("antigravity", "Antigravity", ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="Antigravity",
                                                 extra=(("fix", "fix.token_expired_google"),))),
        ("antigravity", "Antigravity", ErrorInfo(ErrorKind.HTTP_ERROR, provider="Antigravity",
                                                 status=400, detail="invalid_grant")),
        ("copilot", "GitHub Copilot", ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="GitHub Copilot",
                                                status=401,
                                                extra=(("fix", "fix.token_expired_copilot_pat"),))),
    ],
)
def test_invalid_login_once_until_it_works_again(pid: str, name: str, error: ErrorInfo) -> None:
    bad, good = view_with(None, error=error, pid=pid, name=name), view_with(5, pid=pid, name=name)
    batches, _ = run([(at(0), bad), (at(5), bad), (at(10), good), (at(15), bad)])
    assert kinds(batches) == [["token_invalid"], [], [], ["token_invalid"]]
    alert = batches[0][0]
    assert alert.title == f"{name} (me@example.com): needs a new login"
    fix = "fix.token_expired_google" if pid == "antigravity" else "fix.token_expired_copilot_pat"
    assert alert.body == t(fix, "en")


def test_no_secret_in_notification_text() -> None:
    token = "ya29.planted-SECRET-token-0123456789"
    leaky = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="Antigravity", detail=f"bad {token}",
                      extra=(("fix", "fix.token_expired_google"),))
    batches, _ = run([(at(0), view_with(None, error=leaky, pid="antigravity"))])
    assert batches[0] and all(token not in a.title + a.body for a in batches[0])


def test_old_marks_are_pruned() -> None:
    _, state = run([(at(0), view_with(85))])
    assert state.windows
    _, later = decide(state, TrayView(), S, "en", T0 + timedelta(days=60))
    assert later.windows == ()
