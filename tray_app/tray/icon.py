"""TrayView → IconState (which number, which colour, the tooltip) → a Pillow image.

Pure functions: the adapter asks for the size its backend wants (HiDPI included) and gets a
square RGBA image drawn at that size, so the number stays crisp from 16 px up.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from tray_app.config import Settings
from tray_app.i18n import t, window_label
from tray_app.monitoring.headline import CALM_BELOW as _CALM_BELOW
from tray_app.monitoring.headline import headline, most_used
from tray_app.monitoring.headline import severity_of as _bar_severity
from tray_app.monitoring.state import enabled, known_windows
from tray_app.monitoring.view import TrayView
from tray_app.monitoring.wording import age_text, reset_text, short_error, usage_text

Severity = Literal["calm", "warning", "alert", "none", "error"]
CALM_BELOW = _CALM_BELOW  # green below this used share (monitoring/headline.py)
TOOLTIP_LINE = 127  # Windows caps the whole tooltip at 127 characters: lines stay short

# Bold fonts for the digits, per platform, best first: a regular weight is too thin to read
# at 16 px, where macOS and Windows draw tray icons. A file may hold several faces (.ttc) or
# be a variable font (macOS's San Francisco): the bold face or instance is picked from it.
_LINUX_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",  # Debian, Ubuntu
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSansCondensed-Bold.ttf",  # Fedora
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSansCondensed-Bold.ttf",  # Arch
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
)
_MAC_FONTS = (
    "/System/Library/Fonts/SFNS.ttf",  # the system UI font (variable: its Bold instance)
    "/System/Library/Fonts/Helvetica.ttc",  # its Bold face
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
)
_WINDOWS_FONTS = ("segoeuib.ttf", "arialbd.ttf", "tahomabd.ttf")  # in %WINDIR%\Fonts
# Fill colours per severity; the text colour is chosen per fill for contrast.
COLOURS: dict[str, tuple[int, int, int]] = {
    "calm": (46, 125, 50),  # green
    "warning": (245, 166, 35),  # amber
    "alert": (211, 47, 47),  # red
    "none": (120, 120, 120),  # grey
    "error": (120, 120, 120),  # grey, with the red "!" badge
}
BADGE = (211, 47, 47)
_STALE_GREY = (150, 150, 150)


@dataclass(frozen=True)
class IconState:
    text: str  # what the icon draws: "73" (percent, no % sign), "!" for error, "–" no data
    percent: float | None
    severity: Severity
    stale: bool
    tooltip: str  # one line per provider
    source: str  # "provider/account/window-id" of the window shown, "" if none
    badge: bool = False  # a small red "!" in the corner: something needs the user (a login...)


def severity_of(used: float, threshold: float) -> Severity:
    """Always by USED %, even when the icon shows the remaining percentage."""
    return _SEVERITY[_bar_severity(used, threshold)]


_SEVERITY: dict[str, Severity] = {"ok": "calm", "warning": "warning", "high": "alert"}


def icon_state(view: TrayView, settings: Settings, lang: str, now: datetime) -> IconState:
    """The icon's number, colour and badge: the shared headline (monitoring/headline.py, the
    same one the status bars and `guard` show) in the icon's terms."""
    tooltip = "\n".join(tooltip_lines(view, settings, lang, now))
    head = headline(view, settings)
    # The badge is for what only the user can fix (a login, a key, a file); network trouble
    # already shows as stale numbers and must not cry wolf.
    if head.located is None or head.number is None:
        if head.errors:
            return IconState("!", None, "error", False, tooltip, "", badge=True)
        return IconState("–", None, "none", view.from_disk, tooltip, "")
    used = head.located.window.used_percent or 0.0
    return IconState(
        text=str(head.number),
        percent=used if settings.show == "used" else max(0.0, 100.0 - used),
        severity=_SEVERITY[head.severity],
        stale=head.stale,
        tooltip=tooltip,
        source=head.located.source,
        badge=head.needs_user,
    )


