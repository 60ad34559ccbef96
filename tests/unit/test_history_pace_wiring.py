"""The usage history feeds the pace: samples recorded in a real SQLite history file reach the
JSON report's and the menu's forecast (`basis: "history"`), and the poller's alert decision,
through `History.lookup` as the tray (tray/services.py) and `status` wire it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tray_app.config import Settings
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.history import History
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import TrayView
from tray_app.report.json_out import to_json
from tray_app.tray.menu import build_menu

START = datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)
RESET = START + timedelta(hours=5)


def _snapshot(used: float, at: datetime) -> Snapshot:
    window = Window(id="5h", label="5-hour", used_percent=used, resets_at=RESET,
                    window_seconds=18000, label_key="window.5h")
    usage = ProviderUsage(id="openai", name="OpenAI",
                          accounts=(Account("me@example.com", windows=(window,)),),
                          fetched_at=at)
    return Snapshot(generated_at=at, providers=(usage,))


def _recorded(tmp_path: Path) -> tuple[History, datetime]:
    history = History(tmp_path / "history.sqlite3")
    # a quiet first two hours, then a burst: 5 % → 60 % in the last 40 minutes
    points = [(0, 2.0), (60, 5.0), (120, 5.0), (140, 20.0), (150, 35.0), (160, 60.0)]
    for minutes, used in points:
        at = START + timedelta(minutes=minutes)
        history.record(_snapshot(used, at), at)
    history.close()
    return history, START + timedelta(minutes=160)


def _pace(document: dict[str, object]) -> dict[str, object]:
    providers = document["providers"]
    assert isinstance(providers, list)
    pace = providers[0]["accounts"][0]["windows"][0]["pace"]
    assert isinstance(pace, dict)
    return pace


def test_json_pace_uses_the_recorded_cycle(tmp_path: Path) -> None:
    history, now = _recorded(tmp_path)
    snapshot = _snapshot(60.0, now)
    by_clock = _pace(to_json(snapshot, now=now))
    by_history = _pace(to_json(snapshot, now=now, samples=history.lookup(now)))
    assert by_clock["basis"] == "window" and by_history["basis"] == "history"
    # the burst's rate runs the window out much sooner than the cycle's average says
    assert by_history["runs_out_at"] is not None
    assert by_clock["runs_out_at"] is None or str(by_history["runs_out_at"]) < str(
        by_clock["runs_out_at"])


def test_menu_pace_line_follows_the_history(tmp_path: Path) -> None:
    history, now = _recorded(tmp_path)
    view = merge(TrayView(), _snapshot(60.0, now), now)

    def texts(entries: tuple[object, ...]) -> list[str]:
        out: list[str] = []
        for entry in entries:
            out.append(getattr(entry, "text", ""))
            out += texts(getattr(entry, "children", ()))
        return out

    menu = build_menu(view, Settings(), "en", now, pat_present=False)
    # long lines are wrapped to the menu's width: compare the text, joined again
    plain = " ".join(t.strip() for t in texts(menu)).split("Pace")[1:]
    refined = " ".join(t.strip() for t in texts(build_menu(
        view, Settings(), "en", now, pat_present=False, samples=history.lookup(now)))
    ).split("Pace")[1:]
    assert plain and refined and plain != refined
    assert "runs out" in refined[0]


def test_nothing_is_read_before_this_process_recorded_once(tmp_path: Path) -> None:
    """The tray's menu may be built on another thread while the first record is finding a
    corrupt file and setting it aside: until a record went through, lookups read nothing."""
    _recorded(tmp_path)  # a sound history from an earlier run
    fresh = History(tmp_path / "history.sqlite3")
    now = START + timedelta(minutes=160)
    assert fresh.lookup(now)("openai", "me@example.com", "5h") == []
    fresh.record(_snapshot(61.0, now + timedelta(minutes=1)), now + timedelta(minutes=1))
    fresh.close()
    later = now + timedelta(minutes=1)
    assert len(fresh.lookup(later)("openai", "me@example.com", "5h")) >= 3
