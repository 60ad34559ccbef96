"""Monitoring: TrayView → which notifications to send now, and the state that keeps them from
repeating.

Window alerts (high usage, exhausted, available again) fire once per window per reset cycle,
re-armed when the window resets or falls clearly below the threshold (5-point hysteresis).
A new cycle is what `cycles.is_new_cycle` says (a reset time drifting by seconds is not one).
The run-out forecast ("at this pace, ... runs out at 16:40, 50m before it resets") fires once
per cycle too, from 50 % used and at least 10 min ahead of the reset, re-armed when the
forecast says the window lasts again.
Token alerts (expired, expiring soon, invalid) fire once per token; an error only the user
can fix (a login that needs renewing, a key the service rejected, a PAT or verification that is
needed) fires once per occurrence, re-armed when the account works again. The state
round-trips through JSON (store.py), so a restart does not repeat a notification for the same
cycle.

Urgency (the notification's D-Bus hint): critical for a window used up or running out within
`CRITICAL_WITHIN` (30 min), normal otherwise. At start-up, several alerts at once become one
summary (`summarize`), most urgent first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import error_text, format_duration, t, window_label
from tray_app.model import Account, Window
from tray_app.monitoring.cycles import is_new_cycle
from tray_app.monitoring.pace import Pace, SampleLookup, window_pace
from tray_app.monitoring.pace_text import urgent_line
from tray_app.monitoring.state import account_stale, enabled
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.monitoring.wording import clock, is_token_invalid, reset_text, usage_text

AlertKind = Literal[
    "high", "exhausted", "available", "runout", "token_expired", "token_expiring",
    "token_invalid", "needs_user", "summary"
]
Urgency = Literal["low", "normal", "critical"]
CRITICAL_WITHIN = timedelta(minutes=30)  # a run-out this close is critical
# errors only the user can fix: notified once per occurrence (like a threshold)
NEEDS_USER = frozenset({ErrorKind.NOT_LOGGED_IN, ErrorKind.COPILOT_PAT_REQUIRED,
                        ErrorKind.VERIFICATION_REQUIRED, ErrorKind.CREDENTIAL_INVALID,
                        ErrorKind.MISSING_PROJECT_ID})
HYSTERESIS = 5.0  # points below the threshold (or 100 %) before a window is re-armed
RUNOUT_MIN_USED = 50.0  # the run-out forecast says nothing below this much used
RUNOUT_MIN_LEAD = timedelta(minutes=10)  # nor when it runs out this close to the reset
KEEP_WINDOWS = timedelta(days=40)  # marks of windows not seen for this long are dropped
KEEP_TOKENS = timedelta(days=90)
MAX_MARKS = 1000


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    key: str
    title: str
    body: str
    urgency: Urgency = "normal"


@dataclass(frozen=True)
class WindowMark:
    """What we know about one window: its cycle and which alerts are armed."""

    cycle: str  # the window's resets_at (ISO) when its cycle began, or "none"
    resets_at: datetime | None = None  # the latest reading's (drifts within a cycle)
    high_armed: bool = True
    exhausted_armed: bool = True
    exhausted: bool = False  # last seen at/above 100 %: "available again" is pending
    seen: datetime | None = None
    used: float | None = None  # the latest reading's used %
    runout_armed: bool = True


@dataclass(frozen=True)
class AlertState:
    windows: tuple[tuple[str, WindowMark], ...] = ()  # sorted (key, mark) pairs: hashable
    tokens: tuple[tuple[str, datetime], ...] = ()  # token alert key → when it fired

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "windows": {key: _mark_json(m) for key, m in self.windows},
            "tokens": {key: _iso(when) for key, when in self.tokens},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertState:
        """Tolerant: anything malformed is skipped (worst case: one repeated notification)."""
        if not isinstance(data, dict):
            return cls()
        raw_windows, raw_tokens = data.get("windows"), data.get("tokens")
        windows: dict[str, WindowMark] = {}
        for key, raw in (raw_windows.items() if isinstance(raw_windows, dict) else ()):
            mark = _mark_from(raw)
            if isinstance(key, str) and mark is not None:
                windows[key] = mark
        tokens: dict[str, datetime] = {}
        for key, raw in (raw_tokens.items() if isinstance(raw_tokens, dict) else ()):
            when = _parse(raw)
            if isinstance(key, str) and when is not None:
                tokens[key] = when
        return _state(windows, tokens)


def _state(windows: dict[str, WindowMark], tokens: dict[str, datetime]) -> AlertState:
    return AlertState(tuple(sorted(windows.items())), tuple(sorted(tokens.items())))


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat()


def _parse(raw: object) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _mark_json(m: WindowMark) -> dict[str, Any]:
    return {"cycle": m.cycle, "resets_at": _iso(m.resets_at), "high_armed": m.high_armed,
            "exhausted_armed": m.exhausted_armed, "exhausted": m.exhausted, "seen": _iso(m.seen),
            "used": m.used, "runout_armed": m.runout_armed}


def _mark_from(raw: object) -> WindowMark | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("cycle"), str):
        return None
    flags = {k: raw.get(k) for k in ("high_armed", "exhausted_armed", "exhausted")}
    if not all(isinstance(v, bool) for v in flags.values()):
        return None
    used = raw.get("used")  # absent in files written before the run-out forecast
    used = float(used) if isinstance(used, (int, float)) and not isinstance(used, bool) else None
    return WindowMark(raw["cycle"], _parse(raw.get("resets_at")), bool(flags["high_armed"]),
                      bool(flags["exhausted_armed"]), bool(flags["exhausted"]),
                      _parse(raw.get("seen")), used, raw.get("runout_armed") is not False)


# ------------------------------------------------------------------------------ decisions
def _title(status: ProviderStatus, account: Account, what: str, lang: str,
           left: float | None = None) -> str:
    """ "OpenAI (me@…): limit reached"; a run-out says its time left: "runs out in 9m"."""
    text = (t("alert.runout_in", lang, left=format_duration(left, lang)) if left is not None
            else t(f"alert.{what}", lang))
    return t("alert.title", lang, provider=status.usage.name, account=account.label, what=text)


def _runout_body(provider: str, window: Window, pace: Pace | None, now: datetime,
                 lang: str) -> str:
    urgent = (urgent_line(provider, window_label(window, lang), pace, window.resets_at, now,
                          lang) if pace is not None else "")
    if not urgent:
        return _window_body(window, now, lang)  # not reached: runs_out_early checked these
    return t("alert.runout_body", lang, urgent=urgent, used=usage_text(window, lang, "used"))


def _window_body(window: Window, now: datetime, lang: str) -> str:
    body = f"{window_label(window, lang)}: {usage_text(window, lang, 'used')}"
    reset = reset_text(window.resets_at, now, lang)
    return f"{body}, {reset}" if reset else body


def runs_out_early(window: Window, pace: Pace | None, now: datetime) -> bool:
    """The forecast worth a notification: the window runs out before its reset, with at
    least `RUNOUT_MIN_USED` used and at least `RUNOUT_MIN_LEAD` to spare before the reset."""
    used = window.used_percent
    if pace is None or pace.runs_out_at is None or window.resets_at is None or used is None:
        return False
    return (RUNOUT_MIN_USED <= used < 100.0 and pace.runs_out_at > now
            and window.resets_at - pace.runs_out_at >= RUNOUT_MIN_LEAD)


def _step(m: WindowMark | None, w: Window, now: datetime, threshold: float,
          pace: Pace | None = None) -> tuple[WindowMark, list[AlertKind]]:
    """One window's new mark and the alerts it raises (before the notify_* toggles)."""
    used = w.used_percent or 0.0
    cycle = _iso(w.resets_at) or "none"
    if m is None:
        m = WindowMark(cycle, w.resets_at)  # first seen: armed, so "first seen above" fires
    elif is_new_cycle(m.resets_at, w.resets_at, m.used, w.used_percent, now):
        m = replace(m, cycle=cycle, high_armed=True, exhausted_armed=True, runout_armed=True)
    elif m.cycle == "none" and w.resets_at is not None:
        m = replace(m, cycle=cycle)  # a reset time appeared: the same cycle, now named
    m = replace(m, resets_at=w.resets_at, used=w.used_percent)
    fired: list[AlertKind] = []
    if used < threshold - HYSTERESIS:
        m = replace(m, high_armed=True)
    if used < 100.0 - HYSTERESIS:
        m = replace(m, exhausted_armed=True)
    if m.exhausted and used < 100.0:
        fired.append("available")
        m = replace(m, exhausted=False)
    if used >= 100.0:
        if m.exhausted_armed:
            fired.append("exhausted")  # says more than "high": one notification, not two
        m = replace(m, exhausted=True, exhausted_armed=False, high_armed=False)
    elif used >= threshold and m.high_armed:
        fired.append("high")
        m = replace(m, high_armed=False)
    if pace is not None and pace.lasts_to_reset:
        m = replace(m, runout_armed=True)
    elif m.runout_armed and runs_out_early(w, pace, now):
        fired.append("runout")
        m = replace(m, runout_armed=False)
    return replace(m, seen=now), fired


