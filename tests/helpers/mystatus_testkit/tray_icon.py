"""Finding the tray's docked icon on the headless desktop's screen and comparing it with what
the renderer draws (shared by the desktop tests of every backend and of the tray app)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from tray_app.tray.icon import IconState, fill_colour, render

Box = tuple[int, int, int, int]


def docked_icon(desktop: Any, backend: str, state: IconState, log: Callable[[], str]) -> Box:
    """The docked icon: where its fill colour is, inside the tray host's window. Only one
    icon-shaped box, at the same place in two looks 0.2 s apart: the previous test's tray
    (same demo, same colour) may still be leaving the host, which then moves this one."""
    host = desktop.icon_host(backend)
    rgb = fill_colour(state)
    last: list[Any] = [None]

    def found() -> Any:
        box = desktop.find_color(desktop.geometry(host), rgb, tolerance=12)
        single = box is not None and 12 <= box[2] <= 1.5 * box[3] and box[3] >= 12
        stable = single and box == last[0]
        last[0] = box if single else None
        return box if stable else None

    box = desktop.poll(found, 60.0, 0.2)  # a bound only: the icon docks late on a busy machine
    if box is None:
        shot = desktop.screenshot(f"no-icon-{backend}")
        pytest.fail(f"no {rgb} icon in the tray host {host:#x} ({shot}); log: {log()[-2000:]}")
    return box  # type: ignore[no-any-return]


def diff_to(shot: Image.Image, state: IconState) -> float:
    """Mean per-channel difference between the screen and the renderer's image of `state`,
    scaled to the on-screen size, over the icon's opaque pixels."""
    expected = render(state, 64).resize(shot.size, Image.Resampling.LANCZOS)
    mask = expected.getchannel("A").point(lambda a: 255 if a == 255 else 0)
    delta = ImageChops.difference(expected.convert("RGB"), shot.convert("RGB"))
    return sum(ImageStat.Stat(delta, mask).mean) / 3
