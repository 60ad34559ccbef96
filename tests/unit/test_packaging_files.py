"""The packaging files agree with the code and with each other: the menu entry and systemd
unit are well-formed, the PyInstaller spec points at files that exist and at the same bundle
id and icons, and pyproject declares the per-OS dependencies and the `bundle` extra."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tray_app.autostart import BUNDLE_ID
from tray_app.autostart.linux import read_entry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"


def test_menu_entry() -> None:
    path = PKG / "linux" / "mystatus-tray.desktop"
    entry = read_entry(path.read_text("utf-8"))
    assert entry["Type"] == "Application" and entry["Exec"] == "mystatus-tray"
    assert entry["Icon"] == "mystatus-tray" and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert (ROOT / "icons" / "hicolor" / "256x256" / "apps" / "mystatus-tray.png").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                                text=True, timeout=30)
        assert result.returncode == 0, result.stdout + result.stderr


def test_systemd_user_unit() -> None:
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((PKG / "linux" / "mystatus-tray.service").read_text("utf-8"))
    assert unit["Service"]["ExecStart"] == "%h/.local/bin/mystatus-tray"
    assert unit["Service"]["Restart"] == "on-failure"  # Quit (exit 0) stays quit
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    assert unit["Unit"]["After"] == "graphical-session.target"


def test_spec_matches_the_code() -> None:
    spec = (PKG / "pyinstaller" / "mystatus-tray.spec").read_text("utf-8")
    assert f'bundle_identifier="{BUNDLE_ID}"' in spec
    assert '"LSUIElement": True' in spec
    assert (PKG / "pyinstaller" / "entry.py").is_file()
    for name in ("mystatus-tray.ico", "mystatus-tray.icns", "mystatus-tray.png"):
        assert (ROOT / "icons" / name).is_file()
    for hidden in ("pystray._appindicator", "pystray._gtk", "pystray._xorg", "pystray._darwin",
                   "pystray._win32", "keyring.backends", "plyer.platforms.linux.notification"):
        assert hidden in spec, hidden
    # Windows: the windowed app plus a console twin for the commands
    assert re.search(r'name=f"\{NAME\}-cli",\s*console=True', spec)
    assert "console=not windowed" in spec
    for copied in ("mystatus-tray.desktop", "install-bundle.sh"):
        assert (PKG / "linux" / copied).is_file()


def test_pyproject_declares_platform_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    deps = project["dependencies"]
    assert any(d.startswith("pyobjc-framework-Cocoa") and "sys_platform == 'darwin'" in d
               for d in deps)
    extras = project["optional-dependencies"]
    assert any(d.startswith("pyinstaller") for d in extras["bundle"])
    assert all("sys_platform == 'linux'" in d for d in extras["appindicator"])


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_install_script_parses() -> None:
    result = subprocess.run(["sh", "-n", str(PKG / "linux" / "install-bundle.sh")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