def needs_user(err: ErrorInfo) -> bool:
    """An error only the user can fix (not a network hiccup, not the service's trouble): a key
    rejected (HTTP 401/403), a login or PAT missing, a verification, a broken entry."""
    if err.kind in NEEDS_USER:
        return True
    return err.kind is ErrorKind.HTTP_ERROR and err.status in (401, 403)


def _token_alert(status: ProviderStatus, account: Account, settings: Settings, now: datetime
                 ) -> tuple[AlertKind, str] | None:
    pid, label, err = status.usage.id, account.label, account.error
    expiry = _iso(account.token_expires_at) or "none"
    if err is not None and is_token_invalid(err):
        return "token_invalid", f"token_invalid/{pid}/{label}"
    if err is not None and err.kind is ErrorKind.TOKEN_EXPIRED:
        return "token_expired", f"token_expired/{pid}/{label}/{expiry}"
    if err is not None and needs_user(err):
        return "needs_user", f"needs_user/{pid}/{label}/{err.kind.value}/{err.status or ''}"
    exp = account.token_expires_at
    warn = timedelta(hours=settings.expiry_warning_hours)
    if exp is not None and settings.expiry_warning_hours > 0 and now < exp <= now + warn:
        return "token_expiring", f"token_expiring/{pid}/{label}/{expiry}"
    return None


