"""Run the real CLI in a subprocess (`python -m tray_app ...`) with a private HOME.

`cli_env()` builds the whole environment from scratch (nothing of the developer's HOME,
proxies, OpenCode or MYSTATUS_* variables leaks in) and points every base URL at the given
simulator, so no request can leave 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tray_app.net.endpoints import DEFAULT_URLS, env_var
from tray_app.simulator import Simulator

HELPERS = Path(__file__).resolve().parents[1]
# this checkout first, so a subprocess runs the code under test even beside another editable install
ROOT = HELPERS.parents[1]
NULL_KEYRING = "keyring.backends.null.Keyring"
FAIL_KEYRING = "keyring.backends.fail.Keyring"
FILE_KEYRING = "mystatus_testkit.keyring_backend.FileKeyring"


def cli_env(home: Path, sim: Simulator | None = None, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "en_US.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join((str(ROOT), str(HELPERS))),
        "PYTHON_KEYRING_BACKEND": NULL_KEYRING,
    }
    for var in ("SYSTEMROOT", "TMPDIR", "TEMP", "TMP"):  # what Python itself needs
        if var in os.environ:
            env[var] = os.environ[var]
    if sim is not None:
        # providers the simulator does not serve get a 404 from it, never the internet
        env.update({env_var(k): f"{sim.url}/not-simulated-{k}" for k in DEFAULT_URLS})
        env.update(sim.environ())
    env.update(extra)
    return env


def run_cli(
    args: list[str], env: dict[str, str], *, stdin: str | None = None, timeout: float = 60,
    python_args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *python_args, "-m", "tray_app", *args],
        env=env, input=stdin if stdin is not None else "", capture_output=True, text=True,
        encoding="utf-8", timeout=timeout, cwd=env["HOME"],
    )


def write_auth(home: Path, entries: Any) -> Path:
    path = home / ".local" / "share" / "opencode" / "auth.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(entries if isinstance(entries, str) else json.dumps(entries), "utf-8")
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its content (to prove nothing was written)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}
