#!/usr/bin/env python3
"""The app icon in every size each OS asks for, from ONE drawing (never edit a size by hand).

    python tools/make_icons.py [OUT_DIR]      # default: icons/ next to this tools/ dir

One source: `master()` draws the mark (a quota gauge: a dark rounded square, a ring in the
tray icon's calm / warning / alert colours, a needle in the warning zone) at 4x of 1024 px
with plain polygons and reduces it to the 1024 px master. Every other file is the master
resized (LANCZOS): the Linux hicolor PNGs, the 256 px PNG of the .desktop file, the Windows
.ico and the macOS .icns (both made of those same resized images; the .icns container is
written here, see `icns_bytes`).
tests/unit/test_icons.py regenerates everything into a temp dir and compares the pixels with
the committed files, so a hand-edited size fails CI.
"""

from __future__ import annotations

import io
import math
import struct
import sys
from pathlib import Path

from PIL import Image, ImageDraw

NAME = "mystatus-tray"
MASTER = 1024
SUPERSAMPLE = 4  # polygons have no anti-aliasing: draw 4x larger, then reduce
HICOLOR = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO = (16, 24, 32, 48, 64, 128, 256)
DESKTOP_PNG = 256

# The tray icon's severity colours (tray_app/tray/icon.py COLOURS), so the app icon and the
# live icon read as one family.
CALM, WARNING, ALERT = (46, 125, 50), (245, 166, 35), (211, 47, 47)
BACKGROUND, TRACK, WHITE = (38, 50, 56), (69, 90, 100), (250, 250, 250)

Point = tuple[float, float]


def _rounded_square(x0: float, y0: float, x1: float, y1: float, r: float) -> list[Point]:
    pts: list[Point] = []
    corners = ((x1 - r, y0 + r, 270), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90),
               (x0 + r, y0 + r, 180))
    for cx, cy, start in corners:
        for step in range(0, 91, 3):
            a = math.radians(start + step)
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _band(c: Point, r_out: float, r_in: float, a0: float, a1: float) -> list[Point]:
    """A ring segment from angle a0 to a1 (degrees, clockwise from 3 o'clock, y down)."""
    n = max(2, int(abs(a1 - a0)))
    angles = [math.radians(a0 + (a1 - a0) * i / n) for i in range(n + 1)]
    outer = [(c[0] + r_out * math.cos(a), c[1] + r_out * math.sin(a)) for a in angles]
    inner = [(c[0] + r_in * math.cos(a), c[1] + r_in * math.sin(a)) for a in reversed(angles)]
    return outer + inner


def _disc(c: Point, r: float) -> list[Point]:
    return [(c[0] + r * math.cos(math.radians(a)), c[1] + r * math.sin(math.radians(a)))
            for a in range(0, 360, 2)]


def _needle(c: Point, angle: float, length: float, width: float) -> list[Point]:
    a = math.radians(angle)
    tip = (c[0] + length * math.cos(a), c[1] + length * math.sin(a))
    side = (-math.sin(a) * width / 2, math.cos(a) * width / 2)
    tail = (c[0] - 0.18 * length * math.cos(a), c[1] - 0.18 * length * math.sin(a))
    return [(tail[0] + side[0], tail[1] + side[1]), tip, (tail[0] - side[0], tail[1] - side[1])]


def master(size: int = MASTER) -> Image.Image:
    """The one drawing: all coordinates are fractions of the side, so it scales."""
    s = size * SUPERSAMPLE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    def px(points: list[Point]) -> list[Point]:
        return [(x * s, y * s) for x, y in points]

    # Body with a margin (macOS draws icons on ~80 % of the canvas; it also reads in a tray).
    draw.polygon(px(_rounded_square(0.08, 0.08, 0.92, 0.92, 0.19)), fill=(*BACKGROUND, 255))
    centre, r_out, r_in = (0.5, 0.54), 0.33, 0.235
    start, sweep = 135.0, 270.0  # a gauge: open at the bottom

    def at(fraction: float) -> float:
        return start + sweep * fraction

    draw.polygon(px(_band(centre, r_out + 0.012, r_in - 0.012, at(0), at(1))),
                 fill=(*TRACK, 255))
    for lo, hi, colour in ((0.0, 0.5, CALM), (0.5, 0.8, WARNING), (0.8, 1.0, ALERT)):
        draw.polygon(px(_band(centre, r_out, r_in, at(lo) + 0.6, at(hi) - 0.6)),
                     fill=(*colour, 255))
    draw.polygon(px(_needle(centre, at(0.72), 0.30, 0.075)), fill=(*WHITE, 255))
    draw.polygon(px(_disc(centre, 0.065)), fill=(*WHITE, 255))
    draw.polygon(px(_disc(centre, 0.028)), fill=(*BACKGROUND, 255))
    return img.resize((size, size), Image.Resampling.LANCZOS)


def sized(src: Image.Image, size: int) -> Image.Image:
    return src if src.width == size else src.resize((size, size), Image.Resampling.LANCZOS)


def outputs(out: Path) -> dict[str, Path]:
    """Every generated file, by a short key (the test iterates over these)."""
    files = {
        "master": out / f"{NAME}-1024.png",
        "desktop": out / f"{NAME}.png",
        "ico": out / f"{NAME}.ico",
        "icns": out / f"{NAME}.icns",
    }
    for n in HICOLOR:
        files[f"hicolor-{n}"] = out / "hicolor" / f"{n}x{n}" / "apps" / f"{NAME}.png"
    return files


def generate(out: Path) -> dict[str, Path]:
    src = master()
    files = outputs(out)
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    images = {n: sized(src, n) for n in sorted({*HICOLOR, *ICO, DESKTOP_PNG, 1024})}
    src.save(files["master"], optimize=True)
    images[DESKTOP_PNG].save(files["desktop"], optimize=True)
    for n in HICOLOR:
        images[n].save(files[f"hicolor-{n}"], optimize=True)
    # .ico / .icns: Pillow takes an image of the exact size from append_images when it has
    # one (so each entry is our resized image, not Pillow's own thumbnail of the largest).
    images[256].save(files["ico"], format="ICO", sizes=[(n, n) for n in ICO],
                     append_images=[images[n] for n in ICO if n != 256])
    files["icns"].write_bytes(icns_bytes(images))
    return files


# (type, pixel size) of the .icns entries, all PNG-encoded: 16/32/64 pt at 1x (icp4-6), then
# 128-512 pt at 1x and 16-512 pt at 2x (ic07-ic14). Pillow's own ICNS writer leaves out the
# 1x 16 and 32 px entries, which Finder lists and the menu bar's app switcher use.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def icns_bytes(images: dict[int, Image.Image]) -> bytes:
    """The Apple icon container: b"icns" + total length, then (type, length, PNG) entries."""
    pngs = {n: _png(images[n]) for n in {n for _, n in ICNS_TYPES}}
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[n])) + pngs[n]
                    for kind, n in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "icons"
    for key, path in generate(out).items():
        print(f"{key:12} {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
