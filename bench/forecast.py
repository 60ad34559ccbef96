"""`python -m bench.forecast [--days N] [--seed S] [--json PATH]`: how well the two pace bases
forecast a run-out, replaying synthesized days of a developer's OpenAI 5-hour window.

No real usage log is public, so the days are synthesized (seeded, reproducible) from the shape
such logs have: work blocks (morning, afternoon, some evenings) made of bursts of heavy use
(an agent running: 0.3-1.2 %/min) separated by pauses; a 5-hour window that starts at the first
use after the previous reset (OpenAI's) and blocks use once it is at 100 %. The tray samples it
every 5 minutes as an integer percentage, as the API reports it. At every sample with 20-99 %
used, each basis forecasts when the window stops being available (run-out, or the reset when it
lasts) and is compared with what really happened in that cycle; the notification rule
(alerts.runs_out_early: ≥ 50 % used, ≥ 10 min ahead of the reset, once per cycle) is scored too.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tray_app.model import Window
from tray_app.monitoring.alerts import runs_out_early
from tray_app.monitoring.pace import Sample, window_pace

WINDOW = 5 * 3600
STEP = timedelta(minutes=5)
START = datetime(2026, 5, 4, 0, 0, tzinfo=timezone.utc)


PROFILES = ("steady", "shift")


def rates(days: int, seed: int, profile: str = "steady") -> list[float]:
    """Usage demand in % per minute, minute by minute (what the user would use if allowed).
    steady: every burst drawn alike. shift: each work block changes gear once, at a random
    point, between chat-like use (0.05-0.3 %/min) and an agent at work (0.6-1.5 %/min)."""
    rng = random.Random(seed)
    out = [0.0] * (days * 24 * 60)
    for day in range(days):
        blocks = [(9.0, 12.5), (13.5, 18.0)] + ([(20.0, 23.0)] if rng.random() < 0.4 else [])
        for lo, hi in blocks:
            t = (day * 24 + lo + rng.uniform(-0.5, 0.5)) * 60
            end = (day * 24 + hi + rng.uniform(-0.5, 0.5)) * 60
            switch = rng.uniform(t, end)
            heavy_first = rng.random() < 0.5
            while t < end:
                burst = rng.uniform(10, 45)
                if profile == "shift":
                    heavy = (t < switch) == heavy_first
                    rate = rng.uniform(0.6, 1.5) if heavy else rng.uniform(0.05, 0.3)
                elif rng.random() < 0.75:
                    rate = rng.uniform(0.3, 1.2)
                else:
                    rate = rng.uniform(0.05, 0.2)
                for minute in range(int(t), min(int(t + burst), int(end))):
                    out[minute] = rate
                t += burst + rng.uniform(3, 25)
    return out


@dataclass
class Cycle:
    resets_at: datetime
    samples: list[Sample] = field(default_factory=list)
    ran_out_at: datetime | None = None


def replay(demand: list[float]) -> list[Cycle]:
    """The window minute by minute; a sample every 5 minutes while a cycle runs."""
    cycles: list[Cycle] = []
    used, cycle = 0.0, None
    for minute, rate in enumerate(demand):
        now = START + timedelta(minutes=minute)
        if cycle is not None and now >= cycle.resets_at:
            cycle, used = None, 0.0
        if cycle is None and rate > 0:
            cycle = Cycle(now + timedelta(seconds=WINDOW))
            cycles.append(cycle)
        if cycle is None:
            continue
        if used < 100.0:
            used = min(100.0, used + rate)
            if used >= 100.0 and cycle.ran_out_at is None:
                cycle.ran_out_at = now + timedelta(minutes=1)
        if minute % (STEP.seconds // 60) == 0:
            cycle.samples.append((now, float(int(used))))
    return cycles


@dataclass
class Score:
    errors: list[float] = field(default_factory=list)  # minutes, |forecast − truth|
    right: int = 0  # "runs out before the reset?" answered correctly
    total: int = 0
    alerts: int = 0
    false_alerts: int = 0
    leads: list[float] = field(default_factory=list)  # minutes of warning before the run-out
    missed: int = 0  # cycles that ran out without a notification


def score(cycles: list[Cycle]) -> dict[str, Score]:
    scores = {"window": Score(), "history": Score()}
    for cycle in cycles:
        truth_end = cycle.ran_out_at or cycle.resets_at
        alerted = {"window": False, "history": False}
        for i, (now, used) in enumerate(cycle.samples):
            if not 20.0 <= used < 100.0:
                continue
            window = Window("5h", "5-hour limit", used, resets_at=cycle.resets_at,
                            window_seconds=WINDOW)
            for basis, history in (("window", ()), ("history", cycle.samples[:i + 1])):
                pace = window_pace(window, now, history)
                if pace is None:
                    continue
                s = scores[basis]
                end = pace.runs_out_at or cycle.resets_at
                s.errors.append(abs((end - truth_end).total_seconds()) / 60)
                s.total += 1
                s.right += (pace.runs_out_at is not None) == (cycle.ran_out_at is not None)
                if not alerted[basis] and runs_out_early(window, pace, now):
                    alerted[basis] = True
                    s.alerts += 1
                    if cycle.ran_out_at is None:
                        s.false_alerts += 1
                    else:
                        s.leads.append((cycle.ran_out_at - now).total_seconds() / 60)
        for basis, s in scores.items():
            if cycle.ran_out_at is not None and not alerted[basis]:
                s.missed += 1
    return scores


def figures(days: int, seed: int, profile: str = "steady") -> dict[str, float]:
    cycles = replay(rates(days, seed, profile))
    out: dict[str, float] = {"cycles": len(cycles),
                             "cycles_ran_out": sum(c.ran_out_at is not None for c in cycles)}
    for basis, s in score(cycles).items():
        out[f"{basis}.samples"] = s.total
        out[f"{basis}.mean_abs_error_min"] = round(statistics.fmean(s.errors), 1)
        out[f"{basis}.median_abs_error_min"] = round(statistics.median(s.errors), 1)
        out[f"{basis}.right_percent"] = round(100 * s.right / s.total, 1)
        out[f"{basis}.notifications"] = s.alerts
        out[f"{basis}.false_notifications"] = s.false_alerts
        out[f"{basis}.missed_run_outs"] = s.missed
        out[f"{basis}.median_warning_min"] = (round(statistics.median(s.leads), 1)
                                              if s.leads else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.forecast")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {profile: figures(args.days, args.seed, profile) for profile in PROFILES}
    for profile, found in results.items():
        print(f"forecast replay ({profile}): {args.days} synthesized days, seed {args.seed}, "
              f"{found['cycles']:.0f} five-hour cycles, {found['cycles_ran_out']:.0f} ran out")
        print_table(found)
        print()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


def print_table(found: dict[str, float]) -> None:
    rows = [("forecasts scored (20-99 % used)", "samples"),
            ("mean |forecast − truth| of the end, min", "mean_abs_error_min"),
            ("median |forecast − truth| of the end, min", "median_abs_error_min"),
            ("'runs out before reset?' right, %", "right_percent"),
            ("notifications sent", "notifications"),
            ("  of them false alarms (the window lasted)", "false_notifications"),
            ("run-outs without a notification", "missed_run_outs"),
            ("median warning before the run-out, min", "median_warning_min")]
    print(f"{'':44} {'window':>9} {'history':>9}")
    for label, key in rows:
        print(f"{label:44} {found[f'window.{key}']:>9g} {found[f'history.{key}']:>9g}")


if __name__ == "__main__":
    raise SystemExit(main())