def _fix(status: ProviderStatus, err: ErrorInfo | None, lang: str) -> str:
    if err is not None and (err.get("fix") or not is_token_invalid(err)):
        return error_text(err, lang)[1]
    key = {"antigravity": "fix.token_expired_google",
           "copilot": "fix.token_expired_copilot_pat"}.get(status.usage.id, "fix.token_expired")
    return t(key, lang, provider=status.usage.name)


def _token_body(kind: AlertKind, status: ProviderStatus, account: Account, lang: str,
                now: datetime) -> str:
    if kind == "needs_user" and account.error is not None:
        message, fix = error_text(account.error, lang)
        return f"{message} {fix}"
    if kind != "token_expiring" or account.token_expires_at is None:
        return _fix(status, account.error, lang)
    exp = account.token_expires_at
    lead = t("alert.expires_in", lang, duration=format_duration((exp - now).total_seconds(), lang),
             time=clock(exp, now, lang))
    return f"{lead} {_fix(status, None, lang)}"


def decide(
    prev: AlertState, view: TrayView, settings: Settings, lang: str, now: datetime,
    samples: SampleLookup | None = None,
) -> tuple[list[Alert], AlertState]:
    """The notifications due for `view`, and the new state (save it before delivering).
    `samples`: the usage history, for the run-out forecast's history basis."""
    if view.from_disk:
        return [], prev  # saved numbers say nothing new
    marks, tokens = dict(prev.windows), dict(prev.tokens)
    wanted = {"high": settings.notify_high_usage, "exhausted": settings.notify_exhausted,
              "available": settings.notify_available, "runout": settings.notify_runout}
    out: list[Alert] = []
    for status in enabled(view, settings):
        for account in status.usage.accounts:
            if account_stale(status, account):
                continue  # kept numbers are not news
            prefix = f"{status.usage.id}/{account.label}"
            for window in account.windows:
                if window.used_percent is None or window.unlimited:
                    continue
                key = f"{prefix}/{window.id}"
                history = samples(status.usage.id, account.label, window.id) if samples else ()
                pace = window_pace(window, now, history)
                marks[key], fired = _step(marks.get(key), window, now, float(settings.threshold),
                                          pace)
                if "runout" in fired and wanted["runout"] and "high" in fired:
                    fired.remove("high")  # the forecast says more: one notification, not two
                for kind in fired:
                    if wanted[kind]:
                        body = (_runout_body(status.usage.name, window, pace, now, lang)
                                if kind == "runout" else _window_body(window, now, lang))
                        out.append(Alert(kind, f"{kind}/{key}/{marks[key].cycle}",
                                         _title(status, account, kind, lang,
                                                _left(kind, pace, now)), body,
                                         urgency(kind, pace, now)))
            if account.error is None:
                # The login works again: a later invalidation is news again.
                for key in [k for k in tokens if k == f"token_invalid/{prefix}"
                            or k.startswith((f"token_expired/{prefix}/",
                                             f"needs_user/{prefix}/"))]:
                    del tokens[key]
            found = _token_alert(status, account, settings, now)
            if found is not None and found[1] not in tokens:
                kind, key = found
                tokens[key] = now
                if settings.notify_token_expiry:
                    out.append(Alert(kind, key, _title(status, account, kind, lang),
                                     _token_body(kind, status, account, lang, now)))
    marks = {k: m for k, m in marks.items() if m.seen is None or now - m.seen <= KEEP_WINDOWS}
    if len(marks) > MAX_MARKS:
        newest = sorted(marks.items(), key=lambda kv: kv[1].seen or now, reverse=True)
        marks = dict(newest[:MAX_MARKS])
    tokens = {k: when for k, when in tokens.items() if now - when <= KEEP_TOKENS}
    return out, _state(marks, tokens)


