"""Codex CLI's login through the real `mystatus-tray status` / `doctor` against the simulator:
Codex alone, the same ChatGPT account in OpenCode and Codex (one account, one request, the
later-expiring token sent), two accounts side by side (text and JSON), expired in one source
but fresh in the other, and an API-key-only login that is skipped with doctor saying why.
Neither OpenCode's nor Codex's files are changed; no token appears in any output."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from mystatus_testkit.cli import cli_env, run_cli, tree, write_auth
from mystatus_testkit.schema import validate

from tray_app.simulator import Simulator
from tray_app.simulator.sim_openai import CODEX_ACCOUNT_ID, codex_auth_file, demo_claims, make_jwt

# the simulator answers the demo's Codex account with its own numbers (Pro, 12 % / 67 %)
ID_HOME, ID_WORK = "acct-home-0000-1111", CODEX_ACCOUNT_ID
API_KEY = "sk-proj-PLANTEDcodexKEY0123456789abcdef"


def opencode_token(email: str, account: str, lifetime: float) -> str:
    return make_jwt(demo_claims(time.time(), email=email, account_id=account, lifetime=lifetime))


def write_opencode(home: Path, access: str) -> Path:
    return write_auth(home, {"openai": {"type": "oauth", "access": access,
                                        "refresh": "rt_PLANTED-opencode-refresh-0001",
                                        "expires": int(time.time() * 1000) + 10_000_000_000}})


def write_codex(home: Path, data: dict[str, Any]) -> Path:
    path = home / ".codex" / "auth.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


def status_json(home: Path, sim: Simulator) -> tuple[int, dict[str, Any], str]:
    result = run_cli(["status", "--json"], cli_env(home, sim))
    document = json.loads(result.stdout)
    validate(document, "document")
    return result.returncode, document, result.stdout + result.stderr


def openai_accounts(document: dict[str, Any]) -> list[dict[str, Any]]:
    (provider,) = [p for p in document["providers"] if p["id"] == "openai"]
    return list(provider["accounts"])


def usage_requests(sim: Simulator) -> list[dict[str, str]]:
    return [dict(r.headers) for r in sim.received if r.path == "/backend-api/wham/usage"]


def test_codex_alone_in_a_private_home(sim: Simulator, home: Path) -> None:
    data = codex_auth_file(email="codex.only@example.com", account_id=ID_WORK)
    path = write_codex(home, data)
    before = tree(home / ".codex")
    code, document, out = status_json(home, sim)
    assert code == 0, out
    (account,) = openai_accounts(document)
    assert (account["label"], account["plan"]) == ("codex.only@example.com", "pro")
    (request,) = usage_requests(sim)
    assert request["authorization"] == "Bearer " + data["tokens"]["access_token"]
    assert request["chatgpt-account-id"] == ID_WORK
    assert tree(home / ".codex") == before  # nothing written or created beside it
    assert hashlib.sha256(path.read_bytes()).hexdigest() == \
        hashlib.sha256(before["auth.json"]).hexdigest()
    for name in ("access_token", "refresh_token", "id_token"):
        assert data["tokens"][name] not in out


def test_same_account_in_both_is_queried_once_with_the_later_token(
    sim: Simulator, home: Path
) -> None:
    opencode = opencode_token("me@example.com", ID_HOME, 3600)
    write_opencode(home, opencode)
    codex = codex_auth_file(email="me@example.com", account_id=ID_HOME, lifetime=8 * 86400)
    write_codex(home, codex)
    code, document, out = status_json(home, sim)
    assert code == 0, out
    (account,) = openai_accounts(document)
    assert account["label"] == "me@example.com"
    (request,) = usage_requests(sim)  # one account, one request
    assert request["authorization"] == "Bearer " + codex["tokens"]["access_token"]
    assert opencode not in out and codex["tokens"]["access_token"] not in out


def test_two_accounts_side_by_side_in_text_and_json(sim: Simulator, home: Path) -> None:
    write_opencode(home, opencode_token("home@example.com", ID_HOME, 3600))
    write_codex(home, codex_auth_file(email="work@example.com", account_id=ID_WORK))
    code, document, out = status_json(home, sim)
    assert code == 0, out
    accounts = openai_accounts(document)
    assert [a["label"] for a in accounts] == ["home@example.com", "work@example.com"]
    assert len(usage_requests(sim)) == 2
    # the simulator answers per account: the two show their own numbers
    numbers = [{w["id"]: w["used_percent"] for w in a["windows"]} for a in accounts]
    assert numbers[0] != numbers[1]
    text = run_cli(["status"], cli_env(home, sim)).stdout
    assert "Account: home@example.com · Plan: plus" in text
    assert "Account: work@example.com · Plan: pro" in text


def test_expired_in_one_source_fresh_in_the_other(sim: Simulator, home: Path) -> None:
    fresh = opencode_token("me@example.com", ID_HOME, 5 * 86400)
    write_opencode(home, fresh)
    write_codex(home, codex_auth_file(email="me@example.com", account_id=ID_HOME,
                                      lifetime=-3600))
    code, document, out = status_json(home, sim)
    assert code == 0, out
    (account,) = openai_accounts(document)
    assert account["error"] is None and account["windows"]
    (request,) = usage_requests(sim)
    assert request["authorization"] == "Bearer " + fresh
    assert "expired" not in out.lower()


def test_api_key_only_login_is_skipped_and_doctor_says_why(sim: Simulator, home: Path) -> None:
    write_codex(home, {"auth_mode": "apikey", "OPENAI_API_KEY": API_KEY, "tokens": None,
                       "last_refresh": None})
    _code, document, out = status_json(home, sim)
    assert not [p for p in document["providers"] if p["id"] == "openai"]
    assert usage_requests(sim) == []
    doctor = run_cli(["doctor"], cli_env(home, sim))
    text = doctor.stdout + doctor.stderr
    assert "Codex is logged in with an API key only" in text
    assert "no ChatGPT subscription quota" in text and "codex login" in text
    assert API_KEY not in out + text


def test_doctor_names_the_codex_file_the_account_and_the_shared_login(
    sim: Simulator, home: Path
) -> None:
    write_opencode(home, opencode_token("me@example.com", ID_HOME, 3600))
    path = write_codex(home, codex_auth_file(email="me@example.com", account_id=ID_HOME))
    doctor = run_cli(["doctor"], cli_env(home, sim))
    text = doctor.stdout
    section = text.split("Codex CLI (a second source for OpenAI)")[1]
    assert f"Read {path}: ChatGPT login me@example.com, account id {ID_HOME}, plan pro." \
        in section
    assert "The same ChatGPT account as OpenCode's openai entry" in section
    assert f"(from {path})" in section  # Codex's token expires later: it is the one used
    assert "Its token is valid until" in section


def test_doctor_without_codex(sim: Simulator, home: Path) -> None:
    write_opencode(home, opencode_token("me@example.com", ID_HOME, 3600))
    doctor = run_cli(["doctor"], cli_env(home, sim))
    assert f"No Codex CLI here ({home / '.codex'} does not exist)" in doctor.stdout
