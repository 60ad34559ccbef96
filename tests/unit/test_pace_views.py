"""The pace in every view: the JSON's `window_seconds` and `pace` (validated against
docs/json-schema.md), the text report's and the menu's pace line in en / zh-TW / zh-CN, and the
usage history reaching them through a sample lookup (`basis: "history"`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from mystatus_testkit.schema import validate

from tray_app.config import Settings
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.report import ASCII, render_text, to_json
from tray_app.tray.menu import MenuEntry, build_menu

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
RESET = NOW + timedelta(hours=2, minutes=30)
RUNS_OUT = NOW + timedelta(hours=1, minutes=40)
LOCAL = RUNS_OUT.astimezone().strftime("%H:%M")
WINDOWS = (
    Window("5h", "5-hour limit", 60.0, resets_at=RESET, label_key="window.5h",
           window_seconds=5 * 3600),
    Window("weekly", "Weekly limit", 10.0, resets_at=NOW + timedelta(days=3),
           label_key="window.weekly", window_seconds=7 * 86400),
    Window("spark", "Codex Spark", 30.0, resets_at=RESET),  # length unknown
    Window("full", "Full", 100.0, resets_at=RESET, window_seconds=5 * 3600),
)
USAGE = ProviderUsage("openai", "OpenAI", (Account("me@example.com", windows=WINDOWS),))
SNAP = Snapshot(NOW, (USAGE,))
# the last hour of the 5-hour window: 40 % → 60 % (20 %/h), steadier than the cycle's 24 %/h
HISTORY = [(NOW - timedelta(minutes=60 - 10 * i), 40.0 + 20 * i / 6) for i in range(7)]


def lookup(provider: str, account: str, window: str) -> list[tuple[datetime, float]]:
    return HISTORY if (provider, account, window) == ("openai", "me@example.com", "5h") else []


def test_json_pace_objects() -> None:
    doc = to_json(SNAP)
    validate(doc, "document")
    five, weekly, spark, full = doc["providers"][0]["accounts"][0]["windows"]
    assert five["window_seconds"] == 18000
    assert five["pace"] == {"expected_percent": 50, "delta_percent": 10,
                            "runs_out_at": "2026-05-04T15:40:00Z", "lasts_to_reset": False,
                            "basis": "window"}
    assert weekly["pace"]["lasts_to_reset"] is True and weekly["pace"]["runs_out_at"] is None
    assert weekly["window_seconds"] == 604800
    assert spark["window_seconds"] is None and spark["pace"] is None  # nothing invented
    assert full["pace"]["runs_out_at"] == "2026-05-04T14:00:00Z"  # already used up


def test_json_history_basis() -> None:
    doc = to_json(SNAP, samples=lookup)
    validate(doc, "document")
    five, weekly = doc["providers"][0]["accounts"][0]["windows"][:2]
    assert five["pace"]["basis"] == "history"
    assert five["pace"]["runs_out_at"] == "2026-05-04T16:00:00Z"  # 40 % left at 20 %/h
    assert five["pace"]["expected_percent"] == 50  # the clock is the clock
    assert weekly["pace"]["basis"] == "window"  # no samples for it


def test_json_pace_at_an_explicit_time() -> None:
    later = to_json(SNAP, now=NOW + timedelta(hours=1))
    assert later["providers"][0]["accounts"][0]["windows"][0]["pace"]["expected_percent"] == 70


def test_text_report_lines() -> None:
    out = render_text(SNAP, now=NOW)
    assert (f"  Pace: 10 points in deficit · runs out in 1h 40m ({LOCAL}), 50m before it "
            "resets") in out.splitlines()
    assert "  Pace: 47 points in reserve · lasts to reset" in out.splitlines()
    assert out.count("Pace:") == 2  # not for the unknown length, not for the exhausted one
    ascii_out = render_text(SNAP, now=NOW, style=ASCII)
    assert (f"  Pace: 10 points in deficit | runs out in 1h 40m ({LOCAL}), 50m before it "
            "resets") in ascii_out
    history = render_text(SNAP, now=NOW, samples=lookup)
    local = (NOW + timedelta(hours=2)).astimezone().strftime("%H:%M")
    assert f"runs out in 2h 0m ({local}), 30m before it resets" in history


@pytest.mark.parametrize(("lang", "line"), [
    ("zh-TW", "  用量進度：超支 10 個百分點 · 1小時 40分後用完（{t}），比重置早 50分"),
    ("zh-CN", "  用量进度：超支 10 个百分点 · 1小时 40分后用完（{t}），比重置早 50分"),
])
def test_text_report_in_chinese(lang: str, line: str) -> None:
    out = render_text(SNAP, now=NOW, lang=lang)
    assert line.format(t=LOCAL) in out.splitlines()
    assert ("可撐到重置" if lang == "zh-TW" else "可撑到重置") in out


def walk(entries: tuple[MenuEntry, ...]) -> list[str]:
    out = []
    for e in entries:
        out.append(e.text)
        out += walk(e.children)
    return out


def test_menu_lines() -> None:
    view = TrayView(providers=(ProviderStatus(USAGE, last_success=NOW),), updated_at=NOW)
    texts = walk(build_menu(view, Settings(), "en", NOW, pat_present=False))
    # the pace, then each part of the forecast on a line of its own (a countdown's length
    # must not change the menu's shape)
    at = texts.index("    Pace: 10 points in deficit")
    assert texts[at + 1:at + 3] == [f"      runs out in 1h 40m ({LOCAL})",
                                    "      50m before it resets"]
    at = texts.index("    Pace: 47 points in reserve")
    assert texts[at + 1] == "      lasts to reset"
    refined = walk(build_menu(view, Settings(), "en", NOW, pat_present=False, samples=lookup))
    local = (NOW + timedelta(hours=2)).astimezone().strftime("%H:%M")
    at = refined.index("    Pace: 10 points in deficit")
    assert refined[at + 1:at + 3] == [f"      runs out in 2h 0m ({local})",
                                      "      30m before it resets"]
    assert "Runs out before reset (forecast)" in texts


def test_kept_numbers_get_no_forecast() -> None:
    from tray_app.report.text import Stale

    kept = render_text(SNAP, now=NOW, stale={"openai": Stale(NOW - timedelta(hours=1))})
    assert "Pace:" not in kept and "stale" in kept
    other = render_text(SNAP, now=NOW, stale={"openai": Stale(NOW, ("someone@else",))})
    assert "Pace:" in other  # only the kept account loses it
    status = ProviderStatus(USAGE, stale=True, stale_accounts=("me@example.com",),
                            last_success=NOW - timedelta(hours=1))
    view = TrayView(providers=(status,), updated_at=NOW)
    assert not any("Pace:" in t for t in walk(build_menu(view, Settings(), "en", NOW,
                                                         pat_present=False)))
