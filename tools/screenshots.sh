#!/usr/bin/env bash
# screenshots.sh — the README's screenshots, taken for real: the demo tray (`--demo`, against
# the built-in simulator) on the headless desktop of tools/ci-desktop.sh (Xvfb + trayer tray +
# D-Bus + dunst), with the AppIndicator backend by default.
#
# Usage:   bash tools/screenshots.sh [OUTDIR]        (default: docs/screenshots)
# Writes:  OUTDIR/tray.png  the tray panel with the icon (zoomed 2x, nearest neighbour)
#          OUTDIR/menu.png  the icon's menu opened by a click, one provider's submenu expanded
# Knobs:   PYTHON (default .venv/bin/python, else python3), PYSTRAY_BACKEND (appindicator|gtk)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

# Not inside the desktop yet: start one and run this script again inside it.
if [ -z "${CI_DESKTOP_TRAY_WINDOW:-}" ]; then
  exec bash tools/ci-desktop.sh -- env PYTHON="$PY" bash "${BASH_SOURCE[0]}" "$OUT"
fi

mkdir -p "$OUT"
export PYSTRAY_BACKEND=${PYSTRAY_BACKEND:-appindicator} GDK_GL=disable
"$PY" - "$OUT" <<'PYEOF'
"""Start the demo tray, wait for its first refresh, then shoot the tray and the open menu."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageGrab
from Xlib import X, display

from tray_app.tray.icon import IconState, fill_colour

out = Path(sys.argv[1])
work = Path(tempfile.mkdtemp(prefix="shots-"))
state_file = work / "state.json"
env = dict(os.environ, MYSTATUS_DEBUG_STATE_FILE=str(state_file),
           XDG_STATE_HOME=str(work / "state"), XDG_CONFIG_HOME=str(work / "config"))
disp = display.Display()
root = disp.screen().root
# A calm desktop colour instead of Xvfb's black, so the menu reads like on a real screen.
root.change_attributes(background_pixel=0x3B4252)
root.clear_area(0, 0, 0, 0)
disp.sync()


def poll(fn, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = fn()
        if value:
            return value
        time.sleep(0.1)
    ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(work / "timeout.png")
    raise SystemExit(f"screenshots: timed out waiting for {fn.__name__} (see {work}/timeout.png)")


def geometry(win):
    g = win.get_geometry()
    pos = win.translate_coords(root, 0, 0)
    return -pos.x, -pos.y, g.width, g.height


def tops():
    found = {}
    for child in root.query_tree().children:
        try:
            if child.get_attributes().map_state == X.IsViewable:
                found[child.id] = child
        except Exception:
            pass
    return found


def grab(box):
    x, y, w, h = box
    return ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + w, y + h))


app = subprocess.Popen([sys.executable, "-m", "tray_app.tray.app", "--demo", "--lang", "en"],
                       env=env, stdin=subprocess.DEVNULL)
try:
    def first_refresh():
        try:
            state = json.loads(state_file.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return state if state["refreshes"] >= 1 and not state["refreshing"] else None

    state = poll(first_refresh)
    icon = IconState(**state["icon"])
    tray = disp.create_resource_object("window", int(os.environ["CI_DESKTOP_TRAY_WINDOW"], 16))
    rgb = fill_colour(icon)

    def icon_box():
        tx, ty, tw, th = geometry(tray)  # trayer grows as icons dock: read it every time
        data = grab((tx, ty, tw, th)).convert("RGB").tobytes()
        hits = [(i // 3 % tw, i // 3 // tw) for i in range(0, len(data), 3)
                if all(abs(data[i + k] - rgb[k]) <= 12 for k in range(3))]
        if len(hits) < 100:
            return None
        xs, ys = [p[0] for p in hits], [p[1] for p in hits]
        return tx + min(xs), ty + min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1

    ix, iy, iw, ih = poll(icon_box)
    tx, ty, tw, th = geometry(tray)
    subprocess.run(["dunstctl", "close-all"], check=False)  # start-up alerts would cover it
    time.sleep(0.3)
    # tray.png: the right end of the panel around the icon, zoomed for the README.
    left = max(0, ix - 96)
    panel = grab((left, 0, tx + tw - left, ty + th + 8))
    panel.resize((panel.width * 2, panel.height * 2), Image.Resampling.NEAREST).save(out / "tray.png")

    # menu.png: click the icon (AppIndicator's XEmbed fallback: left click; gtk: right click).
    button = "1" if os.environ["PYSTRAY_BACKEND"] == "appindicator" else "3"
    before = set(tops())
    subprocess.run(["xdotool", "mousemove", str(ix + iw // 2), str(iy + ih // 2),
                    "click", button], check=True, timeout=10)
    menu_id = poll(lambda: sorted(set(tops()) - before)[-1:] or None)[0]
    menu = tops()[menu_id]
    mx, my, mw, mh = poll(lambda: (g := geometry(menu))[3] > 100 and g)
    # Hover the second provider row (Zhipu AI) so its submenu opens next to the menu.
    opened = set(tops())
    subprocess.run(["xdotool", "mousemove", str(mx + mw // 2), str(my + 4 + 25 + 12)],
                   check=True, timeout=10)
    poll(lambda: set(tops()) - opened, 5.0)
    time.sleep(0.5)
    boxes = [geometry(w) for wid, w in tops().items() if wid not in before]
    boxes.append((ix, iy, iw, ih))
    x0 = max(0, min(b[0] for b in boxes) - 16)
    y0 = 0
    x1 = min(root.get_geometry().width, max(b[0] + b[2] for b in boxes) + 16)
    y1 = max(b[1] + b[3] for b in boxes) + 16
    grab((x0, y0, x1 - x0, y1 - y0)).save(out / "menu.png")
    subprocess.run(["xdotool", "key", "Escape"], check=False, timeout=10)
    print(f"screenshots: wrote {out / 'tray.png'} and {out / 'menu.png'} "
          f"(icon {icon.text} {icon.severity}, backend {state['backend']})")
finally:
    app.terminate()
    app.wait(timeout=10)
    if (out / "menu.png").exists():
        shutil.rmtree(work, ignore_errors=True)
PYEOF
