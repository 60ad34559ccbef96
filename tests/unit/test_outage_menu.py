"""Outages in the tray menu (tray/outage_menu.py through tray/menu.py's one hook): the
provider's line gains the worst severity, its submenu opens with the line, the incident's
name and a link; "… reports an outage" beside a failed provider; nothing for the others; the
text report lines (status, the bar tooltip) in three languages."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.outages.model import Outage
from tray_app.outages.text import report_lines
from tray_app.tray.menu import MenuEntry, build_menu

NOW = datetime(2026, 9, 20, 14, 30, tzinfo=timezone.utc)
SINCE = datetime(2026, 9, 20, 14, 5, tzinfo=timezone.utc)
CLAUDE = ProviderStatus(ProviderUsage("claude", "Claude", (Account(
    "me@example.com", windows=(Window("5h", "5-hour limit", 40.0),)),)), last_success=NOW)
ZAI = ProviderStatus(ProviderUsage("zai", "Z.ai", (Account(
    "sk-a****wxyz", windows=(Window("5h", "5-hour limit", 10.0),)),)), last_success=NOW)
INCIDENT = Outage("claude", "claude:a", "Elevated errors on Claude Code", "partial_outage",
                  ("Claude Code",), SINCE, "https://stspg.io/a", "identified")
MINOR = Outage("claude", "claude:component:x", "Claude API", "degraded", ("Claude API",),
               None, "https://status.claude.com")


def _line(entries: tuple[MenuEntry, ...], name: str) -> MenuEntry:
    return next(e for e in entries if e.text.startswith(name))


def _menu(view: TrayView, lang: str = "en") -> tuple[MenuEntry, ...]:
    return build_menu(view, Settings(), lang, NOW, pat_present=False)


def test_the_provider_line_and_its_submenu() -> None:
    menu = _menu(TrayView(providers=(CLAUDE, ZAI), updated_at=NOW, outages=(MINOR, INCIDENT)))
    claude = _line(menu, "Claude")
    assert claude.text.endswith(" · ⚠ Partial outage")  # the worst of the two
    texts = [c.text for c in claude.children]
    local = SINCE.astimezone().strftime("%H:%M")
    assert texts[:3] == ["⚠ Degraded performance: Claude API",
                         "⚠ Open the status page".replace("⚠ ", "    "),
                         f"⚠ Partial outage: Claude Code, since {local}"]
    assert "    Elevated errors on Claude Code" in texts
    links = [c.action for c in claude.children if c.action]
    assert links == ["open:https://status.claude.com", "open:https://stspg.io/a"]
    assert "me@example.com" in texts  # the account follows, unchanged
    assert "⚠" not in _line(menu, "Z.ai").text  # other providers are untouched


def test_a_failed_provider_says_its_page_reports_an_outage() -> None:
    failed = ProviderStatus(CLAUDE.usage, stale=True, last_success=NOW,
                            error=ErrorInfo(ErrorKind.HTTP_ERROR, provider="Claude",
                                            status=503))
    menu = _menu(TrayView(providers=(failed,), updated_at=NOW, outages=(INCIDENT,)), "zh-TW")
    claude = _line(menu, "Claude")
    assert claude.children[0].text == "⚠ Claude 回報服務中斷"
    assert "部分中斷" in claude.text


def test_no_outage_no_change() -> None:
    view = TrayView(providers=(CLAUDE,), updated_at=NOW)
    assert _menu(view) == build_menu(view, Settings(), "en", NOW, pat_present=False)
    assert "⚠" not in _line(_menu(view), "Claude").text


@pytest.mark.parametrize("lang, failed, expected", [
    ("en", (), "⚠ Claude: Partial outage: Claude Code, since"),
    ("en", ("claude",), "⚠ Claude reports an outage: Partial outage: Claude Code, since"),
    ("zh-TW", (), "⚠ Claude: 部分中斷：Claude Code，自"),
    ("zh-CN", ("claude",), "⚠ Claude 报告服务中断: 部分中断：Claude Code，自"),
])
def test_report_lines(lang: str, failed: tuple[str, ...], expected: str) -> None:
    (line,) = report_lines((INCIDENT,), NOW, lang, failed)
    assert line.startswith(expected)
    assert line.endswith(" · Elevated errors on Claude Code · https://stspg.io/a")
