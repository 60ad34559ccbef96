"""Spend (issue 19): our `spend` scan side by side with ccusage 20.0.24 (its native binary,
from npm via tools/npm-oracles.sh) on the same generated Claude Code corpus (~400 MB; smoke:
a few MB), both printing JSON:

- first scan: wall time (median of runs, each from an empty store; CPU time instead with
  MYSTATUS_BENCH_CPU_TIME=1, for overloaded machines) and peak RSS of the whole process
  (`wait4` rusage), ours as `python -m tray_app.spend --json` (the `spend` command without
  the rest of the CLI's parser, what the tray's scan child runs);
- a rescan after 1 MB is appended to one file (ours: incremental; ccusage has no store and
  reads everything again);
- the check: tokens per day and model equal ccusage's, and the total cost difference in %.

Targets (issue 19): first scan ≤ 2× ccusage's time; our peak RSS ≤ max(¼ of ccusage's,
60 MiB); the rescan ≤ max(5 % of ccusage's full scan, 0.3 s).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.report import Figure, median
from tray_app.spend import synthetic

ROOT = Path(__file__).resolve().parents[1]
MIB = 1 << 20
CPU_TIME = os.environ.get("MYSTATUS_BENCH_CPU_TIME", "") == "1"


def ccusage_binary(install: bool = True) -> Path | None:
    """The native ccusage binary (what its npm launcher runs), else the launcher; installed
    by tools/npm-oracles.sh when `install` (the full bench), else only MYSTATUS_CCUSAGE_BIN."""
    found = os.environ.get("MYSTATUS_CCUSAGE_BIN", "")
    if not found and install:
        try:
            done = subprocess.run(["bash", str(ROOT / "tools" / "npm-oracles.sh")],
                                  capture_output=True, text=True, timeout=600,
                                  stdin=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        lines = dict(x.split("=", 1) for x in done.stdout.splitlines() if "=" in x)
        found = lines.get("CCUSAGE_BIN", "")
    if not found or not Path(found).exists():
        return None
    modules = Path(found).resolve().parents[2]  # node_modules/ccusage/src/cli.js → node_modules
    native = [p for p in sorted(modules.glob("@ccusage/ccusage-*/bin/ccusage"))
              if os.access(p, os.X_OK)]  # not yet executable: the launcher fixes that itself
    return native[0] if native else Path(found)


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS MiB, stdout) of one process run to its end. The seconds are CPU
    time (user + system) when CPU_TIME is set: on a shared, overloaded machine the wall clock
    measures the neighbours."""
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}")
    seconds = usage.ru_utime + usage.ru_stime if CPU_TIME else wall
    return seconds, usage.ru_maxrss / 1024, out.decode("utf-8")


def _env(work: Path, claude: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work / "home"),
            "XDG_STATE_HOME": str(work / "state"), "XDG_CONFIG_HOME": str(work / "config"),
            "XDG_DATA_HOME": str(work / "data"), "CLAUDE_CONFIG_DIR": str(claude),
            "CODEX_HOME": str(work / "no-codex"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
            "NO_COLOR": "1"}


def _ours(env: dict[str, str]) -> tuple[float, float, dict[str, Any]]:
    wall, rss, out = _timed([sys.executable, "-m", "tray_app.spend", "--json", "--tz", "UTC"],
                            env)
    return wall, rss, json.loads(out)


def _append_mib(claude: Path, work: Path, which: int = 0) -> None:
    spare = work / "spare"
    spare.mkdir(exist_ok=True)
    import random

    options = synthetic.Options(seed=99)
    synthetic.claude_session(spare, 999_999, random.Random(5), options, 200)
    extra = next(spare.glob("*.jsonl")).read_bytes()[:MIB]
    extra = extra[:extra.rfind(b"\n") + 1]
    target = sorted((claude / "projects").rglob("*.jsonl"))[which]
    with open(target, "ab") as handle:
        handle.write(extra)
    shutil.rmtree(spare)


def _compare(doc: dict[str, Any], theirs: dict[str, Any]) -> tuple[int, float]:
    """(the (date, model) pairs whose tokens differ from ccusage's, the cost difference %)."""
    mine = {(r["date"], r["model"]): (r["input_tokens"], r["output_tokens"],
                                      r["cache_read_tokens"], r["cache_write_tokens"])
            for r in doc["rows"] if r["tool"] == "claude-code"}
    other = {(d["date"], m["modelName"]): (m["inputTokens"], m["outputTokens"],
                                           m["cacheReadTokens"], m["cacheCreationTokens"])
             for d in theirs.get("daily", []) for m in d.get("modelBreakdowns", [])}
    their_cost = float(theirs.get("totals", {}).get("totalCost", 0.0))
    diff = abs(doc["totals"]["cost_usd"] - their_cost) / their_cost * 100 if their_cost else 0.0
    differ = sum(1 for k in set(mine) | set(other) if mine.get(k) != other.get(k))
    return differ, diff


def measure(workdir: Path, corpus_mib: int, runs: int, install: bool = True) -> list[Figure]:
    work = workdir / "spend"
    claude = work / "claude"
    (work / "home").mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    written = synthetic.claude_corpus(claude, corpus_mib * MIB, synthetic.Options(seed=11),
                                      messages=40)
    made = time.perf_counter() - began
    env = _env(work, claude)
    corpus = f"{written / MIB:.0f} MiB generated Claude Code logs (in {made:.0f} s)"
    ours_wall: list[float] = []
    ours_rss: list[float] = []
    for _ in range(runs):
        shutil.rmtree(work / "state", ignore_errors=True)
        wall, rss, _ = _ours(env)
        ours_wall.append(wall)
        ours_rss.append(rss)
    binary = ccusage_binary(install)
    figures = [
        Figure("spend.first_scan_s", "19. spend first scan (ours)", median(ours_wall), "s",
               note=corpus),
        Figure("spend.peak_rss_mib", "19. spend peak RSS (ours, whole process)", max(ours_rss),
               "MiB"),
    ]
    rescans: list[float] = []
    after: dict[str, Any] = {}
    for i in range(runs):  # each run: 1 MiB more in another file, then the incremental scan
        _append_mib(claude, work, i)
        seconds, _, after = _ours(env)
        rescans.append(seconds)
    rescan = median(rescans)
    figures.append(Figure("spend.rescan_s", "19. spend rescan after 1 MiB appended (ours)",
                          rescan, "s", target=None,
                          note=f"read {after['scan']['bytes_read']} bytes"))
    if binary is None:
        skipped = ("skipped: ccusage not available (tools/npm-oracles.sh)" if install else
                   "skipped in --smoke unless MYSTATUS_CCUSAGE_BIN is set")
        figures.append(Figure("spend.ccusage_s", "19. ccusage first scan", None, "s",
                              note=skipped))
        return figures
    cc_env = {**env, "HOME": str(work / "home")}
    cmd = [str(binary), "claude", "daily", "--json", "--offline", "-z", "UTC"]
    cc_wall: list[float] = []
    cc_rss: list[float] = []
    theirs: dict[str, Any] = {}
    for _ in range(runs):
        wall, rss, out = _timed(cmd, cc_env)
        cc_wall.append(wall)
        cc_rss.append(rss)
        theirs = json.loads(out)
    differ, cost_diff = _compare(after, theirs)
    cc_time, cc_peak = median(cc_wall), max(cc_rss)
    figures[0] = Figure("spend.first_scan_ratio", "19. spend first scan ÷ ccusage's",
                        median(ours_wall) / cc_time, "×", target=2.0,
                        note=f"{corpus}; ours {median(ours_wall):.2f} s, ccusage "
                             f"{cc_time:.2f} s (medians of {runs})")
    figures[1] = Figure("spend.peak_rss_mib", "19. spend peak RSS (ours, whole process)",
                        max(ours_rss), "MiB", target=max(cc_peak / 4, 60.0),
                        note=f"ccusage {cc_peak:.0f} MiB; target max(¼ of it, 60 MiB)")
    figures[2] = Figure("spend.rescan_s", "19. spend rescan after 1 MiB appended (ours)",
                        rescan, "s", target=max(0.05 * cc_time, 0.3),
                        note=f"read {after['scan']['bytes_read']} bytes; ccusage re-reads all")
    figures += [
        Figure("spend.ccusage_s", "19. ccusage first scan (median)", cc_time, "s"),
        Figure("spend.ccusage_rss_mib", "19. ccusage peak RSS", cc_peak, "MiB"),
        Figure("spend.tokens_differ", "19. (day, model) pairs whose tokens differ from ccusage",
               float(differ), "", target=0.0),
        Figure("spend.cost_diff_pct", "19. total cost difference from ccusage", cost_diff, "%",
               target=5.0),
    ]
    return figures


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.spend [MIB] [RUNS]`: this section alone, printed."""
    import tempfile

    from bench.report import table

    args = argv if argv is not None else sys.argv[1:]
    size = int(args[0]) if args else 400
    runs = int(args[1]) if len(args) > 1 else 3
    with tempfile.TemporaryDirectory(prefix="mystatus-bench-spend-") as tmp:
        print(table(measure(Path(tmp), size, runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
