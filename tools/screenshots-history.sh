#!/usr/bin/env bash
# screenshots-history.sh — the README's usage-history screenshots, taken for real: a history
# file written by the real store from the seeded simulated week (tray_app/simulator/
# usage_days.py, ending now), shown by the real History… window process
# (tray_app/charts/window.py) on the headless desktop of tools/ci-desktop.sh, light and dark;
# plus `mystatus-tray history --plot --scale 2` for a 200 % screen.
#
# Usage:   bash tools/screenshots-history.sh [OUTDIR]        (default: docs/screenshots)
# Writes:  OUTDIR/history.png       the chart window, light, 100 %
#          OUTDIR/history-dark.png  the same, dark
#          OUTDIR/history-200.png   `history --plot --scale 2 --provider openai` (200 %)
# Knobs:   PYTHON (default .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

if [ -z "${CI_DESKTOP_TRAY_WINDOW:-}" ]; then
  exec bash tools/ci-desktop.sh -- env PYTHON="$PY" bash "${BASH_SOURCE[0]}" "$OUT"
fi

mkdir -p "$OUT"
"$PY" - "$OUT" <<'PYEOF'
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from PIL import ImageGrab

from tray_app.model import utcnow
from tray_app.monitoring.history import History, history_path
from tray_app.simulator.usage_days import usage_days

out = Path(sys.argv[1])
work = Path(tempfile.mkdtemp(prefix="shots-history-"))
env = dict(os.environ, XDG_STATE_HOME=str(work / "state"), XDG_CONFIG_HOME=str(work / "cfg"))
os.environ.update(env)
db = history_path()
store = History(db)
now = utcnow()
for snapshot in usage_days(now - timedelta(days=7), 7, every=timedelta(minutes=2), seed=11):
    store.record(snapshot, snapshot.generated_at)
store.close()


def window_box() -> tuple[int, int, int, int] | None:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "usage history$"],
                           capture_output=True, text=True).stdout.split()
    if not found:
        return None
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", found[0]],
                         capture_output=True, text=True).stdout
    vals = dict(line.split("=") for line in geo.split())
    return int(vals["X"]), int(vals["Y"]), int(vals["WIDTH"]), int(vals["HEIGHT"])


for theme, name in (("light", "history.png"), ("dark", "history-dark.png")):
    proc = subprocess.Popen([sys.executable, "-m", "tray_app.charts.window", "--db", str(db),
                             "--lang", "en", "--theme", theme, "--scale", "1"], env=env)
    try:
        box = None
        for _ in range(300):
            box = window_box()
            if box:
                break
            time.sleep(0.1)
        if box is None:
            raise SystemExit("screenshots: the chart window never appeared")
        time.sleep(1.5)
        x, y, w, h = box
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop(
            (x, y, x + w, y + min(h, 80 + 3 * 230))).save(out / name)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
subprocess.run([sys.executable, "-m", "tray_app", "history", "--plot",
                str(out / "history-200.png"), "--scale", "2", "--provider", "openai"],
               env=env, check=True)
print(f"screenshots: wrote {out}/history.png, history-dark.png, history-200.png")
shutil.rmtree(work, ignore_errors=True)
PYEOF
