"""The real tray with a broken history file: a corrupt `history.sqlite3` in the state folder
costs nothing: the icon shows the same numbers, exactly one notification tells the user it was
set aside (however many refreshes follow), and the new history fills from the next refresh."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.trayproc import TrayProcess

from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.tray.icon import IconState

pytestmark = pytest.mark.desktop
NOTICE = "The usage history file could not be used"


def test_a_corrupt_history_file_costs_the_tray_nothing_but_one_notice(
    app_env: dict[str, str], python: str, notifications: Any, tmp_path: Path,
) -> None:
    folder = Path(os.environ["XDG_STATE_HOME"]) / "mystatus-tray"
    folder.mkdir(parents=True, exist_ok=True)
    history = folder / "history.sqlite3"
    history.write_bytes(b"\x00 not an SQLite file, a broken disk's leftovers " * 64)
    mark = notifications.mark()
    with Simulator() as sim:
        env = dict(app_env, **demo_environment(sim, tmp_path / "accounts"),
                   PYSTRAY_BACKEND="gtk", GDK_GL="disable",
                   MYSTATUS_DEBUG_STATE_FILE=str(tmp_path / "debug.json"))
        log = tmp_path / "tray.log"
        with log.open("ab") as out:
            proc = subprocess.Popen([python, "-m", "tray_app.tray.app", "--lang", "en"],
                                    env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        tray = TrayProcess(proc=proc, state_path=tmp_path / "debug.json", log_path=log)
        try:
            state = tray.wait_state(lambda s: s["refreshes"] >= 1 and not s["refreshing"], 20)
            icon = IconState(**state["icon"])
            assert icon.text == "92" and not icon.stale  # the numbers, as without history
            call = notifications.wait_for(NOTICE, since=mark)
            assert call.app_name == "mystatus-tray" and "a new one started" in call.body
            for _ in range(2):
                before = tray.state()["refreshes"]  # type: ignore[index]
                proc.send_signal(signal.SIGUSR1)
                tray.wait_state(lambda s, n=before: s["refreshes"] > n and not s["refreshing"])
            assert notifications.count_settled(NOTICE, since=mark) == 1
            aside = list(folder.glob("history.sqlite3.corrupt-*"))
            assert len(aside) == 1 and aside[0].read_bytes().startswith(b"\x00 not an SQLite")
            with sqlite3.connect(f"{history.as_uri()}?mode=ro", uri=True) as conn:
                assert conn.execute("SELECT COUNT(*) FROM samples").fetchone()[0] > 0
        finally:
            tray.stop()
    assert proc.returncode == 0, tray.log()


def test_the_demo_tray_history_has_weeks_of_all_nine_providers(
    app_env: dict[str, str], python: str, tmp_path: Path,
) -> None:
    """The demo tray's History… is not empty: its first refresh records the demo's past (all
    nine providers) in the demo's own temporary state folder, ending at that refresh."""
    from datetime import timedelta

    from tray_app.monitoring.history import read_samples
    from tray_app.providers.names import PROVIDER_IDS

    temp = tmp_path / "tmp"  # where the demo makes its temporary folder
    temp.mkdir()
    env = dict(app_env, PYSTRAY_BACKEND="gtk", GDK_GL="disable", TMPDIR=str(temp),
               MYSTATUS_DEBUG_STATE_FILE=str(tmp_path / "debug.json"))
    log = tmp_path / "tray.log"
    with log.open("ab") as out:
        proc = subprocess.Popen([python, "-m", "tray_app.tray.app", "--demo", "--lang", "en"],
                                env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    tray = TrayProcess(proc=proc, state_path=tmp_path / "debug.json", log_path=log)
    try:
        tray.wait_state(lambda s: s["refreshes"] >= 1 and not s["refreshing"], 60)
        files = list(temp.glob("mystatus-demo-*/state/history.sqlite3"))
        assert len(files) == 1, tray.log()
        samples = read_samples(files[0])
        assert {s.provider for s in samples} == set(PROVIDER_IDS)
        assert samples[-1].at - samples[0].at > timedelta(days=14)
    finally:
        tray.stop()
    assert proc.returncode == 0, tray.log()
    assert not any(temp.glob("mystatus-demo-*"))  # the demo cleans up after itself
