"""Views → the usage-history chart drawn with matplotlib, its only importer (the tray process
never imports this module: the chart runs in its own process, charts/window.py, or in the
`history --plot` command). One panel per window: used % over time (a step line, since a
sample holds until the next), reset boundaries, the threshold line and the forecast to its
run-out point or the reset. Light and dark; `scale` 2 = the same layout at twice the
pixels (200 % screens), so every text stays readable.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tray_app.charts.series import ChartSeries
from tray_app.i18n import t
from tray_app.monitoring.history_rules import HEARTBEAT
from tray_app.providers.names import PROVIDER_NAMES

CELL_W, CELL_H, HEADER, FOOTER = 900, 230, 64, 16  # pixels at scale 1
DPI = 100
THEMES: dict[str, dict[str, str]] = {
    "light": {"bg": "#ffffff", "panel": "#ffffff", "fg": "#1f2328", "muted": "#59636e",
              "grid": "#d8dee4", "line": "#0969da", "forecast": "#8250df",
              "threshold": "#cf222e", "reset": "#6e7781"},
    "dark": {"bg": "#0d1117", "panel": "#161b22", "fg": "#e6edf3", "muted": "#9198a1",
             "grid": "#30363d", "line": "#4493f8", "forecast": "#ab7df8",
             "threshold": "#f85149", "reset": "#9198a1"},
}
# CJK titles need a CJK font; the first of these that is installed is the fallback.
CJK_FONTS = ("Noto Sans CJK TC", "Noto Sans CJK SC", "Noto Sans TC", "Noto Sans SC",
             "Source Han Sans TW", "Source Han Sans CN", "Microsoft JhengHei",
             "Microsoft YaHei", "PingFang TC", "PingFang SC", "WenQuanYi Zen Hei",
             "AR PL UMing TW")


def pixel_size(count: int, scale: float = 1.0) -> tuple[int, int]:
    """The chart's size in pixels for `count` windows (an empty chart has room for one)."""
    rows = max(1, count)
    return round(CELL_W * scale), round((HEADER + FOOTER + rows * CELL_H) * scale)


def _fonts() -> list[str]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *(name for name in CJK_FONTS if name in installed)]


def _title(s: ChartSeries) -> str:
    return f"{PROVIDER_NAMES.get(s.provider, s.provider)} · {s.account} · {s.window}"


def _local(when: datetime) -> datetime:
    return when.astimezone()


def _panel(ax: Any, s: ChartSeries, *, now: datetime, lang: str, threshold: float,
           c: dict[str, str], legend: bool) -> None:
    times = [_local(p[0]) for p in s.points]
    values = [p[1] for p in s.points]
    if s.points and now - s.points[-1][0] <= HEARTBEAT + timedelta(minutes=10):
        times.append(_local(now))  # the last value holds until now (stored on change only)
        values.append(values[-1])
    ax.set_facecolor(c["panel"])
    if times:
        ax.fill_between(times, values, step="post", color=c["line"], alpha=0.15, lw=0)
        ax.step(times, values, where="post", color=c["line"], lw=1.8, label=t("chart.used", lang))
    ax.axhline(threshold, color=c["threshold"], ls="--", lw=1.2,
               label=t("chart.threshold", lang, n=round(threshold)))
    boundaries = [*s.resets, *([s.resets_at] if s.resets_at is not None else [])]
    for i, when in enumerate(boundaries):
        ax.axvline(_local(when), color=c["reset"], ls=":", lw=1.1, alpha=0.8,
                   label=t("chart.reset", lang) if i == 0 else None)
    if s.forecast is not None:
        (t0, v0), (t1, v1) = s.forecast.points
        ax.plot([_local(t0), _local(t1)], [v0, v1], color=c["forecast"], ls="--", lw=1.8,
                label=t("chart.forecast", lang))
        if s.forecast.runs_out_at is not None:
            out = _local(s.forecast.runs_out_at)
            ax.plot([out], [100], marker="X", ms=9, color=c["forecast"])
            ax.annotate(t("chart.runs_out", lang, time=out.strftime("%H:%M")), (out, 100),
                        xytext=(-6, -14), textcoords="offset points", ha="right",
                        color=c["forecast"], fontsize=9, fontweight="bold")
        elif s.resets_at is not None:
            ax.annotate(t("chart.lasts", lang), (_local(t1), v1), xytext=(-6, 6),
                        textcoords="offset points", ha="right", color=c["forecast"],
                        fontsize=9)
    ax.set_xlim(_local(s.start), _local(s.end))
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9, tz=_local(now).tzinfo)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=_local(now).tzinfo))
    ax.grid(True, color=c["grid"], lw=0.6)
    ax.set_title(_title(s), loc="left", fontsize=11, color=c["fg"], fontweight="bold")
    ax.tick_params(colors=c["muted"], labelsize=9)
    for spine in ax.spines.values():
        spine.set_color(c["grid"])
    if legend:
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, ncols=4,
                  frameon=False, labelcolor=c["fg"], borderaxespad=0.2)


def draw(series: Sequence[ChartSeries], *, now: datetime, lang: str, threshold: float,
         theme: str = "light", scale: float = 1.0) -> Figure:
    """The whole chart as a matplotlib Figure (no pyplot: no global state, no backend)."""
    c = THEMES.get(theme, THEMES["light"])
    width, height = pixel_size(len(series))
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": _fonts(),
                                "axes.unicode_minus": False}):
        fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI * scale, facecolor=c["bg"])
        fig.text(16 / width, 1 - 22 / height, t("chart.title", lang), color=c["fg"],
                 fontsize=14, fontweight="bold", va="center")
        if not series:
            fig.text(0.5, 0.5, t("chart.empty", lang), ha="center", va="center",
                     color=c["muted"], fontsize=11)
        left, right = 70 / width, 20 / width
        for i, s in enumerate(series):
            top = HEADER + i * CELL_H + 24  # the panel's title sits in the 24 px above it
            bottom = HEADER + (i + 1) * CELL_H - 28  # the time axis labels below it
            ax = fig.add_axes((left, 1 - bottom / height, 1 - left - right,
                               (bottom - top) / height))
            _panel(ax, s, now=now, lang=lang, threshold=threshold, c=c, legend=i == 0)
    return fig


def save_png(fig: Figure, path: Path) -> tuple[int, int]:
    """Write the figure as PNG; its size in pixels."""
    canvas = FigureCanvasAgg(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a glyph missing from every font
        canvas.print_png(str(path))
    width, height = canvas.get_width_height()
    return int(width), int(height)


def tk_canvas(fig: Figure, master: Any) -> Any:
    """The figure as a Tk widget (the chart window)."""
    from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg

    canvas = FigureCanvasTkAgg(fig, master=master)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        canvas.draw()
    return canvas.get_tk_widget()
