"""Views → the usage-history chart drawn with matplotlib, its only importer (the tray process
never imports this module: the chart runs in its own process, charts/window.py, or in the
`history --plot` command). One panel per window, each on its own time scale
(charts/series.py): used % over time (a step line, since a sample holds until the next), a
"now" line, reset boundaries, the threshold line and the forecast with its run-out time.
Titles in words (charts/labels.py). Panels flow into columns when the figure is wide. Light
and dark; `scale` 2 = the same layout at twice the pixels (200 % screens).

Text in Chinese needs a CJK font: matplotlib falls back glyph by glyph only along an
explicit family list (the generic `sans-serif` resolves to one font), so the list is DejaVu
Sans then every installed CJK font that covers the text, found through matplotlib's font
manager (fonts installed after its cache was built are scanned for once). Dates on the axes
are CLDR's (i18n/numbers.py): 12月6日, not Dec 6.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from tray_app.charts import spend_bars
from tray_app.charts.labels import title
from tray_app.charts.series import ChartSeries, Key
from tray_app.i18n import numbers, t
from tray_app.model import Window
from tray_app.monitoring.history_rules import HEARTBEAT
from tray_app.spend.series import OTHER, SpendSeries

# a CJK font without a bold face is used at its regular weight: nothing the user must know
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
CELL_W, CELL_H, HEADER, FOOTER = 900, 230, 64, 16  # pixels at scale 1
COLUMN_MIN = 640  # a column of panels is at least this wide
DPI = 100
THEMES: dict[str, dict[str, str]] = {
    "light": {"bg": "#ffffff", "panel": "#ffffff", "fg": "#1f2328", "muted": "#59636e",
              "grid": "#d8dee4", "line": "#0969da", "forecast": "#8250df",
              "threshold": "#cf222e", "reset": "#6e7781", "now": "#1f2328"},
    "dark": {"bg": "#0d1117", "panel": "#161b22", "fg": "#e6edf3", "muted": "#9198a1",
             "grid": "#30363d", "line": "#4493f8", "forecast": "#ab7df8",
             "threshold": "#f85149", "reset": "#9198a1", "now": "#e6edf3"},
}
LATIN_FONT = "DejaVu Sans"  # matplotlib's own, always there
# CJK fonts by preference (Traditional first for zh-TW, Simplified first for zh-CN)
CJK_TC = ("Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TW", "Source Han Sans TC",
          "Microsoft JhengHei", "PingFang TC", "AR PL UMing TW")
CJK_SC = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans CN", "Source Han Sans SC",
          "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
CJK_ANY = ("Noto Sans CJK JP", "Source Han Sans", "Droid Sans Fallback", "Arial Unicode MS")
_CJK_FILES = ("cjk", "wqy", "han", "hei", "ming", "song", "droidsansfallback", "pingfang",
              "msjh", "msyh")


def columns_for(width: int) -> int:
    return max(1, min(3, width // COLUMN_MIN))


def pixel_size(count: int, scale: float = 1.0, width: int = CELL_W,
               spend: bool = False) -> tuple[int, int]:
    """The chart's size in pixels for `count` panels (an empty chart has room for one),
    and the spend panel's full-width row below them when `spend`."""
    rows = max(1, math.ceil(count / columns_for(width))) + (1 if spend else 0)
    return round(width * scale), round((HEADER + FOOTER + rows * CELL_H) * scale)


# ---------------------------------------------------------------- fonts
def _covers(name: str, text: str) -> bool:
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=name),
                                     fallback_to_default=False)
        charmap = font_manager.get_font(path).get_charmap()
    except (ValueError, OSError, RuntimeError):
        return False
    return all(ord(ch) in charmap for ch in text if not ch.isspace())


@lru_cache(maxsize=1)
def _scan_new_fonts() -> None:
    """Fonts installed after matplotlib built its font cache: add the CJK-looking ones."""
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        lower = Path(path).name.lower()
        if path not in known and any(k in lower for k in _CJK_FILES):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue


def _needs_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E7F for ch in text)


