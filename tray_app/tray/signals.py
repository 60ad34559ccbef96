"""POSIX signals → the tray's actions: SIGUSR1 = refresh now; SIGTERM, SIGINT, SIGHUP = quit.

CPython runs a Python signal handler on the main thread only, and only when that thread next
runs Python code. The kernel may hand a process's signal to any of its threads. With GTK
(the appindicator and gtk backends), PyGObject gives its main loop a wakeup fd, so the loop
wakes up and the handler runs at once, whichever thread got the signal. pystray's xorg
loop is different: python-xlib waits in select() on the X socket alone. A signal given to
another thread (the poller, the single-instance listener) therefore waited for the next X
event, and on an idle desktop that event never came. Seen under load: `kill` (SIGTERM) left
the xorg tray running with its log silent. A desktop test sends the signal to a thread that
is not the main one (tgkill).

So on xorg, CPython's wakeup fd is a socket that a "signals" thread reads. The C-level
handler writes each signal's number there, from whatever thread received it. That thread
then runs the action, and the Python-level handlers do nothing. The other backends keep
plain handlers: PyGObject sets its own wakeup fd while its loop runs.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Callable, Mapping

from tray_app.secrets import scrub

log = logging.getLogger(__name__)

Action = Callable[[], None]
QUIT_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")


def install(refresh: Action, quit: Action, *, wake_fd: bool) -> bool:
    """Handle the tray's signals; True when a watcher thread reads them (`wake_fd`: the
    toolkit's loop is not woken by signals itself). Main thread only."""
    actions: dict[int, Action] = {}
    if hasattr(signal, "SIGUSR1"):
        actions[signal.SIGUSR1] = refresh
    for name in QUIT_SIGNALS:
        if hasattr(signal, name):
            actions[getattr(signal, name)] = quit
    watched = wake_fd and _watch(actions)
    for signum, action in actions.items():
        signal.signal(signum, _ignore if watched else _handler(action))
    return watched


def _ignore(signum: int, frame: object) -> None:
    """The watcher thread acts on this signal; the default action (exit) must not."""


def _handler(action: Action) -> Callable[[int, object], None]:
    def handle(signum: int, frame: object) -> None:
        # The main thread may be inside the toolkit or an icon update here: the action runs
        # on a short thread of its own instead of taking a lock under the interrupted code.
        threading.Thread(target=_run, args=(action, signum), name="signal",
                         daemon=True).start()

    return handle


def _watch(actions: Mapping[int, Action]) -> bool:
    try:
        readable, writable = socket.socketpair()
        writable.setblocking(False)  # a full buffer drops a byte, never blocks a handler
        signal.set_wakeup_fd(writable.fileno(), warn_on_full_buffer=False)
    except (OSError, ValueError, AttributeError) as exc:  # not the main thread; no sockets
        log.info("signals: no wakeup fd (%s); Python handlers only", exc)
        return False

    def watch() -> None:
        with readable, writable:
            while True:
                try:
                    data = readable.recv(64)
                except OSError:
                    return
                if not data:
                    return
                for signum in data:
                    action = actions.get(signum)
                    if action is not None:
                        _run(action, signum)

    threading.Thread(target=watch, name="signals", daemon=True).start()
    return True


def _run(action: Action, signum: int) -> None:
    try:
        action()
    except Exception as exc:  # a signal must never kill the thread that reads the next one
        log.error("signal %d: %s", signum, scrub(repr(exc)))
