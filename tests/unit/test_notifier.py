"""The plyer wrapper: which path it takes on Linux, notify-send's arguments, and that a
failure is logged and reported, never raised."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tray_app.tray import notifier as mod
from tray_app.tray.notifier import Notifier


def test_send_failure_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(title: str, body: str) -> None:
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")

    with caplog.at_level(logging.WARNING, logger="tray_app.tray.notifier"):
        assert Notifier(send=broken).notify("Zhipu AI", "5-hour limit 92 %") is False
    assert "ServiceUnknown" in caplog.text


def test_text_is_scrubbed_and_control_free() -> None:
    seen: list[tuple[str, str]] = []
    token = "ghp_" + "A1b2C3d4" * 5
    n = Notifier(send=lambda t, b: seen.append((t, b)))
    assert n.notify(f"Copilot\x07 {token}", "x" * 5000) is True
    title, body = seen[0]
    assert token not in title and "\x07" not in title and len(body) == 1000


def test_empty_title_falls_back_to_the_app_name() -> None:
    seen: list[tuple[str, str]] = []
    Notifier(send=lambda t, b: seen.append((t, b))).notify("  ", "body")
    assert seen == [("mystatus-tray", "body")]


@pytest.mark.parametrize(
    ("flatpak", "dbus", "which", "expected"),
    [
        (True, True, True, "portal"),
        (False, True, True, "dbus"),  # a Docker-style /app directory does not mean Flatpak
        (False, False, True, "notify-send"),
        (False, False, False, "none"),
    ],
)
def test_linux_path_choice(monkeypatch: pytest.MonkeyPatch, flatpak: bool, dbus: bool,
                           which: bool, expected: str) -> None:
    monkeypatch.setattr(mod, "in_flatpak", lambda environ=None: flatpak)
    monkeypatch.setattr(mod, "_dbus_available", lambda: dbus)
    monkeypatch.setattr(mod.shutil, "which", lambda name: "/usr/bin/" + name if which else None)
    n = Notifier(platform="linux")
    n._choose()
    assert n.backend == expected


def test_other_platforms_use_plyer() -> None:
    for platform in ("darwin", "win32"):
        n = Notifier(platform=platform)
        n._choose()
        assert n.backend == "plyer"


def test_in_flatpak_needs_more_than_an_app_directory() -> None:
    assert mod.in_flatpak({"FLATPAK_ID": "io.example.App"}) is True


class FakeRun:
    def __init__(self, returncode: int = 0, stderr: str = "") -> None:
        self.args: list[list[str]] = []
        self.returncode, self.stderr = returncode, stderr

    def __call__(self, args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        self.args.append(args)
        return subprocess.CompletedProcess(args, self.returncode, "", self.stderr)


def _notify_send(monkeypatch: pytest.MonkeyPatch, run: FakeRun) -> Notifier:
    monkeypatch.setattr(mod, "in_flatpak", lambda environ=None: False)
    monkeypatch.setattr(mod, "_dbus_available", lambda: False)
    monkeypatch.setattr(mod.shutil, "which", lambda name: "/usr/bin/notify-send")
    monkeypatch.setattr(mod.subprocess, "run", run)
    return Notifier(platform="linux")


def test_notify_send_keeps_a_dash_title_and_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    run = FakeRun()
    n = _notify_send(monkeypatch, run)
    assert n.notify("-leading dash", "body") is True
    assert run.args == [["notify-send", "-a", "mystatus-tray", "-u", "normal", "-i", n.icon,
                         "-t", "10000", "--", "-leading dash", "body"]]


@pytest.mark.parametrize(("urgency", "flag", "timeout"), [
    ("critical", "critical", "0"),  # stays until dismissed
    ("low", "low", "10000"),
    ("bogus", "normal", "10000"),
])
def test_notify_send_urgency_and_icon(monkeypatch: pytest.MonkeyPatch, urgency: str, flag: str,
                                      timeout: str) -> None:
    run = FakeRun()
    n = _notify_send(monkeypatch, run)
    assert n.notify("t", "b", urgency) is True
    args = run.args[0]
    assert args[args.index("-u") + 1] == flag and args[args.index("-t") + 1] == timeout
    icon = args[args.index("-i") + 1]
    # the checkout's PNG (the app's own icon), else the theme name install-bundle.sh installs
    assert icon == "mystatus-tray" or (icon.endswith("icons/mystatus-tray.png")
                                       and Path(icon).is_file())


def test_notify_send_errors_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    run = FakeRun(returncode=0, stderr="Cannot autolaunch D-Bus without X11 $DISPLAY")
    assert _notify_send(monkeypatch, run).notify("t", "b") is False
    assert _notify_send(monkeypatch, FakeRun(returncode=1)).notify("t", "b") is False


def test_no_service_at_all_is_a_logged_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mod, "in_flatpak", lambda environ=None: False)
    monkeypatch.setattr(mod, "_dbus_available", lambda: False)
    monkeypatch.setattr(mod.shutil, "which", lambda name: None)
    assert Notifier(platform="linux").notify("t", "b") is False


# ------------------------------------------------------------ the tray's notification child
def test_the_tray_sends_from_a_child_on_linux_only() -> None:
    n = Notifier(platform="linux", in_child=True)
    n._choose()
    assert n.backend == "child"
    for platform in ("darwin", "win32"):  # no dbus-python there: plyer in the process
        other = Notifier(platform=platform, in_child=True)
        other._choose()
        assert other.backend == "plyer"


def test_the_child_gets_the_cleaned_request(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """What crosses to the child: the scrubbed, control-free texts, urgency, icon, timeout."""
    seen = tmp_path / "request.json"
    echo = f"import sys; open({str(seen)!r}, 'w').write(sys.stdin.read()); print('dbus')"
    monkeypatch.setattr(mod.child_process, "command",
                        lambda module, flag: [sys.executable, "-c", echo])
    token = "ghp_" + "A1b2C3d4" * 5
    n = Notifier(platform="linux", in_child=True, icon="/icons/app.png")
    assert n.notify(f"Copilot\x07 {token}", "92 % used", urgency="critical") is True
    request = json.loads(seen.read_text("utf-8"))
    assert token not in seen.read_text("utf-8") and "\x07" not in request["title"]
    assert request["body"] == "92 % used" and request["urgency"] == "critical"
    assert (request["icon"], request["app_name"], request["timeout"]) == (
        "/icons/app.png", "mystatus-tray", mod.TIMEOUT_S)


def test_a_failing_child_is_one_logged_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    """The real child, with a session bus that is not there: the tray logs the child's one
    line (which path failed, and why) and goes on; no traceback crosses over."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    monkeypatch.setattr(mod, "in_flatpak", lambda environ=None: False)
    n = Notifier(platform="linux", in_child=True)
    with caplog.at_level(logging.WARNING, logger="tray_app.tray.notifier"):
        assert n.notify("Zhipu AI", "5-hour limit 92 %") is False
    line = caplog.records[-1].getMessage()
    assert line.startswith("notification not shown (child): ")
    assert line.split(": ", 1)[1].split(":")[0] in {"dbus", "notify-send", "none"}
    assert "Traceback" not in caplog.text