def font_families(lang: str, text: str = "") -> list[str]:
    """The family list for the chart: DejaVu Sans, then the installed CJK fonts that cover
    `text` (the chart's own words), preferred ones for the language first."""
    if not lang.startswith("zh") and not _needs_cjk(text):
        return [LATIN_FONT]
    preferred = (*CJK_TC, *CJK_SC) if lang == "zh-TW" else (*CJK_SC, *CJK_TC)
    wanted = "".join(ch for ch in text if _needs_cjk(ch)) or "用量歷史用量历史"

    def installed() -> list[str]:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return [n for n in (*preferred, *CJK_ANY) if n in names]

    found = installed()
    if not found:
        _scan_new_fonts()
        found = installed()
    covering = [n for n in found if _covers(n, wanted)]
    return [LATIN_FONT, *(covering or found)]


# ---------------------------------------------------------------- axes
def _local(when: datetime) -> datetime:
    return when.astimezone()


def _locator(start: datetime, end: datetime, tz: Any) -> Any:
    """Evenly spaced ticks: hours for a short axis, every n days (at midnight) for a long
    one, about seven of them."""
    span = end - start
    if span <= timedelta(days=2):
        return mdates.AutoDateLocator(minticks=4, maxticks=9, tz=tz)
    days = max(1, math.ceil(span / timedelta(days=7)))
    first = _local(start).replace(hour=0, minute=0, second=0, microsecond=0)
    rule = mdates.rrulewrapper(mdates.DAILY, interval=days, dtstart=first, tzinfo=tz)
    return mdates.RRuleLocator(rule, tz=tz)


def _tick_formatter(lang: str, span: timedelta, tz: Any) -> FuncFormatter:
    short = span <= timedelta(days=2)

    def fmt(x: float, _pos: int | None = None) -> str:
        when = mdates.num2date(x, tz=tz)
        if short and (when.hour, when.minute) != (0, 0):
            return numbers.clock(when, lang)
        return numbers.axis_date(when, lang)

    return FuncFormatter(fmt)


def _when(when: datetime, now: datetime, lang: str) -> str:
    """A time to read at a glance: 21:52 within a day, else Dec 8 21:52."""
    local = _local(when)
    if abs(when - now) < timedelta(hours=20):
        return numbers.clock(local, lang)
    return numbers.axis_date(local, lang, with_time=True)


def _status(s: ChartSeries, now: datetime, lang: str) -> str:
    """The panel's right-hand words: the latest value and what comes next."""
    parts = []
    if s.points:
        parts.append(t("chart.now_used", lang, n=numbers.compact(s.points[-1][1], lang)))
    if s.forecast is not None and s.forecast.runs_out_at is not None:
        parts.append(t("chart.runs_out", lang, time=_when(s.forecast.runs_out_at, now, lang)))
    elif s.resets_at is not None:
        parts.append(t("chart.resets", lang, time=_when(s.resets_at, now, lang)))
    return " · ".join(parts)


def _panel(ax: Any, s: ChartSeries, *, now: datetime, lang: str, threshold: float,
           c: dict[str, str], head: str) -> None:
    tz = _local(now).tzinfo
    times = [_local(p[0]) for p in s.points]
    values = [p[1] for p in s.points]
    if s.points and now - s.points[-1][0] <= HEARTBEAT + timedelta(minutes=10):
        times.append(_local(now))  # the last value holds until now (stored on change only)
        values.append(values[-1])
    ax.set_facecolor(c["panel"])
    if times:
        ax.fill_between(times, values, step="post", color=c["line"], alpha=0.15, lw=0)
        ax.step(times, values, where="post", color=c["line"], lw=1.8)
    ax.axhline(threshold, color=c["threshold"], ls="--", lw=1.2)
    for when in (*s.resets, *([s.resets_at] if s.resets_at is not None else [])):
        ax.axvline(_local(when), color=c["reset"], ls=":", lw=1.1, alpha=0.8)
    ax.axvline(_local(now), color=c["now"], lw=1.0, alpha=0.7)
    ax.annotate(t("chart.now", lang), (_local(now), 1.0), xycoords=("data", "axes fraction"),
                xytext=(3, -2), textcoords="offset points", va="top", fontsize=8,
                color=c["muted"])
    if s.forecast is not None:
        (t0, v0), (t1, v1) = s.forecast.points
        ax.plot([_local(t0), _local(t1)], [v0, v1], color=c["forecast"], ls="--", lw=1.8)
        if s.forecast.runs_out_at is not None:
            out = _local(s.forecast.runs_out_at)
            ax.plot([out], [100], marker="X", ms=9, color=c["forecast"])
            ax.annotate(t("chart.runs_out", lang, time=_when(s.forecast.runs_out_at, now,
                                                                lang)),
                        (out, 100), xytext=(-6, -14), textcoords="offset points", ha="right",
                        color=c["forecast"], fontsize=9, fontweight="bold")
        elif s.resets_at is not None:
            ax.annotate(t("chart.lasts", lang), (_local(t1), v1),
                        xytext=(-6, -14 if v1 > 80 else 6),
                        textcoords="offset points", ha="right", color=c["forecast"],
                        fontsize=9)
    ax.set_xlim(_local(s.start), _local(s.end))
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.xaxis.set_major_locator(_locator(s.start, s.end, tz))
    ax.xaxis.set_major_formatter(_tick_formatter(lang, s.end - s.start, tz))
    ax.grid(True, color=c["grid"], lw=0.6)
    ax.set_title(head, loc="left", fontsize=11, color=c["fg"], fontweight="bold")
    ax.set_title(_status(s, now, lang), loc="right", fontsize=9, color=c["muted"])
    ax.tick_params(colors=c["muted"], labelsize=9)
    for spine in ax.spines.values():
        spine.set_color(c["grid"])


