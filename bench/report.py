"""Figures as data, the printed table (each figure next to its target) and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

Status = Literal["ok", "MISS", "info", "skipped"]


@dataclass(frozen=True)
class Figure:
    id: str  # stable key in the JSON ("refresh.concurrent_ratio")
    label: str  # what the table shows
    value: float | None  # None when skipped / not measurable here
    unit: str = ""
    target: float | None = None  # the target; None = reported for information
    at_most: bool = True  # target is an upper bound (every target of issue 5 is)
    note: str = ""  # how it was measured, or why it was skipped

    @property
    def status(self) -> Status:
        if self.value is None:
            return "skipped"
        if self.target is None:
            return "info"
        return "ok" if (self.value <= self.target) == self.at_most else "MISS"


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))])


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "value", "target", "status")]
    for f in figures:
        sign = "≤" if f.at_most else "≥"
        target = "—" if f.target is None else f"{sign} {_fmt(f.target, f.unit)}"
        rows.append((f.label, _fmt(f.value, f.unit), target, f.status))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  [{f.id}] {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "how / why:", *notes] if notes else []))


def document(figures: Sequence[Figure], *, mode: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": 1,
        "mode": mode,
        "finished_at": datetime.now(timezone.utc).isoformat(),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "display": bool(os.environ.get("DISPLAY")),
        },
        "figures": [dict(asdict(f), status=f.status) for f in figures],
        **extra,
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
