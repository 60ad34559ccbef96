"""Codex CLI's login kept in the REAL Secret Service (gnome-keyring on the private bus of
tools/ci-desktop.sh), as Codex stores it with `cli_auth_credentials_store = "keyring"`:
service `Codex Auth`, account `cli|` + 16 hex of sha256 of the canonical CODEX_HOME, the
auth.json text as the secret. Read by the CLI in-process and by the tray's loader through
its keyring child (the tray process never imports `keyring`); never written, never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tray_app.credentials.codex import keyring_account
from tray_app.simulator import Simulator
from tray_app.simulator.sim_openai import CODEX_ACCOUNT_ID, codex_auth_file

pytestmark = pytest.mark.desktop

SERVICE = "Codex Auth"
EMAIL = "keyring.codex@example.com"

_TRAY_PROBE = """
import contextlib, json, sys, types
from tray_app.config import Settings
from tray_app.tray import services
launched = types.SimpleNamespace(box=types.SimpleNamespace(get=Settings), demo_dir=None)
with contextlib.ExitStack() as stack:
    engine, loader, _ = services._runtime(stack, launched)  # the tray's own loader
    snap = engine.refresh()
    engine.close()
print(json.dumps({"keyring_imported": "keyring" in sys.modules,
                  "openai": [a.label for p in snap.providers if p.id == "openai"
                             for a in p.accounts if a.ok]}))
"""


def _store(account: str, secret: str) -> None:
    # The attribute set of the Rust `keyring` crate's Secret Service backend, which Codex
    # uses (service, username, target, application); lookups match on service + username.
    subprocess.run(
        ["secret-tool", "store", "--label", f"{SERVICE} {account}", "service", SERVICE,
         "username", account, "target", "default", "application", "rust-keyring"],
        input=secret, text=True, check=True, timeout=10,
    )


def _clear(account: str) -> None:
    subprocess.run(["secret-tool", "clear", "service", SERVICE, "username", account],
                   timeout=10, check=False)


def _files_containing(roots: list[Path], needle: bytes) -> list[Path]:
    hits: set[Path] = set()
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath, name)
                try:
                    if needle in path.read_bytes():
                        hits.add(path)
                except OSError:
                    continue
    return sorted(hits)


def test_codex_login_in_the_real_secret_service(app_env: dict[str, str], tmp_path: Path) -> None:
    codex_home = tmp_path / "codex-home"
    codex_home.mkdir()  # Codex keeps config and sessions here; the login is in the keyring
    account = keyring_account(codex_home)
    data = codex_auth_file(email=EMAIL, account_id=CODEX_ACCOUNT_ID)
    access = data["tokens"]["access_token"]
    _store(account, json.dumps(data))
    try:
        with Simulator() as sim:
            env = {**app_env, **sim.environ(), "CODEX_HOME": str(codex_home)}
            cli = subprocess.run(
                [sys.executable, "-m", "tray_app", "--lang", "en", "status", "--json"],
                capture_output=True, text=True, env=env, timeout=60,
            )
            tray = subprocess.run([sys.executable, "-c", _TRAY_PROBE], capture_output=True,
                                  text=True, env=env, timeout=120)
            doctor = subprocess.run(
                [sys.executable, "-m", "tray_app", "--lang", "en", "doctor"],
                capture_output=True, text=True, env=env, timeout=60,
            )
            sent = [r.headers.get("authorization") for r in sim.received
                    if r.path == "/backend-api/wham/usage"]
        # the entry is still there, unchanged: read, never written back
        looked_up = subprocess.run(
            ["secret-tool", "lookup", "service", SERVICE, "username", account],
            capture_output=True, text=True, timeout=10,
        )
        assert json.loads(looked_up.stdout) == data
    finally:
        _clear(account)

    document = json.loads(cli.stdout)
    (openai,) = [p for p in document["providers"] if p["id"] == "openai"]
    assert [(a["label"], a["plan"]) for a in openai["accounts"]] == [(EMAIL, "pro")]
    assert tray.returncode == 0, tray.stderr
    probe = json.loads(tray.stdout.strip().splitlines()[-1])
    assert probe == {"keyring_imported": False, "openai": [EMAIL]}
    assert sent and set(sent) == {f"Bearer {access}"}  # the CLI, the tray, doctor's refresh
    assert f"Read keyring: {SERVICE} / {account}: ChatGPT login {EMAIL}" in doctor.stdout
    for output in (cli.stdout, cli.stderr, tray.stdout, tray.stderr, doctor.stdout,
                   doctor.stderr):
        assert access not in output and data["tokens"]["refresh_token"] not in output
    roots = [Path(os.environ[v]) for v in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                           "XDG_CACHE_HOME")]
    roots += [codex_home, Path(os.environ["CI_DESKTOP_DIR"])]
    assert _files_containing(roots, access.encode()) == []
    assert list(codex_home.iterdir()) == []  # nothing created in Codex's folder
