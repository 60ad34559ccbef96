"""The long-lived tray process keeps out what it never uses (issue 9 §7: its RSS budget):
modules that only the CLI's reports, a click (browser, History… chart) or another backend
need, the stdlib's `logging.handlers` (for a rotating file), Pillow's image plugins other
than PNG (what the backends write), the engine with httpx and the providers (they run in
the engine child: tests/integration/test_engine_child.py refreshes through it), OpenSSL
(tray/lean.py) and dbus-python (the notification child). A clean interpreter runs what the
tray runs after its services are up: imports, the log file, the icon saved as PNG, a
notification sent. tests/desktop/test_every_backend.py checks the real tray's mapped
libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mystatus_testkit.cli import ROOT

NOT_IN_TRAY = [
    "logging.handlers", "webbrowser",
    "httpx", "httpcore", "certifi", "tray_app.engine", "tray_app.net.http",
    "tray_app.providers.openai", "tray_app.providers.copilot", "tray_app.providers.registry",
    "tray_app.charts.launch", "tray_app.charts.window", "tray_app.tray.report_window",
    "tray_app.report.text", "tray_app.report.json_out",
    "PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin", "PIL.PpmImagePlugin",
    # the MCP server for coding agents is its own process (`mystatus-tray mcp`)
    "mcp", "pydantic", "anyio", "tray_app.mcp", "tray_app.mcp.server", "tray_app.cli.mcp",
    # TLS (tray/lean.py) and D-Bus (tray/notify_child.py)
    "ssl", "_ssl", "_hashlib", "dbus", "_dbus_bindings", "plyer",
]

PROBE = """
import json, sys, io
from pathlib import Path
import tray_app.cli, tray_app.tray.app
tray_app.tray.lean.keep_tls_out()  # what run_tray does first
import tray_app.tray.ui, tray_app.tray.services
import tray_app.tray.actions, tray_app.tray.pystray_adapter, tray_app.tray.icon
import tray_app.engine_child, tray_app.monitoring.poller, tray_app.monitoring.history
from tray_app import logfile
from tray_app.tray.pystray_adapter import png_writer_only
from PIL import Image
from tray_app.tray.menu import build_menu
from tray_app.monitoring.view import TrayView
from tray_app.config import Settings
from tray_app.model import utcnow
logfile.install(directory=Path(sys.argv[1]))
build_menu(TrayView(), Settings(), "en", utcnow(), pat_present=False)
png_writer_only()
# what pystray's backends do with the icon
Image.new("RGBA", (64, 64), (0, 128, 0, 255)).save(Path(sys.argv[1]) / "icon.png", "PNG")
try:
    import gi  # PyGObject imports asyncio, which imports ssl when it can
except ImportError:
    pass
from tray_app.credentials.claude import keychain_service
assert keychain_service({"CLAUDE_CONFIG_DIR": "/x"}) != keychain_service({})  # a SHA-256
from tray_app.tray.notifier import Notifier
n = Notifier(in_child=True)
n.notify("title", "body")  # no bus here: the child fails and says so; the tray logs it
print(n.backend)
print(json.dumps(sorted(m for m in %r if sys.modules.get(m) is not None)))
"""


def test_the_tray_keeps_out_what_it_never_uses(tmp_path: Path) -> None:
    # a bus that is not there: the probe's notification must not reach a real daemon
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    out = subprocess.run([sys.executable, "-c", PROBE % NOT_IN_TRAY, str(tmp_path)],
                         capture_output=True, text=True, timeout=60, cwd=ROOT, check=True,
                         env=env)
    assert json.loads(out.stdout.splitlines()[-1]) == []
    assert out.stdout.splitlines()[-2] == "child"
    assert (tmp_path / "icon.png").read_bytes().startswith(b"\x89PNG")


def test_other_image_formats_still_load_on_demand(tmp_path: Path) -> None:
    """Only Pillow's eager first step is skipped: a JPEG or GIF still saves and opens."""
    code = """
import sys
from pathlib import Path
from PIL import Image
from tray_app.tray.pystray_adapter import png_writer_only
png_writer_only()
Image.new("RGB", (4, 4), (255, 0, 0)).save(Path(sys.argv[1]) / "a.jpg", "JPEG")
Image.new("P", (4, 4)).save(Path(sys.argv[1]) / "a.gif")
print(*(Image.open(Path(sys.argv[1]) / name).format for name in ("a.jpg", "a.gif")))
"""
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT, check=True)
    assert out.stdout.split() == ["JPEG", "GIF"]
