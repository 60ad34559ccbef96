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
