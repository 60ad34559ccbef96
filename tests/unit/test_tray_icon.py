"""The icon: which number (worst or pinned window, used or remaining), which severity and
look per state, the tooltip, and the pixels actually drawn at 16, 22, 32 and 64 px."""

from __future__ import annotations

import colorsys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.tray import icon as icon_mod
from tray_app.tray.icon import COLOURS, IconState, icon_state, render, severity_of

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
SIZES = (16, 22, 32, 64)


def win(wid: str, used: float | None, resets: datetime | None = None, **kw: object) -> Window:
    return Window(id=wid, label=wid, used_percent=used, resets_at=resets, **kw)  # type: ignore[arg-type]


def status(pid: str, name: str, *accounts: Account, stale: bool = False,
           error: ErrorInfo | None = None, last: datetime | None = T0) -> ProviderStatus:
    labels = tuple(a.label for a in accounts) if stale else ()
    return ProviderStatus(ProviderUsage(pid, name, accounts), stale=stale, last_success=last,
                          error=error, stale_accounts=labels)


OPENAI = status("openai", "OpenAI", Account("me@example.com", windows=(
    Window("5h", "5-hour", 46.0, resets_at=T0 + timedelta(hours=2, minutes=15),
           label_key="window.5h"),
    Window("weekly", "Weekly", 12.0, label_key="window.weekly"),
)))
ZHIPU = status("zhipu", "Zhipu AI", Account("ab12****cd34", windows=(win("5h", 73.0),)))
ODD = status("antigravity", "Antigravity", Account("g@gmail.com", windows=(
    win("unknown", None), win("chat", 100.0, unlimited=True))))


def view(*statuses: ProviderStatus, **kw: object) -> TrayView:
    return TrayView(providers=statuses, updated_at=T0, **kw)  # type: ignore[arg-type]


def test_worst_window_across_providers_ignoring_unknown_and_unlimited() -> None:
    state = icon_state(view(OPENAI, ZHIPU, ODD), Settings(), "en", T0)
    assert (state.text, state.percent, state.severity) == ("73", 73.0, "warning")
    assert state.source == "zhipu/ab12****cd34/5h"
    assert not state.stale and not state.badge


def test_disabled_provider_is_not_considered() -> None:
    state = icon_state(view(OPENAI, ZHIPU), Settings(disabled_providers=("zhipu",)), "en", T0)
    assert state.text == "46" and state.source == "openai/me@example.com/5h"


def test_pinned_window_and_fallback_when_the_pin_is_gone() -> None:
    pinned = Settings(pinned="openai/me@example.com/weekly")
    assert icon_state(view(OPENAI, ZHIPU), pinned, "en", T0).text == "12"
    gone = Settings(pinned="openai/old@example.com/weekly")
    assert icon_state(view(OPENAI, ZHIPU), gone, "en", T0).text == "73"


def test_show_remaining_keeps_severity_by_used() -> None:
    state = icon_state(view(ZHIPU), Settings(show="remaining", threshold=70), "en", T0)
    assert (state.text, state.severity) == ("27", "alert")


@pytest.mark.parametrize(
    ("used", "threshold", "severity"),
    [(0, 80, "calm"), (49.9, 80, "calm"), (50, 80, "warning"), (79.9, 80, "warning"),
     (80, 80, "alert"), (130, 80, "alert"), (60, 60, "alert"), (55, 95, "warning")],
)
def test_severity_table(used: float, threshold: int, severity: str) -> None:
    assert severity_of(used, threshold) == severity


def test_full_window_reads_100_and_over_quota_stays_three_digits() -> None:
    full = status("zai", "Z.ai", Account("k", windows=(win("5h", 100.0),)))
    assert icon_state(view(full), Settings(), "en", T0).text == "100"
    over = status("zai", "Z.ai", Account("k", windows=(win("5h", 130.0),)))
    assert icon_state(view(over), Settings(), "en", T0).text == "130"
    assert icon_state(view(over), Settings(show="remaining"), "en", T0).text == "0"
    nearly = status("zai", "Z.ai", Account("k", windows=(win("5h", 99.7),)))
    assert icon_state(view(nearly), Settings(), "en", T0).text == "99"  # not "full" yet


