"""The predictive run-out notification and reset-drift cycles in alerts.decide, with a fake
clock: once per cycle, re-armed when the forecast lasts again, the floors, the toggle, one
notification instead of two with "high", the history basis, and the drifting OpenAI reset."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.alerts import Alert, AlertState, decide
from tray_app.monitoring.pace import Sample
from tray_app.monitoring.view import ProviderStatus, TrayView

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
RESET = NOW + timedelta(hours=2, minutes=30)
S = Settings()


def view(used: float, resets: datetime = RESET, length: int | None = 5 * 3600) -> TrayView:
    window = Window("5h", "5-hour limit", used, resets_at=resets, label_key="window.5h",
                    window_seconds=length)
    status = ProviderStatus(ProviderUsage("openai", "OpenAI", (Account("me@example.com",
                                                                       windows=(window,)),)))
    return TrayView(providers=(status,), updated_at=NOW)


def run(steps: list[tuple[datetime, TrayView]], settings: Settings = S,
        state: AlertState | None = None, lang: str = "en"
        ) -> tuple[list[list[Alert]], AlertState]:
    state = state or AlertState()
    out = []
    for now, v in steps:
        alerts, state = decide(state, v, settings, lang, now)
        out.append(alerts)
    return out, state


def kinds(batches: list[list[Alert]]) -> list[list[str]]:
    return [[a.kind for a in batch] for batch in batches]


def m(n: float) -> datetime:
    return NOW + timedelta(minutes=n)


def test_the_issue_example_notifies_once_with_the_forecast() -> None:
    batches, _ = run([(NOW, view(60)), (m(5), view(62)), (m(10), view(64))])
    assert kinds(batches) == [["runout"], [], []]
    alert = batches[0][0]
    local = (NOW + timedelta(hours=1, minutes=40)).astimezone().strftime("%H:%M")
    # the time left first, in the title and the body
    assert alert.title == "OpenAI (me@example.com): runs out in 1h 40m"
    assert alert.body == (f"OpenAI 5-hour limit runs out in 1h 40m ({local}), 50m before it "
                          "resets (at this pace; 60% used now).")
    assert alert.urgency == "normal"  # more than 30 min ahead
    assert alert.key == f"runout/openai/me@example.com/5h/{RESET.isoformat()}"


@pytest.mark.parametrize(("used", "left", "fires"), [
    (49, timedelta(hours=2, minutes=30), False),   # under the 50 % floor, though it runs out
    (50, timedelta(hours=2), False),               # 50 % in 3 h: the rest takes 3 h > 2 h
    (60, timedelta(hours=2, minutes=30), True),
    (95, timedelta(minutes=9), False),              # runs out < 10 min before the reset
    (90, timedelta(minutes=30), False),             # 90 % in 4.5 h: out exactly at the reset
    (90, timedelta(minutes=45), True),              # 90 % in 4.25 h: out 17 min early
    (100, timedelta(hours=2), False),               # exhausted: that notification says it
    (30, timedelta(hours=4), False),
])
def test_floors(used: float, left: timedelta, fires: bool) -> None:
    batches, _ = run([(NOW, view(used, NOW + left))])
    assert ("runout" in kinds(batches)[0]) is fires


def test_unknown_length_never_forecasts() -> None:
    assert kinds(run([(NOW, view(95, length=None))])[0]) == [["high"]]


def test_rearmed_only_when_the_forecast_lasts_again() -> None:
    steps = [
        (NOW, view(60)),            # runs out 50 min early: notified
        (m(30), view(61)),          # 61 % after 3 h: 20.3 %/h, out in 1h55 of 2h: still short
        (m(60), view(61)),          # the user slowed down: 61 % in 3.5 h lasts 1.5 h → lasts
        (m(90), view(85)),          # and speeds up again: out 18 min early: news again
    ]
    assert kinds(run(steps)[0]) == [["runout"], [], [], ["runout"]]


def test_with_high_in_the_same_refresh_only_the_forecast_is_sent() -> None:
    batches, state = run([(NOW, view(85, NOW + timedelta(hours=1)))])
    assert kinds(batches) == [["runout"]]
    # "high" was consumed: it does not follow on the next refresh
    assert kinds(run([(m(1), view(86, NOW + timedelta(hours=1)))], state=state)[0]) == [[]]
    quiet = Settings(notify_runout=False)
    assert kinds(run([(NOW, view(85, NOW + timedelta(hours=1)))], settings=quiet)[0]) == [
        ["high"]]


def test_toggle_off_records_without_notifying() -> None:
    quiet = Settings(notify_runout=False)
    batches, state = run([(NOW, view(60))], settings=quiet)
    assert kinds(batches) == [[]]
    assert kinds(run([(m(5), view(62))], state=state)[0]) == [[]]  # no replay when turned on


def test_new_cycle_rearms_the_forecast() -> None:
    nxt = RESET + timedelta(hours=5)
    steps = [(NOW, view(60)), (RESET + timedelta(minutes=1), view(0, nxt)),
             (RESET + timedelta(hours=2), view(60, nxt))]
    assert kinds(run(steps)[0]) == [["runout"], [], ["runout"]]


def test_drifting_reset_time_is_the_same_cycle() -> None:
    # OpenAI's reset_at wobbles by tens of seconds each poll: no second notification, and the
    # alert keys keep the cycle they started with
    drift = [0, 37, -12, 55, 21, 48]
    steps = [(m(5 * i), view(60 + i, RESET + timedelta(seconds=d))) for i, d in enumerate(drift)]
    batches, state = run(steps)
    assert kinds(batches) == [["runout"], [], [], [], [], []]
    assert dict(state.windows)["openai/me@example.com/5h"].cycle == RESET.isoformat()
    # a jump of more than 10 minutes is a new cycle: the forecast may speak again
    jumped = RESET + timedelta(minutes=15)
    batches, state = run([(m(40), view(70, jumped))], state=state)
    assert kinds(batches) == [["runout"]]
    assert dict(state.windows)["openai/me@example.com/5h"].cycle == jumped.isoformat()


def test_drift_does_not_rearm_high_usage() -> None:
    steps = [(m(i), view(85, RESET + timedelta(seconds=30 * (i % 2)), length=None))
             for i in range(4)]
    assert kinds(run(steps)[0]) == [["high"], [], [], []]


def test_history_basis_reaches_the_decision() -> None:
    # the cycle average lasts (40 % in 2.5 h), but the last hour burned 30 %/h
    hist = [(NOW - timedelta(minutes=60 - 5 * i), 10.0 + 2.5 * i) for i in range(13)]

    def samples(provider: str, account: str, window: str) -> Sequence[Sample]:
        assert (provider, account, window) == ("openai", "me@example.com", "5h")
        return hist

    plain, _ = decide(AlertState(), view(40), S, "en", NOW)
    refined, _ = decide(AlertState(), view(40), S, "en", NOW, samples=samples)
    assert [a.kind for a in plain] == [] and [a.kind for a in refined] == []  # under 50 %
    hist2 = [(when, used + 20) for when, used in hist]
    found, _ = decide(AlertState(), view(60), S, "en", NOW, samples=lambda *_: hist2)
    assert [a.kind for a in found] == ["runout"] and "at" in found[0].body


def test_state_round_trips_and_old_files_still_load() -> None:
    _, state = run([(NOW, view(60))])
    again = AlertState.from_json(json.loads(json.dumps(state.to_json())))
    assert again == state
    old = state.to_json()
    for mark in old["windows"].values():
        del mark["used"], mark["runout_armed"]  # a file from before the forecast
    loaded = AlertState.from_json(old)
    assert dict(loaded.windows)["openai/me@example.com/5h"].runout_armed is True


@pytest.mark.parametrize("lang", ["zh-TW", "zh-CN"])
def test_chinese(lang: str) -> None:
    alert = run([(NOW, view(60))], lang=lang)[0][0][0]
    assert "OpenAI" in alert.body and ("用完" in alert.body) and "50分" in alert.body
