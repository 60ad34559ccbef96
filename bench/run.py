"""`python -m bench [--smoke] [--json PATH]`: the six figures of issue 5, each printed next to
its target, and the same as JSON (default bench/results/bench-<mode>-<time>.json).

Sections: refresh (1, 2), tray (3, and 4/5 for the real tray process; needs the headless
desktop of tools/ci-desktop.sh, else "skipped: no desktop" and 5 is measured on a headless
poller), cycles (4 in-process), render (6), credentials (9: loading the credentials from a
200 MB OpenCode 2 database, checkpointed and while OpenCode writes). Ratios are taken side by
side in one run and times are medians, because absolute times on shared machines are noisy.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import credentials, cycles, history, refresh, render, spend
from bench.report import Figure, document, table, write_json
from bench.screen import desktop_available

SECTIONS = ("refresh", "tray", "cycles", "render", "credentials", "history", "spend")
RESULTS = Path(__file__).resolve().parent / "results"
# (smoke, full) parameters
RUNS = (1, 7)
LAUNCHES = (1, 5)
CYCLES = (100, 1000)
WARMUP = (10, 300)
TRAY_CYCLES = (5, 300)
TRAY_WARMUP = (2, 30)
IDLE = (3.0, 60.0)
REPEATS = (30, 500)
CRED_DB_MIB = (20, 200)  # opencode.db size for the credential-loading figures
CRED_LOADS = (50, 500)
HISTORY_DAYS = (3, 90)
HISTORY_QUERIES = (5, 30)
SPEND_MIB = (8, 400)  # generated Claude Code logs for the spend figures (issue 19)
SPEND_RUNS = (1, 3)


def _tray(workdir: Path, smoke: int) -> list[Figure]:
    if not desktop_available():
        skipped = "skipped: no desktop (needs DISPLAY and CI_DESKTOP_TRAY_WINDOW: run under " \
                  "tools/ci-desktop.sh)"
        return [Figure("launch.ratio", "3. launch → icon with last numbers ÷ bare pystray app",
                       None, "×", target=1.3, note=skipped),
                Figure("memory.tray_rss_start_mib", "4. tray process RSS after start", None,
                       "MiB", target=62.0, note=skipped),
                *cycles.measure_idle_headless(workdir, IDLE[smoke])]
    from bench import tray

    return tray.measure(workdir, LAUNCHES[smoke], TRAY_CYCLES[smoke], TRAY_WARMUP[smoke],
                        IDLE[smoke])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="quick run: fewer repetitions")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    args = parser.parse_args(argv)
    smoke = 0 if args.smoke else 1
    mode = "smoke" if args.smoke else "full"
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mystatus-bench-") as tmp:
        work = Path(tmp)
        steps: dict[str, Callable[[], list[Figure]]] = {
            "refresh": lambda: refresh.measure(work, RUNS[smoke]),
            "tray": lambda: _tray(work, smoke),
            "cycles": lambda: cycles.measure(work, CYCLES[smoke], WARMUP[smoke]),
            "render": lambda: render.measure(work, REPEATS[smoke]),
            "credentials": lambda: credentials.measure(work, CRED_DB_MIB[smoke],
                                                       CRED_LOADS[smoke]),
            "history": lambda: history.measure(work, HISTORY_DAYS[smoke], HISTORY_QUERIES[smoke]),
            "spend": lambda: spend.measure(work, SPEND_MIB[smoke], SPEND_RUNS[smoke],
                                           install=bool(smoke)),
        }
        for name in wanted:
            started = time.perf_counter()
            try:
                figures += steps[name]()
            except Exception as exc:  # one broken section must not hide the others
                errors[name] = "".join(traceback.format_exception_only(exc)).strip()
                traceback.print_exc()
            timings[name] = round(time.perf_counter() - started, 2)
    print(f"mystatus-tray bench ({mode})\n")
    print(table(figures))
    for name, error in errors.items():
        print(f"\nsection {name} FAILED: {error}")
    out = args.json or RESULTS / f"bench-{mode}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    write_json(out, document(figures, mode=mode, extra={"errors": errors, "seconds": timings}))
    print(f"\nJSON: {out}")
    return 1 if errors else 0
