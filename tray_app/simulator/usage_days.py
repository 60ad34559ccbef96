"""Simulator → days of realistic usage as the engine would report them, one Snapshot per
refresh, for the history bench (bench/history.py) and the chart screenshots. Seeded, so
every run is the same.

The accounts and windows are the demo's (OpenAI 5-hour + weekly; Zhipu AI and Z.ai 5-hour,
weekly, monthly tools with used/limit tokens; three Antigravity accounts with 4-5 windows):
21 windows. The user works weekdays 09-12 and 13-18 (UTC) and some evenings; each hour of
work goes to one account (a session; 60 % of the time the same as the hour before), which
gets a request in half of its minutes, enough to run a 5-hour window out now and then. Providers
report as they do: OpenAI and Zhipu/Z.ai whole percents (OpenAI's reset time wobbling by
up to 40 s between answers), Antigravity a remaining fraction (0.1 % steps). 5-hour windows
start at the first request after a reset, as OpenAI's do.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise

from tray_app.model import Account, ProviderUsage, Snapshot, Window

HOUR = timedelta(hours=1)


@dataclass
class _Win:
    id: str
    length: timedelta
    per_request: float  # percent points per request
    whole: bool  # the provider reports whole percents
    limit: float | None = None
    used: float = 0.0
    resets_at: datetime | None = None
    rolling: bool = True  # a 5-hour window starts at first use; else fixed periods


@dataclass
class _Acc:
    provider: str
    name: str
    label: str
    windows: list[_Win] = field(default_factory=list)


def _accounts() -> list[_Acc]:
    five, week, month = timedelta(hours=5), timedelta(days=7), timedelta(days=30)

    def zhipu(pid: str, name: str, label: str) -> _Acc:
        return _Acc(pid, name, label, [_Win("5h", five, 1.2, True, 40e6),
                                       _Win("weekly", week, 0.12, True, 400e6, rolling=False),
                                       _Win("tools", month, 0.01, True, 1000, rolling=False)])

    def google(label: str, ids: tuple[str, ...]) -> _Acc:
        return _Acc("antigravity", "Google Antigravity", label,
                    [_Win(i, five if "5h" in i or i in ("claude", "gpt") else week,
                          1.0 if "5h" in i else 0.1, False, rolling="5h" in i) for i in ids])

    return [
        _Acc("openai", "OpenAI", "demo.user@example.com",
             [_Win("5h", five, 1.5, True), _Win("weekly", week, 0.15, True, rolling=False)]),
        zhipu("zhipu", "Zhipu AI", "sim-****oKey"),
        zhipu("zai", "Z.ai", "sim-****oKey"),
        google("ada@sim.example", ("gemini-5h", "gemini-weekly", "3p-5h", "3p-weekly")),
        google("grace@sim.example", ("gemini-pro", "gemini-flash", "gemini-image", "claude",
                                     "gpt")),
        google("linus@sim.example", ("gemini-5h", "gemini-weekly", "3p-5h", "3p-weekly")),
    ]


def _working(when: datetime, rng: random.Random, evening: bool) -> bool:
    if when.weekday() >= 5:
        return False
    if 9 <= when.hour < 12 or 13 <= when.hour < 18:
        return True
    return evening and 20 <= when.hour < 22


def usage_days(start: datetime, days: float, *, every: timedelta = timedelta(minutes=1),
               seed: int = 1) -> Iterator[Snapshot]:
    """One Snapshot per refresh from `start` for `days` days."""
    rng = random.Random(seed)
    accounts = _accounts()
    for acc in accounts:
        for w in acc.windows:
            w.used = rng.uniform(0, 30) if not w.rolling else 0.0
            w.resets_at = start + w.length * rng.uniform(0.2, 1.0)
    now, end = start, start + timedelta(days=days)
    session = rng.choice(accounts)
    minutes = max(1, round(every / timedelta(minutes=1)))
    evening = False
    hour = now.replace(minute=0, second=0, microsecond=0)
    while now < end:
        if now - hour >= HOUR:  # a new hour: a new session (and a new day: evening or not)
            hour = now.replace(minute=0, second=0, microsecond=0)
            if rng.random() > 0.6:  # people stay with one tool for a while
                session = rng.choice(accounts)
            if hour.hour == 0:
                evening = rng.random() < 0.3
        active = _working(now, rng, evening)
        for acc in accounts:
            for w in acc.windows:
                if w.resets_at is not None and now >= w.resets_at:
                    w.used = 0.0
                    w.resets_at = None if w.rolling else w.resets_at + w.length
                if acc is not session or not active:
                    continue
                for _ in range(minutes):  # a request in half of the minutes
                    if rng.random() < 0.5:
                        if w.resets_at is None:
                            w.resets_at = now + w.length
                        w.used = min(100.0, w.used + w.per_request * rng.uniform(0.3, 1.7))
        yield Snapshot(now, providers=tuple(_usage(acc, now, rng) for acc in accounts))
        now += every


def _usage(acc: _Acc, now: datetime, rng: random.Random) -> ProviderUsage:
    windows = []
    for w in acc.windows:
        percent = float(int(w.used)) if w.whole else round(w.used, 1)
        resets = w.resets_at or now + w.length
        if acc.provider == "openai":
            resets += timedelta(seconds=rng.randint(-40, 40))  # "now + seconds left"
        used = None if w.limit is None else round(w.used / 100 * w.limit)
        windows.append(Window(w.id, w.id, percent, used=used, limit=w.limit, resets_at=resets,
                              window_seconds=int(w.length.total_seconds())))
    return ProviderUsage(acc.provider, acc.name, accounts=(Account(acc.label,
                                                                   windows=tuple(windows)),))


# ------------------------------------------------------------------ the demo's past
# The demo's History…: a believable past for every window of the demo's current snapshot, so
# the chart and `history --demo` agree with `status --demo` (each series ends at the number
# the simulator reports now). Work happens on weekdays 09-12 and 13-18 with some evenings
# (local to UTC, like usage_days); each window's earlier cycles end where that much work would
# have taken them, some 5-hour ones at 100 %.

_GRID = (timedelta(minutes=10), timedelta(hours=1), timedelta(hours=4))


def _weight(when: datetime) -> float:
    """How much work happens in the hour around `when` (weekday office hours: 1)."""
    weekend = when.weekday() >= 5
    if 9 <= when.hour < 12 or 13 <= when.hour < 18:
        base = 1.0
    elif 20 <= when.hour < 22:
        base = 0.35
    elif 7 <= when.hour < 23:
        base = 0.08
    else:
        base = 0.01
    return base * (0.2 if weekend else 1.0)


def _length(window: Window) -> timedelta | None:
    if window.window_seconds:
        return timedelta(seconds=window.window_seconds)
    wid = window.id.lower()
    for key, length in (("5h", timedelta(hours=5)), ("week", timedelta(days=7)),
                        ("month", timedelta(days=30)), ("daily", timedelta(days=1))):
        if key in wid:
            return length
    return None


def _shown_range(length: timedelta | None) -> tuple[timedelta, timedelta]:
    """(how far back, sample step) for a window of this length (charts/series.py's spans)."""
    if length is not None and length <= timedelta(hours=25):
        return timedelta(days=8), _GRID[0]
    if length is not None and length <= timedelta(days=8):
        return timedelta(days=16), _GRID[1]
    return timedelta(days=62), _GRID[2]


def _window_past(window: Window, now: datetime, rng: random.Random
                 ) -> list[tuple[datetime, float, datetime | None]]:
    """(time, used %, resets at) of one window before `now`, on the grid, oldest first."""
    used_now = float(window.used_percent or 0.0)
    length = _length(window)
    back, step = _shown_range(length)
    start = now - back
    first = datetime.fromtimestamp((start.timestamp() // step.total_seconds() + 1)
                                   * step.total_seconds(), tz=now.tzinfo)
    times: list[datetime] = []
    when = first
    fine = now - timedelta(hours=26)  # a short window's chart shows its last 20 hours
    while when < now:
        times.append(when)
        # a short window: every 10 minutes for its chart, every 30 before (the sparklines)
        when += step if step != _GRID[0] or when >= fine else 3 * step
    reset = window.resets_at
    if reset is None or length is None or reset <= now:
        bounds = [start - step, now]  # one cycle across the whole range
    else:
        bounds = [reset]
        while bounds[-1] > start:
            bounds.append(bounds[-1] - length)
        bounds.reverse()  # cycle starts and the current cycle's reset, oldest first
    out: list[tuple[datetime, float, datetime | None]] = []
    for begin, end in pairwise(bounds):
        inside = [w for w in times if begin <= w < end]
        if not inside:
            continue
        current = end > now or end == now
        weights = [_weight(w) * rng.uniform(0.5, 1.5) for w in inside]
        total = sum(weights) + 1e-9
        if current:
            # the current cycle's work so far, ending at today's number (the last sample is
            # a step before now: the snapshot itself comes next)
            full = sum(weights) + _weight(now) * step / HOUR
            final = used_now
            base = 0.0 if reset is not None else used_now * rng.uniform(0.1, 0.4)
        else:
            full = total
            busy = min(1.0, total * step / HOUR / max(1.0, (end - begin) / HOUR * 0.35))
            final = min(100.0, rng.uniform(30, 125) * busy)
            base = 0.0
        cum = 0.0
        for w, weight in zip(inside, weights, strict=True):
            cum += weight
            value = base + (final - base) * min(1.0, cum / full)
            value = round(min(value, used_now if current else 100.0), 1)
            if current and abs(value - used_now) < 0.1:
                value = used_now  # the history keeps changes of 0.1 points: end exactly there
            out.append((w, value, end if reset is not None else None))
    return out


def demo_past(current: Snapshot, *, seed: int = 7) -> list[Snapshot]:
    """Snapshots before `current` (oldest first) in which every window of every account of
    `current` walks a believable past that ends at its current used %; record them, then
    `current` itself. Accounts with an error and windows without a number are left out."""
    rng = random.Random(seed)
    now = current.generated_at
    rows: dict[datetime, dict[tuple[int, int], list[Window]]] = {}
    for pi, usage in enumerate(current.providers):
        for ai, account in enumerate(usage.accounts):
            if account.error is not None:
                continue
            for window in account.windows:
                if window.used_percent is None or window.unlimited:
                    continue
                for when, used, resets in _window_past(window, now, rng):
                    amount = None if window.limit is None else round(used / 100 * window.limit)
                    past = Window(window.id, window.label, used, used=amount,
                                  limit=window.limit, unit=window.unit, resets_at=resets,
                                  window_seconds=window.window_seconds,
                                  label_key=window.label_key,
                                  label_params=window.label_params)
                    rows.setdefault(when, {}).setdefault((pi, ai), []).append(past)
    out = []
    for when in sorted(rows):
        by_account = rows[when]
        providers = []
        for pi, usage in enumerate(current.providers):
            accounts = tuple(Account(account.label, windows=tuple(by_account[(pi, ai)]))
                             for ai, account in enumerate(usage.accounts)
                             if (pi, ai) in by_account)
            if accounts:
                providers.append(ProviderUsage(usage.id, usage.name, accounts=accounts))
        out.append(Snapshot(when, providers=tuple(providers)))
    return out
