"""The new credential sources through the real `mystatus-tray status --json` / `doctor --json`
in a subprocess against the simulator (issue 16 §3): Codex's personal_access_token, Kimi
Code's own login, broken OpenCode Go / Kimi / MiniMax entries beside environment keys. The
simulator sees which secret arrives; every foreign file is byte for byte unchanged and nothing
is created beside it."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator
from tray_app.simulator.opencode_db import create_db, credential_row

PAT = "chatgpt-pat-PLANTED-cli-0123456789"
KIMI_ACCESS = "eyJ-kimi-code-PLANTED-cli-0000"
KIMI_REFRESH = "kimi-refresh-PLANTED-cli-never-used"


def tree_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def status(home: Path, sim: Simulator, **env: str) -> dict[str, Any]:
    result = run_cli(["status", "--json"], cli_env(home, sim, **env))
    document = json.loads(result.stdout)
    validate(document, "document")
    return document


def accounts(document: dict[str, Any], provider: str) -> list[dict[str, Any]]:
    by_id = {p["id"]: p for p in document["providers"]}
    return list(by_id[provider]["accounts"]) if provider in by_id else []


def bearers(sim: Simulator, provider: str) -> set[str]:
    return {r.headers.get("authorization", "") for r in sim.received if r.provider == provider}


def test_codex_personal_access_token_is_the_bearer(sim: Simulator, home: Path) -> None:
    codex = home / ".codex"
    codex.mkdir()
    (codex / "auth.json").write_text(json.dumps({
        "auth_mode": "chatgpt", "personal_access_token": PAT,
        "tokens": {"account_id": "acct-pat-1", "refresh_token": "rt-PLANTED-codex"}}), "utf-8")
    before = tree_state(codex)
    document = status(home, sim)
    assert tree_state(codex) == before
    (account,) = accounts(document, "openai")
    assert account["error"] is None and account["windows"]
    assert bearers(sim, "openai") == {f"Bearer {PAT}"}
    assert PAT not in json.dumps(document)


def test_kimi_code_login_is_queried_and_an_expired_one_is_not(sim: Simulator,
                                                              home: Path) -> None:
    folder = home / ".kimi-code" / "credentials"
    folder.mkdir(parents=True)
    token = {"access_token": KIMI_ACCESS, "refresh_token": KIMI_REFRESH,
             "expires_at": time.time() + 900, "scope": "kimi-code", "token_type": "Bearer",
             "expires_in": 900.0}
    (folder / "kimi-code.json").write_text(json.dumps(token), "utf-8")
    before = tree_state(home / ".kimi-code")
    document = status(home, sim)
    (account,) = accounts(document, "kimi")
    assert account["error"] is None and account["label"] == "Kimi Code"
    assert bearers(sim, "kimi") == {f"Bearer {KIMI_ACCESS}"}
    token["expires_at"] = time.time() - 600  # Kimi Code has not run for a while
    (folder / "kimi-code.json").write_text(json.dumps(token), "utf-8")
    before = tree_state(home / ".kimi-code")
    sim.received.clear()
    document = status(home, sim)
    (account,) = accounts(document, "kimi")
    assert account["error"]["kind"] == "token_expired"
    assert "kimi" in account["error"]["fix"] and "expired" in account["error"]["message"]
    assert bearers(sim, "kimi") == set()  # not sent
    assert tree_state(home / ".kimi-code") == before
    shown = json.dumps(document) + run_cli(["doctor"], cli_env(home, sim)).stdout
    assert KIMI_ACCESS not in shown and KIMI_REFRESH not in shown and "kimi-code.json" in shown


def test_broken_key_entries_beside_environment_keys(sim: Simulator, home: Path) -> None:
    """OpenCode Go: a number instead of a key; Kimi: a wrong type; MiniMax: no key at all (in
    OpenCode 2's database). Each is a named error account of its provider and each provider's
    environment key is queried, the same rule for all."""
    auth = write_auth(home, {"opencode-go": {"type": "api", "key": 12345},
                             "kimi-for-coding": {"type": "oauth", "refresh": "x"}})
    create_db(auth.parent / "opencode.db", [credential_row("minimax-coding-plan",
                                                           {"type": "key"})])
    before = tree_state(auth.parent)
    env = {"OPENCODE_API_KEY": "sk-go-PLANTED-env-000011", "KIMI_API_KEY": "sk-kimi-PLANTED-22",
           "MINIMAX_API_KEY": "sk-cp-PLANTED-env-minimax-33"}
    document = status(home, sim, **env)
    assert tree_state(auth.parent) == before
    for provider, entry, var in (("opencode-go", "opencode-go", "OPENCODE_API_KEY"),
                                 ("kimi", "kimi-for-coding", "KIMI_API_KEY"),
                                 ("minimax", "minimax-coding-plan", "MINIMAX_API_KEY")):
        found = accounts(document, provider)
        errors = [a for a in found if a["error"] is not None]
        assert [a["label"] for a in errors] == [entry], found
        assert errors[0]["error"]["kind"] == "credential_invalid"
        assert entry in errors[0]["error"]["message"]
        assert "opencode auth login" in errors[0]["error"]["fix"]
        assert any(a["error"] is None for a in found), found
        assert f"Bearer {env[var]}" in bearers(sim, provider)
    text = json.dumps(document)
    assert all(secret not in text for secret in env.values())
    doctor = json.loads(run_cli(["doctor", "--json"], cli_env(home, sim, **env)).stdout)
    validate(doctor, "doctor_document")
    used = {s["id"]: s["used"] for s in doctor["sources"]}
    assert used["env:OPENCODE_API_KEY"] == ["opencode-go"]
    assert used["env:MINIMAX_API_KEY"] == ["minimax-coding-plan"]
    assert tree_state(auth.parent) == before


def test_demo_with_an_upgraded_opencode2_database(tmp_path: Path) -> None:
    """The demo's "upgraded" OpenCode 2 database (auth.json imported with `active` NULL):
    every OpenCode provider still has its account, taken from the database's newest rows."""
    from tray_app.config import Settings
    from tray_app.credentials import CredentialLoader
    from tray_app.credentials.copilot_pat import MemoryPatStore
    from tray_app.engine import Engine
    from tray_app.simulator.demo import demo_environment

    with Simulator() as server:
        env = demo_environment(server, tmp_path, opencode_db="upgraded")
        db = Path(env["XDG_DATA_HOME"]) / "opencode" / "opencode.db"
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        creds = loader.load()
        assert creds.auth.db is not None and creds.auth.db.chosen
        assert {c.reason for c in creds.auth.db.chosen} == {"newest"}
        assert creds.auth.source_of("openai") == str(db)
        assert creds.auth.source_of("zai-coding-plan") == str(db)
        with Engine(loader, environ=env) as engine:
            snapshot = engine.refresh()
    by_id = {p.id: p for p in snapshot.providers}
    for provider in ("openai", "zai", "zhipu", "opencode-go", "kimi", "minimax"):
        assert provider in by_id and any(a.error is None for a in by_id[provider].accounts), \
            provider
