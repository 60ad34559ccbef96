"""tray/xorg_icon.own_connection_for_calls, in the real X server: the loop's python-xlib
connection is used by the loop's thread alone, while other threads show the icon, change its
image and title 20 times and stop it. python-xlib 0.33 could leave the loop waiting forever
for a reply when another thread flushed on that connection (1 of 60 xorg starts under load:
the icon said "loading…" for good). A spy on the connection's I/O records each thread that
used it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from mystatus_testkit.cli import ROOT

pytestmark = pytest.mark.desktop

PROBE = """
import json, sys, threading
from PIL import Image
from tray_app.tray.pystray_adapter import TrayIcon
from tray_app.tray import xorg_icon

if sys.argv[1] == "pystray":  # pystray's own way: what the tray did before
    xorg_icon.own_connection_for_calls = lambda icon: False
icon = TrayIcon("probe", Image.new("RGBA", (32, 32), (0, 128, 0, 255)), "probe", (),
                lambda action: None)
connection = icon.icon._display.display  # python-xlib's protocol-level Display
used_by = set()
send_and_recv = connection.send_and_recv

def spy(*args, **kwargs):
    used_by.add(threading.current_thread().name)
    return send_and_recv(*args, **kwargs)

connection.send_and_recv = spy

def setup():  # pystray's setup thread, after its own show of the icon
    for i in range(20):
        colour = (0, 128 + 5 * i, 0, 255)
        worker = threading.Thread(target=icon.update, name="poller", args=(
            Image.new("RGBA", (32, 32), colour), f"probe {i}", ()))
        worker.start()
        worker.join()
    icon.stop()

icon.run(setup)
print(json.dumps(sorted(used_by)))
"""


def used_by(way: str) -> list[str]:
    env = dict(os.environ, PYSTRAY_BACKEND="xorg", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, way], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    result: list[str] = json.loads(out.stdout.splitlines()[-1])
    return result


def test_only_the_loop_thread_uses_the_loop_connection() -> None:
    assert used_by("ours") == ["MainThread"]


def test_pystray_alone_let_other_threads_use_it() -> None:
    """What the test above guards against: the same calls the way pystray makes them."""
    others = [name for name in used_by("pystray") if name != "MainThread"]
    assert others, "pystray's calls from other threads no longer touch the loop's connection"
