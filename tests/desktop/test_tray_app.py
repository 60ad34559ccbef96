"""The real demo tray under the headless desktop (tools/ci-desktop.sh), per pystray backend:
the icon docks and shows the simulator's worst percentage (debug state + pixels compared
with the renderer), the menu opens and lists every provider (X window + the D-Bus menu the
AppIndicator exports), and a usage crossing sends exactly one Notify call."""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.tray_icon import Box, diff_to, docked_icon
from mystatus_testkit.trayproc import TrayProcess

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import TrayView
from tray_app.simulator.demo import demo_environment, demo_pat
from tray_app.simulator.server import Simulator
from tray_app.tray.icon import IconState, icon_state

pytestmark = pytest.mark.desktop
BACKENDS = ["appindicator", "gtk"]


@dataclass
class Tray(TrayProcess):
    backend: str = ""
    scenarios_path: Path = Path()

    def ready(self) -> dict[str, Any]:
        """After the first refresh has been shown."""
        return self.wait_state(lambda s: s["refreshes"] >= 1 and not s["refreshing"])

    def refresh(self, scenarios: str | None = None) -> dict[str, Any]:
        """Optionally switch simulator scenarios, then SIGUSR1 (refresh now) and wait for it."""
        if scenarios is not None:
            self.scenarios_path.write_text(scenarios, "utf-8")
        before = self.ready()["refreshes"]
        self.proc.send_signal(signal.SIGUSR1)
        return self.wait_state(lambda s: s["refreshes"] > before and not s["refreshing"])

    def icon(self) -> IconState:
        return IconState(**self.ready()["icon"])


@pytest.fixture
def start_tray(app_env: dict[str, str], python: str, tmp_path: Path
               ) -> Iterator[Callable[..., Tray]]:
    started: list[Tray] = []

    def start(backend: str, scenarios: str = "", *, demo: bool = True,
              extra_env: dict[str, str] | None = None, lang: str = "en") -> Tray:
        n = len(started)
        tray = Tray(
            proc=None,  # type: ignore[arg-type]
            backend=backend,
            state_path=tmp_path / f"debug-{n}.json",
            scenarios_path=tmp_path / f"scenarios-{n}.txt",
            log_path=tmp_path / f"tray-{n}.log",
        )
        tray.scenarios_path.write_text(scenarios, "utf-8")
        env = dict(app_env, PYSTRAY_BACKEND=backend, GDK_GL="disable",
                   MYSTATUS_DEBUG_STATE_FILE=str(tray.state_path),
                   MYSTATUS_DEMO_SCENARIOS_FILE=str(tray.scenarios_path), **(extra_env or {}))
        with tray.log_path.open("ab") as log:
            tray.proc = subprocess.Popen(
                [python, "-m", "tray_app.tray.app", *(["--demo"] if demo else []), "--lang", lang],
                env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        started.append(tray)
        return tray

    yield start
    for tray in started:
        tray.stop()


def expected_icon(tmp_path: Path) -> tuple[IconState, list[str]]:
    """What the demo should show: the same simulator data through the real engine in-process."""
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path / "expected")
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore(demo_pat()))
        with Engine(loader, environ=env) as engine:
            snapshot = engine.refresh()
    now = datetime.now(timezone.utc)
    view = merge(TrayView(), snapshot, now)
    return icon_state(view, Settings(), "en", now), [p.name for p in snapshot.providers]


def icon_box(desktop: Any, tray: Tray, state: IconState) -> Box:
    return docked_icon(desktop, tray.backend, state, tray.log)


@pytest.mark.parametrize("backend", BACKENDS)
def test_icon_docks_and_shows_the_worst_percentage(
    backend: str, start_tray: Callable[..., Tray], desktop: Any, tmp_path: Path
) -> None:
    tray = start_tray(backend)
    expected, _ = expected_icon(tmp_path)
    assert expected.percent is not None and expected.severity == "alert"  # demo: one at 92 %
    state = tray.icon()
    assert tray.ready()["backend"] == backend
    assert (state.text, state.severity, state.stale) == (expected.text, expected.severity, False)
    assert state.source == expected.source

    box = icon_box(desktop, tray, state)
    host = desktop.geometry(desktop.icon_host(backend))
    assert host[0] <= box[0] and box[0] + box[2] <= host[0] + host[2]  # inside the tray
    x, y, w, h = box
    shot = desktop.grab((x, y, w, h))
    desktop.screenshot(f"tray-{backend}")
    right = diff_to(shot, state)
    wrong = diff_to(shot, IconState(**{**state.__dict__, "text": "37"}))
    calm = diff_to(shot, IconState(**{**state.__dict__, "severity": "calm"}))
    # The pixels are the renderer's image of this state (digits included), not another one.
    print(f"{backend}: icon {w}x{h} at {x},{y}; diff {right:.1f} (wrong digits {wrong:.1f}, "
          f"wrong colour {calm:.1f})")
    assert right < 25 and right < wrong - 5 and right < calm - 40, (right, wrong, calm)


