"""The harness itself, proven on the real headless desktop of tools/ci-desktop.sh: the Secret
Service keyring round-trips, a plyer notification reaches dunst over the bus, and a bare pystray
icon docks in the tray host, shows its pixels, and opens its menu on a click."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # fixtures' types only: conftest modules are not importable by name
    from conftest import Desktop, NotifyLog

pytestmark = pytest.mark.desktop

MAGENTA = (255, 0, 255)

# A bare pystray app: a solid magenta icon with a one-item menu. It prints "ready" once the
# icon is set up, "clicked" when the item runs, and quits on a line (or EOF) on stdin.
PROBE = """
import sys, threading
from PIL import Image
import pystray

def clicked(icon, item):
    print("clicked", flush=True)

def setup(icon):
    icon.visible = True
    print("ready", type(icon).__module__, flush=True)
    def wait():
        sys.stdin.readline()
        icon.stop()
    threading.Thread(target=wait, daemon=True).start()

image = Image.new("RGBA", (64, 64), (255, 0, 255, 255))
menu = pystray.Menu(pystray.MenuItem("Probe item", clicked))
pystray.Icon("ci-probe", image, "ci probe", menu=menu).run(setup=setup)
"""


def _backends() -> list[str]:
    # The SNI pass of tools/run-tests.sh pins PYSTRAY_BACKEND=appindicator.
    pinned = os.environ.get("PYSTRAY_BACKEND")
    return [pinned] if pinned else ["appindicator", "gtk"]


def test_keyring_is_secret_service_and_round_trips() -> None:
    import keyring
    from keyring.backends import SecretService

    backend = keyring.get_keyring()
    assert isinstance(backend, SecretService.Keyring), type(backend)
    service, user, value = "mystatus-tray-ci", f"user-{uuid.uuid4().hex}", uuid.uuid4().hex
    keyring.set_password(service, user, value)
    try:
        assert keyring.get_password(service, user) == value
        # secret-tool talks to the same daemon on its own: the item really is in gnome-keyring.
        found = subprocess.run(
            ["secret-tool", "lookup", "service", service, "username", user],
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert found.stdout == value
    finally:
        keyring.delete_password(service, user)
    assert keyring.get_password(service, user) is None


def test_plyer_notification_reaches_dunst(notifications: NotifyLog) -> None:
    from plyer import notification

    title, body = f"ci-title-{uuid.uuid4().hex[:8]}", f"ci-body-{uuid.uuid4().hex[:8]}"
    since = notifications.mark()
    notification.notify(title=title, message=body, app_name="mystatus-tray-ci", timeout=5)
    call = notifications.wait_for(title, since=since)
    assert (call.app_name, call.summary, call.body) == ("mystatus-tray-ci", title, body)
    # 5000 ms proves plyer took its dbus-python path (its notify-send fallback always sends 0).
    assert call.expire_timeout == 5000
    assert notifications.count_settled(title, since=since, settle=0.5) == 1
    displayed = subprocess.run(
        ["dunstctl", "count", "displayed"], capture_output=True, text=True, timeout=10, check=True
    )
    assert int(displayed.stdout.strip()) >= 1


@pytest.fixture
def probe(
    request: pytest.FixtureRequest, tmp_path: Path, app_env: dict[str, str]
) -> Iterator[tuple[str, Path]]:
    backend: str = request.param
    script, out = tmp_path / "probe.py", tmp_path / "probe.out"
    script.write_text(PROBE, encoding="utf-8")
    env = {**app_env, "PYSTRAY_BACKEND": backend}
    with out.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        yield backend, out
    finally:
        assert proc.stdin is not None
        try:
            proc.stdin.close()  # EOF: the probe stops its icon
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.mark.parametrize("probe", _backends(), indirect=True)
def test_bare_pystray_icon_docks_and_opens_menu(desktop: Desktop, probe: tuple[str, Path]) -> None:
    backend, out = probe
    # the whole line: under load the file was once read between "ready" and the module name
    assert desktop.poll(lambda: f"ready pystray._{backend}\n" in out.read_text(), 15), \
        out.read_text()
    host = desktop.icon_host(backend)
    # The icon's own pixels inside the tray host's window: it really docked and was drawn.
    desktop.wait_pixels(host, MAGENTA, minimum=200)
    icon = desktop.find_color(desktop.geometry(host), MAGENTA)
    assert icon is not None
    desktop.screenshot(f"probe-{backend}-docked")

    # Right click opens the menu on every host here (trayer: gtk and appindicator's XEmbed
    # fallback; the SNI bar: dbusmenu); the menu is a new top-level window.
    before = desktop.top_level_windows()
    x, y, w, h = icon
    desktop.click(x + w // 2, y + h // 2, button=3)
    menu, _ = desktop.wait_new_menu(before, lambda g: g[2] > 20 and g[3] > 15)
    desktop.screenshot(f"probe-{backend}-menu")
    desktop.click_center(menu)  # the menu's only item
    assert desktop.poll(lambda: "clicked" in out.read_text(), 10), out.read_text()