# the spend panel's models, bottom up (the costliest lowest); "other" in the muted colour
SPEND_COLORS = {"light": ("#0969da", "#bf8700", "#1a7f37", "#8250df", "#cf222e", "#0550ae"),
                "dark": ("#4493f8", "#d29922", "#3fb950", "#ab7df8", "#f85149", "#79c0ff")}


def _spend_panel(ax: Any, spend: SpendSeries, *, lang: str, c: dict[str, str],
                 colors: Sequence[str]) -> None:
    """Stacked bars of cost per day by model, the money axis in the language's format."""
    count = len(spend.days)
    xs = list(range(count))
    for i, stack in enumerate(spend_bars.stacks(spend)):
        other = stack.label == OTHER
        name = t("spend.chart_other", lang) if other else stack.label
        ax.bar(xs, stack.heights, bottom=stack.bottoms, width=0.72, label=name, linewidth=0,
               color=c["reset"] if other else colors[i % len(colors)])
    ticks = spend_bars.money_ticks(max(spend.totals))
    digits = spend_bars.money_digits(ticks)
    ax.set_facecolor(c["panel"])
    ax.set_ylim(0, ticks[-1] * 1.32)  # room for the legend above the bars
    ax.set_yticks(ticks, [numbers.money(v, "USD", lang, digits=digits) for v in ticks])
    every = max(1, math.ceil(count / 15))
    marked = [i for i in xs if (count - 1 - i) % every == 0]
    ax.set_xticks(marked, [numbers.month_day(spend.days[i], lang) for i in marked])
    ax.set_xlim(-0.6, count - 0.4)
    ax.grid(True, axis="y", color=c["grid"], lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", ncols=3, fontsize=8, frameon=False, labelcolor=c["fg"])
    ax.set_title(t("spend.chart_title", lang), loc="left", fontsize=11, color=c["fg"],
                 fontweight="bold")
    status = t("spend.chart_total", lang, days=count,
               total=numbers.money(sum(spend.totals), "USD", lang))
    if spend.unpriced_days:
        status += " · " + t("spend.chart_unpriced", lang)
    ax.set_title(status, loc="right", fontsize=9, color=c["muted"])
    ax.tick_params(colors=c["muted"], labelsize=8)
    for spine in ax.spines.values():
        spine.set_color(c["grid"])


def spend_words(spend: SpendSeries | None, lang: str) -> str:
    """The spend panel's own words (for the font list)."""
    if not spend_bars.shown(spend):
        return ""
    assert spend is not None
    return "".join((t("spend.chart_title", lang), t("spend.chart_other", lang),
                    t("spend.chart_total", lang), t("spend.chart_unpriced", lang),
                    *(numbers.month_day(d, lang) for d in spend.days[-1:]),
                    *(s.label for s in spend_bars.stacks(spend))))


def _legend(fig: Figure, lang: str, threshold: float, c: dict[str, str], width: int,
            height: int) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c["line"], lw=1.8),
               Line2D([], [], color=c["forecast"], ls="--", lw=1.8),
               Line2D([], [], color=c["threshold"], ls="--", lw=1.2),
               Line2D([], [], color=c["reset"], ls=":", lw=1.1),
               Line2D([], [], color=c["now"], lw=1.0)]
    names = [t("chart.used", lang), t("chart.forecast", lang),
             t("chart.threshold", lang, n=round(threshold)), t("chart.reset", lang),
             t("chart.now", lang)]
    fig.legend(handles, names, loc="center right", ncols=5, frameon=False, fontsize=8,
               labelcolor=c["fg"], bbox_to_anchor=(1 - 12 / width, 1 - 22 / height))


