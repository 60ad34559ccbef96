"""What the adapter hands each pystray backend (titles, menu labels), how it picks the Linux
backend and says why it fell back, the report window's lines, and doctor's prediction.
pystray itself is replaced by a fake package in a child process where its import matters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tray_app.i18n import LANGUAGES, t
from tray_app.tray import backends
from tray_app.tray.backends import Choice
from tray_app.tray.menu import SEPARATOR, MenuEntry
from tray_app.tray.pystray_adapter import WIN32_TIP, carry_entries, carry_label, carry_title
from tray_app.tray.report_window import buttons, columns, report_lines

ROOT = Path(__file__).parents[2]
TITLE_EN = "OpenAI: 5-hour limit 46 % used, resets in 2h 15m\nZ.ai: ⚠ Request failed…"
TITLE_ZH = "OpenAI: 5 小時限額 已用 46%\nZhipu AI: 每週限額 已用 53%"


def test_xorg_titles_are_latin1_whatever_the_language() -> None:
    en = carry_title(TITLE_EN, "xorg", "mystatus-tray")
    assert en == "OpenAI: 5-hour limit 46 % used, resets in 2h 15m\nZ.ai: ! Request failed..."
    en.encode("latin-1")  # what python-xlib does with WM_NAME: raised on "…" before
    assert carry_title(TITLE_ZH, "xorg", "mystatus-tray") == "mystatus-tray"  # no line fits
    mixed = carry_title("OpenAI: 46 % used\nZhipu AI: 已用 53%", "xorg", "mystatus-tray")
    assert mixed == "OpenAI: 46 % used"  # the lines it can carry
    assert carry_title("café · 50 %", "xorg") == "café · 50 %"  # Latin-1 stays as it is


@pytest.mark.parametrize("backend", ["appindicator", "gtk", "darwin", "dummy"])
def test_unicode_backends_keep_the_title_as_it_is(backend: str) -> None:
    assert carry_title(TITLE_ZH, backend) == TITLE_ZH
    assert carry_title(TITLE_EN, backend) == TITLE_EN


def test_win32_tooltip_fits_its_128_wchar_field() -> None:
    long = "\n".join(["Google Antigravity: Gemini · 5 小時 已用 92%, 3小時 12分後重置"] * 5)
    tip = carry_title(long, "win32")
    assert len(tip.encode("utf-16-le")) // 2 <= WIN32_TIP and tip.endswith("…")
    assert tip.startswith(long[:100])
    emoji = "🙂" * 100  # two UTF-16 units each
    assert len(carry_title(emoji, "win32").encode("utf-16-le")) // 2 <= WIN32_TIP


def test_broken_text_from_a_file_never_reaches_a_toolkit() -> None:
    broken = "user\udc80name\x00\x07@example.com\tx"  # a lone surrogate, NUL, BEL, a tab
    for backend in ("appindicator", "gtk", "xorg", "win32", "darwin"):
        label = carry_label(broken, backend)
        label.encode("utf-8")  # PyGObject/pyobjc/ctypes raised UnicodeEncodeError here
        assert "\x00" not in label and "\x07" not in label and "\t" not in label
        assert label.startswith("user?name") and label.endswith("@example.com x")
        carry_title(broken, backend).encode("utf-8")


def test_win32_menu_labels_show_ampersands_literally() -> None:
    assert carry_label("AT&T · 50 %", "win32") == "AT&&T · 50 %"
    assert carry_label("AT&T · 50 %", "gtk") == "AT&T · 50 %"


def test_entries_are_carried_recursively_and_keep_their_shape() -> None:
    entries = (MenuEntry("A&B", "refresh", default=True), SEPARATOR,
               MenuEntry("P", children=(MenuEntry("x&y", "open:https://x"),)))
    carried = carry_entries(entries, "win32")
    assert carried[0].text == "A&&B" and carried[0].default and carried[1] is SEPARATOR
    assert carried[2].children[0] == MenuEntry("x&&y", "open:https://x")


# ------------------------------------------------------------------ choosing the backend
FAKE_PYSTRAY = '''
import os
chosen = os.environ["PYSTRAY_BACKEND"]
errors = {FAILURES}
if chosen in errors:
    kind, text = errors[chosen]
    if kind == "ImportError":
        raise ImportError("this platform is not supported: " + text)
    raise ValueError(text)  # what gi.require_version raises: pystray does not catch it
class Icon:
    HAS_MENU = chosen != "xorg"
Icon.__module__ = "pystray._" + chosen
'''
CHILD = """
import json, os, sys
from tray_app.tray.pystray_adapter import import_pystray, TrayUnavailable
try:
    module, choice = import_pystray(platform="linux")
