"""The tray app's wiring that runs without a display: demo scenario parsing, the menu text
flattening of the debug hook, the launch order (icon first, services after), and the clear
failures when no tray backend can start or the services cannot."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PIL import Image

from tray_app.tray import app, services
from tray_app.tray.menu import SEPARATOR, MenuEntry
from tray_app.tray.pystray_adapter import TrayUnavailable
from tray_app.tray.ui import flatten


def test_parse_scenarios() -> None:
    assert services.parse_scenarios("zhipu=high, zai = http_500\nopenai=\n=x,junk") == {
        "zhipu": "high", "zai": "http_500"}
    assert services.parse_scenarios("") == {}


def test_flatten_menu() -> None:
    entries = (MenuEntry("A", children=(MenuEntry("a1"), MenuEntry("a2", children=(
        MenuEntry("x"),)))), SEPARATOR, MenuEntry("Quit", "quit"))
    assert flatten(entries) == ["A", "  a1", "  a2", "    x", "---", "Quit"]


def test_no_tray_backend_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unavailable(*args: object, **kwargs: object) -> None:
        raise TrayUnavailable('DisplayNameError: Bad display name ""')

    monkeypatch.setattr(app, "TrayIcon", unavailable)
    assert app.run_tray(demo=True, lang="en") == 1
    err = capsys.readouterr().err
    assert "The tray icon cannot start" in err and "mystatus-tray status" in err


class FakeIcon:
    """Stands in for TrayIcon: `run` calls the setup on this thread, then "the user" acts."""

    script: Callable[[FakeIcon], None] = staticmethod(lambda icon: icon.stop())
    made: ClassVar[list[FakeIcon]] = []

    def __init__(self, name: str, image: Image.Image, title: str,
                 entries: Sequence[MenuEntry], dispatch: Callable[[str], None]) -> None:
        self.entries, self.dispatch = tuple(entries), dispatch
        self.size, self.backend = 22, "fake"
        self.menu_rebuilds = self.menu_relabels = self.menus_destroyed = 0
        self.stopped = False
        self.updates: list[str] = []
        self.last_entries: tuple[MenuEntry, ...] = ()
        FakeIcon.made.append(self)

    def update(self, image: Image.Image, title: str, entries: Sequence[MenuEntry]) -> None:
        self.updates.append(title)
        self.last_entries = tuple(entries)

    def run(self, setup: Callable[[], None]) -> None:
        setup()
        if not self.stopped:
            FakeIcon.script(self)

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def fake_icon(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> type[FakeIcon]:
    FakeIcon.made = []
    monkeypatch.setattr(app, "TrayIcon", FakeIcon)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))  # our own single instance
    (tmp_path / "run").mkdir(mode=0o700)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    return FakeIcon


def test_services_that_cannot_start_quit_with_a_clear_error(
    fake_icon: type[FakeIcon], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tray_app.secrets import Secret

    token = Secret("ghp_startfailedsecret1234")

    def broken(*args: object) -> None:
        raise RuntimeError(f"engine exploded {token.reveal()}\nsecond line")

    monkeypatch.setattr(services, "start", broken)
    fake_icon.script = staticmethod(lambda icon: pytest.fail("the icon kept running"))
    assert app.run_tray(demo=True, lang="en") == 1
    err = capsys.readouterr().err
    assert f"could not start refreshing (RuntimeError: engine exploded {token.masked})" in err
    assert token.reveal() not in err
    assert "second line" not in err and "mystatus-tray status" in err
    assert fake_icon.made[0].stopped


def test_clicks_before_the_services_are_up_are_dropped_except_quit(
    fake_icon: type[FakeIcon], monkeypatch: pytest.MonkeyPatch,
) -> None:
    clicked: list[str] = []

    def not_yet(stack: Any, launched: app.Launched) -> None:
        icon = fake_icon.made[0]
        icon.dispatch("refresh")  # still starting: nothing to do it with, and no crash
        assert not icon.stopped
        icon.dispatch("quit")
        clicked.append("quit")
        raise RuntimeError("stop here")

    monkeypatch.setattr(services, "start", not_yet)
    app.run_tray(demo=True, lang="en")
    assert clicked == ["quit"] and fake_icon.made[0].stopped


def test_demo_tray_runs_its_services_and_refreshes(
    fake_icon: type[FakeIcon], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    debug = tmp_path / "debug.json"
    monkeypatch.setenv("MYSTATUS_DEBUG_STATE_FILE", str(debug))

    def until_refreshed(icon: FakeIcon) -> None:
        import time

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if debug.exists() and json.loads(debug.read_text("utf-8"))["refreshes"] >= 1:
                break
            time.sleep(0.02)
        icon.dispatch("quit")

    fake_icon.script = staticmethod(until_refreshed)
    assert app.run_tray(demo=True, lang="en") == 0
    state = json.loads(debug.read_text("utf-8"))
    assert state["refreshes"] >= 1 and state["demo"] is True
    assert any(ch.isdigit() for ch in state["icon"]["text"])  # numbers from the simulator
    icon = fake_icon.made[0]
    assert icon.updates  # the poller published to the icon
    # the first menu is the top level only; the submenus come with the services
    assert icon.entries and not any(entry.children for entry in icon.entries)
    assert any(entry.children for entry in icon.last_entries)


@pytest.mark.parametrize("entry", [
    "import tray_app.tray.app",
    "from tray_app.cli import parse_tray_launch; parse_tray_launch(['--lang', 'en'], 'en')",
])
def test_the_icon_path_imports_no_engine_http_or_command(entry: str) -> None:
    """What runs before the icon shows must stay light: the engine, httpx, the credential
    readers and the CLI commands are imported after the icon is up (tray/services.py)."""
    heavy = ["httpx", "tray_app.engine", "tray_app.net.http", "tray_app.tray.services",
             "tray_app.monitoring.poller", "tray_app.tray.actions", "tray_app.tray.notifier",
             "tray_app.cli.status", "tray_app.cli.doctor", "tray_app.cli.common",
             "tray_app.logfile", "keyring", "plyer", "mcp", "tray_app.mcp.server",
             "tray_app.cli.mcp"]
    code = f"import sys\n{entry}\nprint(','.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True, env={"PYSTRAY_BACKEND": "dummy",
                                                      "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == ""


def test_provider_names_match_the_registry() -> None:
    """The light names table (menu, poller) and the registry (engine) list the same
    providers, with the same names, in the same order."""
    from tray_app.providers.names import PROVIDER_IDS, PROVIDER_NAMES
    from tray_app.providers.registry import REGISTRY

    assert [(spec.id, spec.name) for spec in REGISTRY] == list(PROVIDER_NAMES.items())
    assert tuple(spec.id for spec in REGISTRY) == PROVIDER_IDS


def test_a_quit_before_the_services_start_starts_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """Quit while the icon is still settling: the services are never started, and stopping
    does not wait for them."""
    import contextlib
    import threading

    from tray_app.config import Settings
    from tray_app.monitoring.view import TrayView
    from tray_app.tray.settings_box import SettingsBox
    from tray_app.tray.ui import TrayUI

    started: list[object] = []
    monkeypatch.setattr(services, "start", lambda *args: started.append(args))
    box = SettingsBox(Settings())
    launched = app.Launched(box=box, lang=lambda: "en", ui=TrayUI(box, lambda: "en"),
                            initial=TrayView(), state_dir=tmp_path, demo_dir=None,
                            instance=None, login=None, quit=lambda: None)
    with contextlib.ExitStack() as stack:
        starter = app.Starter(stack, launched)
        setup = threading.Thread(target=starter.start)
        setup.start()
        assert starter.stop() is True  # at once: the settle wait is cut short
        setup.join(timeout=5)
    assert not setup.is_alive() and started == [] and starter.services is None


_TRAY_KEYRING_PROBE = """
import contextlib, json, sys, types
from tray_app.config import Settings
from tray_app.tray import services
launched = types.SimpleNamespace(box=types.SimpleNamespace(get=Settings), demo_dir=None)
with contextlib.ExitStack() as stack:
    engine, loader, _ = services._runtime(stack, launched)  # the tray's own loader
    creds = loader.load()
    snap = engine.refresh()
    engine.close()