def test_no_data_and_all_failed_and_token_badge() -> None:
    empty = icon_state(TrayView(), Settings(), "en", T0)
    assert (empty.text, empty.severity, empty.badge) == ("–", "none", False)
    expired = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="OpenAI")
    broken = status("openai", "OpenAI", Account("me@example.com", error=expired), error=expired)
    failed = icon_state(view(broken), Settings(), "en", T0)
    assert (failed.text, failed.severity, failed.badge) == ("!", "error", True)
    mixed = icon_state(view(broken, ZHIPU), Settings(), "en", T0)
    assert (mixed.text, mixed.severity, mixed.badge) == ("73", "warning", True)


def test_stale_when_the_shown_window_is_stale() -> None:
    stale = status("zhipu", "Zhipu AI", *ZHIPU.usage.accounts, stale=True, last=T0)
    assert icon_state(view(OPENAI, stale), Settings(), "en", T0).stale
    assert not icon_state(view(OPENAI, stale), Settings(pinned="openai/me@example.com/5h"),
                          "en", T0).stale
    assert icon_state(view(OPENAI, from_disk=True), Settings(), "en", T0).stale


def test_tooltip_one_line_per_provider() -> None:
    timeout = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Z.ai", status=503)
    failed = status("zai", "Z.ai", Account("k", error=timeout), error=timeout)
    stale = status("zhipu", "Zhipu AI", *ZHIPU.usage.accounts, stale=True,
                   last=T0 - timedelta(minutes=12))
    lines = icon_state(view(OPENAI, stale, failed), Settings(), "en", T0).tooltip.split("\n")
    assert lines == [
        "OpenAI: 5-hour limit 46% used, resets in 2h 15m",
        "Zhipu AI: 5h 73% used, stale, 12m old",
        "Z.ai: HTTP 503 error",
    ]
    assert all(len(line) <= 127 for line in lines)
    remaining = icon_state(view(OPENAI), Settings(show="remaining"), "en", T0).tooltip
    assert remaining == "OpenAI: 5-hour limit 54% left, resets in 2h 15m"


def test_tooltip_localized_and_loading() -> None:
    tip = icon_state(view(OPENAI), Settings(), "zh-TW", T0).tooltip
    assert tip == "OpenAI：5 小時限額 已用 46%，2小時 15分後重置"  # full-width in Chinese
    assert icon_state(TrayView(), Settings(), "en", T0).tooltip == "mystatus-tray: loading…"
    problem = TrayView(problems=(ErrorInfo(ErrorKind.NO_ACCOUNTS),))
    assert icon_state(problem, Settings(), "zh-CN", T0).tooltip == "未配置账号"