except TrayUnavailable as exc:
    print(json.dumps({"unavailable": str(exc)}))
else:
    print(json.dumps({"backend": choice.backend, "failures": dict(choice.failures),
                      "env_after": os.environ.get("PYSTRAY_BACKEND")}))
"""


def _choose(tmp_path: Path, failures: dict[str, tuple[str, str]]) -> dict[str, object]:
    pkg = tmp_path / "fake" / "pystray"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(FAKE_PYSTRAY.replace("{FAILURES}", repr(failures)),
                                     "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYSTRAY_BACKEND"}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "fake"), str(ROOT)])
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_a_missing_typelib_falls_back_instead_of_stopping_the_import(tmp_path: Path) -> None:
    """AyatanaAppIndicator3 missing: gi.require_version raises ValueError, which pystray's
    own fallback does not catch; we try gtk next."""
    got = _choose(tmp_path, {"appindicator": ("ValueError",
                                              "Namespace AyatanaAppIndicator3 not available")})
    assert got == {"backend": "gtk", "env_after": None,
                   "failures": {"appindicator": "Namespace AyatanaAppIndicator3 not available"}}


def test_no_pygobject_falls_back_to_xorg(tmp_path: Path) -> None:
    no_gi = ("ImportError", "No module named 'gi'")
    got = _choose(tmp_path, {"appindicator": no_gi, "gtk": no_gi})
    assert got["backend"] == "xorg"
    assert got["failures"] == {"appindicator": "No module named 'gi'",
                               "gtk": "No module named 'gi'"}


def test_no_backend_at_all_is_unavailable_with_every_reason(tmp_path: Path) -> None:
    got = _choose(tmp_path, {"appindicator": ("ValueError", "Namespace Gtk not available"),
                             "gtk": ("ValueError", "Namespace Gtk not available"),
                             "xorg": ("ImportError", "Bad display name ''")})
    assert got == {"unavailable": "appindicator: Namespace Gtk not available; "
                                  "gtk: Namespace Gtk not available; xorg: Bad display name ''"}


@pytest.mark.parametrize(("detail", "key"), [
    ("No module named 'gi'", "backend.fix.extra"),
    ("Namespace AyatanaAppIndicator3 not available", "backend.fix.typelibs"),
    ("Typelib file for namespace 'Gtk', version '3.0' not found", "backend.fix.typelibs"),
    ("Gtk could not be initialised", "backend.fix.gtk_init"),
    ("something else", "backend.fix.other"),
])
def test_each_failure_gets_its_fix(detail: str, key: str) -> None:
    assert backends.fix_key(detail) == key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_describe_names_the_backend_and_why_it_is_a_fallback(lang: str) -> None:
    assert backends.describe(Choice("appindicator"), lang) == [
        (t("backend.in_use", lang, backend="appindicator"), "")]
    assert backends.describe(Choice("xorg", forced=True), lang)[0][1] == ""
    lines = backends.describe(Choice("xorg", failures={"appindicator": "No module named 'gi'",
                                                       "gtk": "No module named 'gi'"}), lang)
    assert "xorg" in lines[0][0] and "appindicator" in lines[0][0]
    assert "No module named 'gi'" in lines[0][0]
    assert "[appindicator]" in lines[0][1]  # the fix: the extra
    assert lines[1][0] == t("backend.no_menu", lang)
    for key in ("backend.fallback", "backend.no_menu", "backend.fix.gnome",
                "backend.fix.typelibs", "backend.gnome_no_watcher", "backend.no_display"):
        assert t(key, lang) != key  # defined in every language


# ------------------------------------------------------------------ doctor's prediction
def _typelibs(tmp_path: Path, *names: str) -> dict[str, str]:
    d = tmp_path / "typelibs"
    d.mkdir(parents=True, exist_ok=True)
    for name in names:
        (d / f"{name}.typelib").write_bytes(b"")
    return {"GI_TYPELIB_PATH": str(d)}


def test_predict_from_packages_and_typelibs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setattr(backends, "_TYPELIB_DIRS", ())  # only GI_TYPELIB_PATH counts here
    env = _typelibs(tmp_path, "Gtk-3.0", "AyatanaAppIndicator3-0.1")
    assert backends.predict(env, "linux", ["gi", "cairo"]) == Choice("appindicator")
    assert backends.predict(env, "linux", []) == Choice(
        "xorg", failures={"appindicator": "No module named 'gi'",
                          "gtk": "No module named 'gi'"})
    only_gtk = _typelibs(tmp_path / "b", "Gtk-3.0")
    got = backends.predict(only_gtk, "linux", ["gi"])
    assert got.backend == "gtk" and got.fallback
    assert "AyatanaAppIndicator3" in got.failures["appindicator"]
    assert backends.predict({**env, "PYSTRAY_BACKEND": "xorg"}, "linux", ["gi"]) == Choice(
        "xorg", forced=True)
    assert backends.predict({}, "darwin") == Choice("darwin")
    assert backends.predict({}, "win32") == Choice("win32")


def test_gnome_watcher_is_only_asked_on_gnome(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends.shutil, "which", lambda name: pytest.fail("asked"))
    assert backends.gnome_without_watcher({"XDG_CURRENT_DESKTOP": "KDE"}) is False


# ------------------------------------------------------------------ the report window
MENU = (
    MenuEntry("⚠ Cannot read the auth file"),
    MenuEntry("Zhipu AI · 53 % used", children=(
        MenuEntry("sim-****oKey"), MenuEntry("5-hour limit: 37 % used"),
        MenuEntry("Open in browser", "open:https://x"))),
    SEPARATOR,
    MenuEntry("Refresh now", "refresh", default=True),
    MenuEntry("Updated 17:32 · next 17:37", enabled=False),
    SEPARATOR,
    MenuEntry("Settings", children=(MenuEntry("5 min", "interval:5", checked=True),)),
    MenuEntry("Copy status as text", "copy"),
    SEPARATOR,
    MenuEntry("Quit", "quit"),
)


def test_report_lines_are_the_menus_report_without_its_controls() -> None:
    assert report_lines(MENU) == [
        "⚠ Cannot read the auth file",
        "Zhipu AI · 53 % used",
        "    sim-****oKey",
        "    5-hour limit: 37 % used",
        "    Open in browser",
        "",
        "Updated 17:32 · next 17:37",
    ]
    assert buttons(MENU) == [("refresh", "Refresh now"), ("quit", "Quit")]
    zh = carry_entries((MenuEntry("立即重新整理", "refresh"), MenuEntry("結束", "quit")), "xorg")
    assert buttons(zh) == [("refresh", "立即重新整理"), ("quit", "結束")]  # never Latin-1'd


def test_columns_count_wide_characters_twice() -> None:
    assert columns("OpenAI 46%") == 10
    assert columns("已用 46%") == 8


# ------------------------------------------------------------------ doctor's section
def test_doctor_tray_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tray_app.cli.doctor import check_tray_backend
    from tray_app.cli.doctor_checks import Mark

    monkeypatch.setattr(backends, "_TYPELIB_DIRS", ())
    monkeypatch.setattr(backends.importlib.util, "find_spec", lambda name: None)  # no gi
    found = check_tray_backend("en", {"DISPLAY": ":0"}, "linux")
    assert [f.mark for f in found] == [Mark.WARN, Mark.INFO]
    assert "xorg, a fallback" in found[0].text and "[appindicator]" in found[0].fix
    headless = check_tray_backend("zh-CN", {}, "linux")
    assert headless[-1].mark is Mark.INFO and "DISPLAY" in headless[-1].text
    assert [f.mark for f in check_tray_backend("en", {}, "darwin")] == [Mark.OK]
    assert check_tray_backend("en", {}, "win32")[0].text == "Tray backend: win32."


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for gdbus")
def test_doctor_warns_on_gnome_without_the_extension(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tray_app.cli.doctor import check_tray_backend
    from tray_app.cli.doctor_checks import Mark

    gdbus = tmp_path / "gdbus"  # answers NameHasOwner the way gdbus prints it
    gdbus.write_text("#!/bin/sh\necho '(false,)'\n", "utf-8")
    gdbus.chmod(0o755)
    env = {**_typelibs(tmp_path, "Gtk-3.0", "AyatanaAppIndicator3-0.1"), "DISPLAY": ":0",
           "XDG_CURRENT_DESKTOP": "ubuntu:GNOME", "PATH": str(tmp_path)}
    monkeypatch.setattr(backends, "_TYPELIB_DIRS", ())
    monkeypatch.setattr(backends.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setenv("PATH", str(tmp_path))
    found = check_tray_backend("en", env, "linux")
    assert [f.mark for f in found] == [Mark.OK, Mark.WARN]
    assert "AppIndicator extension" in found[1].text
    assert "gnome-shell-extension-appindicator" in found[1].fix
    gdbus.write_text("#!/bin/sh\necho '(true,)'\n", "utf-8")
    assert [f.mark for f in check_tray_backend("en", env, "linux")] == [Mark.OK]


# ------------------------------------------------------------------ the GitHub workflow
def test_the_workflow_installs_and_runs_what_readme_says() -> None:
    """actionlint checks its syntax; this, that it follows README's install step and the
    three platforms stay in it."""
    import re

    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    apt_readme = re.search(r"`sudo apt install ([^`]+)`", readme)
    apt_ci = re.search(r"apt-get install -y -qq --no-install-recommends((?:.*\\\n)*.*)",
                       workflow)
    assert apt_readme and apt_ci
    assert set(apt_readme.group(1).split()) == set(apt_ci.group(1).replace("\\", " ").split())
    assert "os: [ubuntu-latest, macos-latest, windows-latest]" in workflow
    assert "pip install -e '.[appindicator,dev,bundle]'" in workflow  # README: Building the app
    assert "pip install -e '.[dev,bundle]'" in workflow
    assert 'pytest -m "not desktop"' in workflow and "status --demo --json" in workflow


FAKE_WINDOW = """
import json, sys
first = json.loads(sys.stdin.readline())
print("refresh" if first["lines"] == ["Zhipu AI · 53 % used", "    sim-****oKey"] else "wrong",
      flush=True)
