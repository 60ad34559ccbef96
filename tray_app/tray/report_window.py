"""The report window of tray backends without menus (pystray's xorg): a click on the icon
opens a small Tk window that reads like the menu: what runs out soon first, then the
providers worst first (the menu's severity: at/over the threshold or running out, errors,
warning, calm), each summary line coloured by its severity, the last update; buttons for
Refresh now, History…, the dashboards and Quit; another click (or Escape) closes it.

Like the token dialog (tray/dialog.py) the window runs in a child process
(`python -m tray_app.tray.report_window`, in a bundle `<exe> --report-window`), so the tray
process never imports Tk. The tray writes one JSON object per line to the child's stdin
({"lines": [...], "tags": [severity per line], "buttons": [[action, text], ...]}), again
after every update (the window follows the numbers); the child writes the action id of a
pressed button to its stdout (the tray runs only actions it offered) and closes when its
stdin closes (the tray quit).

Debug hook: env MYSTATUS_DEBUG_WINDOW_FILE = a JSON file the child rewrites with its
window's root coordinates and every button's box (desktop tests click them for real).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from tray_app import APP_NAME
from tray_app.tray import dialog
from tray_app.tray.menu import SEVERITY_RANK, MenuEntry

log = logging.getLogger(__name__)

FROZEN_FLAG = "--report-window"  # handled first thing in cli.main, like dialog.FROZEN_FLAG
BUTTON_ACTIONS = ("refresh", "history", "quit")  # in this order; dashboards before Quit
# the text colour of a line by its severity (the icon's hues, darkened to read on a light
# window); the lines without one keep the window's colour
COLOURS = {"high": "#C62828", "error": "#C62828", "warning": "#9A5B00", "ok": "#2E7D32"}
LINKS_PER_ROW = 4
DEBUG_ENV = "MYSTATUS_DEBUG_WINDOW_FILE"
MAX_ROWS, MAX_COLUMNS = 30, 100  # the text area's size at most (it scrolls)
CLOSE_WAIT = 2.0  # seconds for the child to close by itself before it is terminated


def report_rows(entries: Iterable[MenuEntry]) -> list[tuple[str, str]]:
    """(text, severity) of the menu's report: everything above its controls (problems, what
    runs out, providers with their submenus indented, the last update), "" for a separator.
    The providers come worst first (the menu keeps the registry's order). Refresh now is a
    button."""
    out: list[tuple[str, str]] = []
    providers: list[MenuEntry] = []

    def flush() -> None:
        for entry in sorted(providers, key=lambda e: SEVERITY_RANK.get(e.severity, 4)):
            out.extend(_lines(entry, 0))
        providers.clear()

    after_refresh = False
    for entry in entries:
        if entry.separator:
            flush()
            if after_refresh:
                break  # the controls follow: Settings, token, dashboards, Quit
            out.append(("", ""))
        elif entry.action == "refresh":
            after_refresh = True
        elif entry.children and entry.action is None:
            providers.append(entry)
        else:
            out.extend(_lines(entry, 0))
    flush()
    return out


def report_lines(entries: Iterable[MenuEntry]) -> list[str]:
    return [text for text, _ in report_rows(entries)]


def _lines(entry: MenuEntry, depth: int) -> list[tuple[str, str]]:
    if entry.separator:
        return [("", "")]
    out = [("    " * depth + entry.text, entry.severity)]
    for child in entry.children:
        out.extend(_lines(child, depth + 1))
    return out


def buttons(entries: Sequence[MenuEntry]) -> list[tuple[str, str]]:
    """(action, text) of the buttons, with the menu's own (localized) texts: Refresh now,
    History…, one per dashboard ("open:https://…", the provider's name), Quit."""
    found = {e.action: e.text for e in entries if e.action in BUTTON_ACTIONS}
    out = [(action, found[action]) for action in BUTTON_ACTIONS[:-1] if action in found]
    for entry in entries:  # the menu's "Open dashboard" submenu: links only
        links = [(c.action or "", c.text) for c in entry.children]
        if links and all(action.startswith("open:https://") for action, _ in links):
            out += links
    if "quit" in found:
        out.append(("quit", found["quit"]))
    return out


def window_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_FLAG]
    return [sys.executable, "-m", "tray_app.tray.report_window"]


class ReportWindow:
    """The tray's side: opens/closes the child, feeds it the report, runs its buttons.
    `show` may be called from any thread; `dispatch` gets the pressed button's action."""

    def __init__(self, dispatch: Callable[[str], None],
                 available: Callable[[], bool] = dialog.tk_available) -> None:
        self._dispatch = dispatch
        self._available = available
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None
        self._message = ""
        self._offered: set[str] = set()  # the actions of the buttons shown
        self.opened = 0  # for tests

    def show(self, entries: Sequence[MenuEntry]) -> None:
        """The report to show (now, if the window is open; else when it opens)."""
        rows, offered = report_rows(entries), buttons(entries)
        message = json.dumps({"lines": [text for text, _ in rows],
                              "tags": [tag for _, tag in rows], "buttons": offered},
                             ensure_ascii=False)
        with self._lock:
            self._message = message
            self._offered = {action for action, _ in offered}
            if self._proc is not None and self._proc.poll() is None:
                self._send(self._proc, message)

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._proc is not None and self._proc.poll() is None

    def toggle(self) -> bool:
        """Open the window, or close it when it is open. False: no Tk to show it with."""
        if self.is_open:
            self.close()
            return True
        if not self._available():
            log.warning("no Tk: the report window cannot open (python3-tk is missing)")
            return False
        try:
            proc = subprocess.Popen(
                window_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        except OSError as exc:
            log.warning("the report window did not start: %s", exc)
            return False
        with self._lock:
            self._proc = proc
            self.opened += 1
            self._send(proc, self._message)
        threading.Thread(target=self._read, args=(proc,), name="report-window",
                         daemon=True).start()
        return True

    def _send(self, proc: subprocess.Popen[str], message: str) -> None:
        try:
            assert proc.stdin is not None
            proc.stdin.write(message + "\n")
            proc.stdin.flush()
        except (OSError, ValueError) as exc:  # the window was just closed
            log.debug("report window gone: %s", exc)

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None and proc.stderr is not None
        with proc.stdout, proc.stderr:
            for line in proc.stdout:
                action = line.strip()
                with self._lock:
                    offered = action in self._offered or action in BUTTON_ACTIONS
                if offered:  # never an action the tray did not offer
                    self._dispatch(action)
            rc = proc.wait()
            errors = proc.stderr.read().strip()
        with self._lock:  # closed by the user (Esc, Quit): its stdin goes too
            try:
                assert proc.stdin is not None
                proc.stdin.close()
            except OSError:
                pass
        if rc != 0 or errors:
            log.warning("report window exit %s: %s", rc, errors[-500:])

    def close(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.close()  # the child closes its window on EOF
            proc.wait(timeout=CLOSE_WAIT)
        except (OSError, subprocess.TimeoutExpired):
            proc.terminate()


# ------------------------------------------------------------------------------ the child
def columns(line: str) -> int:
    """Terminal-style width: CJK and other wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def _bind(press: Callable[[str], None], action: str) -> Callable[[], None]:
    return lambda: press(action)


def _reader(stream: IO[str], out: queue.Queue[dict[str, Any] | None]) -> None:
    for line in stream:
        try:
            out.put(json.loads(line))
        except ValueError:
            continue
    out.put(None)  # EOF: the tray closed the window (or quit)


def _window(debug: Path | None) -> None:
    """The Tk window itself (child process only)."""
    import tkinter as tk

    updates: queue.Queue[dict[str, Any] | None] = queue.Queue()
    threading.Thread(target=_reader, args=(sys.stdin, updates), daemon=True).start()
    root = tk.Tk()
    root.title(APP_NAME)
    root.attributes("-topmost", True)
    frame = tk.Frame(root, padx=14, pady=12)
    frame.pack(fill="both", expand=True)
    row = tk.Frame(frame)  # packed first: the buttons stay visible however long the report
    row.pack(side="bottom", anchor="e", pady=(10, 0))
    links = tk.Frame(frame)  # the dashboards, above the buttons
    links.pack(side="bottom", anchor="e", pady=(6, 0))
    scroll = tk.Scrollbar(frame)
    scroll.pack(side="right", fill="y")
    text = tk.Text(frame, wrap="none", relief="flat", highlightthickness=0,
                   yscrollcommand=scroll.set, background=root.cget("background"))
    text.pack(side="left", fill="both", expand=True)
    scroll.configure(command=text.yview)
    for tag, colour in COLOURS.items():
        text.tag_configure(tag, foreground=colour)
    shown: dict[str, tk.Button] = {}
    lines: list[str] = []

    def press(action: str) -> None:
        sys.stdout.write(action + "\n")
        sys.stdout.flush()
        if action == "quit":
            root.destroy()

    def apply(message: dict[str, Any]) -> None:
        lines[:] = [str(line) for line in message.get("lines", ())]
        top = text.yview()[0]
        text.configure(state="normal", width=min(MAX_COLUMNS, max(map(columns, lines), default=20)),
                       height=max(1, min(MAX_ROWS, len(lines))))
        text.delete("1.0", "end")
        text.insert("1.0", "\n".join(lines))
        for number, tag in enumerate(message.get("tags", ()), start=1):
            if tag in COLOURS:
                text.tag_add(str(tag), f"{number}.0", f"{number}.end")
        text.configure(state="disabled")
        text.yview_moveto(top)  # a refresh keeps the place the user scrolled to
        wanted = [(str(a), str(label)) for a, label in message.get("buttons", ())
                  if a in BUTTON_ACTIONS or str(a).startswith("open:https://")]
        for action in [a for a in shown if a not in dict(wanted)]:
            shown.pop(action).destroy()
        for action, label in wanted:
            if action not in shown:
                parent = links if action.startswith("open:") else row
                shown[action] = tk.Button(parent, command=_bind(press, action))
            shown[action].configure(text=label)
        for button in shown.values():
            button.grid_forget()
        dashboards = [a for a, _ in wanted if a.startswith("open:")]
        for n, action in enumerate(dashboards):  # a few per row: the window stays narrow
            shown[action].grid(row=n // LINKS_PER_ROW, column=n % LINKS_PER_ROW, padx=(8, 0),
                               pady=(0, 4))
        for n, action in enumerate(a for a in BUTTON_ACTIONS if a in shown):
            shown[action].grid(row=0, column=n, padx=(8, 0))  # Refresh now, History…, Quit
        root.after_idle(write_debug)

    def write_debug() -> None:
        if debug is None:
            return
        root.update_idletasks()
        boxes = {a: [b.winfo_rootx(), b.winfo_rooty(), b.winfo_width(), b.winfo_height()]
                 for a, b in shown.items()}
        # the colour tags as the Text widget holds them, line by line
        tags = [next((t for t in text.tag_names(f"{n}.0") if t in COLOURS), "")
                for n in range(1, len(lines) + 1)]
        data = {"window": root.winfo_id(), "lines": lines, "tags": tags,
                "buttons": boxes}
        tmp = debug.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, debug)

    def poll() -> None:
        while True:
            try:
                message = updates.get_nowait()
            except queue.Empty:
                break
            if message is None:
                root.destroy()
                return
            apply(message)
        root.after(100, poll)

    root.bind("<Configure>", lambda _e: root.after_idle(write_debug))  # buttons may move
    root.bind("<Escape>", lambda _e: root.destroy())
    root.protocol("WM_DELETE_WINDOW", root.destroy)
    poll()
    root.mainloop()


def main(argv: list[str] | None = None) -> int:
    del argv  # no options: everything comes on stdin
    debug = os.environ.get(DEBUG_ENV, "")
    try:
        _window(Path(debug) if debug else None)
    except Exception as exc:  # TclError (no display), ImportError (no _tkinter)
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return dialog.EXIT_NO_TK
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
