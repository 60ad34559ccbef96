"""Monitoring: a window's pace in words, one short line shared by the menu, the text report
and the run-out notification ("Pace: 10 % ahead · runs out ~16:40, 50m before reset")."""

from __future__ import annotations

from datetime import datetime

from tray_app.i18n import format_duration, t
from tray_app.monitoring.pace import Pace


def verdict_text(pace: Pace, lang: str) -> str:
    pts = round(abs(pace.delta_percent))
    return t(f"pace.{pace.verdict}", lang, pts=pts)


def forecast_text(pace: Pace, resets_at: datetime | None, now: datetime, lang: str) -> str:
    """ "runs out ~16:40, 50m before reset", "lasts to reset", or "" (too early / exhausted)."""
    # here, not at the top: wording → report.format → report → report.text → this module
    from tray_app.monitoring.wording import clock

    if pace.lasts_to_reset:
        return t("pace.lasts", lang)
    if pace.runs_out_at is None or pace.runs_out_at <= now or resets_at is None:
        return ""
    lead = format_duration((resets_at - pace.runs_out_at).total_seconds(), lang)
    return t("pace.runs_out", lang, time=clock(pace.runs_out_at, now, lang), lead=lead)


def pace_line(pace: Pace, resets_at: datetime | None, now: datetime, lang: str,
              sep: str = " · ") -> str:
    forecast = forecast_text(pace, resets_at, now, lang)
    verdict = t("pace.line", lang, verdict=verdict_text(pace, lang))
    return f"{verdict}{sep}{forecast}" if forecast else verdict
