"""A second launch of the tray under the real headless desktop: it docks no second icon, tells
the user the tray is already running, and makes the running one refresh (its debug state
shows a new refresh). A control run with another instance key does dock a second icon, so
the icon count really sees a second icon when there is one."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.trayproc import TrayProcess

pytestmark = pytest.mark.desktop
BACKENDS = ["gtk", "appindicator"]


Launch = TrayProcess


@pytest.fixture
def launch(app_env: dict[str, str], python: str, tmp_path: Path) -> Iterator[Callable[..., Launch]]:
    started: list[Launch] = []

    def start(backend: str, name: str, **extra: str) -> Launch:
        state, log = tmp_path / f"{name}.json", tmp_path / f"{name}.log"
        env = dict(app_env, PYSTRAY_BACKEND=backend, GDK_GL="disable",
                   MYSTATUS_DEBUG_STATE_FILE=str(state), **extra)
        with log.open("ab") as fh:
            proc = subprocess.Popen([python, "-m", "tray_app", "--demo", "--lang", "en"],
                                    env=env, stdout=fh, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        started.append(Launch(proc, state, log))
        return started[-1]

    yield start
    for item in started:
        item.stop()


def _sni_items() -> int:
    out = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.kde.StatusNotifierWatcher",
         "--object-path", "/StatusNotifierWatcher", "--method",
         "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
         "RegisteredStatusNotifierItems"], capture_output=True, text=True, timeout=10).stdout
    return len(re.findall(r"'[^']+'", out))


def icon_count(desktop: Any, backend: str) -> int:
    """Icons docked in the tray host this backend uses: registered SNI items on a real SNI
    host, else the XEmbed windows inside trayer. Polled until stable (docking is async)."""
    if backend == "appindicator" and desktop.sni_window is not None:
        def count() -> int:
            return _sni_items()
    else:
        def count() -> int:
            return len(desktop.children(desktop.tray_window))
    last, since = count(), time.monotonic()
    deadline = since + 10
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = count()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 1.0:
            break
    return last


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_second_launch_docks_no_icon_and_refreshes_the_first(
    backend: str, launch: Callable[..., Launch], desktop: Any, app_env: dict[str, str],
    python: str, tmp_path: Path,
) -> None:
    baseline = icon_count(desktop, backend)
    first = launch(backend, "first")
    ready = first.wait_state(lambda s: s["refreshes"] >= 1 and not s["refreshing"], timeout=15.0)
    one = icon_count(desktop, backend)
    assert one > baseline, (baseline, one)

    second_state = tmp_path / "second.json"
    env = dict(app_env, PYSTRAY_BACKEND=backend, MYSTATUS_DEBUG_STATE_FILE=str(second_state))
    started = time.monotonic()
    second = subprocess.run([python, "-m", "tray_app", "--demo", "--lang", "en"], env=env,
                            capture_output=True, text=True, timeout=60)
    took = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert f"already running (process {first.proc.pid})" in second.stderr
    assert not second_state.exists()  # it never built a tray view, let alone an icon
    first.wait_state(lambda s: s["refreshes"] > ready["refreshes"] and not s["refreshing"],
                     timeout=15.0)
    assert icon_count(desktop, backend) == one
    assert first.proc.poll() is None
    print(f"{backend}: icons {baseline} -> {one}; second launch answered in {took:.2f}s")

    # Control: another instance key is another tray, and the count sees its icon.
    other = launch(backend, "other", MYSTATUS_INSTANCE_KEY="mystatus-tray-control")
    other.wait_state(lambda s: s["refreshes"] >= 1, timeout=15.0)
    assert icon_count(desktop, backend) > one
