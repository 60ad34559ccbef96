"""The tray's History… action: it hands the chart to its own process on a worker thread
(the toolkit thread never waits), passes the history file and the threshold, and tells the
user in their language when no chart is possible (the one-folder app, no matplotlib, no Tk)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tray_app.charts import launch
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.monitoring.view import TrayView
from tray_app.tray.actions import Actions
from tray_app.tray.settings_box import SettingsBox


@dataclass
class FakePoller:
    view: TrayView = field(default_factory=TrayView)

    def request_refresh(self) -> None:
        pass

    def request_render(self) -> None:
        pass


def _actions(show: Callable[[Path, str, float], None], notes: list[tuple[str, str]],
             queued: list[Callable[[], None]], lang: str = "en") -> Actions:
    return Actions(settings=SettingsBox(Settings(threshold=70)), poller=FakePoller(),
                   loader=CredentialLoader(), notify=lambda a, b: notes.append((a, b)),
                   quit=lambda: None, lang=lambda: lang, run_bg=queued.append,
                   history_file=Path("/state/history.sqlite3"), show_chart=show)


def test_history_opens_the_chart_off_the_toolkit_thread() -> None:
    calls: list[tuple[Path, str, float]] = []
    notes: list[tuple[str, str]] = []
    queued: list[Callable[[], None]] = []
    actions = _actions(lambda *a: calls.append(a), notes, queued, lang="zh-TW")
    actions.dispatch("history")
    assert calls == [] and len(queued) == 1  # nothing ran on the menu's thread
    queued[0]()
    assert calls == [(Path("/state/history.sqlite3"), "zh-TW", 70.0)] and notes == []


def test_no_chart_here_is_said_in_the_users_language() -> None:
    def unavailable(*args: object) -> None:
        raise launch.ChartUnavailable("history.chart_unavailable", "not in the one-folder app")

    notes: list[tuple[str, str]] = []
    queued: list[Callable[[], None]] = []
    _actions(unavailable, notes, queued, lang="zh-CN").dispatch("history")
    queued[0]()
    assert len(notes) == 1
    assert "图表需要 matplotlib" in notes[0][1] and "mystatus-tray history" in notes[0][1]


def test_the_bundle_has_no_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    problem = launch.unavailable()
    assert problem is not None and problem.key == "history.chart_unavailable"
    with pytest.raises(launch.ChartUnavailable):
        launch.show_chart(Path("x.sqlite3"), "en", 80)


def test_chart_command() -> None:
    cmd = launch.chart_command(Path("/s/h.sqlite3"), "en", 85)
    assert cmd[1:] == ["-m", "tray_app.charts.window", "--db", "/s/h.sqlite3", "--lang", "en",
                       "--threshold", "85"]