print(json.dumps({"imported": sorted(m for m in sys.modules if m.split(".")[0] == "keyring"
                                     or m == "tray_app.credentials.keyring_store"),
                  "codex": creds.codex.where, "pat": creds.copilot_pat.source,
                  "openai": [a.label for p in snap.providers if p.id == "openai"
                             for a in p.accounts]}))
"""


def test_the_tray_reads_the_keyring_in_a_child_and_never_imports_keyring(tmp_path: Path) -> None:
    """The tray's loader (tray/services.py) reads the Copilot PAT and Codex's keyring entry
    through a child process: both are found, yet `keyring` (≈30 MiB) and our keyring adapter
    never enter the long-lived process."""
    from mystatus_testkit.cli import FILE_KEYRING, cli_env

    from tray_app.credentials.codex import keyring_account
    from tray_app.simulator import Simulator
    from tray_app.simulator.sim_openai import codex_auth_file

    home = tmp_path / "home"
    (home / ".codex").mkdir(parents=True)  # Codex in use, its login in the keyring
    store = tmp_path / "keyring.json"
    store.write_text(json.dumps({
        "Codex Auth": {keyring_account(home / ".codex"): json.dumps(
            codex_auth_file(email="keyring.user@example.com"))},
        "mystatus-tray": {"github-copilot-pat": "github_pat_11TESTONLY_notarealtoken0000"},
    }), "utf-8")
    with Simulator() as sim:
        env = cli_env(home, sim, PYTHON_KEYRING_BACKEND=FILE_KEYRING,
                      MYSTATUS_TEST_KEYRING=str(store), PYSTRAY_BACKEND="dummy")
        out = subprocess.run([sys.executable, "-c", _TRAY_KEYRING_PROBE], capture_output=True,
                             text=True, timeout=120, env=env, cwd=home)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["imported"] == []
    assert (result["codex"], result["pat"]) == ("keyring", "keyring")
    assert result["openai"] == ["keyring.user@example.com"]
    assert "github_pat_11TESTONLY" not in out.stdout + out.stderr
