"""`mystatus-tray autostart on|off|status` for real on Linux, through the CLI in a subprocess:
the XDG autostart file appears with an Exec that runs this very installation, status reads
it back, the config mirrors it, off removes it; the demo refuses to touch it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli

from tray_app import __version__
from tray_app.autostart.command import launch_command
from tray_app.autostart.linux import parse_exec, read_entry

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the XDG writer runs for real on Linux only")


def test_on_status_off_round_trip(home: Path) -> None:
    env = cli_env(home)
    entry = home / ".config" / "autostart" / "mystatus-tray.desktop"
    config = home / ".config" / "mystatus-tray" / "config.toml"

    first = run_cli(["autostart", "status"], env)
    assert first.returncode == 0 and "Start at login: off" in first.stdout
    assert not entry.exists()

    on = run_cli(["autostart", "on"], env)
    assert on.returncode == 0, on.stderr
    assert f"Start at login: on ({entry})" in on.stdout
    fields = read_entry(entry.read_text("utf-8"))
    command = parse_exec(fields["Exec"])
    assert command == launch_command()  # this installation's own entry point
    assert Path(command[0]).is_absolute()
    assert "autostart = true" in config.read_text("utf-8")
    # The Exec really starts this app (a login would run exactly this, without the tray
    # part here: --version).
    ran = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60,
                         env=env)
    assert ran.stdout.strip() == f"mystatus-tray {__version__}", ran.stderr

    status = run_cli(["autostart", "status"], env)
    assert status.returncode == 0 and "Start at login: on" in status.stdout
    assert "runs:" in status.stdout and not status.stderr

    off = run_cli(["autostart", "off"], env)
    assert off.returncode == 0 and f"Removed {entry}." in off.stdout
    assert not entry.exists()
    assert "autostart = false" in config.read_text("utf-8")
    assert "Start at login: off" in run_cli(["autostart", "status"], env).stdout


def test_xdg_config_home_is_honoured_and_an_old_entry_is_flagged(home: Path,
                                                                 tmp_path: Path) -> None:
    elsewhere = tmp_path / "cfg"
    env = cli_env(home, XDG_CONFIG_HOME=str(elsewhere))
    assert run_cli(["autostart", "on"], env).returncode == 0
    entry = elsewhere / "autostart" / "mystatus-tray.desktop"
    assert entry.is_file() and not (home / ".config" / "autostart").exists()
    text = entry.read_text("utf-8")
    entry.write_text(text.replace("Exec=", "Exec=/old/install/mystatus-tray #"), "utf-8")
    status = run_cli(["autostart", "status", "--lang", "zh-TW"], env)
    assert status.returncode == 0
    assert "登入時啟動：開啟" in status.stdout
    assert "mystatus-tray autostart on" in status.stderr  # the fix for an outdated entry


def test_demo_never_writes_a_login_item(home: Path) -> None:
    result = run_cli(["autostart", "on", "--demo"], cli_env(home))
    assert result.returncode == 2 and "demo" in result.stderr
    assert not (home / ".config" / "autostart").exists()


def test_unwritable_autostart_dir_is_a_clear_error(home: Path) -> None:
    (home / ".config").mkdir()
    (home / ".config" / "autostart").write_text("a file where the directory should be")
    result = run_cli(["autostart", "on"], cli_env(home))
    assert result.returncode == 1
    assert "Could not change start at login" in result.stderr
    assert "Traceback" not in result.stderr
