"""ccusage (the reference CLI, from npm via tools/npm-oracles.sh) as an oracle for spend: run it
offline on generated logs and read its per-day, per-model tokens and its total cost."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

Figures = dict[tuple[str, str], tuple[int, int, int, int]]  # (date, model) → in, out, cr, cw


def run(binary: str, args: list[str], env: dict[str, str], home: Path) -> dict[str, Any]:
    full = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "NO_COLOR": "1", **env}
    done = subprocess.run([binary, *args, "--json", "--offline"], env=full, capture_output=True,
                          text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise AssertionError(f"ccusage {args} failed ({done.returncode}): {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout))


def claude_daily(binary: str, config_dir: Path, zone: str, home: Path
                 ) -> tuple[Figures, float]:
    data = run(binary, ["claude", "daily", "-z", zone],
               {"CLAUDE_CONFIG_DIR": str(config_dir)}, home)
    out: Figures = {}
    for day in data.get("daily", []):
        for m in day.get("modelBreakdowns", []):
            out[(day["date"], m["modelName"])] = (
                int(m["inputTokens"]), int(m["outputTokens"]), int(m["cacheReadTokens"]),
                int(m["cacheCreationTokens"]))
    return out, float(data.get("totals", {}).get("totalCost", 0.0))


def codex_daily(binary: str, codex_home: Path, zone: str, home: Path
                ) -> tuple[Figures, dict[tuple[str, str], int], float]:
    data = run(binary, ["codex", "daily", "-z", zone], {"CODEX_HOME": str(codex_home)}, home)
    out: Figures = {}
    reasoning: dict[tuple[str, str], int] = {}
    for day in data.get("daily", []):
        for model, m in (day.get("models") or {}).items():
            out[(day["date"], model)] = (
                int(m["inputTokens"]), int(m["outputTokens"]), int(m["cacheReadTokens"]),
                int(m["cacheCreationTokens"]))
            reasoning[(day["date"], model)] = int(m.get("reasoningOutputTokens", 0))
    return out, reasoning, float(data.get("totals", {}).get("costUSD", 0.0))
