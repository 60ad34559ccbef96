"""The tray keeps out httpx's own command line (issue 17 §6): httpx imports `httpx._main`,
and with it click and pygments when they are installed (~2 MiB in the long-lived tray), for
the `httpx` command nobody runs from here. A clean interpreter builds the one HTTP client as
the tray does and lists what came in."""

from __future__ import annotations

import json
import subprocess
import sys

from mystatus_testkit.cli import ROOT

PROBE = """
import json, sys
from tray_app.net.http import HttpClient
client = HttpClient(timeout=1.0)
client.close()
print(json.dumps(sorted(m for m in ("httpx._main", "click", "pygments", "rich")
                        if sys.modules.get(m) is not None)))
"""


def test_building_the_http_client_imports_no_command_line_packages() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == []
