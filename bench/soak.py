"""Soak: thousands of refresh cycles with random faults on random providers (seeded RNG),
through the tray's real cycle, `Poller.refresh_once(full=True)`: engine refresh of the
demo's 7 accounts + merge + icon render + menu build + alerts + saved view.

Every cycle checks that each faulted provider shows an error of the right kind (missing
fields: an error or "unknown", never a number) and that every other provider's numbers are
intact. At the end: crashes (anything the poller had to swallow, or a refresh that did not
complete), threads and sockets left after `engine.close()` (compared with before the
engine existed), and RSS start / end / growth after a warm-up. The simulator runs in its own
process (bench/simhost.py), so this process holds only the app's threads and sockets.

    python -m bench.soak [--cycles 5000] [--seed 1] [--timeout 0.5] [--json PATH]
"""

from __future__ import annotations

import argparse
import logging
import random
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench import procstat
from bench.report import write_json
from bench.simhost import SimProcess
from tray_app.errors import ErrorKind as K
from tray_app.model import Snapshot

PREFIXES = {"openai": "openai", "zhipu": "zhipu", "zai": "zai", "github": "copilot",
            "antigravity": "antigravity", "opencode-go": "opencode-go", "kimi": "kimi",
            "minimax": "minimax"}
URL_KEYS = {"openai": "openai", "zhipu": "zhipu", "zai": "zai", "github": "github",
            "antigravity": "antigravity", "opencode-go": "opencode", "kimi": "kimi",
            "minimax": "minimax"}
_AUTH = {K.HTTP_ERROR, K.TOKEN_EXPIRED, K.COPILOT_PAT_REQUIRED}
UNKNOWN_OK = {K.INVALID_RESPONSE}  # missing fields: this error, or windows with no number
EXPECTED: dict[str, set[K]] = {
    "http_401": _AUTH, "http_403": _AUTH | {K.VERIFICATION_REQUIRED},
    "http_404": {K.HTTP_ERROR, K.COPILOT_PAT_REQUIRED}, "http_429": {K.RATE_LIMITED},
    "http_500": {K.HTTP_ERROR}, "http_503": {K.HTTP_ERROR}, "timeout": {K.TIMEOUT},
    "trickle": {K.TIMEOUT}, "malformed": {K.INVALID_RESPONSE}, "html": {K.HTTP_ERROR},
    "wrong_types": {K.INVALID_RESPONSE}, "huge": {K.INVALID_RESPONSE},
    "reset": {K.NETWORK_ERROR}, "refused": {K.NETWORK_ERROR},
    "empty": UNKNOWN_OK, "missing_fields": UNKNOWN_OK,
}
FAULTS = tuple(sorted(EXPECTED))
# Faults that cost a whole client timeout are drawn 4× less often, so a soak of thousands
# of cycles stays minutes long; every fault still comes up hundreds of times in 5000 cycles.
WEIGHTS = tuple(1 if f in ("timeout", "trickle") else 4 for f in FAULTS)


class _Recorder:
    """The engine, remembering the last snapshot (the poller only keeps the merged view)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.last: Snapshot | None = None

    def refresh(self, only: Iterable[str] | None = None) -> Snapshot:
        self.last = self.engine.refresh(only)
        return self.last


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check(snap: Snapshot, faults: dict[str, str]) -> list[str]:
    """What is wrong with this cycle's snapshot ([] = every provider as expected)."""
    problems: list[str] = []
    for prefix, pid in PREFIXES.items():
        usage = snap.provider(pid)
        if usage is None:
            problems.append(f"{pid} missing")
            continue
        fault = faults.get(prefix)
        for acc in usage.accounts:
            if fault is None:
                if acc.error is not None or not acc.windows:
                    kind = acc.error.kind.value if acc.error else "no windows"
                    problems.append(f"{pid}/{acc.label} hurt ({kind}) by {faults}")
            elif acc.error is None:
                numbers = [w.id for w in acc.windows if w.used_percent is not None]
                if EXPECTED[fault] is not UNKNOWN_OK or numbers:
                    problems.append(f"{pid}/{acc.label} under {fault}: numbers {numbers}")
            elif acc.error.kind not in EXPECTED[fault]:
                problems.append(f"{pid}/{acc.label} under {fault}: {acc.error.kind.value}")
    return problems


def _sample() -> dict[str, Any]:
    return {"rss_mib": procstat.rss_mib() or 0.0, "threads": threading.active_count(),
            "sockets": procstat.sockets() or 0}


