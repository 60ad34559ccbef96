"""Notifications that say what matters: the urgency hint (critical for used up or running out
within 30 min), one summary at start-up instead of several at once, and errors only the user
can fix notified once per occurrence, like a threshold. Pure decisions with a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.alerts import Alert, AlertState, decide, needs_user, summarize, urgency
from tray_app.monitoring.pace import window_pace
from tray_app.monitoring.view import ProviderStatus, TrayView

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
S = Settings()


def five_hour(used: float, reset_in: timedelta) -> Window:
    return Window("5h", "5-hour limit", used, resets_at=NOW + reset_in, label_key="window.5h",
                  window_seconds=5 * 3600)


def view(*accounts: Account, pid: str = "openai", name: str = "OpenAI") -> TrayView:
    status = ProviderStatus(ProviderUsage(pid, name, accounts))
    return TrayView(providers=(status,), updated_at=NOW)


@pytest.mark.parametrize(("used", "reset_in", "kind", "level"), [
    (100.0, timedelta(hours=2), "exhausted", "critical"),
    # 90 % after 4 h 10 min of 5 h: the other 10 % take 28 min → critical (≤ 30 min)
    (90.0, timedelta(minutes=50), "runout", "critical"),
    # 60 % after 2 h 30 min: the other 40 % take 1 h 40 min → normal
    (60.0, timedelta(hours=2, minutes=30), "runout", "normal"),
    (85.0, timedelta(minutes=10), "high", "normal"),  # lasts to its reset
])
def test_urgency_table(used: float, reset_in: timedelta, kind: str, level: str) -> None:
    window = five_hour(used, reset_in)
    alerts, _ = decide(AlertState(), view(Account("me@example.com", windows=(window,))), S,
                       "en", NOW)
    assert [(a.kind, a.urgency) for a in alerts] == [(kind, level)]
    assert urgency(alerts[0].kind, window_pace(window, NOW), NOW) == level


def test_the_critical_run_out_says_the_time_left_first() -> None:
    window = five_hour(90.0, timedelta(minutes=50))
    alerts, _ = decide(AlertState(), view(Account("me@example.com", windows=(window,))), S,
                       "zh-TW", NOW)
    assert alerts[0].title == "OpenAI（me@example.com）：27分後用完"
    assert alerts[0].body.startswith("OpenAI 5 小時限額：27分後用完（")


def _alert(kind: str, urgency_: str, n: int) -> Alert:
    return Alert(kind, f"{kind}/{n}", f"P{n} (a): {kind}", f"body {n}", urgency_)  # type: ignore[arg-type]


@pytest.mark.parametrize(("alerts", "count", "first", "level"), [
    ([], 0, None, None),
    ([_alert("high", "normal", 1)], 1, "P1 (a): high", "normal"),
    # three at once: one summary, the critical one first, as urgent as it
    ([_alert("high", "normal", 1), _alert("exhausted", "critical", 2),
      _alert("available", "low", 3)], 1, "P2 (a): exhausted: body 2", "critical"),
])
def test_summary_table(alerts: list[Alert], count: int, first: str | None,
                       level: str | None) -> None:
    out = summarize(alerts, "en")
    assert len(out) == count
    if count == 1 and len(alerts) > 1:
        assert out[0].kind == "summary" and out[0].title == "mystatus-tray: 3 things to look at"
        lines = out[0].body.splitlines()
        assert lines[0] == first and len(lines) == 3 and lines[-1].startswith("P3")
        assert out[0].urgency == level
    elif count == 1:
        assert out == alerts


@pytest.mark.parametrize(("error", "needs"), [
    (ErrorInfo(ErrorKind.HTTP_ERROR, status=401), True),   # key rejected
    (ErrorInfo(ErrorKind.HTTP_ERROR, status=403), True),
    (ErrorInfo(ErrorKind.NOT_LOGGED_IN), True),
    (ErrorInfo(ErrorKind.COPILOT_PAT_REQUIRED), True),
    (ErrorInfo(ErrorKind.VERIFICATION_REQUIRED), True),
    (ErrorInfo(ErrorKind.HTTP_ERROR, status=503), False),  # the service's trouble
    (ErrorInfo(ErrorKind.TIMEOUT), False),
    (ErrorInfo(ErrorKind.RATE_LIMITED, status=429), False),
])
def test_which_errors_need_the_user(error: ErrorInfo, needs: bool) -> None:
    assert needs_user(error) is needs


def test_a_rejected_key_notifies_once_per_occurrence() -> None:
    rejected = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Zhipu AI", status=401)
    bad = view(Account("ab12****cd34", error=rejected), pid="zhipu", name="Zhipu AI")
    good = view(Account("ab12****cd34", windows=(five_hour(10.0, timedelta(hours=2)),)),
                pid="zhipu", name="Zhipu AI")
    state = AlertState()
    seen: list[list[str]] = []
    for v in (bad, bad, bad, good, bad):
        alerts, state = decide(state, v, S, "en", NOW)
        seen.append([a.kind for a in alerts])
    # once, not every refresh; again after it worked in between (a new occurrence)
    assert seen == [["needs_user"], [], [], [], ["needs_user"]]
    alerts, _ = decide(AlertState(), bad, S, "en", NOW)
    assert alerts[0].title == "Zhipu AI (ab12****cd34): needs you"
    assert "401" in alerts[0].body and "{" not in alerts[0].body
    # the "Logins and keys" toggle silences it (the decision still remembers it)
    off, state = decide(AlertState(), bad, Settings(notify_token_expiry=False), "en", NOW)
    assert off == [] and any(k.startswith("needs_user/") for k, _ in state.tokens)