@pytest.mark.parametrize("backend", BACKENDS)
def test_menu_opens_and_lists_every_provider(
    backend: str, start_tray: Callable[..., Tray], desktop: Any, tmp_path: Path
) -> None:
    tray = start_tray(backend)
    _, providers = expected_icon(tmp_path)
    state = tray.ready()
    tops = [line for line in state["menu"] if not line.startswith(" ")]
    for name in providers:
        assert any(line.startswith(name) for line in tops), (name, tops)

    box = icon_box(desktop, tray, IconState(**state["icon"]))
    before = desktop.top_level_windows()
    sni = backend == "appindicator" and desktop.sni_window is not None
    # XEmbed: gtk opens its menu on a right click, AppIndicator's fallback on a left click;
    # on a real SNI host the host itself opens the exported menu on a right click.
    button = 1 if backend == "appindicator" and not sni else 3
    # `xdotool mousemove --sync` waits forever if the pointer is already there (an earlier
    # test clicked the same icon): move it away first.
    subprocess.run(["xdotool", "mousemove", "10", "400"], check=True, timeout=10)
    desktop.click(box[0] + box[2] // 2, box[1] + box[3] // 2, button)
    try:
        # a bound only: on a busy machine the menu maps first and grows to its rows later
        _, (mx, my, mw, mh) = desktop.wait_new_menu(before, lambda g: g[3] > 100)
        assert mw > 150  # a real menu with the provider rows, not a tooltip
        image = desktop.grab((mx, my, mw, mh)).convert("L")
        assert image.getextrema()[1] - image.getextrema()[0] > 100  # text on a background
        desktop.screenshot(f"menu-{backend}")
    finally:
        subprocess.run(["xdotool", "key", "Escape"], check=False, timeout=10)


def _bus(*args: str, dest: str = "org.freedesktop.DBus", path: str = "/org/freedesktop/DBus",
         timeout: int = 3) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["gdbus", "call", "--session", "--timeout", str(timeout), "--dest", dest,
         "--object-path", path, "--method", *args],
        capture_output=True, text=True, timeout=timeout + 5)


def _app_bus_names(pid: int) -> list[str]:
    """The process's unique names on the session bus (GTK's connection, and dbus-python's
    once plyer has sent a notification)."""
    names = re.findall(r"'(:\d+\.\d+)'", _bus("org.freedesktop.DBus.ListNames").stdout)
    return [n for n in names if re.search(
        rf"\b{pid}\b", _bus("org.freedesktop.DBus.GetConnectionUnixProcessID", n).stdout)]


def _dbus_menu(tray: Tray) -> tuple[str, str, str]:
    """(bus name, menu object path, GetLayout text) of the tray's exported dbusmenu."""
    item = "/org/ayatana/NotificationItem/mystatus_tray"
    name, menu_path, tried = "", None, []
    # Oldest connection first: GTK's. A later one is dbus-python's (plyer), which runs no
    # main loop and would only time out.
    for candidate in sorted(_app_bus_names(tray.proc.pid), key=lambda n: int(n.split(".")[1])):
        reply = _bus("org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem",
                     "Menu", dest=candidate, path=item)
        tried.append((candidate, reply.stdout, reply.stderr))
        menu_path = re.search(r"objectpath '([^']+)'", reply.stdout)
        if menu_path:
            name = candidate
            break
    assert menu_path, f"no StatusNotifierItem with a Menu on the bus: {tried}"
    result = _bus("com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "[]", dest=name,
                  path=menu_path.group(1))
    assert result.returncode == 0, result.stderr
    return name, menu_path.group(1), result.stdout


