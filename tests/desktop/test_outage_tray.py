"""A provider outage on the real desktop: the demo tray with the simulator's Claude status
page in `major_outage` shows it on Claude's menu line and in its submenu (the debug state's
menu texts, what the backend draws), and sends exactly one "Claude: Major outage" Notify
call to the notification daemon (dunst), not one per refresh."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.trayproc import TrayProcess

pytestmark = pytest.mark.desktop
TITLE = "Claude: Major outage"


def test_an_outage_on_the_menu_line_and_one_notification(
        app_env: dict[str, str], python: str, tmp_path: Path, notifications: Any) -> None:
    scenarios = tmp_path / "scenarios.txt"
    scenarios.write_text("status-claude=major_outage", "utf-8")
    env = dict(app_env, PYSTRAY_BACKEND="gtk", GDK_GL="disable",
               MYSTATUS_DEBUG_STATE_FILE=str(tmp_path / "debug.json"),
               MYSTATUS_DEMO_SCENARIOS_FILE=str(scenarios))
    log_path = tmp_path / "tray.log"
    mark = notifications.mark()
    with log_path.open("ab") as log:
        proc = subprocess.Popen([python, "-m", "tray_app.tray.app", "--demo", "--lang", "en"],
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    tray = TrayProcess(proc, tmp_path / "debug.json", log_path)
    try:
        state = tray.wait_state(lambda s: any(
            line.startswith("Claude") and "⚠ Major outage" in line for line in s["menu"]),
            timeout=30)
        menu = state["menu"]
        line = next(i for i, text in enumerate(menu) if text.startswith("Claude"))
        below = [text.strip() for text in menu[line + 1:line + 5]]
        assert below[0].startswith("⚠ Major outage: Claude Code, since ")
        assert "Claude Code unavailable" in below and "Open the status page" in below
        call = notifications.wait_for(TITLE, since=mark, timeout=15)
        assert call.app_name == "mystatus-tray"
        assert "Claude Code unavailable" in call.body
        refreshes = int(state["refreshes"])
        tray.proc.send_signal(signal.SIGUSR1)  # refresh now: the incident is not new
        tray.wait_state(lambda s: s["refreshes"] > refreshes and not s["refreshing"],
                        timeout=20)
        assert notifications.count_settled(TITLE, since=mark) == 1
        assert tray.proc.poll() is None
    finally:
        tray.stop()