# ------------------------------------------------------------------------------ pixels
def _fill_sample(img: Image.Image) -> tuple[int, int, int, int]:
    # Inside the rounded square, above the text, left of the badge, off the stale dashes.
    s = img.size[0]
    px = img.getpixel((s // 4, max(1, s // 16)))
    assert isinstance(px, tuple)
    return px  # type: ignore[return-value]


def _close(a: tuple[int, ...], b: tuple[int, ...], tol: int = 12) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def _ink(img: Image.Image, fill: tuple[int, ...]) -> int:
    """Pixels in the central box that are clearly not the fill: the drawn text."""
    s = img.size[0]
    box = range(s // 4, s - s // 4)
    return len([1 for x in box for y in box
                if not _close(img.getpixel((x, y)), (*fill[:3], 255), 60)])  # type: ignore[arg-type]


def _state(text: str, severity: str, stale: bool = False, badge: bool = False) -> IconState:
    return IconState(text, None, severity, stale, "", "", badge)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("text", "severity"),
    [("7", "calm"), ("73", "warning"), ("100", "alert"), ("–", "none"), ("!", "error")],
)
def test_render_colour_and_text_per_state(size: int, text: str, severity: str) -> None:
    img = render(_state(text, severity), size)
    assert img.mode == "RGBA" and img.size == (size, size)
    assert _close(_fill_sample(img), (*COLOURS[severity], 255))
    assert _ink(img, COLOURS[severity]) >= max(2, size // 8)  # the number is there
    assert img.getpixel((0, 0))[3] < 128  # type: ignore[index]  # rounded corner: transparent


@pytest.mark.parametrize("size", SIZES)
def test_stale_is_visibly_washed_out(size: int) -> None:
    fresh = _fill_sample(render(_state("85", "alert"), size))
    stale = _fill_sample(render(_state("85", "alert", stale=True), size))
    assert not _close(fresh, stale, 30)
    sat = [colorsys.rgb_to_hsv(*(c / 255 for c in px[:3]))[1] for px in (fresh, stale)]
    assert sat[1] < sat[0] * 0.6
    assert _ink(render(_state("85", "alert", stale=True), size), stale) >= size // 8


@pytest.mark.parametrize("size", SIZES)
def test_badge_marks_the_top_right_corner(size: int) -> None:
    plain = render(_state("73", "warning"), size)
    badged = render(_state("73", "warning", badge=True), size)
    corner = (size - max(2, size // 6), max(2, size // 6))
    assert plain.getpixel(corner) != badged.getpixel(corner)
    # none ("–") and error ("!") differ by more than the glyph: the badge.
    none, error = render(_state("–", "none"), size), render(_state("!", "error", badge=True), size)
    assert none.getpixel(corner) != error.getpixel(corner)


@pytest.mark.parametrize("size", SIZES)
def test_100_fits_inside_the_icon(size: int) -> None:
    img = render(_state("100", "alert"), size)
    mid = range(size // 3, size - size // 3)
    white = (255, 255, 255)
    for y in mid:  # no digit is cut by the left or right edge
        for x in (0, size - 1):
            assert not _close(img.getpixel((x, y))[:3], white, 60)  # type: ignore[index]
    # ...and the text spans most of the width (readable, not a tiny blob)
    cols = [x for x in range(size) if any(
        _close(img.getpixel((x, y))[:3], white, 80) for y in mid)]  # type: ignore[index]
    assert cols and cols[-1] - cols[0] >= size * 0.6


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
needs_dejavu = pytest.mark.skipif(not (DEJAVU / "DejaVuSans-Bold.ttf").is_file(),
                                  reason="the test fonts are DejaVu's (Linux, fonts-dejavu-core)")


def test_font_candidates_per_platform() -> None:
    win32 = icon_mod.font_candidates("win32", {"WINDIR": "D:/Win"})
    assert win32[0] == Path("D:/Win/Fonts/segoeuib.ttf")  # Segoe UI Bold, then Arial Bold
    assert win32[1].name == "arialbd.ttf"
    default = icon_mod.font_candidates("win32", {})[0]
    assert default == Path("C:\\Windows") / "Fonts" / "segoeuib.ttf"
    assert icon_mod.font_candidates("darwin", {})[0] == Path("/System/Library/Fonts/SFNS.ttf")
    assert icon_mod.font_candidates("linux", {})[0].name == "DejaVuSansCondensed-Bold.ttf"


def _fonts_dir(tmp_path: Path, links: dict[str, str]) -> Path:
    """A fake font directory: each name links to one of DejaVu's files."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, target in links.items():
        (tmp_path / name).symlink_to(DEJAVU / target)
    return tmp_path


def _ink_with(choice: icon_mod.FontChoice | None, monkeypatch: pytest.MonkeyPatch,
              size: int = 16) -> int:
    monkeypatch.setattr(icon_mod, "_picked", lambda: choice)
    icon_mod._font.cache_clear()
    try:
        return _ink(render(_state("88", "calm"), size), COLOURS["calm"])
    finally:
        icon_mod._font.cache_clear()


@needs_dejavu
@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_each_platform_picks_a_bold_font_and_draws_thicker_digits(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per platform, the first candidate that has a bold face wins; a regular-weight file
    in front of it is skipped. Its digits carry more ink at 16 px than Pillow's default."""
    if platform == "win32":
        fonts = _fonts_dir(tmp_path / "Win" / "Fonts", {"segoeuib.ttf": "DejaVuSans.ttf",
                                                        "arialbd.ttf": "DejaVuSans-Bold.ttf"})
        choice = icon_mod.pick_font("win32", {"WINDIR": str(tmp_path / "Win")})
        assert choice == icon_mod.FontChoice(fonts / "arialbd.ttf")
    elif platform == "darwin":
        fonts = _fonts_dir(tmp_path, {"SFNS.ttf": "DejaVuSans-Oblique.ttf",
                                      "Helvetica.ttc": "DejaVuSansCondensed-Bold.ttf"})
        monkeypatch.setattr(icon_mod, "_MAC_FONTS", (str(fonts / "SFNS.ttf"),
                                                     str(fonts / "Helvetica.ttc")))
        choice = icon_mod.pick_font("darwin", {})
        assert choice == icon_mod.FontChoice(fonts / "Helvetica.ttc")
    else:
        choice = icon_mod.pick_font("linux", {})
        assert choice is not None and choice.path.name.endswith("-Bold.ttf")
    bold = _ink_with(choice, monkeypatch)
    thin = _ink_with(None, monkeypatch)  # Pillow's default font: what macOS/Windows got
    print(f"{platform}: ink of '88' at 16 px: bold {bold}, default {thin}")
    assert bold > thin * 1.2, (bold, thin)


def test_no_candidate_at_all_falls_back_to_pillows_font(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert icon_mod.pick_font("win32", {"WINDIR": str(tmp_path)}) is None
    (tmp_path / "Fonts").mkdir()
    (tmp_path / "Fonts" / "segoeuib.ttf").write_bytes(b"not a font")  # broken: skipped
    assert icon_mod.pick_font("win32", {"WINDIR": str(tmp_path)}) is None
    assert _ink_with(None, monkeypatch, 32) >= 4



def test_network_trouble_is_no_badge_but_all_failed_is_an_error() -> None:
    net = ErrorInfo(ErrorKind.NETWORK_ERROR, provider="Z.ai")
    kept = status("zai", "Z.ai", Account("k", windows=(win("5h", 40.0),)), stale=True, error=net)
    state = icon_state(view(kept), Settings(), "en", T0)
    assert (state.text, state.stale, state.badge) == ("40", True, False)
    failed = status("zai", "Z.ai", Account("k", error=net), error=net)
    assert icon_state(view(failed), Settings(), "en", T0).severity == "error"


def test_long_tooltip_lines_are_clipped() -> None:
    long_name = status("zai", "Z" * 200, Account("k", windows=(win("5h", 40.0),)))
    line = icon_state(view(long_name), Settings(), "en", T0).tooltip
    assert len(line) == 127 and line.endswith("…")


def test_only_the_sizes_drawn_stay_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fitting "100" tries a dozen sizes on the way down; each loaded face costs the tray
    ~0.25 MiB, so only the size drawn is kept, and the fit is the same as trying each."""
    icon_mod._font.cache_clear()
    icon_mod._fitted_px.cache_clear()
    for text in ("100", "7", "!", "100"):
        render(_state(text, "alert"), 64)
    assert icon_mod._font.cache_info().currsize <= 3
    draw = ImageDraw.Draw(Image.new("RGBA", (64, 64)))
    px = int(64 * 0.8)
    while True:  # the plain search, every size loaded
        font = icon_mod._load_font(px, icon_mod._picked(), basic=True)
        left, top, right, bottom = draw.textbbox((0, 0), "100", font=font)
        if (right - left <= 64 * 0.94 and bottom - top <= 64 * 0.72) or px <= 6:
            break
        px -= 1
    assert icon_mod._fitted_px("100", 64, icon_mod._picked()) == px < int(64 * 0.8) - 3


@needs_dejavu
def test_the_tray_size_needs_no_text_shaping() -> None:
    """At 64 px (the tray's icon but on macOS) the basic layout draws what HarfBuzz's would,
    without loading the shaper into the tray."""
    draw = ImageDraw.Draw(Image.new("RGBA", (64, 64)))
    basic = icon_mod._fit(draw, "100", 64)
    assert getattr(basic, "layout_engine", None) == ImageFont.Layout.BASIC
    choice = icon_mod._picked()
    for text in ("100", "42", "7", "!", "–"):
        images = []
        for basic_layout in (True, False):
            px = icon_mod._fitted_px(text, 64, choice)
            image = Image.new("L", (64, 64))
            font = icon_mod._load_font(px, choice, basic_layout)
            ImageDraw.Draw(image).text((4, 4), text, font=font, fill=255)
            images.append(image.tobytes())
        assert images[0] == images[1], text
