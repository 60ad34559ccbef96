"""matplotlib stays out of the long-lived tray process: neither the launch path nor the
services, the menu actions (History… included) nor the chart launcher import it; only the
chart's own process and `history --plot` do. SQLite is loaded only by the history store, so
`history_days = 0` keeps it out too. A clean interpreter, so nothing else has imported them
first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mystatus_testkit.cli import ROOT

PROBE = """
import json, sys
import tray_app.cli, tray_app.tray.app, tray_app.tray.ui, tray_app.tray.services
import tray_app.tray.actions, tray_app.charts.launch, tray_app.charts.window
from tray_app.tray.menu import build_menu
from tray_app.monitoring.view import TrayView
from tray_app.config import Settings
from tray_app.model import utcnow
menu = build_menu(TrayView(), Settings(), "en", utcnow(), pat_present=False)
print(json.dumps({"menu": [e.action for e in menu],
                  "heavy": sorted(m for m in sys.modules
                                  if m.split(".")[0] in ("matplotlib", "numpy")),
                  "sqlite": "sqlite3" in sys.modules}))
import tray_app.monitoring.history, tray_app.cli.history, tray_app.cli.status
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib")))
"""


def test_the_tray_never_imports_matplotlib() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, check=True).stdout.splitlines()
    result = json.loads(out[0])
    assert "history" in result["menu"]  # the History… item is there
    assert result["heavy"] == []
    # SQLite comes with the history store only (services import it when history_days > 0)
    assert result["sqlite"] is False
    assert json.loads(out[1]) == []  # nor does the store or the history command (sans --plot)


def test_the_chart_module_is_the_only_matplotlib_importer() -> None:
    package = Path(ROOT) / "tray_app"
    importers = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                       if "import matplotlib" in p.read_text("utf-8")
                       or "from matplotlib" in p.read_text("utf-8"))
    assert importers == ["charts/plot.py"]
