"""Monitoring: a window's pace in words, one short line shared by the menu, the text report
and the run-out notification ("Pace: 10 points in deficit · runs out in 1h 20m (16:40), 50m
before it resets"), and the urgent line said first when a window runs out soon ("OpenAI 5-hour
runs out in 9m (21:52), 3h 0m before it resets").

Wording that cannot be misread: the pace is the distance, in percentage points of the window,
between what is used and what an even pace would have used by now: "in deficit" (using faster
than the window allows) or "in reserve" (slower). "ahead/behind" read both ways."""

from __future__ import annotations

from datetime import datetime

from tray_app.i18n import format_duration, t
from tray_app.monitoring.pace import Pace


def verdict_text(pace: Pace, lang: str) -> str:
    """ "10 points in deficit", "47 points in reserve", "on track"."""
    pts = round(abs(pace.delta_percent))
    key = {"ahead": "pace.deficit", "behind": "pace.reserve"}.get(pace.verdict, "pace.on_track")
    return t(key, lang, pts=pts)


def forecast_parts(pace: Pace, resets_at: datetime | None, now: datetime, lang: str
                   ) -> tuple[str, ...]:
    """("runs out in 1h 20m (16:40)", "50m before it resets"), ("lasts to reset",) or ()
    (too early / exhausted): the menu shows them on lines of their own."""
    # here, not at the top: wording → report.format → report → report.text → this module
    from tray_app.monitoring.wording import clock

    if pace.lasts_to_reset:
        return (t("pace.lasts", lang),)
    if pace.runs_out_at is None or pace.runs_out_at <= now or resets_at is None:
        return ()
    lead = format_duration((resets_at - pace.runs_out_at).total_seconds(), lang)
    left = format_duration((pace.runs_out_at - now).total_seconds(), lang)
    return (t("pace.runs_out_in", lang, left=left, time=clock(pace.runs_out_at, now, lang)),
            t("pace.before_reset", lang, lead=lead))


def forecast_text(pace: Pace, resets_at: datetime | None, now: datetime, lang: str) -> str:
    """ "runs out in 1h 20m (16:40), 50m before it resets", "lasts to reset", or "" (too early /
    exhausted). The time left comes first: it is what a glance needs."""
    parts = forecast_parts(pace, resets_at, now, lang)
    if len(parts) == 2:
        return t("pace.runs_out", lang, runs=parts[0], before=parts[1])
    return parts[0] if parts else ""


def pace_line(pace: Pace, resets_at: datetime | None, now: datetime, lang: str,
              sep: str = " · ") -> str:
    forecast = forecast_text(pace, resets_at, now, lang)
    verdict = t("pace.line", lang, verdict=verdict_text(pace, lang))
    return f"{verdict}{sep}{forecast}" if forecast else verdict


def urgent_line(provider: str, window: str, pace: Pace, resets_at: datetime | None,
                now: datetime, lang: str) -> str:
    """ "OpenAI 5-hour runs out in 9m (21:52), 3h 0m before it resets"; "" unless the window
    runs out before its reset (`pace.runs_out_at` in the future, a reset time known)."""
    forecast = forecast_text(pace, resets_at, now, lang)
    if not forecast or pace.lasts_to_reset:
        return ""
    return t("pace.urgent", lang, provider=provider, window=window, forecast=forecast)
