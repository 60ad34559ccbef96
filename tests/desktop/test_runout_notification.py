"""The predictive run-out notification on the real desktop: the demo tray, switched to the
simulator's `openai=runout` scenario (5-hour window 60% used with 2 h 30 min left), sends
exactly one "... runs out in 1h 40m (...)" Notify call to the notification daemon (dunst), with
the app's icon and the normal urgency hint, and repeated refreshes in the same cycle do not
repeat it; a used-up window (`openai=limit_reached`) then notifies with the critical hint."""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.trayproc import TrayProcess

pytestmark = pytest.mark.desktop
TEXT = "OpenAI 5-hour limit runs out in"


def _refreshes(tray: TrayProcess) -> int:
    state = tray.wait_state(lambda s: s["refreshes"] >= 1 and not s["refreshing"], timeout=20)
    return int(state["refreshes"])


def _refresh(tray: TrayProcess) -> None:
    before = _refreshes(tray)
    tray.proc.send_signal(signal.SIGUSR1)
    tray.wait_state(lambda s: s["refreshes"] > before and not s["refreshing"], timeout=20)


def test_runout_forecast_notifies_once(app_env: dict[str, str], python: str, tmp_path: Path,
                                       notifications: Any) -> None:
    scenarios = tmp_path / "scenarios.txt"
    scenarios.write_text("", "utf-8")
    # Without the demo's seeded past: with it, the forecast may take the history basis when
    # the scenario's reset falls within 10 min of the demo's own (a time-of-day coincidence
    # that made this test fail at 00:27), and this test is about the window-clock forecast.
    env = dict(app_env, PYSTRAY_BACKEND="gtk", GDK_GL="disable", MYSTATUS_DEMO_PAST="0",
               MYSTATUS_DEBUG_STATE_FILE=str(tmp_path / "debug.json"),
               MYSTATUS_DEMO_SCENARIOS_FILE=str(scenarios))
    log_path = tmp_path / "tray.log"
    with log_path.open("ab") as log:
        proc = subprocess.Popen([python, "-m", "tray_app.tray.app", "--demo", "--lang", "en"],
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    tray = TrayProcess(proc, tmp_path / "debug.json", log_path)
    try:
        _refreshes(tray)  # the demo's own numbers: OpenAI's 5-hour window lasts (46 %)
        mark = notifications.mark()
        scenarios.write_text("openai=runout", "utf-8")
        _refresh(tray)
        call = notifications.wait_for(TEXT, since=mark, timeout=15)
        assert call.app_name == "mystatus-tray"
        assert re.fullmatch(r"OpenAI \(demo\.user@example\.com\): runs out in 1h (39|40)m",
                            call.summary), call.summary
        # 60 % in 2 h 30 min: the other 40 % take 1 h 40 min, 50 min before the reset (49 when
        # the few seconds between the simulator's answer and the decision round down)
        assert re.fullmatch(r"OpenAI 5-hour limit runs out in 1h (39|40)m \(\d\d:\d\d\), "
                            r"(49|50)m before it resets \(at this pace; 60% used now\)\.",
                            call.body), call.body
        assert call.urgency == 1  # normal: more than 30 min ahead
        assert call.app_icon.endswith("mystatus-tray.png") and Path(call.app_icon).is_file()
        _refresh(tray)  # the same cycle: no repeat
        _refresh(tray)
        # once per account per cycle: the demo's second OpenAI account (its Codex CLI login)
        # gets the same scenario and its own notification, also just once
        notifications.count_settled(TEXT, since=mark)
        five_hour = [c.summary.split(":")[0] for c in notifications.matching(TEXT, since=mark)]
        assert sorted(five_hour) == ["OpenAI (codex.user@example.com)",
                                     "OpenAI (demo.user@example.com)"]
        # used up: critical, and it stays until dismissed
        mark = notifications.mark()
        scenarios.write_text("openai=limit_reached", "utf-8")
        _refresh(tray)
        used_up = notifications.wait_for("limit reached", since=mark, timeout=15)
        assert used_up.urgency == 2 and used_up.expire_timeout == 0, used_up
        assert tray.proc.poll() is None
    finally:
        tray.stop()
