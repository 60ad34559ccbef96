"""The real `mystatus-tray status` in a subprocess against the simulator: exit codes 0/1/2,
the seed's situations, the demo, languages, no GUI imports, and no secret in any output."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

from mystatus_testkit.cli import cli_env, run_cli, tree, write_auth
from mystatus_testkit.schema import validate

from tray_app.secrets import mask
from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-zhipu-4c1d9e8f7a6b5c4d3e2f1a0b"
ZAI_KEY = "zk-PLANTED-zai-9a8b7c6d5e4f3a2b1c0d9e8f"
AUTH = {
    "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
    "zai-coding-plan": {"type": "api", "key": ZAI_KEY},
}
PROVIDER_IDS = {"openai", "zhipu", "zai", "copilot", "antigravity", "claude", "opencode-go",
                "kimi", "minimax"}
GUI_MODULES = {"pystray", "plyer", "PIL", "tkinter", "_tkinter", "gi", "Xlib", "wx", "PyQt5",
               "PyQt6", "PySide6"}


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text


def status_json(home: Path, sim: Simulator, **env: str) -> tuple[int, dict[str, object]]:
    result = run_cli(["status", "--json"], cli_env(home, sim, **env))
    document = json.loads(result.stdout)
    validate(document, "document")
    return result.returncode, document


def test_healthy_accounts_exit_0_with_masked_labels(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Zhipu AI" in out and "Z.ai" in out
    assert f"Account: {mask(ZHIPU_KEY)} · Plan: pro" in out
    assert f"Account: {mask(ZAI_KEY)} · Plan: max" in out
    assert "63% left · 14.8M / 40.0M tokens · resets in 2h 1" in out
    assert_no_secret(out + result.stderr, ZHIPU_KEY, ZAI_KEY)


def test_zai_envelope_error_exit_1_other_provider_intact(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    sim.set_scenario("zai", "envelope_error")
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 1
    assert "✗ Z.ai API request failed (200): code 401, Invalid API key" in result.stdout
    assert "→ Fix: Check the API key in auth.json" in result.stdout
    zhipu = result.stdout.split("Zhipu AI")[1].split("Z.ai")[0]
    assert "5-hour limit" in zhipu and "✗" not in zhipu
    code, document = status_json(home, sim)
    assert code == 1
    by_id = {p["id"]: p for p in document["providers"]}  # type: ignore[union-attr,index]
    assert by_id["zai"]["accounts"][0]["error"]["kind"] == "api_error"
    assert by_id["zai"]["accounts"][0]["error"]["status"] == 401
    assert by_id["zhipu"]["accounts"][0]["error"] is None
    assert by_id["zhipu"]["accounts"][0]["windows"][0]["used_percent"] == 37


def test_chinese_output(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    sim.set_scenario("zai", "envelope_error")
    result = run_cli(["--lang", "zh-TW", "status"], cli_env(home, sim))
    assert result.returncode == 1
    assert "Z.ai API 請求失敗（200）：code 401, Invalid API key" in result.stdout
    assert "解決方法：" in result.stdout and "剩餘 63%" in result.stdout
    simplified = run_cli(["status"], cli_env(home, sim, LANG="zh_CN.UTF-8"))
    assert "剩余 63%" in simplified.stdout


def test_missing_auth_file_exit_2(sim: Simulator, home: Path) -> None:
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 2
    path = home / ".local" / "share" / "opencode" / "auth.json"
    assert f"Cannot read the auth file: {path} (error: ENOENT" in result.stdout
    assert "No configured accounts found." in result.stdout
    code, document = status_json(home, sim)
    assert code == 2 and document["providers"] == []
    problems = document["problems"]
    assert [p["kind"] for p in problems] == ["auth_file_unreadable", "no_accounts"]  # type: ignore[index,union-attr]


def test_invalid_json_auth_file(sim: Simulator, home: Path) -> None:
    write_auth(home, '{"zai-coding-plan": {"type": "api", "key": "' + ZAI_KEY + '"')
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 2
    assert "invalid JSON at line 1" in result.stdout
    assert "valid JSON" in result.stdout  # the fix
    assert_no_secret(result.stdout + result.stderr, ZAI_KEY)


def test_no_usable_accounts_lists_the_supported_types(sim: Simulator, home: Path) -> None:
    # an Anthropic API key (no subscription usage) and a key no provider reads
    write_auth(home, {"anthropic": {"type": "api", "key": "sk-ant-api03-x"},
                      "google": {"type": "oauth", "access": "x"}})
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 2
    assert "No configured accounts found." in result.stdout
    assert 'Zhipu AI and Z.ai (Coding Plan: type "api" with "key")' in result.stdout
    # an entry of a supported provider that lacks its field is named, not hidden (issue 9)
    auth = write_auth(home, {"google": {"type": "oauth", "access": "x"},
                             "zai-coding-plan": {"type": "api"}})
    result = run_cli(["status"], cli_env(home, sim))
    assert result.returncode == 1
    assert "No configured accounts found." not in result.stdout
    assert f'Z.ai: the entry "zai-coding-plan" in {auth} lacks "key"' in result.stdout


def test_timeout_with_a_short_client_timeout(home: Path) -> None:
    write_auth(home, AUTH)
    with Simulator({"zai": "timeout"}, timeout_delay=5) as slow:
        started = time.monotonic()
        result = run_cli(["status"], cli_env(home, slow, MYSTATUS_TIMEOUT="0.5"))
        elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert "Z.ai: request timed out (0.5 s)." in result.stdout
    assert "Check your network connection and proxy settings" in result.stdout
    assert "14.8M / 40.0M tokens" in result.stdout  # Zhipu answered
    assert elapsed < 4.5


def test_demo_text_and_json_touch_nothing_in_home(home: Path) -> None:
    planted = "zk-PLANTED-home-should-never-be-read-000111"
    write_auth(home, {"zai-coding-plan": {"type": "api", "key": planted}})
    before = tree(home)
    env = cli_env(home)  # no simulator of ours: the demo starts its own
    text = run_cli(["status", "--demo"], env)
    assert text.returncode == 0, text.stdout + text.stderr
    assert "no real account was queried" in text.stdout and "Z.ai" in text.stdout
    assert mask(planted) not in text.stdout
    result = run_cli(["status", "--demo", "--json"], env)
    assert result.returncode == 0
    document = json.loads(result.stdout)
    validate(document, "document")
    assert document["demo"] is True
    ids = {p["id"] for p in document["providers"]}
    assert {"zhipu", "zai"} <= ids <= PROVIDER_IDS
    assert_no_secret(text.stdout + result.stdout, planted)
    assert tree(home) == before


def test_headless_path_imports_no_gui_toolkit(home: Path) -> None:
    result = run_cli(["status", "--demo", "--json"], cli_env(home),
                     python_args=("-X", "importtime"))
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "httpx" in imported  # the parse works
    assert not imported & GUI_MODULES
    assert "tray_app.tray" not in result.stderr


def _jwt(claims: dict[str, object]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJSUzI1NiJ9.{body}.UExBTlRFRC1zaWduYXR1cmUtb3BlbmFp"


def test_no_planted_secret_in_any_output(sim: Simulator, home: Path) -> None:
    openai = _jwt({"exp": 4_102_444_800, "https://api.openai.com/profile": {"email": "me@x.io"}})
    secrets = [ZHIPU_KEY, ZAI_KEY, openai, "gho_PLANTEDcopilot0123456789abcdef",
               "1//PLANTED-google-refresh-0123456789", "github_pat_PLANTED_legacy_0123456789abc"]
    write_auth(home, {**AUTH,
                      "openai": {"type": "oauth", "access": openai, "refresh": "rt-PLANTED-9876543",
                                 "expires": 4_102_444_800_000},
                      "github-copilot": {"type": "oauth", "refresh": secrets[3],
                                         "access": secrets[3]}})
    secrets.append("rt-PLANTED-9876543")
    accounts = home / ".config" / "opencode" / "antigravity-accounts.json"
    accounts.parent.mkdir(parents=True)
    accounts.write_text(json.dumps({"version": 4, "accounts": [
        {"email": "g@x.io", "refreshToken": secrets[4], "projectId": "p-1"},
        {"email": "h@x.io", "refreshToken": secrets[4] + "b"}]}), "utf-8")
    (accounts.parent / "copilot-quota-token.json").write_text(
        json.dumps({"token": secrets[5], "username": "octocat", "tier": "pro"}), "utf-8")
    outputs = []
    for scenario in ("healthy", "http_401"):
        for prefix in sim.prefixes.values():
            sim.set_scenario(prefix, scenario)
        for args in (["status"], ["status", "--json"], ["doctor"],
                     ["--log-level", "DEBUG", "status"], ["token", "status", "copilot"]):
            result = run_cli(args, cli_env(home, sim))
            outputs.append(result.stdout + result.stderr)
    combined = "\n".join(outputs)
    for secret in secrets:
        assert secret not in combined, secret
    assert mask(ZAI_KEY) in combined
