"""The real OpenCode 2 (`@opencode/cli` 2.1.2 from npm, tools/npm-oracles.sh) as the oracle of
which credential OpenCode uses: states built with the real `auth login` (typed into a
pseudo-terminal), `auth import`, `auth switch`, with and without its background service
running, plus `active` / `time_created` values edited as the 2.0-beta import leaves them
(`active` NULL). In each state the key or token the app would send (the providers' own
`discover` on the CredentialSet the app loads; once through `status --json` against the
simulator) must be the one `opencode auth export --standalone` marks active.

Each test has its own HOME and XDG folders, its own service port, proxies pointing at a closed
loopback port, and bounded subprocess timeouts; the service is stopped (and any OpenCode
process of that HOME killed by pid) when the test ends. Under CI=true a missing binary fails
(oracles.require). CLI usage: see mystatus_testkit/opencode2.py.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit import oracles
from mystatus_testkit.cli import cli_env, run_cli
from mystatus_testkit.opencode2 import OpenCode2

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.keyring_access import NoKeyring
from tray_app.providers import openai, zhipu
from tray_app.simulator import Simulator
from tray_app.simulator.sim_openai import demo_claims, make_jwt

FAR_MS = 4_102_444_800_000  # 2100: no token here expires during the test


@pytest.fixture(scope="session")
def opencode_bin() -> Path:
    return oracles.require("opencode")


@pytest.fixture
def oc(opencode_bin: Path, tmp_path: Path) -> Iterator[OpenCode2]:
    home = tmp_path / "home"
    home.mkdir()
    runner = OpenCode2(opencode_bin, home)
    try:
        yield runner
    finally:
        runner.stop_service()
        runner.kill_leftovers()


def _jwt(tag: str, account: str) -> str:
    claims = demo_claims(account_id=account)
    claims["jti"] = tag
    return make_jwt(claims)


def openai_row(row_id: str, label: str, access: str, account: str) -> dict[str, Any]:
    return {"id": row_id, "integrationID": "openai", "label": label, "active": False,
            "value": {"type": "oauth", "methodID": "chatgpt-browser", "refresh": f"rt-{row_id}",
                      "access": access, "expires": FAR_MS,
                      "metadata": {"accountID": account}}}


def key_row(row_id: str, integration: str, label: str, key: str) -> dict[str, Any]:
    return {"id": row_id, "integrationID": integration, "label": label, "active": False,
            "value": {"type": "key", "key": key}}


def app_secrets(oc: OpenCode2) -> dict[str, str]:
    """integration → the secret the app would send, from the providers' own discover()."""
    loader = CredentialLoader(Settings(), environ=dict(oc.env), pat_store=MemoryPatStore(),
                              keyring=NoKeyring())
    creds = loader.load()
    now = datetime.now(timezone.utc)
    out: dict[str, str] = {}
    for integration, spec in (("zai-coding-plan", zhipu.ZAI),
                              ("zhipuai-coding-plan", zhipu.ZHIPU)):
        refs = [r for r in spec.discover(creds, now) if r.error is None]
        if refs:
            (ref,) = refs
            out[integration] = ref.payload.reveal()
    refs = [r for r in openai.SPEC.discover(creds, now) if r.error is None]
    if refs:
        (ref,) = refs
        out["openai"] = ref.payload.access.reveal()
    return out


def oracle_secrets(oc: OpenCode2) -> dict[str, str]:
    out = {}
    for integration, row in oc.active().items():
        value = row["value"]
        out[integration] = value.get("key") or value.get("access")
    return out


def assert_app_follows_opencode(oc: OpenCode2) -> dict[str, str]:
    expected = oracle_secrets(oc)
    assert expected, "OpenCode reports no active credential at all"
    assert app_secrets(oc) == expected
    return expected


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def edit(oc: OpenCode2, *statements: tuple[str, tuple[Any, ...]]) -> None:
    """Change rows as OpenCode's own migrations leave them (OpenCode is not running)."""
    conn = sqlite3.connect(oc.db)
    try:
        for sql, params in statements:
            conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------- the tests
def test_keys_typed_into_auth_login_newest_login_wins(oc: OpenCode2) -> None:
    oc.login("zai-coding-plan", "zk-ORACLE-first-login-000001")
    assert assert_app_follows_opencode(oc) == {"zai-coding-plan": "zk-ORACLE-first-login-000001"}
    oc.login("zai-coding-plan", "zk-ORACLE-second-login-00002")
    oc.login("zhipuai-coding-plan", "zk-ORACLE-zhipu-login-000003")
    assert assert_app_follows_opencode(oc) == {
        "zai-coding-plan": "zk-ORACLE-second-login-00002",
        "zhipuai-coding-plan": "zk-ORACLE-zhipu-login-000003"}
    before = folder_state(oc.data)
    app_secrets(oc)
    assert folder_state(oc.data) == before  # the app's read changed and created nothing


def test_imported_accounts_and_switch_between_them(oc: OpenCode2) -> None:
    work, home_token = _jwt("work", "acct-work"), _jwt("home", "acct-home")
    oc.import_rows([openai_row("cred_oracle_work", "work", work, "acct-work"),
                    openai_row("cred_oracle_home", "home", home_token, "acct-home"),
                    key_row("cred_oracle_zai", "zai-coding-plan", "zai", "zk-ORACLE-imported-1")])
    first = assert_app_follows_opencode(oc)
    other = "home" if first["openai"] == work else "work"
    oc.switch("openai", other)
    assert assert_app_follows_opencode(oc)["openai"] == (home_token if other == "home" else work)
    oc.switch("openai", "cred_oracle_work")  # by id this time
    assert assert_app_follows_opencode(oc)["openai"] == work