def test_appindicator_exports_the_menu_over_dbus(
    start_tray: Callable[..., Tray], tmp_path: Path
) -> None:
    """com.canonical.dbusmenu: what an SNI host (GNOME/KDE) reads. libayatana exports it on
    the session bus with or without a StatusNotifierWatcher."""
    tray = start_tray("appindicator")
    _, providers = expected_icon(tmp_path)
    tray.ready()
    name, _, layout = _dbus_menu(tray)
    labels = [m[1] for m in re.findall(r"'label': <(['\"])(.*?)\1>", layout)]
    for provider in providers:
        assert any(label.startswith(provider) for label in labels), (provider, labels[:10])
    assert "Refresh now" in labels and "Quit" in labels
    if os.environ.get("CI_DESKTOP_SNI_WINDOW"):  # a real host: the item is registered with it
        registered = _bus("org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
                          "RegisteredStatusNotifierItems", dest="org.kde.StatusNotifierWatcher",
                          path="/StatusNotifierWatcher").stdout
        assert name in registered


def test_copy_status_clicked_over_dbus_fills_the_clipboard(
    start_tray: Callable[..., Tray], notifications: Any
) -> None:
    """A click as an SNI host sends it (dbusmenu Event) → the pystray callback → actions →
    the GTK clipboard, read back here by another X client (Tk)."""
    import tkinter

    tray = start_tray("appindicator")
    tray.ready()
    name, path, layout = _dbus_menu(tray)
    item = re.search(r"<\((\d+), \{[^}]*'label': <'Copy status as text'>", layout)
    assert item, layout[:2000]
    mark = notifications.mark()
    clicked = _bus("com.canonical.dbusmenu.Event", "--", item.group(1), "clicked", "<0>", "0",
                   dest=name, path=path)
    assert clicked.returncode == 0, clicked.stderr
    notifications.wait_for("Status copied to the clipboard.", since=mark)
    root = tkinter.Tk()
    try:
        text = root.clipboard_get()
    finally:
        root.destroy()
    assert "Zhipu AI" in text and "Google Antigravity" in text and "92%" in text, text[:500]
    assert "Claude" in text and "claude.demo@example.com" in text and "Max 5x" in text, text


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_crossing_sends_exactly_one_notification(
    backend: str, start_tray: Callable[..., Tray], notifications: Any
) -> None:
    tray = start_tray(backend)
    tray.ready()
    mark = notifications.mark()
    tray.refresh("zhipu=high")  # Zhipu's 5-hour window: 37 % → 92 %, above the 80 % threshold
    call = notifications.wait_for("Zhipu AI", since=mark)
    assert call.app_name == "mystatus-tray"
    assert "92" in call.body and "5-hour" in call.body
    # critical (shown until dismissed) when it runs out within 30 min at this pace, else
    # normal: how soon depends on where the demo's 5-hour cycle stands at this time of day
    soon = re.search(r"runs out in (?:(\d+)h )?(\d+)m\b", call.summary)
    minutes = int(soon.group(1) or 0) * 60 + int(soon.group(2)) if soon else None
    if "runs out in" in call.summary and minutes is None:
        minutes = 0  # "runs out in 45s"
    expected = {(2, True)} if minutes is not None and minutes < 30 else {(1, False)}
    if minutes == 30:  # the summary rounds: either side of the bound
        expected = {(2, True), (1, False)}
    assert (call.urgency, call.expire_timeout == 0) in expected, call
    tray.refresh()  # still high: no repeat
    tray.refresh()
    assert notifications.count_settled("Zhipu AI", since=mark) == 1
    assert tray.proc.poll() is None


def test_restart_shows_the_last_numbers_at_once_marked_stale(
    start_tray: Callable[..., Tray], desktop: Any, tmp_path: Path
) -> None:
    """Not the demo: the real app with the user's (here: the simulator's) accounts saves its
    view; the next launch shows those numbers, stale, while the first refresh is still out."""
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path / "accounts")
        first = start_tray("gtk", demo=False, extra_env=env)
        shown = first.icon()
        assert shown.text == "92" and not shown.stale
        first.stop()
        assert first.proc.returncode == 0, first.log()

        sim.default_latency = 30.0  # the next refresh will not answer during this test
        second = start_tray("gtk", demo=False, extra_env=env)
        early = second.wait_state(lambda s: s["updates"] >= 1 or s["from_disk"])
        assert early["from_disk"] and early["refreshes"] == 0
        stale = IconState(**early["icon"])
        assert (stale.text, stale.stale, stale.source) == (shown.text, True, shown.source)
        box = icon_box(desktop, second, stale)  # the washed-out colour is what is on screen
        assert diff_to(desktop.grab(box), stale) < 25
        started = time.monotonic()
        second.stop()  # quitting with a refresh still in flight: prompt and clean
        assert second.proc.returncode == 0 and time.monotonic() - started < 4, second.log()