def tooltip_lines(view: TrayView, settings: Settings, lang: str, now: datetime) -> list[str]:
    """One compact line per provider: its highest-used window, or its error, or staleness."""
    lines = [short_error(p, lang) for p in view.problems]
    for status in enabled(view, settings):
        name = status.usage.name
        windows = [loc for loc in known_windows(view, settings) if loc.status is status]
        parts: list[str] = []
        if windows:
            worst = most_used(windows) or windows[0]  # the headline rule, per provider
            text = usage_text(worst.window, lang, settings.show)
            parts.append(f"{window_label(worst.window, lang)} {text}")
            reset = reset_text(worst.window.resets_at, now, lang)
            if reset:
                # Drop the clock time "(14:30)": the tooltip must stay short (Windows: 127).
                parts.append(reset.split(" (")[0].split("（")[0])
        if status.error is not None:
            parts.append(short_error(status.error, lang))
        elif status.stale:
            parts.append(age_text(status.last_success, now, lang))
        sep, colon = ("，", "：") if lang.startswith("zh") else (", ", ": ")
        lines.append(f"{name}{colon}{sep.join(parts) or '–'}")
    return [_clip(line) for line in lines] or [t("tip.loading", lang)]


def _clip(line: str, limit: int = TOOLTIP_LINE) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ------------------------------------------------------------------------------ drawing
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font_candidates(platform: str | None = None,
                    environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The bold font files the renderer tries on `platform` (this one), best first."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        fonts = Path(environ.get("WINDIR") or environ.get("SystemRoot") or "C:\\Windows") / "Fonts"
        return tuple(fonts / name for name in _WINDOWS_FONTS)
    if platform == "darwin":
        return tuple(Path(p) for p in _MAC_FONTS)
    return tuple(Path(p) for p in _LINUX_FONTS)


@dataclass(frozen=True)
class FontChoice:
    """A font file, the face in it and the variable-font instance that are bold."""

    path: Path
    index: int = 0
    variation: bytes = b""


def _bold_in(path: Path) -> FontChoice | None:
    """The bold face (or variable instance) in `path`, or None if it has none / is broken."""
    for index in range(8):  # .ttc collections: a handful of faces
        try:
            font = ImageFont.truetype(str(path), 16, index=index,
                                      layout_engine=ImageFont.Layout.BASIC)  # names only
        except OSError:
            break  # no such face (or not a font at all)
        style = str(font.getname()[1] or "")
        if "Bold" in style and "Oblique" not in style and "Italic" not in style:
            return FontChoice(path, index)
        try:
            names = font.get_variation_names()
        except (OSError, AttributeError):  # not a variable font
            continue
        if b"Bold" in names:
            return FontChoice(path, index, b"Bold")
    return None


def pick_font(platform: str | None = None,
              environ: Mapping[str, str] | None = None) -> FontChoice | None:
    """The first bold font among the platform's candidates; None: Pillow's default font."""
    for path in font_candidates(platform, environ):
        if path.is_file():
            found = _bold_in(path)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=1)
def _picked() -> FontChoice | None:
    return pick_font()


def _basic_layout(size: int) -> bool:
    """Pillow's basic text layout for icons of 64 px and up (the tray's size but on macOS):
    there it draws the very pixels of the default layout for every text the icon shows
    (0-100, "!", "–"; checked with DejaVu Sans Condensed Bold) without HarfBuzz shaping,
    which would cost the long-lived tray ~0.9 MiB. Smaller icons keep the default layout:
    its unhinted advances fit the digits a size larger, which counts at 16 px."""
    return size >= 64


def _load_font(px: int, choice: FontChoice | None, basic: bool = False) -> Font:
    if choice is not None:
        try:
            font = ImageFont.truetype(str(choice.path), px, index=choice.index,
                                      layout_engine=ImageFont.Layout.BASIC if basic else None)
            if choice.variation:
                font.set_variation_by_name(choice.variation)
            return font
        except OSError:  # the file changed under us: the default font below
            pass
    try:
        return ImageFont.load_default(size=px)
    except TypeError:  # Pillow < 10.1: one small bitmap font
        return ImageFont.load_default()


@lru_cache(maxsize=4)
def _font(px: int, basic: bool = False) -> Font:
    """The font at `px`; only the few sizes the icon is drawn with stay loaded (each loaded
    face costs ~0.25 MiB of the long-lived tray's memory)."""
    return _load_font(px, _picked(), basic)


BADGE_RADIUS = 0.18  # of the icon's size: the "!" disc in the top-right corner


@lru_cache(maxsize=8)
def badge_bottom(size: int) -> int:
    """The first pixel row below the badge as drawn (its ring and the resampling's fringe
    included): with the badge shown, the digits fit the band below it, never under it."""
    box = _badge(size, 4).getchannel("A").getbbox()
    return box[3] if box else math.ceil(size * BADGE_RADIUS * 2) + 3


