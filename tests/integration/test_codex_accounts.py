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


def _flat(entries: Any) -> list[str]:
    out: list[str] = []
    for entry in entries:
        out.append(entry.text)
        out.extend(_flat(entry.children))
    return out


def test_every_view_keeps_the_two_openai_accounts_apart(tmp_path: Path) -> None:
    """The demo's two OpenAI accounts (OpenCode's Plus, Codex's Pro) through the engine:
    the menu, the text report, the JSON, the icon and the alerts each keep them apart by
    e-mail; crossing the threshold notifies once per account."""
    from datetime import datetime, timezone

    from tray_app.config import Settings
    from tray_app.credentials import CredentialLoader
    from tray_app.credentials.copilot_pat import MemoryPatStore
    from tray_app.credentials.keyring_access import NoKeyring
    from tray_app.engine import Engine
    from tray_app.monitoring.alerts import AlertState, decide
    from tray_app.monitoring.state import merge
    from tray_app.monitoring.view import TrayView
    from tray_app.providers.names import PROVIDER_IDS
    from tray_app.report.json_out import to_json
    from tray_app.report.text import render_text
    from tray_app.simulator.demo import demo_environment
    from tray_app.simulator.sim_openai import CODEX_EMAIL, DEMO_EMAIL
    from tray_app.tray.icon import icon_state
    from tray_app.tray.menu import build_menu

    # OpenAI alone: every other provider of the demo turned off
    settings = Settings(threshold=80,
                        disabled_providers=tuple(p for p in PROVIDER_IDS if p != "openai"))
    with Simulator({"openai": "high"}) as sim:
        env = demo_environment(sim, tmp_path / "demo")
        loader = CredentialLoader(settings, environ=env, pat_store=MemoryPatStore(),
                                  keyring=NoKeyring())
        with Engine(loader, environ=env) as engine:
            snapshot = engine.refresh()
    now = datetime.now(timezone.utc)
    (provider,) = snapshot.providers
    assert [a.label for a in provider.accounts] == [DEMO_EMAIL, CODEX_EMAIL]
    view = merge(TrayView(), snapshot, now)

    menu = _flat(build_menu(view, settings, "en", now, pat_present=False))
    assert any(DEMO_EMAIL in line for line in menu) and any(CODEX_EMAIL in line for line in menu)
    text = render_text(snapshot, lang="en", now=now)
    assert f"Account: {DEMO_EMAIL} · Plan: plus" in text
    assert f"Account: {CODEX_EMAIL} · Plan: pro" in text
    document = to_json(snapshot)
    labels = [a["label"] for p in document["providers"] for a in p["accounts"]]
    assert labels == [DEMO_EMAIL, CODEX_EMAIL]
    validate(document, "document")
    icon = icon_state(view, settings, "en", now)
    assert icon.source.startswith("openai/") and icon.severity == "alert"  # 91 % used

    alerts, state = decide(AlertState(), view, settings, "en", now)
    # "high", or the run-out forecast that stands in for it when both are due (issue 10)
    high = sorted(a.key for a in alerts if a.kind in ("high", "runout") and "/5h/" in a.key)
    assert len(high) == 2 and any(DEMO_EMAIL in k for k in high) \
        and any(CODEX_EMAIL in k for k in high)
    again, _ = decide(state, merge(view, snapshot, now), settings, "en", now)
    assert [a for a in again if a.kind in ("high", "runout")] == []  # once per account
