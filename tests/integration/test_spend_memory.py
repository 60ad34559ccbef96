"""A 1 GB Claude Code log must not raise the scanner's memory: the scan runs in a child process
whose peak RSS (VmHWM in /proc/self/status) is compared with a generous bound; the figures must
be the template session's times the repeats. Timing is bench/'s business (python -m bench
spend), not this test's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tray_app.spend import synthetic

GB = 1 << 30
PEAK_LIMIT_MIB = 120  # generous: the bench shows the real figure (README → Performance)

CHILD = r"""
import json, sys
from pathlib import Path
from tray_app.spend import scanner, report, zone
from tray_app.spend.store import Store
env = {"CLAUDE_CONFIG_DIR": sys.argv[1], "CODEX_HOME": sys.argv[1] + "/none",
       "HOME": sys.argv[1], "XDG_DATA_HOME": sys.argv[1] + "/data"}
store = Store(Path(sys.argv[2]))
stats = scanner.scan(store, env)
z = zone.named("UTC")
built = report.build(store.groups(*report.minute_bounds(z, None, None)), z, by="tool")
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(json.dumps({"peak_kib": peak, "bytes": stats.bytes_read,
                  "output": built.totals["output_tokens"],
                  "cache_read": built.totals["cache_read_tokens"]}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_one_gigabyte_file_keeps_the_scanner_small(tmp_path: Path) -> None:
    folder = tmp_path / "claude" / "projects" / "big"
    folder.mkdir(parents=True)
    size, repeats = synthetic.big_claude_file(folder / "session.jsonl", GB)
    # the template on its own, scanned the same way, for the expected figures
    one = tmp_path / "one" / "projects" / "p"
    one.mkdir(parents=True)
    synthetic.big_claude_file(one / "s.jsonl", 1)
    runs = []
    for root, store in ((tmp_path / "one", tmp_path / "one.sqlite3"),
                        (tmp_path / "claude", tmp_path / "big.sqlite3")):
        done = subprocess.run([sys.executable, "-c", CHILD, str(root), str(store)],
                              capture_output=True, text=True, timeout=1800, check=False)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    template, big = runs
    assert big["bytes"] == size >= GB
    assert big["output"] == template["output"] * repeats
    assert big["cache_read"] == template["cache_read"] * repeats
    print(f"1 GiB file: peak RSS {big['peak_kib'] / 1024:.1f} MiB (the template alone: "
          f"{template['peak_kib'] / 1024:.1f} MiB)")
    assert big["peak_kib"] < PEAK_LIMIT_MIB * 1024, f"peak RSS {big['peak_kib'] // 1024} MiB"
