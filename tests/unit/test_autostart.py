"""Start-at-login writers on their generated content: the command chosen per install kind,
the Linux desktop entry (Exec quoting round trip), the macOS LaunchAgent plist, the Windows
Run value (a dict-backed registry), the platform pick, and the tray's toggle/mirror."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tray_app import autostart
from tray_app.autostart import AutostartStatus
from tray_app.autostart.command import launch_command
from tray_app.autostart.linux import (
    XdgAutostart,
    autostart_dir,
    desktop_entry,
    exec_line,
    parse_exec,
    read_entry,
)
from tray_app.autostart.macos import LaunchAgentAutostart, plist_bytes
from tray_app.autostart.windows import RUN_KEY, RunKeyAutostart, split_cmdline
from tray_app.config import Settings
from tray_app.tray.actions import Actions
from tray_app.tray.settings_box import SettingsBox, mirror_autostart

# ---------------------------------------------------------------- the command


def test_frozen_runs_the_bundle_executable() -> None:
    exe = "/Applications/mystatus-tray.app/Contents/MacOS/mystatus-tray"
    assert launch_command(frozen=True, executable=exe, platform="darwin") == (exe,)
    win = r"C:\Program Files\mystatus-tray\mystatus-tray.exe"
    assert launch_command(frozen=True, executable=win, platform="win32") == (win,)


def test_pip_or_pipx_uses_the_console_script_next_to_the_interpreter() -> None:
    # pipx: ~/.local/share/pipx/venvs/mystatus-tray/bin/{python,mystatus-tray}; the venv's
    # python symlink is kept as is (resolving it would leave the venv).
    exe = "/home/u/.local/share/pipx/venvs/mystatus-tray/bin/python"
    got = launch_command(frozen=False, executable=exe, platform="linux",
                         is_file=lambda p: p.name == "mystatus-tray", which=lambda _: None)
    assert got == ("/home/u/.local/share/pipx/venvs/mystatus-tray/bin/mystatus-tray",)


def test_user_install_falls_back_to_path_then_to_python_m() -> None:
    exe = "/usr/bin/python3"
    user_bin = "/home/u/.local/bin/mystatus-tray"
    on_path = launch_command(frozen=False, executable=exe, platform="linux",
                             is_file=lambda p: False, which=lambda _: user_bin)
    assert on_path == ("/home/u/.local/bin/mystatus-tray",)
    bare = launch_command(frozen=False, executable=exe, platform="darwin",
                          is_file=lambda p: False, which=lambda _: None)
    assert bare == (exe, "-m", "tray_app")


def test_windows_pip_uses_pythonw_so_no_console_opens_at_login() -> None:
    exe = r"C:\Users\u\pipx\venvs\mystatus-tray\Scripts\python.exe"
    got = launch_command(frozen=False, executable=exe, platform="win32",
                         is_file=lambda p: p.name == "pythonw.exe")
    assert got[1:] == ("-m", "tray_app") and got[0].endswith("pythonw.exe")


# ---------------------------------------------------------------- Linux


@pytest.mark.parametrize("command", [
    ("/usr/bin/mystatus-tray",),
    ("/home/a b/.venv/bin/python", "-m", "tray_app"),
    ("/opt/it's \"quoted\"/$HOME/`x`/back\\slash/100%/mystatus-tray",),
    ("/tmp/tab\there", "--lang", "zh-TW"),
])
def test_exec_quoting_round_trips(command: tuple[str, ...]) -> None:
    line = exec_line(command)
    assert "\n" not in line and "\t" not in line
    assert parse_exec(line) == command


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                        min_size=1, max_size=12), min_size=1, max_size=4))
def test_exec_quoting_round_trips_any_argument(args: list[str]) -> None:
    assert parse_exec(exec_line(tuple(args))) == tuple(args)


def test_exec_of_a_plain_path_is_unquoted_and_spaces_are_quoted() -> None:
    assert exec_line(("/usr/bin/mystatus-tray",)) == "/usr/bin/mystatus-tray"
    assert exec_line(("/home/a b/bin/mystatus-tray",)) == '"/home/a b/bin/mystatus-tray"'
    # what a desktop would run, read as a shell would read the unescaped line
    assert shlex.split(exec_line(("/a b/x", "-m", "tray_app"))) == ["/a b/x", "-m", "tray_app"]


def test_desktop_entry_content() -> None:
    entry = read_entry(desktop_entry(("/opt/my app/mystatus-tray",), "mystatus-tray"))
    assert entry["Type"] == "Application"
    assert entry["Exec"] == '"/opt/my app/mystatus-tray"'
    assert entry["Icon"] == "mystatus-tray" and entry["Terminal"] == "false"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["X-mystatus-tray-Version"]


def test_autostart_dir_honours_xdg_config_home_only_when_absolute(tmp_path: Path) -> None:
    default = Path("/h/.config/autostart")
    assert autostart_dir({"XDG_CONFIG_HOME": str(tmp_path), "HOME": "/h"}) == tmp_path / "autostart"
    assert autostart_dir({"XDG_CONFIG_HOME": "relative", "HOME": "/h"}) == default
    assert autostart_dir({"HOME": "/h"}) == default


def test_xdg_on_status_off(tmp_path: Path) -> None:
    cmd = ("/x y/bin/mystatus-tray",)
    xdg = XdgAutostart(cmd, environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert xdg.status() == AutostartStatus(False, xdg.location, None, cmd)
    status = xdg.enable()
    assert status.enabled and status.current and status.command == cmd
    assert xdg.path == tmp_path / "autostart" / "mystatus-tray.desktop"
    assert not list(xdg.path.parent.glob(".*tmp"))  # the atomic write left no temp file
    assert xdg.disable() is True and not xdg.path.exists()
    assert xdg.disable() is False


def test_xdg_status_sees_hidden_disabled_and_foreign_commands(tmp_path: Path) -> None:
    xdg = XdgAutostart(("/new/mystatus-tray",), environ={"XDG_CONFIG_HOME": str(tmp_path)})
    xdg.enable()
    text = xdg.path.read_text("utf-8")
    xdg.path.write_text(text.replace("Exec=/new/", "Exec=/old/"), "utf-8")
    status = xdg.status()
    assert status.enabled and not status.current and status.command == ("/old/mystatus-tray",)
    xdg.path.write_text(text + "Hidden=true\n", "utf-8")
    assert not xdg.status().enabled
    xdg.path.write_text(text.replace("Autostart-enabled=true", "Autostart-enabled=false"), "utf-8")
    assert not xdg.status().enabled


# ---------------------------------------------------------------- macOS


def test_launch_agent_plist_content() -> None:
    cmd = ("/Applications/mystatus-tray.app/Contents/MacOS/mystatus-tray",)
    data = plistlib.loads(plist_bytes(cmd))
    assert data == {
        "Label": "io.github.mystatus-tray",
        "ProgramArguments": list(cmd),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    assert "KeepAlive" not in data  # Quit from the menu stays quit
    assert plist_bytes(cmd).startswith(b"<?xml")


def test_launch_agent_on_status_off(tmp_path: Path) -> None:
    cmd = ("/Users/u/.local/bin/mystatus-tray",)
    agent = LaunchAgentAutostart(cmd, environ={"HOME": str(tmp_path)})
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / "io.github.mystatus-tray.plist"
    assert not agent.status().enabled
    assert agent.enable() == AutostartStatus(True, str(agent.path), cmd, cmd)
    data = plistlib.loads(agent.path.read_bytes())
    agent.path.write_bytes(plistlib.dumps({**data, "Disabled": True}))
    assert not agent.status().enabled
    agent.path.write_bytes(b"not a plist")
    assert agent.status() == AutostartStatus(False, str(agent.path), None, cmd)
    assert agent.disable() and not agent.path.exists()


# ---------------------------------------------------------------- Windows


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> bool:
        return self.values.pop(name, None) is not None


def test_run_value_content_and_round_trip() -> None:
    key = FakeRunKey()
    cmd = (r"C:\Users\Ann Lee\pipx\venvs\mystatus-tray\Scripts\pythonw.exe", "-m", "tray_app")
    run = RunKeyAutostart(cmd, key=key)
    assert run.location == rf"HKEY_CURRENT_USER\{RUN_KEY}\mystatus-tray"
    assert not run.status().enabled
    status = run.enable()
    assert key.values == {
        "mystatus-tray": '"C:\\Users\\Ann Lee\\pipx\\venvs\\mystatus-tray\\Scripts\\pythonw.exe"'
                         " -m tray_app"}
    assert status.enabled and status.current and status.command == cmd
    key.values["mystatus-tray"] = r"C:\old\mystatus-tray.exe"
    assert not run.status().current
    assert run.disable() and not run.disable() and not run.status().enabled


@given(st.lists(st.text(alphabet=st.sampled_from('ab \\"\t:.'), max_size=8),
                min_size=1, max_size=4))
def test_split_cmdline_inverts_list2cmdline(args: list[str]) -> None:
    assert split_cmdline(subprocess.list2cmdline(args)) == tuple(args)


# ---------------------------------------------------------------- the platform pick


@pytest.mark.parametrize(("platform", "kind"), [
    ("linux", "XdgAutostart"), ("freebsd14", "XdgAutostart"),
    ("darwin", "LaunchAgentAutostart"), ("win32", "RunKeyAutostart"), ("emscripten", None),
])
def test_for_platform(platform: str, kind: str | None, tmp_path: Path) -> None:
    got = autostart.for_platform(platform, command=("x",), environ={"HOME": str(tmp_path)})
    assert (type(got).__name__ if got is not None else None) == kind


# ---------------------------------------------------------------- the tray's toggle


class FakeBackend:
    def __init__(self, enabled: bool = False, fail: bool = False) -> None:
        self.enabled, self.fail = enabled, fail
        self.calls: list[str] = []

    def enable(self) -> AutostartStatus:
        self.calls.append("enable")
        if self.fail:
            raise PermissionError(13, "Permission denied")
        self.enabled = True
        return self.status()

    def disable(self) -> bool:
        self.calls.append("disable")
        was, self.enabled = self.enabled, False
        return was

    def status(self) -> AutostartStatus:
        return AutostartStatus(self.enabled, "loc", ("x",) if self.enabled else None, ("x",))


class Poller:
    view = None
    renders = 0

    def request_refresh(self) -> None: ...

    def request_render(self) -> None:
        self.renders += 1


def make_actions(backend: FakeBackend, settings: Settings
                 ) -> tuple[Actions, SettingsBox, list[Settings], list[tuple[str, str]]]:
    box = SettingsBox(settings)
    saved: list[Settings] = []
    notes: list[tuple[str, str]] = []
    actions = Actions(settings=box, poller=Poller(), loader=None,  # type: ignore[arg-type]
                      notify=lambda a, b: notes.append((a, b)), quit=lambda: None,
                      lang=lambda: "en", save_settings=saved.append, autostart=backend)
    return actions, box, saved, notes


def test_menu_toggle_follows_the_real_entry_not_the_setting() -> None:
    # The setting says on, but the file was removed by hand: a click turns it ON.
    backend = FakeBackend(enabled=False)
    actions, box, saved, _ = make_actions(backend, Settings(autostart=True))
    actions.dispatch("autostart")
    assert backend.calls == ["enable"] and box.get().autostart is True
    actions.dispatch("autostart")
    assert backend.calls == ["enable", "disable"] and box.get().autostart is False
    assert [s.autostart for s in saved] == [True, False]


def test_menu_toggle_failure_is_notified_and_the_setting_stays_true_to_the_entry() -> None:
    backend = FakeBackend(enabled=False, fail=True)
    actions, box, _, notes = make_actions(backend, Settings(autostart=False))
    actions.dispatch("autostart")
    assert box.get().autostart is False
    assert notes and "Could not change start at login" in notes[0][1]
    assert "Permission denied" in notes[0][1]


def test_mirror_on_start() -> None:
    box = SettingsBox(Settings(autostart=False))
    saved: list[Settings] = []
    mirror_autostart(box, FakeBackend(enabled=True), saved.append)
    assert box.get().autostart is True and saved == [box.get()]
    mirror_autostart(box, FakeBackend(enabled=True), saved.append)
    assert len(saved) == 1  # nothing to change, nothing written
