"""tray/signals.py in a child interpreter (its handlers must not replace pytest's): the
main thread sleeps in select() on a socket, as python-xlib's loop does on the X socket, and
another thread receives SIGUSR1 then SIGTERM. With the wakeup-fd watcher both actions run on
the "signals" thread at once; with plain handlers (what the tray had) they wait for the
main thread, which nothing wakes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from mystatus_testkit.cli import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

CHILD = """
import json, select, signal, socket, sys, threading, time
from tray_app.tray import signals

got = []
sleeper, waker = socket.socketpair()

def refresh():
    got.append(("refresh", threading.current_thread().name))

def quit():
    got.append(("quit", threading.current_thread().name))
    waker.send(b"x")  # what pystray's stop does: an event for the sleeping loop

watched = signals.install(refresh, quit, wake_fd=sys.argv[1] == "1")

def other_thread():
    time.sleep(0.2)
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)  # to this thread, not main
    time.sleep(0.2)
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)

threading.Thread(target=other_thread, name="poller").start()
woke = bool(select.select([sleeper], [], [], 3.0)[0])  # the loop, asleep on its socket
time.sleep(0.2)  # a plain handler's thread, if any, has run by now
print(json.dumps({"watched": watched, "woke": woke, "got": got}))
"""


def run(wake_fd: bool) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, "1" if wake_fd else "0"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT, check=True)
    result: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return result


def test_a_signal_to_another_thread_wakes_the_watcher() -> None:
    result = run(wake_fd=True)
    assert result["watched"] is True and result["woke"] is True
    assert result["got"] == [["refresh", "signals"], ["quit", "signals"]]


def test_plain_handlers_wait_for_the_sleeping_main_thread() -> None:
    """Why the watcher exists: the same signals with Python handlers only. The loop sleeps
    through both until something else wakes it (here: its 3 s timeout)."""
    result = run(wake_fd=False)
    assert result["watched"] is False and result["woke"] is False
