"""The X11 report window reads like the menu: what runs out first, providers worst first
(the menu itself keeps the registry's order), a colour tag per summary line, and buttons for
Refresh now, History…, the dashboards and Quit; the tray runs only the actions it offered."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.tray import report_window
from tray_app.tray.menu import build_menu
from tray_app.tray.report_window import buttons, report_rows

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)


def five(used: float, reset_in: timedelta = timedelta(minutes=10)) -> Window:
    return Window("5h", "5-hour limit", used, resets_at=NOW + reset_in, label_key="window.5h",
                  window_seconds=5 * 3600)


def status(pid: str, name: str, *windows: Window, error: ErrorInfo | None = None,
           url: str = "") -> ProviderStatus:
    accounts = (Account("me@example.com", windows=windows, error=error),)
    return ProviderStatus(ProviderUsage(pid, name, accounts, dashboard_url=url, error=error),
                          last_success=NOW, error=error)


UNAUTHORIZED = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Kimi for Coding", status=401)
VIEW = TrayView(providers=(
    status("openai", "OpenAI", five(20.0), url="https://chatgpt.com/codex"),
    status("zhipu", "Zhipu AI", five(60.0)),
    status("kimi", "Kimi for Coding", error=UNAUTHORIZED),
    status("zai", "Z.ai", five(92.0), url="https://z.ai/manage-apikey/subscription"),
    status("claude", "Claude", five(60.0, timedelta(hours=2, minutes=30))),  # runs out
), updated_at=NOW, next_refresh_at=NOW + timedelta(minutes=5))


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_worst_first_with_a_colour_per_summary_line(lang: str) -> None:
    menu = build_menu(VIEW, Settings(), lang, NOW, pat_present=False)
    # the menu keeps the registry's order
    names = ("OpenAI", "Zhipu AI", "Kimi for Coding", "Z.ai", "Claude")
    assert [e.text.split(" · ")[0] for e in menu if e.children][:5] == list(names)
    rows = report_rows(menu)
    tops = [(text.split(" · ")[0], tag) for text, tag in rows
            if text and not text.startswith(" ") and text.split(" · ")[0] in names]
    # high (Z.ai 92 %, Claude running out, in registry order), error, warning, ok
    assert tops == [("Z.ai", "high"), ("Claude", "high"), ("Kimi for Coding", "error"),
                    ("Zhipu AI", "warning"), ("OpenAI", "ok")]
    # what runs out is said before every provider, in the same colour
    assert rows[0][0].startswith("⚡ Claude") and rows[0][1] == "high"
    assert all(tag in ("", *report_window.COLOURS) for _, tag in rows)


def test_buttons_refresh_history_dashboards_quit() -> None:
    menu = build_menu(VIEW, Settings(), "zh-TW", NOW, pat_present=False)
    assert buttons(menu) == [
        ("refresh", "立即重新整理"), ("history", "歷史…"),
        ("open:https://chatgpt.com/codex", "OpenAI"),
        ("open:https://z.ai/manage-apikey/subscription", "Z.ai"),
        ("quit", "結束")]


CHILD = """
import sys
for line in sys.stdin:
    print("open:https://evil.example/", flush=True)  # never offered: ignored
    print("history", flush=True)
    print("open:https://chatgpt.com/codex", flush=True)
    break
for line in sys.stdin:
    pass
"""


def test_the_tray_runs_only_the_actions_it_offered(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    import threading

    got: list[str] = []
    done = threading.Event()

    def dispatch(action: str) -> None:
        got.append(action)
        if len(got) == 2:
            done.set()

    script = tmp_path / "child.py"
    script.write_text(CHILD, "utf-8")
    monkeypatch.setattr(report_window, "window_command", lambda: [sys.executable, str(script)])
    window = report_window.ReportWindow(dispatch, available=lambda: True)
    window.show(build_menu(VIEW, Settings(), "en", NOW, pat_present=False))
    assert window.toggle()
    assert done.wait(20)
    window.close()
    assert got == ["history", "open:https://chatgpt.com/codex"]
