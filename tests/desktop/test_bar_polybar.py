"""A real status bar: polybar under the headless desktop runs `mystatus-tray status --format
polybar` as a custom/script module, as README's snippet says, and draws the number in the
severity colour the command asked for (%{F#rrggbb}); when the quota moves into the red, the bar
follows. The screenshot is kept as docs/screenshots/polybar.png's source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.cli import cli_env, write_auth

from tray_app.bars.formats import COLOURS
from tray_app.simulator import Simulator

pytestmark = pytest.mark.desktop
BAR_HEIGHT = 28


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as server:
        yield server


def _config(path: Path, command: str) -> None:
    path.write_text(f"""[bar/mystatus]
bottom = true
width = 100%
height = {BAR_HEIGHT}
background = #202020
foreground = #e0e0e0
font-0 = DejaVu Sans:size=14;3
modules-left = mystatus
override-redirect = true

[module/mystatus]
type = custom/script
exec = {command}
interval = 1
""", "utf-8")


def test_polybar_shows_the_number_in_its_severity_colour(
    desktop: Any, sim: Simulator, tmp_path: Path
) -> None:
    polybar = shutil.which("polybar")
    if polybar is None and os.environ.get("CI"):
        pytest.fail("polybar is missing: tools/ci-desktop.sh installs it")
    if polybar is None:
        pytest.skip("polybar is not installed (tools/ci-desktop.sh installs it)")
    home = tmp_path / "home"
    home.mkdir()
    write_auth(home, {"zhipuai-coding-plan": {"type": "api", "key": "zk-polybar-test-key-0000"}})
    env = cli_env(home, sim, DISPLAY=os.environ["DISPLAY"])
    command = f"{sys.executable} -m tray_app status --format polybar --max-age 0"
    config = tmp_path / "polybar.ini"
    _config(config, command)
    _, _, width, height = desktop.geometry(desktop.root.id)
    bar = (0, height - BAR_HEIGHT, width // 2, BAR_HEIGHT)
    amber, red = _rgb(COLOURS["warning"]), _rgb(COLOURS["high"])
    assert desktop.count_pixels(bar, amber, tolerance=30) == 0  # nothing there before
    log = (tmp_path / "polybar.log").open("w")
    proc = subprocess.Popen([polybar, f"--config={config}", "mystatus"], env=env,
                            stdout=log, stderr=subprocess.STDOUT, cwd=home)
    try:
        # Zhipu's weekly window is 53 % used in the simulator: amber digits.
        if not desktop.poll(lambda: desktop.count_pixels(bar, amber, tolerance=30) >= 30, 20):
            shot = desktop.screenshot("polybar-no-number")
            out = subprocess.run(command.split(), env=env, capture_output=True, text=True,
                                 cwd=home, timeout=60)
            pytest.fail(f"no amber number in the bar (see {shot}); the command printed "
                        f"{out.stdout!r} {out.stderr[-500:]!r}; polybar: "
                        f"{(tmp_path / 'polybar.log').read_text()[-500:]}")
        shot = desktop.screenshot("polybar-module")
        assert shot.stat().st_size > 0
        sim.set_scenario("zhipu", "high")  # 5-hour window 92 % used: the bar turns red
        assert desktop.poll(lambda: desktop.count_pixels(bar, red, tolerance=30) >= 30, 20)
        assert desktop.count_pixels(bar, amber, tolerance=30) == 0
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
