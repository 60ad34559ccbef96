"""Views → the History… window: a process of its own (`python -m tray_app.charts.window`),
started by the tray (charts/launch.py) like the token dialog, so that matplotlib and Tk never
enter the tray process (its memory and launch figures stay as they are). It reads the
history file read-only and shows the chart (charts/plot.py) in a scrollable Tk window;
Escape or the window's close button ends it.

Exit codes: 0 closed; 3 no window possible (no Tk, no display, no matplotlib): the tray then
tells the user `mystatus-tray history --plot` instead.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tray_app.i18n import detect_language, t
from tray_app.model import utcnow

EXIT_OK, EXIT_NO_WINDOW, EXIT_UNREADABLE = 0, 3, 4


def prefers_dark() -> bool:
    """The desktop's dark setting, best effort (GNOME, macOS, Windows); light otherwise."""
    try:
        if sys.platform == "darwin":
            out = subprocess.run(["defaults", "read", "-g", "AppleInterfaceStyle"],
                                 capture_output=True, text=True, timeout=2).stdout
            return "dark" in out.lower()
        if sys.platform == "win32":
            import winreg

            key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Windows"
                                 r"\CurrentVersion\Themes\Personalize")
            return winreg.QueryValueEx(key, "AppsUseLightTheme")[0] == 0
        theme = os.environ.get("GTK_THEME", "")
        if theme:
            return theme.lower().endswith(":dark") or "dark" in theme.lower()
        out = subprocess.run(["gsettings", "get", "org.gnome.desktop.interface",
                              "color-scheme"], capture_output=True, text=True, timeout=2).stdout
        return "dark" in out
    except (OSError, subprocess.SubprocessError, ValueError):
        return False


def _window(db: Path, lang: str, threshold: float, theme: str) -> None:
    import tkinter as tk

    from tray_app.charts import plot
    from tray_app.charts.series import chart_series

    root = tk.Tk()
    root.title(t("chart.window_title", lang))
    # Tk knows the screen's DPI: 96 = 100 %, 192 = 200 %
    scale = min(3.0, max(1.0, float(root.winfo_fpixels("1i")) / 96))
    now = utcnow()
    series = chart_series(db, now)
    fig = plot.draw(series, now=now, lang=lang, threshold=threshold, theme=theme, scale=scale)
    width, height = plot.pixel_size(len(series), scale)
    colors = plot.THEMES[theme]
    shown = min(height, int(root.winfo_screenheight() * 0.85))
    frame = tk.Frame(root, bg=colors["bg"])
    frame.pack(fill="both", expand=True)
    canvas = tk.Canvas(frame, width=width, height=shown, highlightthickness=0, bg=colors["bg"])
    bar = tk.Scrollbar(frame, orient="vertical", command=canvas.yview)
    canvas.configure(yscrollcommand=bar.set, scrollregion=(0, 0, width, height))
    canvas.pack(side="left", fill="both", expand=True)
    if shown < height:
        bar.pack(side="right", fill="y")
    widget = plot.tk_canvas(fig, canvas)
    canvas.create_window(0, 0, window=widget, anchor="nw")

    def scroll(event: Any) -> None:
        step = -1 if getattr(event, "num", 0) == 4 or getattr(event, "delta", 0) > 0 else 1
        canvas.yview_scroll(step * 3, "units")

    for sequence in ("<Button-4>", "<Button-5>", "<MouseWheel>"):
        root.bind_all(sequence, scroll)
    root.bind("<Escape>", lambda _e: root.destroy())
    root.protocol("WM_DELETE_WINDOW", root.destroy)
    root.mainloop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tray_app.charts.window")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--threshold", type=float, default=80.0)
    parser.add_argument("--theme", choices=("auto", "light", "dark"), default="auto")
    args = parser.parse_args(argv)
    lang = detect_language(args.lang)
    theme = args.theme if args.theme != "auto" else ("dark" if prefers_dark() else "light")
    try:
        _window(args.db, lang, args.threshold, theme)
    except sqlite3.Error as exc:  # the tray sets the file aside at its next refresh
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ImportError as exc:  # no matplotlib, no _tkinter
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_NO_WINDOW
    except Exception as exc:  # TclError: no display
        if type(exc).__name__ != "TclError":
            raise
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_NO_WINDOW
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
