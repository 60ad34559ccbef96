"""The provider simulator in its own process, driven over a pipe, so that the process being
measured (the soak, the refresh-cycle child, the tray) holds none of the simulator's threads,
sockets or memory (its request log grows with every request).

Child: `python -m bench.simhost WORKDIR [--latency S] [--timeout-delay S]` writes the demo
credential files into WORKDIR, prints one JSON line {"url", "environ"}, then answers one JSON
line per command line: {"op": "scenarios", "set": {prefix: name}} (all others healthy),
{"op": "latency", "seconds": S}, {"op": "reset"}, {"op": "counts"}. EOF stops it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


class SimProcess:
    """Parent side: start the child, send commands, read answers."""

    def __init__(self, workdir: Path, *, latency: float = 0.0, timeout_delay: float = 12.0
                 ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.simhost", str(workdir), "--latency", str(latency),
             "--timeout-delay", str(timeout_delay)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
            cwd=Path(__file__).resolve().parents[1],
        )
        hello = self._read()
        self.url: str = hello["url"]
        self.environ: dict[str, str] = dict(hello["environ"])
        self.pid = self._proc.pid

    def _read(self) -> Any:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"simulator process ended (exit {self._proc.poll()})")
        return json.loads(line)

    def call(self, op: str, **args: Any) -> Any:
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self._proc.stdin.flush()
        return self._read()

    def scenarios(self, wanted: dict[str, str]) -> None:
        self.call("scenarios", set=wanted)

    def latency(self, seconds: float) -> None:
        self.call("latency", seconds=seconds)

    def reset_counts(self) -> None:
        self.call("reset")

    def total_requests(self) -> int:
        return int(self.call("counts")["total"])

    def close(self) -> None:
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=5)
        if self._proc.stdout is not None:
            self._proc.stdout.close()

    def __enter__(self) -> SimProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(argv: list[str]) -> int:
    import argparse

    from tray_app.simulator import Simulator
    from tray_app.simulator.demo import demo_environment

    parser = argparse.ArgumentParser(prog="python -m bench.simhost")
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--timeout-delay", type=float, default=12.0)
    args = parser.parse_args(argv)
    with Simulator(latency=args.latency, timeout_delay=args.timeout_delay) as sim:
        env = demo_environment(sim, args.workdir)
        print(json.dumps({"url": sim.url, "environ": env}), flush=True)
        for line in sys.stdin:
            cmd = json.loads(line)
            answer: dict[str, Any] = {"ok": True}
            if cmd["op"] == "scenarios":
                wanted: dict[str, str] = cmd["set"]
                for prefix in set(sim.scenarios) | set(wanted):
                    sim.set_scenario(prefix, wanted.get(prefix, "healthy"))
            elif cmd["op"] == "latency":
                sim.default_latency = float(cmd["seconds"])
            elif cmd["op"] == "reset":
                sim.reset_counts()
            elif cmd["op"] == "counts":
                answer["total"] = sim.total_requests
                answer["counts"] = dict(sim.counts)
            sim.received.clear()  # the request log is not needed here and would only grow
            print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_serve(sys.argv[1:]))
