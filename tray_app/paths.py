"""Where files live: our own dirs (via platformdirs, its only importer) and the other
programs' credential files we read (OpenCode's auth.json and opencode.db, the Antigravity auth
plugin)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from tray_app import APP_NAME


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def _home(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return Path(home) if home else Path.home()


def opencode_data_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    """OpenCode's data folder, in probe order: XDG_DATA_HOME, ~/.local/share (every OS),
    then the legacy per-OS locations older installs and other tools used."""
    environ = os.environ if environ is None else environ
    home = _home(environ)
    out: list[Path] = []
    if environ.get("XDG_DATA_HOME"):
        out.append(Path(environ["XDG_DATA_HOME"]) / "opencode")
    out.append(home / ".local" / "share" / "opencode")
    if environ.get("APPDATA"):
        out.append(Path(environ["APPDATA"]) / "opencode")
    if environ.get("LOCALAPPDATA"):
        out.append(Path(environ["LOCALAPPDATA"]) / "opencode")
    if sys.platform == "darwin" or environ.get("MYSTATUS_PROBE_ALL"):
        out.append(home / "Library" / "Application Support" / "opencode")
    return _dedupe(out)


def opencode_auth_candidates(environ: Mapping[str, str] | None = None) -> list[Path]:
    """OpenCode 1.x's auth.json (OpenCode 2 imports it once, then leaves it stale)."""
    return [d / "auth.json" for d in opencode_data_dirs(environ)]


def opencode_db_candidates(environ: Mapping[str, str] | None = None) -> list[Path]:
    """OpenCode's SQLite database (OpenCode 2 keeps credentials in it), same folders."""
    return [d / "opencode.db" for d in opencode_data_dirs(environ)]


def antigravity_candidates(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The Antigravity auth plugin's accounts file, in probe order."""
    environ = os.environ if environ is None else environ
    home = _home(environ)
    name = "antigravity-accounts.json"
    out: list[Path] = []
    if environ.get("OPENCODE_CONFIG_DIR"):
        out.append(Path(environ["OPENCODE_CONFIG_DIR"]) / name)
    if environ.get("XDG_CONFIG_HOME"):
        out.append(Path(environ["XDG_CONFIG_HOME"]) / "opencode" / name)
    out.append(home / ".config" / "opencode" / name)
    if environ.get("APPDATA"):
        out.append(Path(environ["APPDATA"]) / "opencode" / name)
    if environ.get("XDG_DATA_HOME"):
        out.append(Path(environ["XDG_DATA_HOME"]) / "opencode" / name)
    out.append(home / ".local" / "share" / "opencode" / name)
    return _dedupe(out)


def legacy_copilot_token_file(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return _home(environ) / ".config" / "opencode" / "copilot-quota-token.json"


def _dedupe(paths: list[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for p in paths:
        key = str(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
