"""Spend in the tray: the summary (today / 7 / 30 local days), the menu section as data, the
scan child's rate limit, and the daily budget (a pure decision, table-tested; the child sends
the notification once per day)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.spend import budget, child, menu, summary
from tray_app.spend.report import Row
from tray_app.tray.menu import MenuEntry


@pytest.fixture(autouse=True)
def spend_line_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(menu, "enabled", True)  # a demo TrayUI elsewhere may have turned it off


def row(day: str, model: str, cost: float | None, tool: str = "claude-code") -> Row:
    return Row(date=day, tool=tool, model=model, input_tokens=1, output_tokens=2,
               cost_usd=cost, cost_source="prices" if cost is not None else "unknown")


def test_periods_count_local_days_including_today() -> None:
    today = date(2026, 12, 6)
    found = summary.summarize([
        row("2026-12-06", "a", 4.10), row("2026-11-30", "a", 1.0),  # day 7 counts in the week
        row("2026-11-29", "b", 10.0),  # day 8: the month only
        row("2026-11-07", "b", 100.0),  # day 30
        row("2026-11-06", "b", 1000.0),  # day 31: out
        row("2026-12-05", "x", None),
    ], today)
    assert (found.today, found.week, found.month) == pytest.approx((4.10, 5.10, 115.10))
    assert found.unknown
    assert found.models["claude-code"]["x"][0] is None
    assert found.models["claude-code"]["b"][0] == pytest.approx(110.0)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Spend: today $4.10 · 7 days $38.00 · 30 days $151"),
    ("zh-TW", "花費：今天 US$4.10 · 7 天 US$38.00 · 30 天 US$151"),
])
def test_menu_line_and_submenu(lang: str, expected: str, tmp_path: Path) -> None:
    found = summary.Summary(day="2026-12-06", today=4.10, week=38.0, month=151.0,
                            models={"claude-code": {"claude-sonnet-4-5": (120.0, 9),
                                                    "my-model": (None, 3)},
                                    "codex": {"gpt-5-codex": (31.0, 5)}})
    doc = {"schema": 1, "at": "2026-12-06T10:00:00+00:00", "any": True,
           "text": {lang: summary.texts(found, lang)}}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    (line,) = menu.section(lang, path)
    assert isinstance(line, MenuEntry)
    assert line.text == expected
    tools = {e.text.split(":")[0]: e for e in line.children}
    assert set(tools) == {"Claude Code", "Codex"}
    claude = [c.text for c in tools["Claude Code"].children]
    assert claude[0].startswith("claude-sonnet-4-5")  # the costliest first
    assert "my-model" in claude[1] and ("unknown" in claude[1] or "未知" in claude[1])


def test_no_summary_or_nothing_spent_shows_nothing(tmp_path: Path) -> None:
    assert menu.section("en", tmp_path / "missing.json") == ()
    (tmp_path / "s.json").write_text(json.dumps({"schema": 1, "any": False, "text": {}}))
    assert menu.section("en", tmp_path / "s.json") == ()
    (tmp_path / "bad.json").write_text("{not json")
    assert menu.section("en", tmp_path / "bad.json") == ()


class FakeChild:
    def __init__(self) -> None:
        self.done = False

    def poll(self) -> int | None:
        return 0 if self.done else None


def test_scan_child_starts_when_due_and_never_twice_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(menu, "_running", None)
    monkeypatch.setattr(menu, "_started", 0.0)
    started: list[FakeChild] = []

    def launch(cmd: list[str], **_: Any) -> FakeChild:
        assert cmd[-1] in ("tray_app.spend.child", child.FROZEN_FLAG)
        started.append(FakeChild())
        return started[-1]

    now = datetime(2026, 12, 6, 10, tzinfo=timezone.utc)
    path = tmp_path / "s.json"
    assert menu.maybe_scan(now, path, launch)  # no summary yet
    assert not menu.maybe_scan(now, path, launch)  # still running
    started[0].done = True
    path.write_text(json.dumps({"schema": 1, "at": now.isoformat()}))
    monkeypatch.setattr(menu, "_started", 0.0)
    assert not menu.maybe_scan(now + timedelta(minutes=1), path, launch)  # fresh enough
    assert menu.maybe_scan(now + timedelta(minutes=6), path, launch)  # stale: again
    assert len(started) == 2


@pytest.mark.parametrize(("budget_usd", "spent", "notified", "expected"), [
    (0.0, 50.0, "", False),  # no budget set
    (10.0, 9.99, "", False),  # under
    (10.0, 10.0, "", False),  # at it: not over
    (10.0, 10.01, "", True),  # crossed
    (10.0, 12.0, "2026-12-06", False),  # already told today
    (10.0, 12.0, "2026-12-05", True),  # told yesterday: today again
])
def test_budget_decision(budget_usd: float, spent: float, notified: str,
                         expected: bool) -> None:
    assert budget.should_notify(budget_usd, spent, "2026-12-06", notified) is expected


def test_child_writes_the_summary_and_notifies_once_per_day(tmp_path: Path) -> None:
    from tray_app import config, paths
    from tray_app.config import Settings

    config.save(Settings(spend_daily_budget=0.001))
    logs = tmp_path / "claude" / "projects" / "p"
    logs.mkdir(parents=True)
    now = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
    line = {"type": "assistant", "timestamp": "2026-12-06T11:00:00.000Z", "requestId": "r",
            "message": {"id": "m", "model": "claude-sonnet-4-5-20250929",
                        "usage": {"input_tokens": 1000, "output_tokens": 1000,
                                  "cache_read_input_tokens": 0,
                                  "cache_creation_input_tokens": 0}}}
    (logs / "s.jsonl").write_text(json.dumps(line) + "\n")
    env = {"CLAUDE_CONFIG_DIR": str(tmp_path / "claude"), "CODEX_HOME": str(tmp_path / "x"),
           "HOME": str(tmp_path), "TZ": "UTC"}
    sent: list[tuple[str, str]] = []

    def notify(title: str, body: str) -> bool:
        sent.append((title, body))
        return True

    doc = child.run(now, env, notify)
    assert doc["today"] == pytest.approx(0.018)  # 1k in × $3/M + 1k out × $15/M
    assert child.summary_path().parent == paths.state_dir()
    assert child.read_summary()["text"]["en"]["line"].startswith("Spend: today $0.02")
    assert len(sent) == 1 and "Daily budget" in sent[0][0]
    child.run(now + timedelta(minutes=10), env, notify)
    assert len(sent) == 1  # once per day


def test_spend_per_day_series_stacks_by_model() -> None:
    from tray_app.spend.series import OTHER, spend_per_day

    rows = [row("2026-12-01", "a", 1.0), row("2026-12-03", "a", 2.0),
            row("2026-12-03", "b", 5.0), row("2026-12-02", "c", 0.5),
            row("2026-12-02", "d", None), row("2026-11-30", "a", 99.0)]
    found = spend_per_day(rows, date(2026, 12, 1), date(2026, 12, 3), top=2)
    assert found.days == (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3))
    assert list(found.stacks) == ["claude-code · b", "claude-code · a", OTHER]
    assert found.stacks["claude-code · a"] == (1.0, 0.0, 2.0)
    assert found.stacks[OTHER] == (0.0, 0.5, 0.0)
    assert found.totals == (1.0, 0.5, 7.0)
    assert found.unpriced_days == (date(2026, 12, 2),)


def test_series_load_reads_the_store_in_a_zone(tmp_path: Path) -> None:
    from tray_app.spend import scanner
    from tray_app.spend.series import load
    from tray_app.spend.store import Store

    logs = tmp_path / "claude" / "projects" / "p"
    logs.mkdir(parents=True)
    line = {"type": "assistant", "timestamp": "2026-12-05T20:00:00.000Z", "requestId": "r",
            "message": {"id": "m", "model": "claude-sonnet-4-5-20250929",
                        "usage": {"input_tokens": 100_000, "output_tokens": 0}}}
    (logs / "s.jsonl").write_text(json.dumps(line) + "\n")
    store_path = tmp_path / "spend.sqlite3"
    with Store(store_path) as store:
        scanner.scan(store, {"CLAUDE_CONFIG_DIR": str(tmp_path / "claude"),
                             "CODEX_HOME": str(tmp_path / "x"), "HOME": str(tmp_path)})
    taipei = load(2, date(2026, 12, 6), "Asia/Taipei", store_path)  # 04:00 on the 6th there
    assert taipei.totals == pytest.approx((0.0, 0.3))
    utc = load(2, date(2026, 12, 6), "UTC", store_path)
    assert utc.totals == pytest.approx((0.3, 0.0))


def test_demo_tray_shows_no_spend_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    found = summary.Summary(day="2026-12-06", today=1.0, models={"codex": {"m": (1.0, 1)}})
    path.write_text(json.dumps({"schema": 1, "any": True,
                                "text": {"en": summary.texts(found, "en")}}))
    assert menu.section("en", path)
    monkeypatch.setattr(menu, "enabled", False)
    assert menu.section("en", path) == ()
