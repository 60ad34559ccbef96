"""The tray app's wiring that runs without a display: demo scenario parsing, the menu text
flattening of the debug hook, and the clear failure when no tray backend can start."""

from __future__ import annotations

import pytest

from tray_app.tray import app
from tray_app.tray.menu import SEPARATOR, MenuEntry
from tray_app.tray.pystray_adapter import TrayUnavailable


def test_parse_scenarios() -> None:
    assert app.parse_scenarios("zhipu=high, zai = http_500\nopenai=\n=x,junk") == {
        "zhipu": "high", "zai": "http_500"}
    assert app.parse_scenarios("") == {}


def test_flatten_menu() -> None:
    entries = (MenuEntry("A", children=(MenuEntry("a1"), MenuEntry("a2", children=(
        MenuEntry("x"),)))), SEPARATOR, MenuEntry("Quit", "quit"))
    assert app.flatten(entries) == ["A", "  a1", "  a2", "    x", "---", "Quit"]


def test_no_tray_backend_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unavailable(*args: object, **kwargs: object) -> None:
        raise TrayUnavailable('DisplayNameError: Bad display name ""')

    monkeypatch.setattr(app, "TrayIcon", unavailable)
    assert app.run_tray(demo=True, lang="en") == 1
    err = capsys.readouterr().err
    assert "The tray icon cannot start" in err and "mystatus-tray status" in err
