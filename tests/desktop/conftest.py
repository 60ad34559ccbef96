"""Fixtures for `desktop` tests: they run inside tools/ci-desktop.sh (real Xvfb, trayer tray,
private D-Bus, dunst, unlocked gnome-keyring; optionally a real SNI host) and look at it from
outside, the way a user would: the notification bus log, screenshots, X windows, clicks.

Polling with short sleeps is fine here (real daemons, real time); unit tests never sleep.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

_TOP_ARG = re.compile(r"^   (?=\S)", re.MULTILINE)  # an argument line of a dbus-monitor message


def poll(predicate: Callable[[], Any], timeout: float, interval: float = 0.05) -> Any:
    """Call `predicate` until it returns something truthy; return that, or the last falsy value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


# ---------------------------------------------------------------- notifications


@dataclass(frozen=True)
class NotifyCall:
    """One org.freedesktop.Notifications.Notify call as seen on the bus."""

    app_name: str
    summary: str
    body: str
    expire_timeout: int | None
    app_icon: str = ""
    urgency: int | None = None  # the `urgency` hint (0 low, 1 normal, 2 critical), if sent

    def contains(self, text: str) -> bool:
        return text in self.summary or text in self.body


def _parse_notify(block: str) -> NotifyCall | None:
    args = [a.rstrip("\n") for a in _TOP_ARG.split(block)[1:]]
    strings = [
        a[len('string "') : -1] for a in args if a.startswith('string "') and a.endswith('"')
    ]
    ints = [a for a in args if a.startswith("int32 ")]
    if len(strings) < 4:  # app_name, app_icon, summary, body
        return None
    timeout = int(ints[-1].split()[1]) if ints else None
    urgency = re.search(r'string "urgency"\s+variant\s+byte (\d+)', block)
    return NotifyCall(
        app_name=strings[0], summary=strings[2], body=strings[3], expire_timeout=timeout,
        app_icon=strings[1], urgency=int(urgency.group(1)) if urgency else None,
    )


