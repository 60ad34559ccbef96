"""A real polybar against a hostile model name: a provider answer whose window label is a polybar
action tag (`%{A1:touch MARK:}CLICKME%{A}`) must be shown as text, never become a click action.
The module's own `click-left` counts the clicks polybar handled; the test clicks across the
whole drawn text, waits for each click to be counted (or for the mark to appear), and asserts
the command in the answer never ran."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.cli import cli_env

from tray_app.bars.formats import COLOURS
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring import store
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.simulator import Simulator

pytestmark = pytest.mark.desktop
BAR_HEIGHT = 28


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as server:
        yield server


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _clicks(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines()) if path.exists() else 0


def test_an_action_tag_in_a_provider_answer_never_becomes_a_click_action(
    desktop: Any, sim: Simulator, tmp_path: Path
) -> None:
    polybar = shutil.which("polybar")
    if polybar is None and os.environ.get("CI"):
        pytest.fail("polybar is missing: tools/ci-desktop.sh installs it")
    if polybar is None:
        pytest.skip("polybar is not installed (tools/ci-desktop.sh installs it)")
    home = tmp_path / "home"
    home.mkdir()
    mark, clicked = tmp_path / "MARK", tmp_path / "clicked"
    hostile = f"%{{A1:touch {mark}:}}CLICKME CLICKME%{{A}}"
    now = datetime.now(timezone.utc)
    window = Window(id="a-long-window-id", label=hostile, used_percent=91.0)
    usage = ProviderUsage(id="antigravity", name="Antigravity", fetched_at=now,
                          accounts=(Account("me@example.com", windows=(window,)),))
    state = home / ".local" / "state" / "mystatus-tray"
    state.mkdir(parents=True)
    store.save_view(TrayView(providers=(ProviderStatus(usage=usage, last_success=now),),
                             updated_at=now), state / store.VIEW_FILE)
    env = cli_env(home, sim, DISPLAY=os.environ["DISPLAY"])
    command = f"{sys.executable} -m tray_app status --format polybar --max-age 86400"
    config = tmp_path / "polybar.ini"
    config.write_text(f"""[bar/mystatus]
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
click-left = echo click >> {clicked}
""", "utf-8")
    _, _, width, height = desktop.geometry(desktop.root.id)
    bar = (0, height - BAR_HEIGHT, width, BAR_HEIGHT)
    red = _rgb(COLOURS["high"])
    log = (tmp_path / "polybar.log").open("w")
    proc = subprocess.Popen([polybar, f"--config={config}", "mystatus"], env=env,
                            stdout=log, stderr=subprocess.STDOUT, cwd=home)
    try:
        text = desktop.poll(lambda: desktop.find_color(bar, red, tolerance=30), 20)
        if text is None:
            shot = desktop.screenshot("polybar-hostile-no-text")
            pytest.fail(f"nothing drawn (see {shot}); polybar: "
                        f"{(tmp_path / 'polybar.log').read_text()[-500:]}")
        x0, _, text_width, _ = text
        y = height - BAR_HEIGHT // 2
        for x in range(x0 + 2, x0 + text_width, 10):  # across every glyph of the text
            before = _clicks(clicked)
            desktop.click(x, y)
            handled = desktop.poll(lambda b=before: mark.exists() or _clicks(clicked) > b, 10)
            assert handled, f"polybar did not handle the click at x={x}"
            assert not mark.exists(), f"the answer's command ran on a click at x={x}"
        assert _clicks(clicked) >= 5  # the module's own action did run, click after click
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