print("not-an-action", flush=True)
for line in sys.stdin:  # updates until the tray closes the window
    if json.loads(line)["lines"][0].startswith("Zhipu AI · 92"):
        print("quit", flush=True)
"""


def test_report_window_feeds_the_child_and_runs_its_buttons(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The tray's side with a stand-in child: the report goes in on stdin (again after each
    update), button actions come back on stdout; only Refresh now and Quit are obeyed."""
    import threading

    from tray_app.tray import report_window

    got: list[str] = []
    quit_seen = threading.Event()

    def dispatch(action: str) -> None:
        got.append(action)
        if action == "quit":
            quit_seen.set()

    monkeypatch.setattr(report_window, "window_command",
                        lambda: [sys.executable, "-c", FAKE_WINDOW])
    window = report_window.ReportWindow(dispatch, available=lambda: True)
    zhipu = MenuEntry("Zhipu AI · 53 % used", children=(MenuEntry("sim-****oKey"),))
    window.show((zhipu, MenuEntry("Refresh now", "refresh")))
    assert window.toggle() and window.is_open
    window.show((MenuEntry("Zhipu AI · 92 % used"),))  # an update reaches the open window
    assert quit_seen.wait(20)
    assert got == ["refresh", "quit"]
    assert window.toggle()  # a second click closes it
    assert not window.is_open
    assert report_window.ReportWindow(dispatch, available=lambda: False).toggle() is False


def test_actionlint_catches_a_broken_workflow_and_passes_ours(tmp_path: Path) -> None:
    """The lint phase is not a no-op: the same actionlint fails a workflow with a typo'd key and
    an undefined job dependency, and passes .github/workflows/ci.yml."""
    import os
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "actionlint"
    if not exe.exists():
        if os.environ.get("CI") == "true" and sys.platform == "linux":
            pytest.fail("actionlint is missing from .venv (the actionlint extra)")
        pytest.skip("actionlint is not installed (the actionlint extra)")
    root = Path(__file__).resolve().parents[2]
    ours = subprocess.run([str(exe), str(root / ".github" / "workflows" / "ci.yml")],
                          capture_output=True, text=True, timeout=60, cwd=root)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                      "    needs: [nope]\n    step:\n      - run: echo hi\n", "utf-8")
    shutil.copy(root / ".github" / "workflows" / "ci.yml", broken.parent / "ci.yml")
    bad = subprocess.run([str(exe), str(broken)], capture_output=True, text=True, timeout=60,
                         cwd=tmp_path)
    assert bad.returncode != 0
    assert "nope" in bad.stdout and "step" in bad.stdout
