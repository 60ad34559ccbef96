"""A frozen (PyInstaller) app cannot run `python -m tray_app.tray.dialog`: the dialog launcher
starts the bundle's own executable with the hidden `--token-dialog` switch, which the CLI
routes to the dialog before any argument parsing (on Windows through the console twin)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tray_app import cli
from tray_app.tray import dialog


def test_from_source_the_dialog_is_a_python_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert dialog.dialog_command("zh-TW") == (
        [sys.executable, "-m", "tray_app.tray.dialog", "--lang", "zh-TW"], 0)


def test_frozen_uses_its_own_executable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    exe = tmp_path / "mystatus-tray"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "platform", "linux")
    assert dialog.dialog_command("en") == ([str(exe), "--token-dialog", "--lang", "en"], 0)


def test_frozen_windows_uses_the_console_twin_without_a_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gui = tmp_path / "mystatus-tray.exe"
    (tmp_path / "mystatus-tray-cli.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(gui))
    monkeypatch.setattr(sys, "platform", "win32")
    argv, flags = dialog.dialog_command("en")
    assert argv == [str(tmp_path / "mystatus-tray-cli.exe"), "--token-dialog", "--lang", "en"]
    assert flags == 0x08000000  # CREATE_NO_WINDOW


def test_cli_routes_the_hidden_switch_to_the_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(dialog, "main", lambda argv: seen.append(argv) or 1)
    assert cli.main(["--token-dialog", "--lang", "en"]) == 1
    assert seen == [["--lang", "en"]]
