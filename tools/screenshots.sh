#!/usr/bin/env bash
# screenshots.sh — the README's screenshots, taken for real: the demo tray (`--demo`, against
# the built-in simulator) on the headless desktop of tools/ci-desktop.sh (Xvfb + trayer tray +
# D-Bus + dunst), with the AppIndicator backend by default.
#
# Usage:   bash tools/screenshots.sh [OUTDIR [LANG...]]  (default: docs/screenshots en zh-TW)
# Writes, per language (no suffix for en, "-zh-TW" etc. for the others), on a 1024x768 screen:
#          OUTDIR/tray.png           the tray panel with the icon (zoomed 2x, nearest neighbour;
#                                    first language only: the icon has no words)
#          OUTDIR/menu.png           the icon's menu opened by a click, one provider's submenu open
#          OUTDIR/notification.png   the start-up summary notification as dunst shows it
#          OUTDIR/report-window.png  the xorg backend's report window (a click on its icon)
#          The demo runs with MYSTATUS_DEMO_SCENARIOS=status-claude=degraded (a provider outage)
#          unless that variable is set.
# Knobs:   PYTHON (default .venv/bin/python, else python3), CI_DESKTOP_SCREEN (default
#          1024x768x24). The menu shows the first provider's submenu (the demo's OpenAI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

# Not inside the desktop yet: start one and run this script again inside it.
if [ -z "${CI_DESKTOP_TRAY_WINDOW:-}" ]; then
  exec bash tools/ci-desktop.sh -- env PYTHON="$PY" bash "${BASH_SOURCE[0]}" "$OUT" "${@:2}"
fi

mkdir -p "$OUT"
LANGS=("${@:2}")
[ ${#LANGS[@]} -gt 0 ] || LANGS=(en zh-TW)
"$PY" - "$OUT" "${LANGS[@]}" <<'PYEOF'
"""Per language: start the demo tray (appindicator), shoot its start-up notification (dunst),
the tray and the open menu with a submenu; then the xorg backend's report window."""
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
langs = sys.argv[2:] or ["en"]
disp = display.Display()
root = disp.screen().root
# A calm desktop colour instead of Xvfb's black, so the menu reads like on a real screen.
root.change_attributes(background_pixel=0x3B4252)
root.clear_area(0, 0, 0, 0)
disp.sync()
screen = root.get_geometry()
tray = disp.create_resource_object("window", int(os.environ["CI_DESKTOP_TRAY_WINDOW"], 16))
work = Path(tempfile.mkdtemp(prefix="shots-"))


def poll(fn, timeout=20.0):
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


def wm_class(win):
    try:
        return " ".join(win.get_wm_class() or ())
    except Exception:
        return ""


def grab(box):
    x, y, w, h = box
    return ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + w, y + h))


def save(image, name):
    image.save(out / name, optimize=True)
    print(f"screenshots: wrote {out / name} ({image.width}x{image.height})")


def suffix(lang):
    return "" if lang == "en" else f"-{lang}"


