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


def _window(db: Path, lang: str, threshold: float, theme: str, scale: float) -> None:
    import tkinter as tk

    from tray_app.charts import plot
    from tray_app.charts.series import chart_series

    root = tk.Tk()
    root.title(t("chart.window_title", lang))
    now = utcnow()
    series = chart_series(db, now)
    # matplotlib's Tk canvas applies the screen's pixel ratio itself (96 dpi = 1, 192 = 2):
    # the figure is drawn at scale 1 unless a scale is forced (screenshots)
    fig = plot.draw(series, now=now, lang=lang, threshold=threshold, theme=theme,
                    scale=scale if scale > 0 else 1.0)
    colors = plot.THEMES[theme]
    frame = tk.Frame(root, bg=colors["bg"])
    frame.pack(fill="both", expand=True)
    canvas = tk.Canvas(frame, highlightthickness=0, bg=colors["bg"])
    widget = plot.tk_canvas(fig, canvas)
    canvas.create_window(0, 0, window=widget, anchor="nw")
    root.update_idletasks()
    width, height = widget.winfo_reqwidth(), widget.winfo_reqheight()
    shown = min(height, int(root.winfo_screenheight() * 0.85))
    bar = tk.Scrollbar(frame, orient="vertical", command=canvas.yview)
    canvas.configure(width=width, height=shown, yscrollcommand=bar.set,
                     scrollregion=(0, 0, width, height))
    canvas.pack(side="left", fill="both", expand=True)
    if shown < height:
        bar.pack(side="right", fill="y")

    def fit(_event: Any) -> None:  # matplotlib resizes the figure by the screen's pixel ratio
        w, h = widget.winfo_width(), widget.winfo_height()
        canvas.configure(width=w, scrollregion=(0, 0, w, h))

    widget.bind("<Configure>", fit, add="+")

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
    parser.add_argument("--scale", type=float, default=0.0, help="0 = from the screen's DPI")
    args = parser.parse_args(argv)
    lang = detect_language(args.lang)
    import sqlite3  # here: the tray imports this module (for its exit codes) but not SQLite

    theme = args.theme if args.theme != "auto" else ("dark" if prefers_dark() else "light")
    try:
        _window(args.db, lang, args.threshold, theme, args.scale)
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