def draw(series: Sequence[ChartSeries], *, now: datetime, lang: str, threshold: float,
         theme: str = "light", scale: float = 1.0, width: int = CELL_W,
         known: Mapping[Key, Window] | None = None, empty_hint: str | None = None,
         spend: SpendSeries | None = None) -> Figure:
    """The whole chart as a matplotlib Figure (no pyplot: no global state, no backend).
    `width` in pixels at scale 1 (the window's width: panels flow into columns);
    `known` the windows the app shows (their words for the titles); `spend` the spend
    panel's data (charts/spend_bars.py: drawn in a full-width row below the panels when it
    has money in it, left out otherwise)."""
    c = THEMES.get(theme, THEMES["light"])
    width = max(COLUMN_MIN, width)
    cols = columns_for(width)
    with_spend = spend_bars.shown(spend)
    _w, height = pixel_size(len(series), 1.0, width, with_spend)
    heads = [title(s, lang, known or {}) for s in series]
    words = "".join((t("chart.title", lang), t("chart.empty", lang), *heads,
                     spend_words(spend, lang)))
    with matplotlib.rc_context({"font.family": font_families(lang, words),
                                "axes.unicode_minus": False}):
        fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI * scale, facecolor=c["bg"])
        fig.text(16 / width, 1 - 22 / height, t("chart.title", lang), color=c["fg"],
                 fontsize=14, fontweight="bold", va="center")
        if not series:  # in the first cell (the whole chart without a spend panel)
            middle = (HEADER + FOOTER + CELL_H) / height
            fig.text(0.5, 1 - 0.45 * middle, t("chart.empty", lang), ha="center",
                     va="center", color=c["fg"], fontsize=12, fontweight="bold")
            fig.text(0.5, 1 - 0.62 * middle, empty_hint or t("chart.empty_hint", lang),
                     ha="center", va="center", color=c["muted"], fontsize=10, wrap=True)
        else:
            _legend(fig, lang, threshold, c, width, height)
        col_w = width / cols
        for i, s in enumerate(series):
            row, col = divmod(i, cols)
            top = HEADER + row * CELL_H + 24  # the panel's title sits in the 24 px above it
            bottom = HEADER + (row + 1) * CELL_H - 28  # the time axis labels below it
            left = col * col_w + 62
            right = (col + 1) * col_w - 18
            ax = fig.add_axes((left / width, 1 - bottom / height, (right - left) / width,
                               (bottom - top) / height))
            _panel(ax, s, now=now, lang=lang, threshold=threshold, c=c, head=heads[i])
        if with_spend:
            assert spend is not None
            rows = max(1, math.ceil(len(series) / cols))
            top = HEADER + rows * CELL_H + 24
            bottom = HEADER + (rows + 1) * CELL_H - 28
            ax = fig.add_axes((78 / width, 1 - bottom / height, (width - 96) / width,
                               (bottom - top) / height))
            _spend_panel(ax, spend, lang=lang, c=c,
                         colors=SPEND_COLORS["dark" if c is THEMES["dark"] else "light"])
    return fig


def save_png(fig: Figure, path: Path) -> tuple[int, int]:
    """Write the figure as PNG; its size in pixels."""
    canvas = FigureCanvasAgg(fig)
    canvas.print_png(str(path))
    width, height = canvas.get_width_height()
    return int(width), int(height)


def tk_canvas(fig: Figure, master: Any) -> Any:
    """The figure as a Tk canvas object (the chart window)."""
    from matplotlib.backends.backend_tkagg import FigureCanvasTkAgg

    canvas = FigureCanvasTkAgg(fig, master=master)
    canvas.draw()
    return canvas