@lru_cache(maxsize=256)
def _fitted_px(text: str, size: int, choice: FontChoice | None, badge: bool = False) -> int:
    """The largest size whose rendering of `text` fits the icon (or, with the badge, the band
    below it) with a small margin. The sizes tried on the way down are loaded for the
    measurement only, never kept."""
    draw = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    max_w, max_h = size * 0.94, size * 0.72
    if badge:
        max_h = min(max_h, (size - badge_bottom(size)) * 0.94)
    px = int(size * 0.8)
    while px > 6:
        font = _load_font(px, choice, _basic_layout(size))
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_w and bottom - top <= max_h:
            return px
        px -= 1
    return 6


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, badge: bool = False) -> Font:
    """The largest font whose rendering of `text` fits the icon with a small margin."""
    return _font(_fitted_px(text, size, _picked(), badge), _basic_layout(size))


def text_layout(state: IconState, size: int) -> tuple[Font, tuple[float, float]]:
    """The font and origin of the number: centred in the icon, or, with the badge, in the
    band below the badge (so the "!" never covers a digit)."""
    draw = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    font = _fit(draw, state.text, size, state.badge)
    left, top, right, bottom = draw.textbbox((0, 0), state.text, font=font)
    band_top = badge_bottom(size) if state.badge else 0
    # Centred by the ink box (anchors need FreeType; the bitmap fallback font has none).
    return font, ((size - (right - left)) / 2 - left,
                  band_top + (size - band_top - (bottom - top)) / 2 - top)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return (round(a[0] * (1 - k) + b[0] * k), round(a[1] * (1 - k) + b[1] * k),
            round(a[2] * (1 - k) + b[2] * k))


def fill_colour(state: IconState) -> tuple[int, int, int]:
    colour = COLOURS[state.severity]
    # Stale: washed out towards grey, so a glance tells old numbers from live ones.
    return _mix(colour, _STALE_GREY, 0.6) if state.stale else colour


def render(state: IconState, size: int = 64) -> Image.Image:
    """A rounded square in the severity colour with the number (or "!" / "–") centred."""
    size = max(8, int(size))
    scale = 4  # shapes drawn 4x and downsampled: smooth edges even at 16 px
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    s = size * scale
    fill = fill_colour(state)
    draw.rounded_rectangle((0, 0, s - 1, s - 1), radius=s // 5, fill=(*fill, 255))
    if state.stale and size >= 24:
        # A dashed inner border (too fine to draw legibly below 24 px: the grey fill says it).
        inset, dash = s // 10, max(scale, s // 12)
        grey = (235, 235, 235, 255)
        for x in range(inset, s - inset, dash * 2):
            draw.line((x, inset, min(x + dash, s - inset), inset), fill=grey, width=scale)
            draw.line((x, s - inset, min(x + dash, s - inset), s - inset), fill=grey, width=scale)
    image = big.resize((size, size), Image.Resampling.LANCZOS)

    # Text is drawn at the final size (not downsampled) so the digits stay sharp.
    text_draw = ImageDraw.Draw(image)
    font, origin = text_layout(state, size)
    text_draw.text(origin, state.text, font=font, fill=text_colour(fill))
    if state.badge:
        image.alpha_composite(_badge(size, scale))
    return image


def _badge(size: int, scale: int) -> Image.Image:
    """A white disc with a red "!" in the top-right corner, on top of everything: it reads
    on every fill colour (a red dot would vanish on the red "alert" icon)."""
    s = size * scale
    layer = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    r = s * BADGE_RADIUS
    cx, cy = s - r - 1, r + 1
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 255),
                 outline=(60, 60, 60, 255), width=max(1, s // 64))
    bar = max(scale, r * 0.28)  # the "!": a bar and a dot
    draw.rectangle((cx - bar / 2, cy - r * 0.62, cx + bar / 2, cy + r * 0.12), fill=(*BADGE, 255))
    draw.rectangle((cx - bar / 2, cy + r * 0.32, cx + bar / 2, cy + r * 0.32 + bar),
                   fill=(*BADGE, 255))
    return layer.resize((size, size), Image.Resampling.LANCZOS)


def text_colour(fill: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """Dark digits on light fills (amber), white on the others: readable either way."""
    luma = 0.299 * fill[0] + 0.587 * fill[1] + 0.114 * fill[2]
    return (33, 33, 33, 255) if luma > 140 else (255, 255, 255, 255)
