"""Looking at the headless desktop's tray hosts from outside: has an icon of a given colour
appeared there yet? (the trayer XEmbed panel, and the SNI bar when CI_DESKTOP_SNI=1)."""

from __future__ import annotations

import os
from typing import Any

from PIL import Image, ImageChops


def desktop_available() -> bool:
    return bool(os.environ.get("DISPLAY") and os.environ.get("CI_DESKTOP_TRAY_WINDOW"))


class TrayHosts:
    def __init__(self) -> None:
        from Xlib import X, display

        self._X = X
        self._display = display.Display(os.environ["DISPLAY"])
        self._root = self._display.screen().root
        self.windows = [int(os.environ["CI_DESKTOP_TRAY_WINDOW"], 16)]
        if os.environ.get("CI_DESKTOP_SNI_WINDOW"):
            self.windows.append(int(os.environ["CI_DESKTOP_SNI_WINDOW"], 16))

    def close(self) -> None:
        self._display.close()

    def _grab(self, wid: int) -> Image.Image | None:
        """The host's pixels as on screen, or None while it has no visible area (trayer
        shrinks to nothing when its last icon leaves; X refuses images off the screen)."""
        from Xlib.error import XError

        try:
            win: Any = self._display.create_resource_object("window", wid)
            geo = win.get_geometry()
            pos = win.translate_coords(self._root, 0, 0)  # root's origin in win: negate it
            screen = self._root.get_geometry()
            x, y = max(0, -pos.x), max(0, -pos.y)
            w = min(geo.width, screen.width - x)
            h = min(geo.height, screen.height - y)
            if w <= 0 or h <= 0:
                return None
            raw = self._root.get_image(x, y, w, h, self._X.ZPixmap, 0xFFFFFFFF)
        except XError:
            return None
        return Image.frombytes("RGB", (w, h), raw.data, "raw", "BGRX")

    def count(self, colours: list[tuple[int, int, int]], tolerance: int = 12) -> int:
        """Pixels, over every tray host, within `tolerance` per channel of any of `colours`."""
        total = 0
        for wid in self.windows:
            image = self._grab(wid)
            if image is None:
                continue
            for rgb in colours:
                masks = [band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
                         for band, c in zip(image.split(), rgb, strict=True)]
                both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
                total += both.histogram()[255]
        return total