class NotifyLog:
    """The dbus-monitor log of tools/ci-desktop.sh (CI_DESKTOP_NOTIFY_LOG), parsed.

    `mark()` before the action under test, then `wait_for(text, since=mark)` /
    `count(text, since=mark)` only see the calls made after it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def calls(self, since: int = 0) -> list[NotifyCall]:
        text = self.path.read_text(encoding="utf-8", errors="replace")
        # A message starts at column 0 ("method call", "signal", "method return", "error").
        blocks = re.split(r"^(?=\S)", text, flags=re.MULTILINE)
        found = []
        for block in blocks:
            header = block.split("\n", 1)[0]
            if header.startswith("method call") and "member=Notify" in header:
                call = _parse_notify(block)
                if call is not None:
                    found.append(call)
        return found[since:]

    def mark(self) -> int:
        return len(self.calls())

    def matching(self, text: str, since: int = 0) -> list[NotifyCall]:
        return [c for c in self.calls(since) if c.contains(text)]

    def count(self, text: str, since: int = 0) -> int:
        return len(self.matching(text, since))

    def wait_for(self, text: str, since: int = 0, timeout: float = 60.0) -> NotifyCall:
        """The first Notify call whose summary or body contains `text`; fails after `timeout`."""
        found = poll(lambda: self.matching(text, since), timeout)
        if not found:
            seen = [(c.summary, c.body) for c in self.calls(since)]
            pytest.fail(f"no Notify call containing {text!r} within {timeout}s; seen: {seen}")
        return found[0]  # type: ignore[no-any-return]

    def count_settled(self, text: str, since: int = 0, settle: float = 1.5) -> int:
        """Matching calls once none arrived for `settle` seconds (to assert "exactly one")."""
        last, stable_since = -1, time.monotonic()
        while True:
            now_count = self.count(text, since)
            if now_count != last:
                last, stable_since = now_count, time.monotonic()
            elif time.monotonic() - stable_since >= settle:
                return now_count
            time.sleep(0.1)


# ---------------------------------------------------------------- X: windows, screenshots, clicks

Box = tuple[int, int, int, int]  # x, y, width, height (root coordinates)


class Desktop:
    """The X side of the headless desktop: windows, geometry, screenshots, pointer clicks."""

    def __init__(self) -> None:
        from Xlib import X, display  # python-xlib comes with pystray on Linux

        self._X = X
        self.display = display.Display(os.environ["DISPLAY"])
        self.root = self.display.screen().root
        self.dir = Path(os.environ["CI_DESKTOP_DIR"])
        self.tray_window = int(os.environ["CI_DESKTOP_TRAY_WINDOW"], 16)
        sni = os.environ.get("CI_DESKTOP_SNI_WINDOW")
        self.sni_window: int | None = int(sni, 16) if sni else None

    poll = staticmethod(poll)

    def close(self) -> None:
        self.display.close()

    def icon_host(self, backend: str) -> int:
        """The window a pystray icon of `backend` docks in: the SNI bar for appindicator when a
        StatusNotifierWatcher runs (CI_DESKTOP_SNI=1), else the trayer (XEmbed) panel."""
        if backend == "appindicator" and self.sni_window is not None:
            return self.sni_window
        return self.tray_window

    def geometry(self, wid: int) -> Box:
        win = self.display.create_resource_object("window", wid)
        geo = win.get_geometry()
        pos = win.translate_coords(self.root, 0, 0)
        # translate_coords(root, 0, 0) gives root's origin in win's frame: negate it.
        return (-pos.x, -pos.y, geo.width, geo.height)

    def children(self, wid: int) -> list[int]:
        """Every descendant window of `wid` (tray hosts wrap embedded icons in sockets)."""
        out: list[int] = []
        stack = [self.display.create_resource_object("window", wid)]
        while stack:
            for child in stack.pop().query_tree().children:
                out.append(child.id)
                stack.append(child)
        return out

    def top_level_windows(self) -> set[int]:
        """Mapped children of the root window (popup menus are override-redirect top-levels),
        but not a notification's popup: the tests look for the app's own windows, and on a
        busy machine a notification (sent by a child process of the tray) can map late, in
        the middle of such a look (seen: a hover "opened a menu" that was dunst's popup)."""
        found = set()
        for child in self.root.query_tree().children:
            try:
                if child.get_attributes().map_state != self._X.IsViewable:
                    continue
                if "Dunst" in (child.get_wm_class() or ()):
                    continue
            except Exception:  # the window vanished between the requests
                continue
            found.add(child.id)
        return found

    def wait_new_window(self, before: set[int], timeout: float = 60.0,
                        named: str | None = None) -> int:
        """The first viewable top-level window not in `before` (e.g. the menu after a click);
        with `named`, the first one of that WM_NAME (on a busy machine another top-level, such
        as a tray icon not yet reparented by the tray host, can map in between)."""

        def new() -> int | None:
            fresh = sorted(self.top_level_windows() - before)
            if named is not None:
                fresh = [wid for wid in fresh if self._named(wid, named)]
            return fresh[-1] if fresh else None

        wid = poll(new, timeout)
        if wid is None:
            self.screenshot("no-new-window")
            pytest.fail(f"no new top-level window within {timeout}s")
        return int(wid)

    def wait_new_menu(self, before: set[int], grown: Callable[[Box], bool],
                      timeout: float = 60.0) -> tuple[int, Box]:
        """The first new top-level window whose geometry satisfies `grown`, and that
        geometry: a menu maps first and grows to its rows later, and on a busy machine GTK's
        own 10×10 helper windows (off screen at -100,-100) can map in between, so waiting
        for "a new window" alone may pick one of those."""

        def found() -> tuple[int, Box] | None:
            for wid in sorted(self.top_level_windows() - before, reverse=True):
                try:
                    box = self.geometry(wid)
                except Exception:  # the window vanished meanwhile
                    continue
                if box[0] > -50 and box[1] > -50 and grown(box):
                    return wid, box
            return None

        menu = poll(found, timeout)
        if menu is None:
            self.screenshot("no-new-menu")
            pytest.fail(f"no new menu-sized top-level window within {timeout}s")
        return menu

    def _named(self, wid: int, name: str) -> bool:
        try:
            return self.window_name(wid) == name
        except Exception:  # the window vanished meanwhile
            return False

    def window_name(self, wid: int) -> str:
        win = self.display.create_resource_object("window", wid)
        name = win.get_wm_name()
        return name if isinstance(name, str) else ""

    def click(self, x: int, y: int, button: int = 1) -> None:
        # `mousemove --sync` waits for the pointer to move, forever when it already is there
        # (an earlier test clicked an icon at the same place): step aside first
        subprocess.run(["xdotool", "mousemove", str(x + 40 if x < 500 else x - 40),
                        str(y + 40 if y < 300 else y - 40)], check=True, timeout=10)
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(x), str(y), "click", str(button)],
            check=True,
            timeout=10,
        )

    def click_center(self, wid: int, button: int = 1) -> None:
        x, y, w, h = self.geometry(wid)
        self.click(x + w // 2, y + h // 2, button)

    def grab(self, box: Box | None = None) -> Any:
        """A PIL image of the screen (or of `box`), straight from the X server."""
        from PIL import ImageGrab

        image = ImageGrab.grab(xdisplay=os.environ["DISPLAY"])
        if box is not None:
            x, y, w, h = box
            image = image.crop((x, y, x + w, y + h))
        return image

    def screenshot(self, name: str) -> Path:
        """Save the whole screen as $CI_DESKTOP_DIR/screenshots/<name>.png (kept with
        CI_DESKTOP_KEEP=1); ImageMagick's `import` when present, else Pillow."""
        out = self.dir / "screenshots" / f"{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(out)], check=True, timeout=20)
        else:
            self.grab().save(out)
        return out

    def _matches(
        self, box: Box, rgb: tuple[int, int, int], tolerance: int
    ) -> list[tuple[int, int]]:
        """(x, y) in root coordinates of every pixel in `box` within `tolerance` of `rgb`."""
        image = self.grab(box).convert("RGB")
        data, width = image.tobytes(), image.width
        r0, g0, b0 = rgb
        return [
            (box[0] + (i // 3) % width, box[1] + (i // 3) // width)
            for i in range(0, len(data), 3)
            if abs(data[i] - r0) <= tolerance
            and abs(data[i + 1] - g0) <= tolerance
            and abs(data[i + 2] - b0) <= tolerance
        ]

    def count_pixels(self, box: Box, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
        """How many pixels inside `box` are within `tolerance` (per channel) of `rgb`."""
        return len(self._matches(box, rgb, tolerance))

    def find_color(self, box: Box, rgb: tuple[int, int, int], tolerance: int = 40) -> Box | None:
        """Bounding box (root coordinates) of the pixels of colour `rgb` inside `box`, if any."""
        hits = self._matches(box, rgb, tolerance)
        if not hits:
            return None
        xs, ys = [x for x, _ in hits], [y for _, y in hits]
        return (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)

    def wait_pixels(
        self, wid: int, rgb: tuple[int, int, int], minimum: int = 20, timeout: float = 60.0
    ) -> int:
        """Wait until window `wid` shows at least `minimum` pixels of colour `rgb`."""

        def enough() -> int:
            n = self.count_pixels(self.geometry(wid), rgb)
            return n if n >= minimum else 0

        count = poll(enough, timeout, interval=0.2)
        if not count:
            shot = self.screenshot(f"no-pixels-{wid:x}")
            pytest.fail(f"window {wid:#x} never showed {minimum} pixels of {rgb} (see {shot})")
        return int(count)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    """The X side of tools/ci-desktop.sh's desktop (see `Desktop`)."""
    d = Desktop()
    yield d
    d.close()


@pytest.fixture
def notify_log_path() -> Path:
    return Path(os.environ["CI_DESKTOP_NOTIFY_LOG"])


@pytest.fixture
def notifications(notify_log_path: Path) -> NotifyLog:
    """Every Notify call on the private bus (dbus-monitor log), parsed."""
    return NotifyLog(notify_log_path)


@pytest.fixture
def tray_window() -> int:
    """X window id of the trayer (XEmbed) panel."""
    return int(os.environ["CI_DESKTOP_TRAY_WINDOW"], 16)


@pytest.fixture
def sni_window() -> int | None:
    """X window id of the SNI tray bar, or None when the run has no SNI host."""
    value = os.environ.get("CI_DESKTOP_SNI_WINDOW")
    return int(value, 16) if value else None


@pytest.fixture
def app_env() -> dict[str, str]:
    """Environment for a subprocess of the app: the test's isolated HOME/XDG dirs (set by
    tests/conftest.py) plus the desktop's DISPLAY, bus and keyring, and this interpreter's path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).parents[2]), env.get("PYTHONPATH")])
    )
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


@pytest.fixture
def python() -> str:
    return sys.executable


@pytest.fixture(autouse=True)
def _no_popups_left() -> None:
    """Every desktop test starts with no notification popup on screen: a critical one stays
    until dismissed (the demo's start-up summary is critical when a window runs out within
    30 min, i.e. at some times of day) and would cover windows and tray icons of the next test.
    What was sent stays in the D-Bus log (`notifications`)."""
    if os.environ.get("CI_DESKTOP_NOTIFY_LOG") and shutil.which("dunstctl"):
        subprocess.run(["dunstctl", "close-all"], capture_output=True, timeout=10, check=False)