def _left(kind: AlertKind, pace: Pace | None, now: datetime) -> float | None:
    if kind != "runout" or pace is None or pace.runs_out_at is None:
        return None
    return (pace.runs_out_at - now).total_seconds()


def urgency(kind: AlertKind, pace: Pace | None, now: datetime) -> Urgency:
    """Critical when the window is used up, or runs out within `CRITICAL_WITHIN`."""
    if kind == "exhausted":
        return "critical"
    if kind == "runout" and pace is not None and pace.runs_out_at is not None:
        return "critical" if pace.runs_out_at - now <= CRITICAL_WITHIN else "normal"
    return "low" if kind == "available" else "normal"


_RANK = {"critical": 0, "normal": 1, "low": 2}


def summarize(alerts: list[Alert], lang: str) -> list[Alert]:
    """Several alerts at once (start-up) → one summary notification: the most urgent first,
    one line each, as urgent as its most urgent line. One alert (or none) passes through."""
    if len(alerts) <= 1:
        return alerts
    ordered = sorted(alerts, key=lambda a: _RANK[a.urgency])  # stable: the menu's order
    lines = [f"{a.title}: {a.body}" for a in ordered]
    title = t("alert.summary", lang, n=len(alerts))
    key = "summary/" + "|".join(a.key for a in ordered)
    return [Alert("summary", key, title, "\n".join(lines), ordered[0].urgency)]
