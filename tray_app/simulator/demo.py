"""The demo: a temporary credential set that points every provider at a running simulator.

Nothing under the user's HOME is read or written: the returned environment has its own HOME,
XDG dirs, OPENCODE_CONFIG_DIR, CLAUDE_CONFIG_DIR and CODEX_HOME inside `workdir`, and the
Copilot PAT is held in memory. OpenAI shows two accounts: OpenCode's and a different one logged
in to Codex CLI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tray_app.config import Settings
from tray_app.secrets import Secret
from tray_app.simulator import (
    sim_antigravity,
    sim_claude,
    sim_copilot,
    sim_kimi,
    sim_minimax,
    sim_openai,
    sim_opencode_go,
    sim_zhipu,
)
from tray_app.simulator.server import Simulator


def demo_settings() -> Settings:
    """Default settings plus the simulator's Copilot login and plan (not secret): the demo's
    settings, held in memory (the demo never reads or writes the user's config file)."""
    return Settings(copilot_username=sim_copilot.DEMO_USERNAME, copilot_plan=sim_copilot.DEMO_PLAN)


def demo_auth() -> dict[str, Any]:
    auth: dict[str, Any] = {}
    for module in (sim_openai, sim_zhipu, sim_copilot):
        auth.update(module.demo_auth_entries())
    for module in (sim_opencode_go, sim_kimi, sim_minimax):
        auth.update(module.demo_auth_entries())
    return auth


def demo_environment(sim: Simulator, workdir: Path, *,
                     opencode_db: str | None = None) -> dict[str, str]:
    """`opencode_db` "upgraded" (default: `$MYSTATUS_DEMO_OPENCODE_DB`) adds an OpenCode 2
    database as a user who upgraded through the 2.0 betas has it: auth.json imported with
    `active` NULL (simulator/opencode_db.py); "" keeps auth.json alone."""
    home = workdir / "home"
    data = workdir / "data"
    config = workdir / "config"
    (data / "opencode").mkdir(parents=True, exist_ok=True)
    (config / "opencode").mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    codex = workdir / "codex"
    codex.mkdir(parents=True, exist_ok=True)
    (data / "opencode" / "auth.json").write_text(json.dumps(demo_auth(), indent=2), "utf-8")
    layout = os.environ.get("MYSTATUS_DEMO_OPENCODE_DB", "") if opencode_db is None \
        else opencode_db
    if layout == "upgraded":
        from tray_app.simulator.opencode_db import upgraded_db

        upgraded_db(data / "opencode" / "opencode.db", demo_auth())
    (codex / "auth.json").write_text(json.dumps(sim_openai.codex_auth_file(), indent=2), "utf-8")
    accounts = getattr(sim_antigravity, "demo_accounts_file", lambda: None)()
    if accounts is not None:
        (config / "opencode" / "antigravity-accounts.json").write_text(
            json.dumps(accounts, indent=2), "utf-8"
        )
    # Claude Code's login: its own config dir, so a CLAUDE_CONFIG_DIR of the user's never counts
    claude_dir = home / ".claude"
    claude_dir.mkdir(parents=True, exist_ok=True)
    (claude_dir / ".credentials.json").write_text(
        json.dumps(sim_claude.credentials(), indent=2), "utf-8"
    )
    (home / ".claude.json").write_text(json.dumps(sim_claude.global_config(), indent=2), "utf-8")
    environ = {
        "HOME": str(home),
        "CLAUDE_CONFIG_DIR": str(claude_dir),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(config),
        "OPENCODE_CONFIG_DIR": str(config / "opencode"),
        "CODEX_HOME": str(codex),
    }
    environ.update(sim.environ())
    return environ


def bypass_proxy_for_loopback() -> None:
    """The demo talks to 127.0.0.1: keep a configured HTTP proxy from intercepting it."""
    if not any(os.environ.get(v) for v in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")):
        return
    for var in ("NO_PROXY", "no_proxy"):
        current = os.environ.get(var, "")
        os.environ[var] = ",".join(p for p in (current, "127.0.0.1", "localhost") if p)


def demo_pat() -> Secret | None:
    token = getattr(sim_copilot, "DEMO_PAT", None)
    return Secret(token) if isinstance(token, str) else None
