"""The "!" badge never covers a digit: for every number the icon can show (0..100, and the
"!" / "–" states) at every tray size, the ink of the digits as drawn and the ink of the badge
do not share a pixel, and the digits are still drawn whole (not cut by the icon's edges)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from tray_app.tray.icon import IconState, _badge, render, text_layout

SIZES = (16, 22, 24, 32, 48, 64)
TEXTS = (*(str(n) for n in range(101)), "!", "–", "999")


def state(text: str, badge: bool) -> IconState:
    return IconState(text=text, percent=None, severity="warning", stale=False, tooltip="",
                     source="", badge=badge)


def text_ink(st: IconState, size: int) -> set[tuple[int, int]]:
    """The pixels the number covers, drawn with the renderer's own font and origin."""
    layer = Image.new("L", (size, size), 0)
    font, origin = text_layout(st, size)
    ImageDraw.Draw(layer).text(origin, st.text, font=font, fill=255)
    return {(x, y) for y in range(size) for x in range(size) if layer.getpixel((x, y))}


def badge_ink(size: int) -> set[tuple[int, int]]:
    alpha = _badge(size, 4).getchannel("A")
    return {(x, y) for y in range(size) for x in range(size) if alpha.getpixel((x, y))}


@pytest.mark.parametrize("size", SIZES)
def test_the_badge_and_the_digits_share_no_pixel(size: int) -> None:
    badge = badge_ink(size)
    assert badge, "the badge is drawn"
    for text in TEXTS:
        ink = text_ink(state(text, badge=True), size)
        assert ink, text
        assert not ink & badge, (text, size, sorted(ink & badge)[:5])
        # whole: nothing of the number at the icon's outermost pixels
        assert all(0 < x < size - 1 and 0 < y < size - 1 for x, y in ink), (text, size)


@pytest.mark.parametrize("size", SIZES)
def test_without_the_badge_the_number_keeps_the_whole_icon(size: int) -> None:
    # the badge costs the number some height, never more than needed
    for text in ("7", "73", "100"):
        plain = text_ink(state(text, badge=False), size)
        badged = text_ink(state(text, badge=True), size)
        height = max(y for _, y in plain) - min(y for _, y in plain)
        small = max(y for _, y in badged) - min(y for _, y in badged)
        assert small <= height and small >= height * 0.5, (text, size, height, small)


def test_the_drawn_icon_shows_the_badge_over_no_digit() -> None:
    # the whole renderer: the badge's pixels are the same whatever the number under it
    size = 32
    first = render(state("100", badge=True), size)
    for text in ("0", "88", "100"):
        img = render(state(text, badge=True), size)
        for x, y in badge_ink(size):
            assert img.getpixel((x, y)) == first.getpixel((x, y)), (text, x, y)
