"""Figures 7-9 (issue 10, the usage history): the history's cost per refresh, the size of
its file after 90 days, and the 7-day chart query.

A simulated 90 days at a 1-minute refresh (tray_app/simulator/usage_days.py: the demo's 21
windows, weekday working hours and some evenings, one account per hour-long session, each
provider's own rounding and OpenAI's drifting reset time) goes through the real
`History.record` into a real SQLite file (WAL, as the tray writes it), timed per refresh.
Then `chart_series` (what the History… window and `history --plot` read: 7 days of every
window, plus the whole current cycle of the monthly ones) is timed on that file, cold
(a new connection each time, as the chart's process has) over several runs.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.report import Figure, median, p95
from tray_app.charts.series import chart_series
from tray_app.monitoring.history import History
from tray_app.simulator.usage_days import usage_days

START = datetime(2026, 3, 2, tzinfo=timezone.utc)  # a Monday


def measure(workdir: Path, days: float, queries: int) -> list[Figure]:
    path = workdir / "history-bench.sqlite3"
    store = History(path, retention_days=90, keep_open=True)  # as the tray keeps it
    costs: list[float] = []
    written = 0
    last = START
    for snapshot in usage_days(START, days):
        last = snapshot.generated_at
        began = time.perf_counter()
        written += store.record(snapshot, last)
        costs.append((time.perf_counter() - began) * 1000)
    store.close()
    size = sum(p.stat().st_size for p in workdir.glob("history-bench.sqlite3*")) / 2**20
    query: list[float] = []
    cpu: list[float] = []
    shown = 0
    for _ in range(queries):
        began, began_cpu = time.perf_counter(), time.process_time()
        shown = len(chart_series(path, last + timedelta(minutes=1)))
        query.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    scaled = f"{days:g} simulated days" + ("" if days >= 90 else " (smoke: not 90)")
    return [
        Figure("history.insert_ms", "7. history record per refresh (median)", median(costs),
               "ms", target=2.0,
               note=f"{len(costs)} refreshes of 21 windows, {written} samples stored; "
                    f"p95 {p95(costs):.3f} ms"),
        Figure("history.file_mib", "8. history file after 90 days at 1-min refresh",
               size, "MiB", target=5.0,
               note=f"{scaled}, {written} samples ({written / max(days, 1):.0f}/day)"),
        Figure("history.chart_query_ms", "9. 7-day chart query, all windows (median)",
               median(query), "ms", target=20.0,
               note=f"{shown} windows, median of {queries}; p95 {p95(query):.2f} ms; "
                    f"CPU {median(cpu):.2f} ms (wall time counts a shared machine's waits)"),
    ]
