"""The real programs the tests use as oracles: OpenCode 2 (`@opencode/cli`, pinned) and ccusage,
both from npm, installed by tools/npm-oracles.sh into a cache outside the checkout.

`tools/run-tests.sh` installs them before pytest and exports their paths; a test run started
any other way installs them on first use. Under CI a missing oracle fails the test (never a
skip): `require(name)` is the one place that decides.
"""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
_KEY = {"opencode": "OPENCODE_BIN", "ccusage": "CCUSAGE_BIN"}
# Read when this module is imported (at collection), before tests/conftest.py gives each test
# its own HOME and drops MYSTATUS_* variables: the oracles live in the real user's cache.
_GIVEN = {name: os.environ.get(f"MYSTATUS_{key}") for name, key in _KEY.items()}
_CACHE = os.environ.get("MYSTATUS_ORACLE_CACHE") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mystatus-tray-oracles")


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """NAME=PATH lines of tools/npm-oracles.sh (installs on first use; bounded)."""
    try:
        done = subprocess.run(
            ["bash", str(ROOT / "tools" / "npm-oracles.sh")],
            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
            env={**os.environ, "MYSTATUS_ORACLE_CACHE": _CACHE},
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"error": str(e)}
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-2000:] or f"exit {done.returncode}"}
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def find(name: str) -> Path | None:
    """The oracle's executable, or None when it cannot be had on this machine."""
    given = _GIVEN[name]
    if given and Path(given).is_file():
        return Path(given)
    path = _installed().get(_KEY[name])
    return Path(path) if path and Path(path).is_file() else None


def require(name: str) -> Path:
    """The oracle's executable; a skip outside CI when it is missing, a failure under CI."""
    path = find(name)
    if path is not None:
        return path
    why = f"{name} (npm) is not available: {_installed().get('error', 'not installed')}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; CI must run the oracle tests (tools/npm-oracles.sh)")
    pytest.skip(why)
