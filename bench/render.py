"""Figure 6: icon render and menu build time per refresh, for a realistic view (the demo's
5 providers and 7 accounts after two refreshes, one provider with a surfaced 401), timed
in-process exactly as the tray's poller thread does it: `icon_state` + `render(64)`, and
`build_menu`. Median and p95 over many repetitions."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from bench.report import Figure, median, p95
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import TrayView
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment, demo_pat
from tray_app.tray.icon import icon_state, render
from tray_app.tray.menu import MenuEntry, build_menu


def compose(view: TrayView, settings: Settings, lang: str = "en"
            ) -> tuple[Image.Image, tuple[MenuEntry, ...]]:
    """What the tray does with every published view (TrayUI.compose, without pystray)."""
    now = datetime.now(timezone.utc)
    image = render(icon_state(view, settings, lang, now), 64)
    return image, tuple(build_menu(view, settings, lang, now, pat_present=True))


def realistic_view(workdir: Path) -> TrayView:
    with Simulator() as sim:
        env = demo_environment(sim, workdir)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        with Engine(loader, environ=env) as engine:
            view = merge(TrayView(), engine.refresh(), datetime.now(timezone.utc))
            sim.set_scenario("zai", "http_401")
            view = merge(view, engine.refresh(), datetime.now(timezone.utc))
    return view


def measure(workdir: Path, repeats: int) -> list[Figure]:
    view, settings = realistic_view(workdir / "render"), Settings()
    icon_ms: list[float] = []
    menu_ms: list[float] = []
    entries = 0
    for _ in range(repeats):
        now = datetime.now(timezone.utc)
        started = time.perf_counter()
        render(icon_state(view, settings, "en", now), 64)
        icon_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        menu = build_menu(view, settings, "en", now, pat_present=True)
        menu_ms.append((time.perf_counter() - started) * 1000)
        entries = len(menu)
    how = (f"{repeats} repetitions on a view of {len(view.providers)} providers "
           f"({sum(len(p.usage.accounts) for p in view.providers)} accounts, one error); "
           f"{entries} top-level menu entries")
    return [
        Figure("render.icon_ms_median", "6. icon state + render 64 px, median", median(icon_ms),
               "ms", note=how),
        Figure("render.icon_ms_p95", "6. icon state + render 64 px, p95", p95(icon_ms), "ms"),
        Figure("render.menu_ms_median", "6. menu build, median", median(menu_ms), "ms"),
        Figure("render.menu_ms_p95", "6. menu build, p95", p95(menu_ms), "ms"),
    ]
