"""The committed icons are exactly what tools/make_icons.py draws: regenerated into a temp
dir and compared pixel by pixel (every PNG, every entry of the .ico and .icns), so a size
edited by hand, or a drawing change without regenerating, fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import IcnsImagePlugin, Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "tools" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_icons"] = module
    spec.loader.exec_module(module)
    return module


make_icons = _load_tool()
HINT = "icons/ differ from tools/make_icons.py: run `python tools/make_icons.py` and commit"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_icons.generate(tmp_path_factory.mktemp("icons"))  # type: ignore[no-any-return]


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    a, b = a.convert("RGBA"), b.convert("RGBA")
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def ico_frames(path: Path) -> dict[tuple[int, int], Image.Image]:
    with Image.open(path) as im:
        return {size: im.ico.getimage(size).convert("RGBA")  # type: ignore[attr-defined]
                for size in sorted(im.ico.sizes())}  # type: ignore[attr-defined]


def icns_frames(path: Path) -> dict[tuple[int, int, int], Image.Image]:
    with path.open("rb") as fh:
        icns = IcnsImagePlugin.IcnsFile(fh)
        return {size: icns.getimage(size).convert("RGBA") for size in icns.itersizes()}


def test_every_committed_file_is_the_generated_one(fresh: dict[str, Path]) -> None:
    committed = make_icons.outputs(ROOT / "icons")
    assert set(committed) == set(fresh)
    for key, path in committed.items():
        assert path.is_file(), f"{path} missing; {HINT}"
        if path.suffix == ".png":
            with Image.open(path) as mine, Image.open(fresh[key]) as theirs:
                assert same_pixels(mine, theirs), f"{path}: {HINT}"


def test_ico_holds_each_windows_size_from_the_master(fresh: dict[str, Path]) -> None:
    mine, theirs = ico_frames(ROOT / "icons" / "mystatus-tray.ico"), ico_frames(fresh["ico"])
    assert sorted(mine) == [(n, n) for n in make_icons.ICO]
    for size, image in mine.items():
        assert same_pixels(image, theirs[size]), f"ico {size}: {HINT}"
        # each entry is the master resized, not a thumbnail of another entry
        expected = make_icons.sized(make_icons.master(), size[0])
        assert same_pixels(image, expected), size


def test_icns_holds_the_macos_sizes(fresh: dict[str, Path]) -> None:
    mine, theirs = icns_frames(ROOT / "icons" / "mystatus-tray.icns"), icns_frames(fresh["icns"])
    assert mine.keys() == theirs.keys()
    assert {(n, n, 1) for n in (16, 32, 64, 128, 256, 512)} <= mine.keys()
    assert {(n, n, 2) for n in (16, 32, 128, 256, 512)} <= mine.keys()  # Retina
    master = make_icons.master()
    for (w, _, scale), image in mine.items():
        assert same_pixels(image, theirs[(w, w, scale)]), f"icns {w}@{scale}x: {HINT}"
        assert same_pixels(image, make_icons.sized(master, w * scale)), (w, scale)


def test_hicolor_sizes_and_the_desktop_png() -> None:
    for n in make_icons.HICOLOR:
        path = ROOT / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "mystatus-tray.png"
        with Image.open(path) as im:
            assert im.size == (n, n) and im.mode == "RGBA"
    with Image.open(ROOT / "icons" / "mystatus-tray.png") as im:
        assert im.size == (256, 256)


def test_the_mark_reads_at_16_px() -> None:
    """Not a blur: the smallest size still has the dark body, the coloured ring and a
    transparent margin (so it is the gauge, whatever the panel's colour)."""
    small = make_icons.sized(make_icons.master(), 16)
    assert small.getpixel((0, 0))[3] == 0  # transparent corner
    colours = {small.getpixel((x, y))[:3] for x in range(16) for y in range(16)
               if small.getpixel((x, y))[3] == 255}

    def near(rgb: tuple[int, int, int]) -> bool:
        return any(sum(abs(c - r) for c, r in zip(col, rgb, strict=True)) < 90 for col in colours)

    assert near(make_icons.BACKGROUND) and near(make_icons.CALM) and near(make_icons.WARNING)
