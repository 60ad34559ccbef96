"""Views → how the tray opens the History… window without importing matplotlib: a child
process (charts/window.py), like the token dialog. The one-folder app (PyInstaller) is built
without matplotlib (packaging/pyinstaller/mystatus-tray.spec excludes it: +60 MB for one
window), so there `unavailable()` says so and the tray shows that, with the terminal
alternative, instead of a window."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tray_app.charts.window import EXIT_OK, EXIT_UNREADABLE
from tray_app.tray.dialog import tk_available


class ChartUnavailable(RuntimeError):
    """No chart here; `key` is the i18n message (with `reason`) to show instead."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


def unavailable() -> ChartUnavailable | None:
    """Why no chart window can open here, or None."""
    if getattr(sys, "frozen", False):
        return ChartUnavailable("history.chart_unavailable", "not in the one-folder app")
    if importlib.util.find_spec("matplotlib") is None:
        return ChartUnavailable("history.chart_unavailable", "matplotlib is not installed")
    if not tk_available():
        return ChartUnavailable("history.window_unavailable", "no Tk display")
    return None


def chart_command(db: Path, lang: str, threshold: float) -> list[str]:
    return [sys.executable, "-m", "tray_app.charts.window", "--db", str(db), "--lang", lang,
            "--threshold", f"{threshold:g}"]


def show_chart(db: Path, lang: str, threshold: float) -> None:
    """Open the window and wait until it is closed (call from a worker thread). Raises
    ChartUnavailable when it could not be shown."""
    problem = unavailable()
    if problem is not None:
        raise problem
    try:
        result = subprocess.run(chart_command(db, lang, threshold), capture_output=True,
                                text=True, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise ChartUnavailable("history.window_unavailable", type(exc).__name__) from exc
    reason = result.stderr.strip().splitlines()[-1:] or ["exit code " + str(result.returncode)]
    if result.returncode == EXIT_UNREADABLE:
        raise ChartUnavailable("history.unreadable", reason[0][-200:])
    if result.returncode != EXIT_OK:  # EXIT_NO_WINDOW, or a crash (its last line)
        raise ChartUnavailable("history.window_unavailable", reason[0][-200:])
