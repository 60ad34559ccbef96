"""Views → the History… window: a process of its own (`python -m tray_app.charts.window`),
started by the tray (charts/launch.py) like the token dialog, so that matplotlib and Tk never
enter the tray process (its memory and launch figures stay as they are). It reads the
history file read-only and shows the chart (charts/plot.py) in a scrollable Tk window, with
a provider/account filter above it; the figure is drawn again for the new width when the
window is resized (its panels flow into columns when wide). Escape or the window's close
button ends it.

Exit codes: 0 closed; 3 no window possible (no Tk, no display, no matplotlib): the tray then
tells the user `mystatus-tray history --plot` instead.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tray_app.i18n import detect_language, t
from tray_app.model import utcnow
from tray_app.providers.names import PROVIDER_NAMES

if TYPE_CHECKING:  # pragma: no cover - the tray imports this module for its exit codes only
    from tray_app.charts.series import ChartSeries
    from tray_app.spend.series import SpendSeries

Choice = tuple[str | None, str | None]  # (provider, account): None = all

EXIT_OK, EXIT_NO_WINDOW, EXIT_UNREADABLE = 0, 3, 4
DEBUG_ENV = "MYSTATUS_DEBUG_CHART_FILE"
WM_CLASS = "mystatus-tray-history"


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


def _debug(**facts: Any) -> None:
    """Debug hook for tests and screenshots: env MYSTATUS_DEBUG_CHART_FILE = a JSON file
    rewritten after each draw (what is shown), so they wait on state, not on time."""
    target = os.environ.get(DEBUG_ENV)
    if target:
        import json

        Path(target).write_text(json.dumps(facts, ensure_ascii=False), "utf-8")


def filter_choices(series: Sequence[ChartSeries], lang: str) -> list[tuple[str, Choice]]:
    """The filter's entries: everything, each provider, and each account of a provider
    that has several (menu order, as the series come)."""
    from tray_app.charts.labels import short_account

    out: list[tuple[str, Choice]] = [(t("chart.filter_all", lang), (None, None))]
    accounts: dict[str, list[str]] = {}
    for s in series:
        seen = accounts.setdefault(s.provider, [])
        if s.account not in seen:
            seen.append(s.account)
    for provider, labels in accounts.items():
        name = PROVIDER_NAMES.get(provider, provider)
        out.append((name, (provider, None)))
        if len(labels) > 1:
            out += [(f"{name} · {short_account(label)}", (provider, label)) for label in labels]
    return out


def chosen(series: Sequence[ChartSeries], choice: Choice) -> list[ChartSeries]:
    provider, account = choice
    return [s for s in series if (provider is None or s.provider == provider)
            and (account is None or s.account == account)]


def _window(db: Path | None, lang: str, threshold: float, theme: str, scale: float,
            width: int) -> None:
    import tkinter as tk
    from tkinter import ttk

    from tray_app.charts import plot
    from tray_app.charts.labels import order, saved_windows, title
    from tray_app.charts.series import chart_series
    from tray_app.charts.spend_bars import DAYS, shown
    from tray_app.spend import series as spend_series
    from tray_app.spend.store import FILE_NAME

    if db is None:  # --demo: the demo's accounts now, with their believable past, and the
        # spend panel from the logs `spend --demo` generates
        import tempfile

        from tray_app.charts.labels import known_windows
        from tray_app.simulator.demo import demo_history

        with tempfile.TemporaryDirectory(prefix="mystatus-demo-") as tmp:
            path, snapshot = demo_history(Path(tmp))
            now = snapshot.generated_at
            known = known_windows(snapshot.providers)
            series = chart_series(path, now, order=order(known))
        spend: SpendSeries | None = spend_series.demo(DAYS, now.astimezone().date())
    else:
        now = utcnow()
        known = saved_windows(db.parent)
        series = chart_series(db, now, order=order(known))
        # the spend store beside the history (read only, never created): no panel without it
        spend = spend_series.stored(DAYS, now.astimezone().date(),
                                    db.parent / FILE_NAME)
    root = tk.Tk(className=WM_CLASS)  # one name for every language (tests, screenshots)
    root.title(t("chart.window_title", lang))
    colors = plot.THEMES[theme]
    # matplotlib's Tk canvas applies the screen's pixel ratio itself (96 dpi = 1, 192 = 2):
    # the figure is drawn at scale 1 unless a scale is forced (screenshots)
    ratio = scale if scale > 0 else max(1.0, float(root.tk.call("tk", "scaling")) * 72 / 96)
    choices = filter_choices(series, lang)
    state: dict[str, Any] = {"choice": choices[0][1], "width": 0, "canvas": None, "job": None,
                             "ratio": ratio}

    bar = tk.Frame(root, bg=colors["bg"], padx=12, pady=6)
    bar.pack(side="top", fill="x")
    tk.Label(bar, text=t("chart.filter_label", lang), bg=colors["bg"],
             fg=colors["fg"]).pack(side="left")
    picker = ttk.Combobox(bar, state="readonly", values=[c[0] for c in choices],
                          width=max(16, min(48, max(len(c[0]) for c in choices) + 2)))
    picker.current(0)
    picker.pack(side="left", padx=(6, 0))
    body = tk.Frame(root, bg=colors["bg"])
    body.pack(fill="both", expand=True)
    holder = tk.Canvas(body, highlightthickness=0, bg=colors["bg"])
    scroll = tk.Scrollbar(body, orient="vertical", command=holder.yview)
    holder.configure(yscrollcommand=scroll.set)
    scroll.pack(side="right", fill="y")
    holder.pack(side="left", fill="both", expand=True)

    def redraw() -> None:
        state["job"] = None
        shown = chosen(series, state["choice"])
        px = max(holder.winfo_width(), 1)
        fig_width = max(plot.COLUMN_MIN, int(px / state["ratio"]))
        hint = None if shown or not series else t("chart.filtered_empty", lang)
        fig = plot.draw(shown, now=now, lang=lang, threshold=threshold, theme=theme,
                        scale=scale if scale > 0 else 1.0, width=fig_width, known=known,
                        empty_hint=hint, spend=spend)
        old = state["canvas"]
        canvas = plot.tk_canvas(fig, holder)
        widget = canvas.get_tk_widget()
        holder.delete("all")
        holder.create_window(0, 0, window=widget, anchor="nw")
        if old is not None:
            old.get_tk_widget().destroy()
        state["canvas"], state["width"] = canvas, px
        root.update_idletasks()
        # the pixels per figure pixel matplotlib's Tk canvas really used (the screen's
        # ratio as it reads it): a figure wider than the window is drawn again to fit
        used = widget.winfo_reqwidth() / fig_width
        if abs(used - state["ratio"]) > 0.01 and px > 1:
            state["ratio"] = used
            if widget.winfo_reqwidth() > px + 2 and fig_width > plot.COLUMN_MIN:
                redraw()
                return
        holder.configure(scrollregion=(0, 0, widget.winfo_reqwidth(),
                                       widget.winfo_reqheight()))
        state["draws"] = state.get("draws", 0) + 1
        _debug(draws=state["draws"], width=fig_width, columns=plot.columns_for(fig_width),
               panels=len(shown), choice=picker.get(),
               titles=[title(s, lang, known) for s in shown],
               choices=[c[0] for c in choices], spend_days=len(spend.days) if spend else 0,
               spend_models=list(spend.stacks) if spend else [])

    def later(_event: Any = None) -> None:
        if state["job"] is not None:
            root.after_cancel(state["job"])
        state["job"] = root.after(150, redraw)  # once the resizing pauses

    def resized(event: Any) -> None:
        if event.widget is not holder:
            return
        if state["canvas"] is None:
            redraw()  # the first draw, once the window has its size
        elif abs(event.width - state["width"]) > 8:
            later()

    def picked(_event: Any) -> None:
        state["choice"] = choices[picker.current()][1]
        holder.yview_moveto(0)
        redraw()

    picker.bind("<<ComboboxSelected>>", picked)
    holder.bind("<Configure>", resized, add="+")
    first_w, first_h = plot.pixel_size(len(series), ratio, width, shown(spend))
    shown_h = min(first_h, int(root.winfo_screenheight() * 0.85))
    holder.configure(width=min(first_w, int(root.winfo_screenwidth() * 0.95)), height=shown_h)

    def wheel(event: Any) -> None:
        step = -1 if getattr(event, "num", 0) == 4 or getattr(event, "delta", 0) > 0 else 1
        holder.yview_scroll(step * 3, "units")

    for sequence in ("<Button-4>", "<Button-5>", "<MouseWheel>"):
        root.bind_all(sequence, wheel)
    root.bind("<Escape>", lambda _e: root.destroy())
    root.protocol("WM_DELETE_WINDOW", root.destroy)
    root.mainloop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tray_app.charts.window")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path)
    where.add_argument("--demo", action="store_true", help="the demo's accounts (screenshots)")
    parser.add_argument("--lang", default=None)
    parser.add_argument("--threshold", type=float, default=80.0)
    parser.add_argument("--theme", choices=("auto", "light", "dark"), default="auto")
    parser.add_argument("--scale", type=float, default=0.0, help="0 = from the screen's DPI")
    parser.add_argument("--width", type=int, default=900, help="first width, pixels at 100 %%")
    args = parser.parse_args(argv)
    lang = detect_language(args.lang)
    import sqlite3  # here: the tray imports this module (for its exit codes) but not SQLite

    theme = args.theme if args.theme != "auto" else ("dark" if prefers_dark() else "light")
    try:
        _window(args.db, lang, args.threshold, theme, args.scale, args.width)
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
