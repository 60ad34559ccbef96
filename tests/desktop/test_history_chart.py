"""The tray's "History…" for real: the menu action starts the chart's own process, whose Tk
window shows one chart per window of a recorded history (a real SQLite file, written by
the real store from the seeded simulated week), is not empty on screen, and closes with
Escape; the tray side gets no error notice."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageStat

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.model import utcnow
from tray_app.monitoring.history import History
from tray_app.monitoring.view import TrayView
from tray_app.simulator.usage_days import usage_days
from tray_app.tray.actions import Actions
from tray_app.tray.settings_box import SettingsBox

pytestmark = pytest.mark.desktop


@dataclass
class FakePoller:
    view: TrayView = field(default_factory=TrayView)

    def request_refresh(self) -> None:
        pass

    def request_render(self) -> None:
        pass


def _history(path: Path) -> None:
    store = History(path)
    start = utcnow() - timedelta(days=2)
    for snapshot in usage_days(start, 2, every=timedelta(minutes=5)):
        store.record(snapshot, snapshot.generated_at)
    store.close()


def test_history_menu_item_opens_the_chart_window_and_it_closes(
    desktop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tray_app.charts.window import DEBUG_ENV

    report = tmp_path / "chart.json"
    monkeypatch.setenv(DEBUG_ENV, str(report))  # the window's process reports each draw
    db = tmp_path / "history.sqlite3"
    _history(db)
    notes: list[tuple[str, str]] = []
    threads: list[threading.Thread] = []

    def run_bg(work: Callable[[], None]) -> None:
        thread = threading.Thread(target=work, daemon=True)
        threads.append(thread)
        thread.start()

    actions = Actions(settings=SettingsBox(Settings()), poller=FakePoller(),
                      loader=CredentialLoader(), notify=lambda a, b: notes.append((a, b)),
                      quit=lambda: None, lang=lambda: "en", run_bg=run_bg, history_file=db)
    actions.dispatch("history")  # returns at once: the window is another process

    def find() -> int | None:
        # xdotool reads _NET_WM_NAME (the title's em dash is not in WM_NAME); its pattern is
        # a regular expression, so the ASCII end of the title
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "usage history$"],
                               capture_output=True, text=True, timeout=10).stdout.split()
        return int(found[0]) if found else None

    wid = desktop.poll(find, 30.0, 0.2)
    if wid is None:
        pytest.fail(f"the chart window never appeared ({desktop.screenshot('no-chart')}); "
                    f"notes: {notes}")
    assert desktop.poll(lambda: report.exists() and report.stat().st_size > 0, 30.0, 0.2)
    import json

    assert json.loads(report.read_text("utf-8"))["spend_days"] == 0  # no spend store: no panel
    x, y, w, h = desktop.geometry(wid)
    assert w >= 600 and h >= 300
    shot = desktop.grab((x, y, w, h)).convert("L")
    desktop.screenshot("history-chart")
    assert ImageStat.Stat(shot).stddev[0] > 15  # lines and text, not a blank window
    desktop.click(x + w // 2, y + h // 2)
    subprocess.run(["xdotool", "windowfocus", "--sync", str(wid)], check=False, timeout=10)
    subprocess.run(["xdotool", "key", "Escape"], check=True, timeout=10)
    for thread in threads:
        thread.join(30)
    assert not any(t.is_alive() for t in threads)  # the window's process has ended
    assert desktop.poll(lambda: find() is None, 10.0, 0.2)
    assert notes == []


def test_the_demo_chart_window_titles_filter_and_reflow(desktop: Any, tmp_path: Path,
                                                       python: str) -> None:
    """The window on the demo: every panel titled in words in the menu's order, a filter
    with the nine providers, and the figure drawn again in two columns once the window is
    made wide (waiting on the window's own report of each draw, not on time)."""
    import json
    import os

    from tray_app.charts.plot import COLUMN_MIN
    from tray_app.charts.window import DEBUG_ENV
    from tray_app.providers.names import PROVIDER_NAMES

    report = tmp_path / "chart.json"

    def drawn() -> dict[str, Any] | None:
        try:
            return dict(json.loads(report.read_text("utf-8")))
        except (OSError, ValueError):
            return None

    proc = subprocess.Popen([python, "-m", "tray_app.charts.window", "--demo", "--lang", "en",
                             "--theme", "light", "--scale", "1"],
                            env=dict(os.environ, **{DEBUG_ENV: str(report)}),
                            stdin=subprocess.DEVNULL)
    try:
        first = desktop.poll(drawn, 60.0, 0.2)
        assert first is not None, desktop.screenshot("no-demo-chart")
        assert first["columns"] == 1 and first["panels"] >= 30
        assert first["titles"][0] == "OpenAI · demo.user@… · 5-hour limit"
        assert not any(" · 5h" in title for title in first["titles"])  # words, not ids
        assert all(name in first["choices"] for name in PROVIDER_NAMES.values())
        # the spend panel from the logs `spend --demo` generates: two weeks, Claude and Codex
        assert first["spend_days"] == 14
        assert {m.split(" · ")[0] for m in first["spend_models"]} == {"claude-code", "codex"}
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                "usage history$"], capture_output=True, text=True,
                               timeout=10).stdout.split()
        assert found
        subprocess.run(["xdotool", "windowsize", found[0], str(4 * COLUMN_MIN), "700"],
                       check=True, timeout=10)
        wide = desktop.poll(lambda: (d := drawn()) and d["draws"] > first["draws"]
                            and d["columns"] >= 2 and d, 30.0, 0.2)
        assert wide, (desktop.screenshot("chart-no-reflow"), drawn())
        assert wide["panels"] == first["panels"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
