"""The tray's "Set GitHub Copilot token…" path for real: the menu action opens the Tk dialog
(a child process), xdotool types a token into its masked entry and presses Enter, and the
token lands in the REAL Secret Service (gnome-keyring of tools/ci-desktop.sh) through the
loader's cached store; no file under HOME holds it; "Remove" deletes it again."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageStat

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.keyring_access import ChildKeyring
from tray_app.monitoring.view import TrayView
from tray_app.secrets import Secret
from tray_app.tray.actions import Actions
from tray_app.tray.settings_box import SettingsBox

pytestmark = pytest.mark.desktop
TITLE = "GitHub Copilot token"


@dataclass
class FakePoller:
    view: TrayView = field(default_factory=TrayView)
    refreshes: int = 0

    def request_refresh(self) -> None:
        self.refreshes += 1

    def request_render(self) -> None:
        pass


def _lookup() -> str:
    return subprocess.run(["secret-tool", "lookup", "service", "mystatus-tray", "username",
                           "github-copilot-pat"], capture_output=True, text=True,
                          timeout=10).stdout


def _files_containing(roots: list[Path], needle: bytes) -> set[Path]:
    hits = set()
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                try:
                    if needle in Path(dirpath, name).read_bytes():
                        hits.add(Path(dirpath, name))
                except OSError:
                    continue
    return hits


def _world() -> tuple[Actions, CredentialLoader, FakePoller, list[tuple[str, str]],
                      list[threading.Thread]]:
    # as tray/services.py builds it: the keyring is read and written by a child process
    loader = CredentialLoader(keyring=ChildKeyring())
    poller = FakePoller()
    notes: list[tuple[str, str]] = []
    threads: list[threading.Thread] = []

    def run_bg(work: Callable[[], None]) -> None:  # as the app does: a worker thread
        thread = threading.Thread(target=work, daemon=True)
        threads.append(thread)
        thread.start()

    actions = Actions(settings=SettingsBox(Settings()), poller=poller, loader=loader,
                      notify=lambda a, b: notes.append((a, b)), quit=lambda: None,
                      lang=lambda: "en", run_bg=run_bg)
    return actions, loader, poller, notes, threads


def _dialog_window(desktop: Any) -> int:
    def find() -> int | None:
        for wid in desktop.top_level_windows():
            if desktop.window_name(wid) == TITLE:
                return wid
        return None

    wid = desktop.poll(find, 15.0, 0.1)
    if wid is None:
        shot = desktop.screenshot("no-token-dialog")
        pytest.fail(f"the token dialog never appeared ({shot})")
    return int(wid)


def _type_into(desktop: Any, wid: int, *keys: str, text: str = "") -> None:
    if text:
        # Click into the entry: no window manager gives the dialog focus here, and Tk's
        # entry takes the keyboard focus on a click. (The entry is in the middle row.)
        x, y, w, h = desktop.geometry(wid)
        subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2 + 4),
                        "click", "1"], check=True, timeout=10)
        time.sleep(0.3)  # let Tk process the click before the keys arrive
        subprocess.run(["xdotool", "windowfocus", "--sync", str(wid)], check=False, timeout=10)
        subprocess.run(["xdotool", "type", "--delay", "2", text], check=True, timeout=30)
    for key in keys:
        subprocess.run(["xdotool", "key", key], check=True, timeout=10)


def test_dialog_stores_the_token_in_the_real_keyring_and_remove_deletes_it(
    desktop: Any,
) -> None:
    token = f"github_pat_11DLG{uuid.uuid4().hex.upper()[:16]}_{uuid.uuid4().hex}"
    assert _lookup() == ""
    actions, loader, poller, notes, threads = _world()
    assert loader.pat_store.get() is None  # the start-up read
    try:
        actions.dispatch("token:set")  # returns at once: the dialog runs on a worker thread
        wid = _dialog_window(desktop)
        x, y, w, h = desktop.geometry(wid)
        _type_into(desktop, wid, text=token)
        # The entry is masked: the screen shows bullets, and a screenshot cannot leak it.
        shot = desktop.screenshot("token-dialog")
        assert ImageStat.Stat(desktop.grab((x, y, w, h)).convert("L")).stddev[0] > 10
        assert token.encode() not in shot.read_bytes()
        _type_into(desktop, wid, "Return")
        for thread in threads:
            thread.join(30)
        assert _lookup() == token  # in the Secret Service, read by another client
        assert loader.pat_store.get() == Secret(token)  # re-read once after invalidate_pat()
        assert poller.refreshes == 1
        assert notes[-1] == (TITLE, "The GitHub Copilot token is stored in the system keyring.")
        roots = [Path(os.environ[v]) for v in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                               "XDG_CACHE_HOME", "XDG_DATA_HOME")]
        roots.append(Path(os.environ["CI_DESKTOP_DIR"]))
        assert _files_containing(roots, token.encode()) == set()
        assert all(token not in a + b for a, b in notes)
    finally:
        actions.run_bg(lambda: None)
        actions.dispatch("token:remove")
        for thread in threads:
            thread.join(30)
    assert _lookup() == ""
    assert notes[-1][1] == "The GitHub Copilot token was removed from the system keyring."


def test_cancelling_the_dialog_stores_nothing(desktop: Any) -> None:
    actions, _loader, poller, notes, threads = _world()
    actions.dispatch("token:set")
    wid = _dialog_window(desktop)
    _type_into(desktop, wid, "Escape", text="github_pat_cancelled_0123456789")
    for thread in threads:
        thread.join(30)
    assert not any(t.is_alive() for t in threads)
    assert _lookup() == "" and poller.refreshes == 0 and notes == []
