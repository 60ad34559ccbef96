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
import threading
from collections.abc import Callable

import pytest
from mystatus_testkit.cli import ROOT

pytestmark = pytest.mark.desktop
LIMIT = 120.0  # seconds: only bounds a failure (a probe that deadlocked)

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
    name = threading.current_thread().name
    if name not in used_by:
        used_by.add(name)
        print(json.dumps(name), flush=True)  # at once: pystray's way can deadlock right after
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
print(json.dumps("done"), flush=True)
"""


def run_probe(way: str, *, until: Callable[[str], bool]) -> list[str]:
    """The threads that used the loop's connection, in order, as the probe reported them
    until `until(name)`; the probe is killed then if it has not ended."""
    env = dict(os.environ, PYSTRAY_BACKEND="xorg", PYTHONPATH=str(ROOT))
    names: list[str] = []
    with subprocess.Popen([sys.executable, "-c", PROBE, way], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        deadline = threading.Timer(LIMIT, proc.kill)  # a probe stuck before it said enough
        deadline.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                names.append(json.loads(line))
                if until(names[-1]):
                    break
        finally:
            deadline.cancel()
            if proc.poll() is None:
                proc.kill()
    return names


def test_only_the_loop_thread_uses_the_loop_connection() -> None:
    names = run_probe("ours", until=lambda name: name == "done")
    assert names == ["MainThread", "done"]  # 20 updates and a stop, all through the loop


def test_pystray_alone_let_other_threads_use_it() -> None:
    """What the test above guards against: the same calls the way pystray makes them. A
    thread other than the loop's flushes on the loop's connection; under load this very
    probe once deadlocked there (python-xlib's race), so it stops at the first such use."""
    names = run_probe("pystray", until=lambda name: name not in ("MainThread", "done"))
    assert names[-1] not in ("MainThread", "done"), names