def soak(cycles: int, seed: int, timeout: float, warmup: int, workdir: Path) -> dict[str, Any]:
    from bench.cycles import _poller_for

    rng = random.Random(seed)
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    refused = f"http://127.0.0.1:{closed_port()}"
    injected: Counter[str] = Counter()
    mismatches: list[str] = []
    crashes = 0
    samples: list[dict[str, Any]] = []
    with SimProcess(workdir / "sim", timeout_delay=timeout + 1.0) as sim:
        env = dict(sim.environ)
        real_urls = dict(env)
        before = _sample()
        recorder = _Recorder(None)

        def wrap(engine: Any) -> _Recorder:
            recorder.engine = engine
            return recorder

        engine, poller = _poller_for(env, timeout=timeout, state_dir=workdir / "state",
                                     wrap=wrap)
        baseline: dict[str, Any] = {}
        started = time.perf_counter()
        for cycle in range(warmup + cycles):
            if cycle == warmup:
                baseline = _sample()
            k = rng.choices((0, 1, 2, 3), weights=(2, 5, 2, 1))[0]
            faults = {p: rng.choices(FAULTS, WEIGHTS)[0]
                      for p in rng.sample(sorted(PREFIXES), k)}
            injected.update(faults.values())
            sim.scenarios({p: f for p, f in faults.items() if f != "refused"})
            for prefix, fault in faults.items():
                var = f"MYSTATUS_{URL_KEYS[prefix].upper()}_URL"
                env[var] = refused if fault == "refused" else real_urls[var]
            done = poller.refreshes
            poller.refresh_once(full=True)
            for var, url in real_urls.items():
                env[var] = url
            if poller.refreshes != done + 1 or recorder.last is None:
                crashes += 1
                continue
            found = check(recorder.last, faults)
            mismatches += [f"cycle {cycle}: {p}" for p in found]
            if cycle >= warmup and (cycle - warmup) % 100 == 0:
                samples.append({"cycle": cycle - warmup, **_sample()})
        sim.scenarios({})
        poller.refresh_once(full=True)
        end = _sample()
        elapsed = time.perf_counter() - started
        engine.close()
        closed = _sample()
    logging.getLogger().removeHandler(errors)
    crashes += len(errors.records)
    most_threads = max(int(s["threads"]) for s in samples) if samples else end["threads"]
    most_sockets = max(int(s["sockets"] or 0) for s in samples) if samples else end["sockets"]
    return {
        "cycles": cycles, "warmup": warmup, "seed": seed, "timeout_s": timeout,
        "seconds": round(elapsed, 1), "faults_injected": dict(sorted(injected.items())),
        "crashes": crashes, "crash_logs": errors.records[:10],
        "mismatches": len(mismatches), "mismatch_examples": mismatches[:10],
        "rss_mib": {"start": baseline["rss_mib"], "end": end["rss_mib"],
                    "growth": end["rss_mib"] - baseline["rss_mib"]},
        "threads": {"before_engine": before["threads"], "start": baseline["threads"],
                    "max": most_threads, "end": end["threads"], "after_close": closed["threads"],
                    "leaked": closed["threads"] - before["threads"]},
        "sockets": {"before_engine": before["sockets"], "start": baseline["sockets"],
                    "max": most_sockets, "end": end["sockets"], "after_close": closed["sockets"],
                    "leaked": (closed["sockets"] or 0) - (before["sockets"] or 0)},
        "samples": samples,
    }


def passed(result: dict[str, Any]) -> bool:
    return bool(result["crashes"] == 0 and result["mismatches"] == 0
                and result["threads"]["leaked"] == 0 and result["sockets"]["leaked"] == 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=0.5, help="client timeout, seconds")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mystatus-soak-") as tmp:
        result = soak(args.cycles, args.seed, args.timeout, args.warmup, Path(tmp))
    ok = passed(result)
    rss, thr, sck = result["rss_mib"], result["threads"], result["sockets"]
    print(f"soak: {args.cycles} cycles (+{args.warmup} warm-up), seed {args.seed}, "
          f"{result['seconds']} s, {sum(result['faults_injected'].values())} faults injected")
    print(f"  crashes {result['crashes']}, mismatches {result['mismatches']}")
    print(f"  RSS {rss['start']:.2f} → {rss['end']:.2f} MiB (growth {rss['growth']:+.2f})")
    print(f"  threads {thr['start']} → {thr['end']} (max {thr['max']}), leaked after close "
          f"{thr['leaked']}; sockets {sck['start']} → {sck['end']} (max {sck['max']}), "
          f"leaked after close {sck['leaked']}")
    for line in result["mismatch_examples"] + result["crash_logs"]:
        print(f"  ! {line}")
    print("  PASSED" if ok else "  FAILED")
    out = args.json or Path(__file__).resolve().parent / "results" / \
        f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    write_json(out, {"schema": 1, "passed": ok, **result})
    print(f"JSON: {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
