"""Views → the spend panel's bars, as data (no matplotlib): the spend store's daily cost per
model (spend/series.py) cut into stacked bars (each model's segment starts where the one below
it ends), the money axis's ticks and each model's short label. Pure; plot.py draws it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tray_app.spend.series import OTHER, SpendSeries

DAYS = 14  # the panel's range: the last two weeks, today included
TOOLS = {"claude-code": "Claude Code", "codex": "Codex", "opencode": "OpenCode"}


@dataclass(frozen=True)
class Stack:
    label: str  # "Codex · gpt-5-codex", or OTHER
    heights: tuple[float, ...]  # cost per day
    bottoms: tuple[float, ...]  # where the segment starts (the stacks below it)


def shown(series: SpendSeries | None) -> bool:
    """Whether the panel is drawn: spend data with money on at least one day."""
    return series is not None and bool(series.days) and any(series.totals)


def stacks(series: SpendSeries) -> list[Stack]:
    """The bars from the bottom up, costliest model lowest (the series' order)."""
    running = [0.0] * len(series.days)
    out: list[Stack] = []
    for label, values in series.stacks.items():
        out.append(Stack(model_label(label), tuple(values), tuple(running)))
        running = [a + b for a, b in zip(running, values, strict=True)]
    return out


def model_label(label: str) -> str:
    """"codex · gpt-5-codex" → "Codex · gpt-5-codex"; a Claude model without its date stamp
    ("claude-opus-4-5-20251101" → "claude-opus-4-5"); OTHER as is."""
    if label == OTHER:
        return label
    tool, sep, model = label.partition(" · ")
    head, dash, stamp = model.rpartition("-")
    if dash and len(stamp) == 8 and stamp.isdigit():
        model = head
    return f"{TOOLS.get(tool, tool)}{sep}{model}"


def money_ticks(highest: float, count: int = 4) -> list[float]:
    """Round money ticks from 0 to at least `highest` (steps of 1, 2 or 5 × 10ⁿ), about
    `count` steps: 0, 1, 2, 3, 4 for a highest day of $3.43."""
    if highest <= 0:
        return [0.0, 1.0]
    raw = highest / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    steps = math.ceil(highest / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


def money_digits(ticks: list[float]) -> int:
    """Decimals the ticks need (at most 4): $2 none, $0.25 two, $0.001 three."""
    return next((d for d in range(5) if all(abs(round(v, d) - v) < 1e-12 for v in ticks)), 4)