@pytest.mark.parametrize("path", ["dbus", "notify-send"])
def test_notifier_paths_reach_the_daemon(
    path: str, notifications: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both Linux paths for real, with what plyer alone gets wrong: a title starting with
    "-" (lost by plyer's notify-send call) and the 10 s timeout (plyer sends 0 there)."""
    from tray_app.tray import notifier as mod

    if path == "notify-send":
        monkeypatch.setattr(mod, "_dbus_available", lambda: False)
    else:
        pytest.importorskip("dbus", reason="dbus-python is part of the [appindicator] extra")
    n = mod.Notifier()
    mark = notifications.mark()
    title = f"-{path} check {time.monotonic_ns()}"
    assert n.notify(title, "Zhipu AI · 5-hour limit 92 % used") is True
    assert n.backend == path
    call = notifications.wait_for(title, since=mark)
    assert (call.app_name, call.summary, call.expire_timeout) == ("mystatus-tray", title, 10_000)


def test_refreshes_relabel_the_native_menu_in_place(
    start_tray: Callable[..., Tray], tmp_path: Path
) -> None:
    """pystray builds a new Gtk.Menu per change and never frees the old one (+0.8 MiB and
    rising idle CPU per refresh, measured). New numbers must instead be written into the live
    menu, and reach D-Bus (what GNOME/KDE show)."""
    tray = start_tray("appindicator")
    first = tray.ready()
    for _ in range(3):
        tray.refresh()
    state = tray.refresh("zhipu=high")
    assert state["menu_relabels"] >= 3, state
    assert state["menu_rebuilds"] <= first["menu_rebuilds"] + 1, state
    _, _, layout = _dbus_menu(tray)
    labels = [m[1] for m in re.findall(r"'label': <(['\"])(.*?)\1>", layout)]
    zhipu = [label for label in labels if label.startswith("Zhipu AI")]
    assert zhipu and "92" in zhipu[0], zhipu


def _overlap(a: Box, b: Box) -> int:
    """Horizontal overlap of two windows, in pixels (0: side by side)."""
    return max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_submenus_open_beside_their_parent_on_a_1024_px_screen(
    lang: str, start_tray: Callable[..., Tray], desktop: Any
) -> None:
    """The real GTK menu of the demo (nine providers, two OpenAI accounts) on the 1024×768
    screen: opened with the keyboard, the first provider's submenu and its first account's
    submenu each lie beside their parent, never over it (GTK overlaps a submenu with its
    parent by 2 px on purpose), and on the screen. Prints the widths (the unit tests' width
    model, tests/unit/test_menu_glance.py, comes from them)."""
    tray = start_tray("gtk", lang=lang)
    state = tray.ready()
    box = icon_box(desktop, tray, IconState(**state["icon"]))
    screen = desktop.root.get_geometry()
    assert (screen.width, screen.height) == (1024, 768)
    before = desktop.top_level_windows()
    subprocess.run(["xdotool", "mousemove", "10", "400"], check=True, timeout=10)
    desktop.click(box[0] + box[2] // 2, box[1] + box[3] // 2, 3)
    chain = [desktop.wait_new_menu(before, lambda g: g[3] > 100)[1]]
    seen = desktop.top_level_windows()
    try:
        for _ in range(12):  # down the top level until an entry opens a submenu
            subprocess.run(["xdotool", "key", "Down", "Right"], check=True, timeout=10)
            opened = desktop.poll(lambda: desktop.top_level_windows() - seen, 0.8)
            if opened:
                break
        assert opened, "no provider submenu opened"
        sub = opened.pop()
        chain.append(desktop.poll(lambda: (g := desktop.geometry(sub))[2] > 50 and g, 5))
        seen = desktop.top_level_windows()
        subprocess.run(["xdotool", "key", "Right"], check=True, timeout=10)  # an account's
        third = desktop.poll(lambda: desktop.top_level_windows() - seen, 1.5)
        if third:
            wid = third.pop()
            chain.append(desktop.poll(lambda: (g := desktop.geometry(wid))[2] > 50 and g, 5))
        desktop.screenshot(f"menu-chain-{lang}")
        print(f"{lang}: menu chain widths {[g[2] for g in chain]} at x {[g[0] for g in chain]}")
        for x, _, w, _ in chain:
            assert x >= 0 and x + w <= screen.width, chain
        assert len(chain) == 3, chain  # top level, OpenAI's accounts, one account's numbers
        for parent, child in itertools.pairwise(chain):
            assert _overlap(parent, child) <= 4, chain
    finally:
        for _ in range(3):
            subprocess.run(["xdotool", "key", "Escape"], check=False, timeout=10)