def start(lang, backend, tag):
    run = work / f"{tag}-{lang}"
    run.mkdir()
    env = dict(os.environ, MYSTATUS_DEBUG_STATE_FILE=str(run / "state.json"),
               MYSTATUS_DEBUG_WINDOW_FILE=str(run / "window.json"),
               XDG_STATE_HOME=str(run / "state"), XDG_CONFIG_HOME=str(run / "config"),
               PYSTRAY_BACKEND=backend, GDK_GL="disable",
               # the demo's provider outage (its status feed), so the menu shows one
               MYSTATUS_DEMO_SCENARIOS=os.environ.get("MYSTATUS_DEMO_SCENARIOS",
                                                      "status-claude=degraded"))
    app = subprocess.Popen([sys.executable, "-m", "tray_app.tray.app", "--demo", "--lang", lang],
                           env=env, stdin=subprocess.DEVNULL)

    def first_refresh():
        try:
            state = json.loads((run / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return state if state["refreshes"] >= 1 and not state["refreshing"] else None

    return app, run, poll(first_refresh, 60.0)


def find_icon(state):
    rgb = fill_colour(IconState(**state["icon"]))

    def icon_box():
        tx, ty, tw, th = geometry(tray)  # trayer grows as icons dock: read it every time
        data = grab((tx, ty, tw, th)).convert("RGB").tobytes()
        hits = [(i // 3 % tw, i // 3 // tw) for i in range(0, len(data), 3)
                if all(abs(data[i + k] - rgb[k]) <= 12 for k in range(3))]
        if len(hits) < 100:
            return None
        xs, ys = [p[0] for p in hits], [p[1] for p in hits]
        return tx + min(xs), ty + min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1

    return poll(icon_box)


def stop(app):
    app.terminate()
    app.wait(timeout=20)
    subprocess.run(["dunstctl", "close-all"], check=False)


def shots_menu(lang):
    before = set(tops())
    app, run, state = start(lang, "appindicator", "menu")
    try:
        # notification.png: the start-up summary as dunst shows it
        def popup():
            return [w for wid, w in tops().items() if wid not in before and "unst" in wm_class(w)]

        note = poll(popup, 30.0)[0]
        time.sleep(0.5)  # dunst draws right after mapping
        x, y, w, h = geometry(note)
        save(grab((max(0, x - 8), max(0, y - 8), w + 16, h + 16)),
             f"notification{suffix(lang)}.png")
        subprocess.run(["dunstctl", "close-all"], check=False)  # it would cover the menu
        poll(lambda: not popup(), 10.0)

        ix, iy, iw, ih = find_icon(state)
        tx, ty, tw, th = geometry(tray)
        # tray.png: the right end of the panel around the icon, zoomed for the README (the
        # icon has no words: once, from the first language)
        left = max(0, ix - 96)
        panel = grab((left, 0, tx + tw - left, ty + th + 8))
        if lang == langs[0]:
            save(panel.resize((panel.width * 2, panel.height * 2), Image.Resampling.NEAREST),
                 f"tray{suffix(lang)}.png")

        # menu.png: click the icon (AppIndicator's XEmbed fallback: left click).
        shown = set(tops())
        subprocess.run(["xdotool", "mousemove", str(ix + iw // 2), str(iy + ih // 2),
                        "click", "1"], check=True, timeout=10)
        menu_id = poll(lambda: sorted(set(tops()) - shown)[-1:] or None)[0]
        menu = tops()[menu_id]
        mx, my, mw, mh = poll(lambda: (g := geometry(menu))[3] > 100 and g)
        time.sleep(0.5)
        # Hover a provider row so its submenu opens beside the menu: OpenAI, the first row
        # under the demo's urgent lines whose submenu opens (its accounts carry summaries)
        opened = set(tops())
        for row_y in range(my + 12, my + mh, 12):
            subprocess.run(["xdotool", "mousemove", str(mx + mw // 3), str(row_y)],
                           check=True, timeout=10)
            end = time.monotonic() + 1.0  # GTK opens a submenu ~225 ms after the hover
            while time.monotonic() < end and not set(tops()) - opened:
                time.sleep(0.05)
            if set(tops()) - opened:
                break
        poll(lambda: set(tops()) - opened, 5.0)
        time.sleep(0.7)
        boxes = [geometry(w) for wid, w in tops().items() if wid not in shown]
        boxes.append((ix, iy, iw, ih))
        x0 = max(0, min(b[0] for b in boxes) - 16)
        x1 = min(screen.width, max(b[0] + b[2] for b in boxes) + 16)
        y1 = min(screen.height, max(b[1] + b[3] for b in boxes) + 16)
        save(grab((x0, 0, x1 - x0, y1)), f"menu{suffix(lang)}.png")
        print(f"screenshots: menu boxes {boxes}")
        subprocess.run(["xdotool", "key", "Escape"], check=False, timeout=10)
    finally:
        stop(app)


def shots_window(lang):
    app, run, state = start(lang, "xorg", "window")
    try:
        ix, iy, iw, ih = find_icon(state)
        subprocess.run(["dunstctl", "close-all"], check=False)
        before = set(tops())
        subprocess.run(["xdotool", "mousemove", str(ix + iw // 2), str(iy + ih // 2),
                        "click", "1"], check=True, timeout=10)
        last = [None]

        def settled():
            try:
                data = json.loads((run / "window.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
            ok = bool(data["buttons"]) and data == last[0]
            last[0] = data
            return data if ok else None

        poll(settled, 30.0)
        subprocess.run(["dunstctl", "close-all"], check=False)
        new = poll(lambda: [w for wid, w in tops().items() if wid not in before
                            and "unst" not in wm_class(w)])
        time.sleep(0.5)
        box = max((geometry(w) for w in new), key=lambda b: b[2] * b[3])
        save(grab(box), f"report-window{suffix(lang)}.png")
    finally:
        stop(app)


for lang in langs:
    shots_menu(lang)
    shots_window(lang)
shutil.rmtree(work, ignore_errors=True)  # kept on a failure: its timeout.png shows why
PYEOF