def test_switch_while_the_background_service_runs(oc: OpenCode2) -> None:
    work, home_token = _jwt("work", "acct-work"), _jwt("home", "acct-home")
    oc.import_rows([openai_row("cred_oracle_work", "work", work, "acct-work"),
                    openai_row("cred_oracle_home", "home", home_token, "acct-home")])
    oc.switch("openai", "work")
    oc.start_service()
    oc.switch("openai", "home")  # done by the service: the change sits in its WAL
    oc.login("zai-coding-plan", "zk-ORACLE-via-service-0004")
    assert (oc.data / "opencode.db-wal").exists()
    names = set(folder_state(oc.data))
    assert assert_app_follows_opencode(oc) == {"openai": home_token,
                                                "zai-coding-plan": "zk-ORACLE-via-service-0004"}
    assert set(folder_state(oc.data)) == names  # nothing created beside the live database
    oc.stop_service()
    before = folder_state(oc.data)
    assert assert_app_follows_opencode(oc)["openai"] == home_token
    assert folder_state(oc.data) == before


def test_rows_as_the_legacy_import_leaves_them(oc: OpenCode2) -> None:
    """`active` NULL (the 2.0-beta import of auth.json), 0 beside NULL, ties on time_created,
    a NULL integration: after each edit the app agrees with OpenCode."""
    a, b, c = _jwt("a", "acct-a"), _jwt("b", "acct-b"), _jwt("c", "acct-c")
    oc.import_rows([openai_row("cred_oracle_a", "a", a, "acct-a"),
                    openai_row("cred_oracle_b", "b", b, "acct-b"),
                    openai_row("cred_oracle_c", "c", c, "acct-c"),
                    key_row("cred_oracle_z1", "zai-coding-plan", "z1", "zk-ORACLE-z1-000005"),
                    key_row("cred_oracle_z2", "zai-coding-plan", "z2", "zk-ORACLE-z2-000006")])
    now = int(time.time() * 1000)
    # all NULL, created at different times: the newest (b) wins
    edit(oc, ("UPDATE credential SET active = NULL", ()),
         ("UPDATE credential SET time_created = ? WHERE id = 'cred_oracle_a'", (now - 3000,)),
         ("UPDATE credential SET time_created = ? WHERE id = 'cred_oracle_b'", (now - 1000,)),
         ("UPDATE credential SET time_created = ? WHERE id = 'cred_oracle_c'", (now - 2000,)),
         ("UPDATE credential SET time_created = ? WHERE integration_id = 'zai-coding-plan'",
          (now,)))
    chosen = assert_app_follows_opencode(oc)
    assert chosen["openai"] == b
    assert chosen["zai-coding-plan"] == "zk-ORACLE-z2-000006"  # a tie: the larger id
    # 0 (a removed active row leaves 0s) sorts above NULL, however new the NULL row is
    edit(oc, ("UPDATE credential SET active = 0 WHERE id = 'cred_oracle_a'", ()))
    assert assert_app_follows_opencode(oc)["openai"] == a
    # an explicit active row beats everything
    edit(oc, ("UPDATE credential SET active = 1 WHERE id = 'cred_oracle_c'", ()))
    assert assert_app_follows_opencode(oc)["openai"] == c
    # a row without an integration is skipped by both
    edit(oc, ("INSERT INTO credential (id, integration_id, label, value, active, time_created, "
              "time_updated) VALUES ('cred_zz_orphan', NULL, 'orphan', ?, 1, ?, ?)",
              (json.dumps({"type": "key", "key": "zk-ORACLE-orphan"}), now + 5000, now + 5000)))
    assert assert_app_follows_opencode(oc)["openai"] == c


def test_status_json_sends_the_token_opencode_marks_active(oc: OpenCode2) -> None:
    work, home_token = _jwt("work", "acct-work"), _jwt("home", "acct-home")
    oc.import_rows([openai_row("cred_oracle_work", "work", work, "acct-work"),
                    openai_row("cred_oracle_home", "home", home_token, "acct-home")])
    oc.login("zai-coding-plan", "zk-ORACLE-end-to-end-0007")
    edit(oc, ("UPDATE credential SET active = NULL WHERE integration_id = 'openai'", ()))
    expected = oracle_secrets(oc)
    with Simulator() as sim:
        result = run_cli(["status", "--json"], cli_env(oc.home, sim))
        sent = {(r.provider, r.headers.get("authorization", "")) for r in sim.received}
    document = json.loads(result.stdout)
    by_id = {p["id"]: p for p in document["providers"]}
    assert by_id["openai"]["accounts"][0]["error"] is None, by_id["openai"]
    assert ("openai", f"Bearer {expected['openai']}") in sent
    assert ("zai", expected["zai-coding-plan"]) in sent
    other = home_token if expected["openai"] == work else work
    assert all(header != f"Bearer {other}" for _, header in sent)
    doctor = json.loads(run_cli(["doctor", "--json"], cli_env(oc.home, sim)).stdout)
    db = next(s for s in doctor["sources"] if s["id"] == "opencode_db")
    reasons = {c["integration"]: c["reason"] for c in db["rows"]["chosen"]}
    assert reasons == {"openai": "newest", "zai-coding-plan": "active"}
