#!/usr/bin/env bash
# screenshots-history.sh — the README's History… screenshots, taken for real from the demo: the
# real chart window process (`python -m tray_app.charts.window --demo`: the demo's accounts as
# `status --demo` shows them, with the believable past of simulator/usage_days.py ending at
# those numbers) on the headless desktop of tools/ci-desktop.sh; plus `mystatus-tray history
# --demo --plot --scale 2` for a 200 % screen. Each shot waits on the window's own report of
# its draw (MYSTATUS_DEBUG_CHART_FILE), not on time.
#
# Usage:   bash tools/screenshots-history.sh [OUTDIR]        (default: docs/screenshots)
# Writes:  OUTDIR/history.png        the chart window, light, 100 %, English
#          OUTDIR/history-dark.png   the same, dark
#          OUTDIR/history-zh-TW.png  the same in Traditional Chinese
#          OUTDIR/history-wide.png   the window made wide: the panels flow into two columns
#          OUTDIR/history-200.png    `history --demo --plot --scale 2 --provider openai` (200 %)
# Knobs:   PYTHON (default .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

if [ -z "${CI_DESKTOP_TRAY_WINDOW:-}" ]; then
  CI_DESKTOP_SCREEN=${CI_DESKTOP_SCREEN:-1600x900x24} \
    exec bash tools/ci-desktop.sh -- env PYTHON="$PY" bash "${BASH_SOURCE[0]}" "$OUT"
fi

mkdir -p "$OUT"
"$PY" - "$OUT" <<'PYEOF'
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import ImageGrab

from tray_app.charts.window import DEBUG_ENV, WM_CLASS

out = Path(sys.argv[1])
work = Path(tempfile.mkdtemp(prefix="shots-history-"))
report = work / "chart.json"
env = dict(os.environ, XDG_STATE_HOME=str(work / "state"), XDG_CONFIG_HOME=str(work / "cfg"),
           **{DEBUG_ENV: str(report)})


def wait(test, what: str, limit: float = 90.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            found = test()
        except (OSError, ValueError):
            found = None
        if found:
            return found
        time.sleep(0.1)  # polling a file the window rewrites; the condition is the state
    raise SystemExit(f"screenshots: {what} never happened")


def drawn() -> dict:
    return json.loads(report.read_text("utf-8"))


def window_id() -> str | None:
    """The chart window, by its class (its title is localized)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--classname", WM_CLASS],
                           capture_output=True, text=True).stdout.split()
    return found[0] if found else None


def geometry(wid: str) -> tuple[int, int, int, int]:
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                         capture_output=True, text=True).stdout
    vals = dict(line.split("=") for line in geo.split())
    return int(vals["X"]), int(vals["Y"]), int(vals["WIDTH"]), int(vals["HEIGHT"])


def settled(draws: int) -> bool:
    """The window reported `draws` draws and Tk has painted them (two equal grabs)."""
    if drawn().get("draws", 0) < draws:
        return False
    box = geometry(window_id() or "")
    x, y, w, h = box
    first = ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + w, y + h))
    time.sleep(0.3)
    second = ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + w, y + h))
    return first.tobytes() == second.tobytes() and len(first.getcolors(1 << 16) or []) > 8


def shoot(lang: str, theme: str, name: str, wide: bool = False) -> None:
    report.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "tray_app.charts.window", "--demo",
                             "--lang", lang, "--theme", theme, "--scale", "1",
                             "--width", "900"], env=env)
    try:
        wait(lambda: report.exists() and drawn(), "the chart's first draw")
        wid = wait(window_id, "the chart window")
        subprocess.run(["xdotool", "windowsize", wid, "1000" if not wide else "1500",
                        "760"], check=True)
        wait(lambda: drawn()["width"] > (1300 if wide else 900), "the redraw at the new size")
        wait(lambda: settled(drawn()["draws"]), "a settled window")
        x, y, w, h = geometry(wid)
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + w, y + h)).save(
            out / name)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


shoot("en", "light", "history.png")
shoot("en", "dark", "history-dark.png")
shoot("zh-TW", "light", "history-zh-TW.png")
shoot("en", "light", "history-wide.png", wide=True)
subprocess.run([sys.executable, "-m", "tray_app", "history", "--demo", "--plot",
                str(out / "history-200.png"), "--scale", "2", "--provider", "openai"],
               env=env, check=True)
print(f"screenshots: wrote {out}/history.png, history-dark.png, history-zh-TW.png, "
      "history-wide.png, history-200.png")
shutil.rmtree(work, ignore_errors=True)
PYEOF
