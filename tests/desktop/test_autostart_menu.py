"""Settings → Start at login in the real tray (not the demo: the demo never touches login
items): clicked over D-Bus the way an SNI host clicks it (com.canonical.dbusmenu Event), it
writes the XDG autostart entry with this installation's command and mirrors it in
config.toml; clicked again, the entry is gone. An entry removed by hand while the tray is
off is seen at the next start (the file is the truth, not the setting)."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tray_app.autostart.command import launch_command
from tray_app.autostart.linux import parse_exec, read_entry
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.server import Simulator

pytestmark = pytest.mark.desktop
ITEM = "/org/ayatana/NotificationItem/mystatus_tray"


def _bus(*args: str, dest: str, path: str) -> str:
    return subprocess.run(
        ["gdbus", "call", "--session", "--timeout", "3", "--dest", dest, "--object-path", path,
         "--method", *args], capture_output=True, text=True, timeout=10).stdout


def _menu(pid: int) -> tuple[str, str]:
    """(bus name, dbusmenu path) of the tray process's StatusNotifierItem, once exported
    (the debug state file can be written before the item is on the bus)."""
    found = _wait(lambda: _find_menu(pid), 15.0)
    if not found:
        pytest.fail(f"no StatusNotifierItem of process {pid}")
    return found  # type: ignore[no-any-return]


def _find_menu(pid: int) -> tuple[str, str] | None:
    names = re.findall(r"'(:\d+\.\d+)'", _bus("org.freedesktop.DBus.ListNames",
                                             dest="org.freedesktop.DBus",
                                             path="/org/freedesktop/DBus"))
    for name in sorted(names, key=lambda n: int(n.split(".")[1])):
        owner = _bus("org.freedesktop.DBus.GetConnectionUnixProcessID", name,
                     dest="org.freedesktop.DBus", path="/org/freedesktop/DBus")
        if not re.search(rf"\b{pid}\b", owner):
            continue
        found = re.search(r"objectpath '([^']+)'", _bus(
            "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", "Menu",
            dest=name, path=ITEM))
        if found:
            return name, found.group(1)
    return None


def _toggle_id(name: str, path: str) -> tuple[str, bool]:
    """The "Start at login" item's id and whether it is checked (toggle-state 1)."""
    layout = _bus("com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "[]", dest=name, path=path)
    item = re.search(r"<\((\d+), (\{[^}]*'label': <'Start at login'>[^}]*\})", layout)
    assert item, layout[:1500]
    return item.group(1), "'toggle-state': <1>" in item.group(2)


def _text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError:
        return ""


def _set_toggle(name: str, path: str, entry: Path, want: bool) -> None:
    """Click "Start at login" until the entry is there (or gone). The item id is read again
    for every click: pystray rebuilds the menu on each update (a refresh, a setting), and a
    click sent to the id of a menu that was just replaced is dropped, as on a real host."""
    for _ in range(5):
        item, _checked = _toggle_id(name, path)
        _bus("com.canonical.dbusmenu.Event", "--", item, "clicked", "<0>", "0", dest=name,
             path=path)
        if _wait(lambda: entry.exists() == want, 3.0):
            return
    pytest.fail(f"Start at login never became {want}")


def _wait(predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def test_start_at_login_toggle_writes_and_removes_the_entry(
    app_env: dict[str, str], python: str, tmp_path: Path
) -> None:
    with Simulator() as sim:
        env = dict(app_env, **demo_environment(sim, tmp_path / "user"), GDK_GL="disable",
                   PYSTRAY_BACKEND="appindicator",
                   MYSTATUS_DEBUG_STATE_FILE=str(tmp_path / "state.json"))
        config_home = Path(env["XDG_CONFIG_HOME"])
        entry = config_home / "autostart" / "mystatus-tray.desktop"
        settings = config_home / "mystatus-tray" / "config.toml"

        def start() -> subprocess.Popen[bytes]:
            log = (tmp_path / "tray.log").open("ab")
            proc = subprocess.Popen([python, "-m", "tray_app", "--lang", "en"], env=env,
                                    stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
            log.close()

            def ready() -> bool:
                assert proc.poll() is None, (tmp_path / "tray.log").read_text("utf-8")
                try:
                    state = json.loads((tmp_path / "state.json").read_text("utf-8"))
                except (OSError, ValueError):
                    return False
                return state["pid"] == proc.pid and any(
                    "Start at login" in line for line in state["menu"])

            assert _wait(ready, 20.0)
            return proc

        def stop(proc: subprocess.Popen[bytes]) -> None:
            proc.terminate()
            proc.wait(timeout=10)

        proc = start()
        try:
            name, path = _menu(proc.pid)
            assert not _toggle_id(name, path)[1] and not entry.exists()
            _set_toggle(name, path, entry, True)
            assert parse_exec(read_entry(entry.read_text("utf-8"))["Exec"]) == launch_command()
            assert _wait(lambda: "autostart = true" in _text(settings))
            assert _wait(lambda: _toggle_id(name, path)[1])  # the menu shows it checked
            _set_toggle(name, path, entry, False)
            assert _wait(lambda: "autostart = false" in _text(settings))
            assert _wait(lambda: not _toggle_id(name, path)[1])
            # On again, then quit, remove the entry by hand: the next start sees it is off.
            _set_toggle(name, path, entry, True)
        finally:
            stop(proc)
        entry.unlink()
        proc = start()
        try:
            assert _wait(lambda: "autostart = false" in _text(settings))
            name, path = _menu(proc.pid)
            assert not _toggle_id(name, path)[1]
        finally:
            stop(proc)
