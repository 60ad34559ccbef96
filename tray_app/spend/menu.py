"""The tray menu's Spend section as data: "Spend: today $4.10 · 7 days $38 · 30 days $151"
with a submenu per tool and model, from the summary the scan child wrote; light on purpose
(runs in the tray: stdlib only, no SQLite, orjson or Babel).

Two hooks: tray/menu.py's build_menu adds `section(lang)` (reads the summary file, nothing
else), and tray/ui.py's TrayUI.show calls `maybe_scan(now)` for every published view, which
starts the scan child when the summary is older than INTERVAL and none is running; the menu
shows the new figures at the next refresh."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tray_app.spend import child

if TYPE_CHECKING:
    from tray_app.tray.menu import MenuEntry

INTERVAL = 300.0  # seconds between two scans, at most one every this often
enabled = True  # False in the demo tray (set by TrayUI): it reads nothing of the user's
_running: subprocess.Popen[bytes] | None = None
_started = 0.0


def entries(summary: dict[str, Any] | None, lang: str) -> tuple[MenuEntry, ...]:
    """The Spend line and its submenu (empty when nothing was ever spent or scanned)."""
    from tray_app.tray.menu import MenuEntry

    if not summary or not summary.get("any"):
        return ()
    texts = (summary.get("text") or {}).get(lang) or (summary.get("text") or {}).get("en")
    if not isinstance(texts, dict):
        return ()
    tools = tuple(
        MenuEntry(str(tool.get("title", "")),
                  children=tuple(MenuEntry(str(line), enabled=False)
                                 for line in tool.get("models", ())) or
                  (MenuEntry("–", enabled=False),))
        for tool in texts.get("tools", ()) if isinstance(tool, dict))
    return (MenuEntry(str(texts.get("line", "")), children=tools or
                      (MenuEntry("–", enabled=False),)),)


def _stale(summary: dict[str, Any] | None, now: datetime) -> bool:
    if summary is None:
        return True
    try:
        return abs((now - datetime.fromisoformat(str(summary.get("at")))).total_seconds()) \
            >= INTERVAL
    except (ValueError, TypeError):  # unreadable, or naive against aware
        return True


def maybe_scan(now: datetime, path: Path | None = None,
               launch: Any = subprocess.Popen) -> bool:
    """Start the scan child when due; True when one was started."""
    global _running, _started
    summary = child.read_summary(path)
    if _running is not None:
        if _running.poll() is None:
            return False
        _running = None
    if time.monotonic() - _started < INTERVAL and _started:
        return False
    if not _stale(summary, now):
        return False
    try:
        _running = launch(child.command(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    _started = time.monotonic()
    return True


def section(lang: str, path: Path | None = None) -> tuple[MenuEntry, ...]:
    """The hook tray/menu.py calls: the entries from the last summary (reads one small file)."""
    if not enabled:
        return ()
    return entries(child.read_summary(path), lang)
