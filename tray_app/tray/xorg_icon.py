"""pystray's xorg backend, corrected where it failed us (pystray 0.19, python-xlib 0.33).
The adapter (pystray_adapter.py) calls these once, right after it makes an xorg icon, before
the icon's loop runs.

- `listen_for_clicks`: the window never asked X for button presses.
- `dock_once`: every icon change asked the tray host to dock the icon again.
- `own_connection_for_calls`: a call from another thread used the loop's own X connection,
  and python-xlib can leave the loop waiting forever for a reply then.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

# What pystray runs on its loop thread when another thread asks (its _rewrite_implementation)
LOOP_CALLS = ("_show", "_hide", "_update_icon", "_update_title", "_stop")


def listen_for_clicks(icon: Any) -> None:
    """pystray 0.19's xorg backend handles ButtonPress but never asks X for it (its window's
    event mask is Exposure | StructureNotify): measured, a click reached the tray host only.
    Add ButtonPress to the mask so that a click runs the default action (our window)."""
    try:
        x = importlib.import_module("Xlib.X")
        icon._window.change_attributes(
            event_mask=x.ExposureMask | x.StructureNotifyMask | x.ButtonPressMask)
        icon._display.flush()
    except Exception as exc:  # another pystray version: the icon still shows
        log.warning("xorg: could not listen for clicks: %s", exc)


def dock_once(icon: Any) -> None:
    """pystray 0.19's xorg backend sends SYSTEM_TRAY_REQUEST_DOCK again on every icon change
    (`_update_icon` calls `_assert_docked`, which docks unconditionally) though the icon is
    docked already. trayer (GTK2's egg tray manager) answers every request with a new
    GtkSocket that re-embeds the window and destroys the previous socket: measured, one
    show and four icon changes gave six dock requests and a new socket each time, and
    trayer's log filled with "gtk_widget_get_display: assertion 'GTK_IS_WIDGET (widget)'
    failed" (the destroyed sockets' event filters stay on the icon's window). Re-embedding
    unmaps the window; a GtkSocket that sees that UnmapNotify marks its plug unmapped and
    asks for 1x1, and only a map request undoes that: the icon stays a one-pixel sliver.
    Which socket gets the event depends on those stale filters, i.e. on the icons that came
    and went before in the same trayer (the desktop tests failed only after other tests;
    a user's long-running trayer is in that state too), and the demo's first refresh changes
    the icon right after the first dock. Dock only when not docked, or when another tray host
    owns the selection now (what re-docking on updates gave: the icon follows a new tray)."""
    try:
        dock = icon._assert_docked
        current_host = icon._get_systray_manager
    except AttributeError as exc:  # another pystray version: leave it as it is
        log.warning("xorg: could not keep the icon docked once: %s", exc)
        return

    def assert_docked() -> None:
        docked = icon._systray_manager
        host = current_host()
        if docked is None or host is None or host.id != docked.id:
            dock()

    icon._assert_docked = assert_docked


def own_connection_for_calls(icon: Any) -> bool:
    """Calls from other threads (show, hide, a new image or title, stop) reach the loop over
    an X connection of their own; True when installed.

    pystray runs such a call by sending its own window a ClientMessage and flushing it, then
    waits for the loop to run the call. The send and the flush use the loop's python-xlib
    Display. python-xlib 0.33 has a race there. A thread that flushes and finds data to read
    returns early, and it does not wake a thread that began waiting for a reply meanwhile.
    That waiting thread is the loop itself: it is running the asked call (`_show` asks for
    the tray's selection owner), and nothing wakes it any more.

    This happened in 1 of 60 starts of the xorg tray with six busy loops on two cores.
    faulthandler showed the loop in `_show` → `get_selection_owner`, waiting on
    send_and_recv's wait lock, and the setup thread in pystray's `queue.get`. The icon said
    "loading…" for good.

    A ClientMessage can come from any client, and atoms are the server's. So the same message
    now goes out over a second connection that only the calling threads use, one call at a
    time (the lock is held until the loop has answered: pystray has one reply queue for all
    callers). The loop's Display is used by the loop thread alone. A call made on the loop
    thread runs at once, as before; so does one on the main thread before the loop starts there
    (the adapter runs the loop on the main thread). From another thread before then, a call
    waits for the loop (pystray read the loop's thread before it was set)."""
    try:
        x = importlib.import_module("Xlib.X")
        event = importlib.import_module("Xlib.protocol.event")
        display = importlib.import_module("Xlib.display").Display()
        window = display.create_resource_object("window", icon._window.id)
        replies = icon._queue
        originals = {name: getattr(type(icon), name).__get__(icon) for name in LOOP_CALLS}
        atoms = {name: display.intern_atom(f"_PYSTRAY_{name.upper()}") for name in LOOP_CALLS}
    except Exception as exc:  # another pystray or python-xlib: pystray's own way stays
        log.warning("xorg: calls from other threads keep pystray's connection: %s", exc)
        return False
    lock = threading.Lock()

    def dispatcher(name: str) -> Callable[[], None]:
        original, atom = originals[name], atoms[name]

        def call() -> None:
            loop = getattr(icon, "_thread", None)
            here = threading.current_thread()
            if here is (loop or threading.main_thread()):  # the loop's thread (to be): at once
                original()
                return
            with lock:
                window.send_event(event.ClientMessage(
                    window=window, client_type=atom,
                    data=(32, (x.CurrentTime, 0, 0, 0, 0))), event_mask=x.NoEventMask)
                display.flush()
                result = replies.get()
            if result is not True:
                raise result[1].with_traceback(result[2])

        return call

    for name in LOOP_CALLS:
        setattr(icon, name, dispatcher(name))
    icon._mystatus_calls_display = display  # kept open for the icon's life
    return True
