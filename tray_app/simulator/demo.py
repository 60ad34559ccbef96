"""The demo: a temporary credential set that points every provider at a running simulator.

Nothing under the user's HOME is read or written: the returned environment has its own HOME,
XDG dirs and OPENCODE_CONFIG_DIR inside `workdir`, and the Copilot PAT is held in memory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tray_app.secrets import Secret
from tray_app.simulator import sim_antigravity, sim_copilot, sim_openai, sim_zhipu
from tray_app.simulator.server import Simulator


def demo_auth() -> dict[str, Any]:
    auth: dict[str, Any] = {}
    for module in (sim_openai, sim_zhipu, sim_copilot):
        auth.update(module.demo_auth_entries())
    return auth


def demo_environment(sim: Simulator, workdir: Path) -> dict[str, str]:
    home = workdir / "home"
    data = workdir / "data"
    config = workdir / "config"
    (data / "opencode").mkdir(parents=True, exist_ok=True)
    (config / "opencode").mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    (data / "opencode" / "auth.json").write_text(json.dumps(demo_auth(), indent=2), "utf-8")
    accounts = getattr(sim_antigravity, "demo_accounts_file", lambda: None)()
    if accounts is not None:
        (config / "opencode" / "antigravity-accounts.json").write_text(
            json.dumps(accounts, indent=2), "utf-8"
        )
    environ = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(config),
        "OPENCODE_CONFIG_DIR": str(config / "opencode"),
    }
    environ.update(sim.environ())
    return environ


def demo_pat() -> Secret | None:
    token = getattr(sim_copilot, "DEMO_PAT", None)
    return Secret(token) if isinstance(token, str) else None
