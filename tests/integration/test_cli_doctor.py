"""The real `mystatus-tray doctor` on broken setups (the seed's checklist), against the
simulator: every finding has its fix, exit code 1 when anything is wrong, 0 for the demo."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from mystatus_testkit.cli import FAIL_KEYRING, cli_env, run_cli, tree, write_auth

from tray_app.secrets import mask
from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-doctor-zhipu-0123456789abcdef"
OPENAI_ACCESS = "oa-PLANTED-doctor-openai-access-0123456789"
LEGACY_PAT = "github_pat_PLANTED_doctor_legacy_0123456789"


def broken_setup(home: Path) -> None:
    expired_ms = int((time.time() - 3600) * 1000)
    write_auth(home, {
        "openai": {"type": "oauth", "access": OPENAI_ACCESS, "expires": expired_ms},
        "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
        "zai-coding-plan": {"type": "oauth", "refresh": "x"},
        "anthropic": {"type": "api", "key": "sk-ant-whatever"},
    })
    opencode = home / ".config" / "opencode"
    opencode.mkdir(parents=True)
    (opencode / "antigravity-accounts.json").write_text(json.dumps({"version": 4, "accounts": [
        {"email": "noproject@x.io", "refreshToken": "1//PLANTED-doctor-google-0123456"},
        {"email": "off@x.io", "refreshToken": "1//y", "projectId": "p", "enabled": False},
    ]}), "utf-8")
    (opencode / "copilot-quota-token.json").write_text(
        json.dumps({"token": LEGACY_PAT, "username": "octocat", "tier": "pro"}), "utf-8")
    config = home / ".config" / "mystatus-tray" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("threshold = = 3", "utf-8")


def test_broken_setup_explains_every_problem(sim: Simulator, home: Path) -> None:
    broken_setup(home)
    result = run_cli(["doctor"], cli_env(home, sim))
    out = result.stdout
    assert result.returncode == 1
    auth = home / ".local" / "share" / "opencode" / "auth.json"
    assert f"✓ 2. {auth} (file): found" in out
    assert "supplies: openai, zhipuai-coding-plan, zai-coding-plan, anthropic" in out
    assert "✗ openai: the OAuth token expired at " in out
    assert "OpenAI models once in OpenCode" in out
    assert f"✓ zhipuai-coding-plan: usable ({mask(ZHIPU_KEY)})" in out
    assert f'✗ Z.ai: the entry "zai-coding-plan" in {auth} has type "oauth", but "api" is ' \
        "needed." in out
    assert out.count('"zai-coding-plan" in') == 1  # the Accounts section does not repeat it
    assert "Other entries, not used by mystatus-tray: anthropic" in out
    assert "version 4, 1 enabled accounts, 1 disabled" in out
    assert "noproject@x.io: Google Antigravity: missing project_id" in out
    assert "Add projectId or managedProjectId" in out
    assert "PAT stored in plain text in" in out and mask(LEGACY_PAT) in out
    assert "mystatus-tray token import --delete-plaintext" in out
    assert "The settings file had a problem" in out
    assert f"zhipu: {sim.url}/zhipu reachable (HTTP 404" in out
    # the real refresh: the legacy PAT's user has no billing data here (status says so too)
    assert "✗ GitHub Copilot: octocat: GitHub Copilot API request failed (404)" in out
    assert "✓ Zhipu AI: " in out and "3 quota window(s) read" in out
    assert out.count("→ Fix:") == 6  # every ✗ and ⚠ above names its fix, each once
    for secret in (ZHIPU_KEY, OPENAI_ACCESS, LEGACY_PAT, "1//PLANTED-doctor-google-0123456"):
        assert secret not in out + result.stderr


def test_doctor_never_modifies_the_other_programs_files(sim: Simulator, home: Path) -> None:
    broken_setup(home)
    theirs = {k: v for k, v in tree(home).items() if "opencode" in k}
    run_cli(["doctor"], cli_env(home, sim))
    assert {k: v for k, v in tree(home).items() if "opencode" in k} == theirs


def test_missing_auth_file(sim: Simulator, home: Path) -> None:
    result = run_cli(["doctor"], cli_env(home, sim))
    assert result.returncode == 1
    assert "No auth.json (looked in:" in result.stdout
    assert "✗ Cannot read the auth file:" in result.stdout and "ENOENT" in result.stdout
    assert "opencode auth login" in result.stdout
    assert "✗ No configured accounts found." in result.stdout
    assert "No account is configured, so no service was contacted." in result.stdout


def test_unreachable_endpoint(sim: Simulator, home: Path) -> None:
    write_auth(home, {"zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY}})
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    result = run_cli(["doctor"], cli_env(home, sim, MYSTATUS_ZHIPU_URL=closed,
                                         MYSTATUS_TIMEOUT="2"))
    assert result.returncode == 1
    assert f"✗ zhipu: {closed} not reachable: " in result.stdout
    assert "Check your network connection" in result.stdout
    assert f"zhipu base URL: {closed} (from MYSTATUS_ZHIPU_URL)" in result.stdout
    assert "MYSTATUS_TIMEOUT: requests time out after 2 s" in result.stdout


def test_keyring_unavailable_with_a_plaintext_token(sim: Simulator, home: Path) -> None:
    broken_setup(home)
    result = run_cli(["doctor"], cli_env(home, sim, PYTHON_KEYRING_BACKEND=FAIL_KEYRING))
    assert "⚠ The system keyring is not available (NoKeyringError" in result.stdout
    assert "Unlock or install a keyring" in result.stdout


def test_healthy_setup_exits_0(sim: Simulator, home: Path) -> None:
    write_auth(home, {"zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY}})
    result = run_cli(["doctor"], cli_env(home, sim))
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("No problems found.")
    assert f"✓ Zhipu AI: {mask(ZHIPU_KEY)}" in result.stdout


def test_demo_doctor_is_clean_and_localized(home: Path) -> None:
    result = run_cli(["doctor", "--demo"], cli_env(home))
    assert result.returncode == 0, result.stdout
    assert "No problems found." in result.stdout
    assert "reachable (HTTP" in result.stdout and "127.0.0.1" in result.stdout
    zh = run_cli(["--lang", "zh-CN", "doctor", "--demo"], cli_env(home))
    assert zh.returncode == 0
    assert "mystatus-tray doctor：检查你的配置" in zh.stdout and "未发现问题。" in zh.stdout
    assert not any(home.iterdir())


def _all_demo_auth(home: Path) -> None:
    from tray_app.simulator.demo import demo_auth

    write_auth(home, demo_auth())


def test_account_errors_found_by_a_real_refresh(sim: Simulator, home: Path) -> None:
    """Seed problems 4, 6 and 8 only show when the quota API is really asked: `status` fails,
    so doctor must too, with each account's message and fix (not "No problems found")."""
    _all_demo_auth(home)
    for prefix, scenario in (("zai", "envelope_error"), ("github", "oauth_404"),
                             ("openai", "http_401")):
        sim.set_scenario(prefix, scenario)
    env = cli_env(home, sim)
    assert run_cli(["status"], env).returncode == 1
    result = run_cli(["doctor"], env)
    out = result.stdout
    assert result.returncode == 1, out
    assert "No problems found" not in out
    accounts = out.split("Accounts")[1].split("Settings")[0]
    assert "✗ Z.ai: " in accounts and "code 401, Invalid API key" in accounts
    assert "✗ GitHub Copilot: " in accounts
    assert "✗ OpenAI: " in accounts and "(401)" in accounts
    assert accounts.count("→ Fix:") == 3  # each failed account names its fix
    assert "✓ Zhipu AI: " in accounts and "3 quota window(s) read" in accounts  # still working
    assert "3 problem(s)" in out


def test_unreachable_service_is_explained_once(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, {"zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY}})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    out = run_cli(["doctor"], cli_env(home, sim, MYSTATUS_ZHIPU_URL=closed)).stdout
    assert out.count("Check your network connection") == 1  # Network section only
