"""The real `mystatus-tray status --json` / `doctor --json` in a subprocess against the
simulator, for an OpenCode 2 data folder (a real opencode.db in WAL mode with the fresh login,
the imported auth.json beside it gone stale), broken entries and environment keys. The
simulator sees which token arrives; OpenCode's folder is byte for byte unchanged afterwards."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from mystatus_testkit.cli import cli_env, run_cli, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator
from tray_app.simulator.opencode_db import (
    OpenCodeWriter,
    create_db,
    credential_row,
    key_value,
    oauth_value,
)
from tray_app.simulator.sim_openai import demo_claims, make_jwt

ZAI_STALE = "zk-PLANTED-stale-zai-in-auth-json-000000"
ZAI_FRESH = "zk-PLANTED-fresh-zai-in-database-111111"


def _token(tag: str) -> str:
    claims = demo_claims()
    claims["jti"] = tag  # two different tokens of the same account
    return make_jwt(claims)


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def _auth_headers(sim: Simulator, provider: str) -> set[str]:
    return {r.headers.get("authorization", "") for r in sim.received if r.provider == provider}


def opencode2_home(home: Path) -> tuple[Path, str, str]:
    """auth.json as OpenCode 1.x left it (expired OpenAI token, old Z.ai key) and opencode.db
    with the current logins, as OpenCode 2 keeps them after importing the file once."""
    stale, fresh = _token("stale"), _token("fresh")
    expired_ms = int((time.time() - 3600) * 1000)
    auth = write_auth(home, {
        "openai": {"type": "oauth", "access": stale, "refresh": "rt-stale", "expires": expired_ms},
        "zai-coding-plan": {"type": "api", "key": ZAI_STALE},
    })
    create_db(auth.parent / "opencode.db", [
        credential_row("openai", oauth_value(stale, refresh="rt-stale", expires_ms=expired_ms),
                       active=False),
        credential_row("openai", oauth_value(fresh, refresh="rt-fresh")),
        credential_row("zai-coding-plan", key_value(ZAI_FRESH)),
    ])
    return auth.parent, stale, fresh


def status_json(home: Path, sim: Simulator, **env: str) -> tuple[int, dict[str, Any]]:
    result = run_cli(["status", "--json"], cli_env(home, sim, **env))
    document = json.loads(result.stdout)
    validate(document, "document")
    return result.returncode, document


def test_opencode2_fresh_database_token_is_used_not_the_stale_auth_json(
    sim: Simulator, home: Path
) -> None:
    folder, stale, fresh = opencode2_home(home)
    before = folder_state(folder)
    code, document = status_json(home, sim)
    assert folder_state(folder) == before  # nothing created or changed beside OpenCode's db
    assert code == 0, document
    by_id = {p["id"]: p for p in document["providers"]}
    assert by_id["openai"]["accounts"][0]["error"] is None  # not "the token expired"
    assert by_id["openai"]["accounts"][0]["windows"]
    assert by_id["zai"]["accounts"][0]["error"] is None
    assert _auth_headers(sim, "openai") == {f"Bearer {fresh}"}
    assert f"Bearer {stale}" not in _auth_headers(sim, "openai")
    shown = json.dumps(document) + run_cli(["status"], cli_env(home, sim)).stdout
    for secret in (stale, fresh, ZAI_FRESH, ZAI_STALE, "rt-fresh", "rt-stale"):
        assert secret not in shown
    assert _auth_headers(sim, "zai") == {ZAI_FRESH}
    assert document["problems"] == []


def test_opencode2_running_rows_in_the_wal_are_used(sim: Simulator, home: Path) -> None:
    folder, _, _ = opencode2_home(home)
    newest = _token("newest")
    with OpenCodeWriter(folder / "opencode.db") as opencode:
        opencode.activate("openai", credential_row("openai", oauth_value(newest)))
        before = folder_state(folder)
        code, _ = status_json(home, sim)
        assert folder_state(folder) == before
    assert code == 0
    assert _auth_headers(sim, "openai") == {f"Bearer {newest}"}


def test_doctor_json_lists_sources_and_the_stale_entries(sim: Simulator, home: Path) -> None:
    folder, stale, fresh = opencode2_home(home)
    before = folder_state(folder)
    result = run_cli(["doctor", "--json"], cli_env(home, sim, ZAI_API_KEY="zk-PLANTED-env-22"))
    assert folder_state(folder) == before
    document = json.loads(result.stdout)
    validate(document, "doctor_document")
    sources = document["sources"]
    assert [s["id"] for s in sources] == [
        "opencode_db", "opencode_auth_json", "env:ZAI_API_KEY", "env:ZHIPU_API_KEY",
        "env:OPENCODE_API_KEY", "env:KIMI_API_KEY", "env:MINIMAX_API_KEY", "kimi_code"]
    db, auth, zai_env, zhipu_env = sources[:4]
    assert db["location"] == str(folder / "opencode.db") and db["found"] is True
    assert db["rows"] == {"active": 2, "inactive": 1, "chosen": [
        {"integration": "openai", "id": db["rows"]["chosen"][0]["id"], "label": "openai",
         "reason": "active", "rows": 2},
        {"integration": "zai-coding-plan", "id": db["rows"]["chosen"][1]["id"],
         "label": "zai-coding-plan", "reason": "active", "rows": 1}]}
    assert all(c["id"].startswith("cred_") for c in db["rows"]["chosen"])
    assert db["used"] == ["openai", "zai-coding-plan"]
    assert auth["found"] is True and auth["used"] == []
    stale_finding = next(f for f in auth["findings"] if "Stale entries" in f["text"])
    assert stale_finding["mark"] == "info"  # nothing is wrong: the database's login is used
    assert "openai, zai-coding-plan" in stale_finding["text"] and stale_finding["fix"]
    assert zai_env["found"] is True and zai_env["used"] == []
    assert zhipu_env["found"] is False
    text = json.dumps(document)
    for secret in (stale, fresh, ZAI_FRESH, ZAI_STALE, "zk-PLANTED-env-22"):
        assert secret not in text + result.stderr
    sections = {s["id"] for s in document["sections"]}
    assert {"sources", "entries", "accounts"} <= sections
    assert document["ok"] is True and result.returncode == 0, result.stdout
    text = run_cli(["doctor"], cli_env(home, sim)).stdout
    assert f"✓ 1. {folder / 'opencode.db'} (database): found" in text
    assert "2 row(s) used (the one OpenCode uses per integration), 1 other row(s)" in text
    assert 'openai: row "openai" (cred_' in text and '"active" flag is set (2 row(s))' in text
    assert "ℹ Stale entries (OpenCode 2 no longer updates auth.json" in text
    assert f"· from {folder / 'opencode.db'}" in text  # where the entry in use came from
    assert folder_state(folder) == before


def test_broken_entries_are_named_errors_not_no_accounts(sim: Simulator, home: Path) -> None:
    auth = write_auth(home, {"openai": "not-an-object", "zai-coding-plan": 7})
    code, document = status_json(home, sim)
    assert code == 1
    assert [p["kind"] for p in document["problems"]] == []
    errors = {p["id"]: p["accounts"][0]["error"] for p in document["providers"]}
    assert set(errors) == {"openai", "zai"}
    for pid, entry, kind in (("openai", "openai", "string"), ("zai", "zai-coding-plan", "number")):
        error = errors[pid]
        assert error["kind"] == "credential_invalid" and error["path"] == str(auth)
        assert f'"{entry}" in {auth} is not an object (it is JSON {kind})' in error["message"]
        assert "opencode auth login" in error["fix"]
    text = run_cli(["--lang", "zh-TW", "status"], cli_env(home, sim))
    assert text.returncode == 1
    assert f'{auth} 中的項目 "openai" 不是物件' in text.stdout
    assert "未找到任何已設定的帳號" not in text.stdout


def test_environment_key_is_the_last_source(sim: Simulator, home: Path) -> None:
    code, document = status_json(home, sim, ZAI_API_KEY=ZAI_FRESH)
    assert code == 0
    assert [p["id"] for p in document["providers"]] == ["zai"]
    assert _auth_headers(sim, "zai") == {ZAI_FRESH}
