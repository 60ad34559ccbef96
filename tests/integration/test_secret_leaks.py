"""Secret leaks: distinctive tokens are planted in every credential (auth.json's OpenAI JWT
and refresh token, Codex CLI's tokens and API key, Zhipu and Z.ai keys, Copilot OAuth and
Enterprise tokens, the Antigravity refresh tokens, the Copilot PAT in a file-backed keyring,
Claude Code's access and refresh tokens in ~/.claude/.credentials.json, the OpenCode Go and
MiniMax (China) keys, the Kimi key in $KIMI_API_KEY, Codex's personal_access_token and Kimi
Code's own token file), then the real CLI (status, status
--json, doctor, token status, DEBUG logging) and the tray core (engine + poller + icon + menu
+ alerts + copy text + saved state, with a DEBUG log file) run against healthy answers and
against servers that echo the Authorization header and the request body back in their
errors. No planted token, and no access/session token the simulator issued, may appear in
stdout, stderr, any file written, the JSON, the menu, the tooltip or a notification."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mystatus_testkit.cli import FILE_KEYRING, cli_env, run_cli

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.monitoring import store
from tray_app.monitoring.alerts import Alert
from tray_app.monitoring.poller import Poller
from tray_app.monitoring.view import TrayView
from tray_app.net.http import HttpClient
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.simulator.sim_copilot import DEMO_USERNAME
from tray_app.tray.actions import status_text
from tray_app.tray.icon import icon_state
from tray_app.tray.menu import MenuEntry, build_menu
from tray_app.tray.settings_box import SettingsBox

CANARY = "CANARY"  # in the middle of every planted token: a mask (abcd****wxyz) never shows it
# What the simulator issues at run time (Google access tokens, Copilot session tokens)
ISSUED = ("ya29.sim-", "tid=sim")


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _jwt() -> str:
    claims = {"exp": int(time.time()) + 86400 * 30, "email": "leak.test@example.com",
              "https://api.openai.com/auth": {"chatgpt_account_id": "acct-leak-test"}}
    return f"{_b64({'alg': 'RS256'})}.{_b64(claims)}.sigCANARYopenaiJWTsignature0a1b2c3d4e"


def _codex_jwt(kind: str) -> str:
    claims = {"exp": int(time.time()) + 86400 * 9, "email": "codex.leak@example.com",
              "https://api.openai.com/auth": {"chatgpt_account_id": "acct-codex-leak"}}
    return f"{_b64({'alg': 'RS256'})}.{_b64(claims)}.sigCANARYcodex{kind}JWTsignature9z8y7x"


OPENAI_ACCESS = _jwt()
CODEX_ACCESS, CODEX_ID = _codex_jwt("ACCESS"), _codex_jwt("ID")
TOKENS = {
    "openai_refresh": "rt_CANARYopenaiREFRESH.9f8e7d6c5b4a3f2e1d0c",
    "zhipu": "zk-CANARYzhipuKEY-4c1d9e8f7a6b5c4d3e2f1a0b.x9",
    "zai": "zk-CANARYzaiKEY-9a8b7c6d5e4f3a2b1c0d9e8f.y8",
    "copilot_oauth": "gho_CANARYcopilotOAUTH7Kp2Vx9Qr4Tz6Wm1Ys8",
    "copilot_enterprise": "gho_CANARYenterpriseOAUTH3Nd5Hf0Jg2Lb8Qs",
    "pat": "github_pat_11CANARYpat0_q8Vh2mXr4TnLk7Pz9Ws3Yb6Jc1Fd5Ga0He8",
    "google_1": "1//CANARYgoogleONE-0Gq7kT2mR9vX4bN8",
    "google_2": "1//CANARYgoogleTWO-0Hw3pL6sD1zC5yK2",
    "google_3": "1//CANARYgoogleTHREE-0Jt8nF4qA7uE2rM6",
    "claude_access": "sk-ant-oat01-CANARYclaudeACCESS-7Qw2Er4Ty6Ui8Op0As",
    "claude_refresh": "sk-ant-ort01-CANARYclaudeREFRESH-3Df5Gh7Jk9Lz1Xc",
    "opencode_go": "sk-CANARYopencodeGO-7d3f9a1c5e8b2d4f6a0c",
    "kimi": "sk-kimi-CANARYkimiENV-4b7e1c9d2f5a8b3c6e0d",  # from $KIMI_API_KEY
    "minimax": "sk-cp-CANARYminimaxCN-9e2b4d6f8a1c3e5b7d9f",  # the China entry
    "codex_refresh": "rt_CANARYcodexREFRESH.1a2b3c4d5e6f7a8b9c0d",
    "codex_api_key": "sk-proj-CANARYcodexAPIKEY0123456789abcdef",
    "codex_pat": "chatgpt-pat-CANARYcodexPAT-5e6f7a8b9c0d1e2f",  # beside a fresh access token
    "kimi_code_access": "eyJ-CANARYkimiCodeACCESS-1f2e3d4c5b6a",  # Kimi Code's own login
    "kimi_code_refresh": "CANARYkimiCodeREFRESH-6a5b4c3d2e1f",
}
# the environment's keys are a provider's last source: one planted there
KEY_ENV = {"KIMI_API_KEY": TOKENS["kimi"]}
SECRETS = (OPENAI_ACCESS, CODEX_ACCESS, CODEX_ID, *TOKENS.values())


def auth_json() -> dict[str, Any]:
    return {
        "openai": {"type": "oauth", "access": OPENAI_ACCESS, "refresh": TOKENS["openai_refresh"],
                   "expires": int((time.time() + 86400 * 30) * 1000)},
        "zhipuai-coding-plan": {"type": "api", "key": TOKENS["zhipu"]},
        "zai-coding-plan": {"type": "api", "key": TOKENS["zai"]},
        "github-copilot": {"type": "oauth", "refresh": TOKENS["copilot_oauth"],
                           "access": TOKENS["copilot_oauth"], "expires": 0},
        "github-copilot-enterprise": {"type": "oauth", "refresh": TOKENS["copilot_enterprise"],
                                      "access": TOKENS["copilot_enterprise"], "expires": 0,
                                      "enterpriseUrl": "ghe.leak-test.example"},
        "opencode-go": {"type": "api", "key": TOKENS["opencode_go"]},
        "minimax-cn-coding-plan": {"type": "key", "key": TOKENS["minimax"]},
    }


def codex_auth() -> dict[str, Any]:
    """Codex CLI's auth.json: a second ChatGPT account (and a stray API key)."""
    return {"auth_mode": "chatgpt", "OPENAI_API_KEY": TOKENS["codex_api_key"],
            "tokens": {"id_token": CODEX_ID, "access_token": CODEX_ACCESS,
                       "refresh_token": TOKENS["codex_refresh"], "account_id": "acct-codex-leak"},
            "last_refresh": "2026-11-30T08:00:00Z",
            "personal_access_token": TOKENS["codex_pat"]}


def kimi_code_login() -> dict[str, Any]:
    """Kimi Code's token file (not used here: $KIMI_API_KEY comes first; doctor lists it)."""
    return {"access_token": TOKENS["kimi_code_access"],
            "refresh_token": TOKENS["kimi_code_refresh"], "expires_at": time.time() + 900,
            "scope": "kimi-code", "token_type": "Bearer", "expires_in": 900.0}


def accounts_file() -> dict[str, Any]:
    projects = ("leak-pooled-1", "leak-models-only-2", "leak-high-3")
    return {"version": 4, "accounts": [
        {"email": f"g{i}@leak.example", "refreshToken": TOKENS[f"google_{i}"],
         "projectId": project, "managedProjectId": project, "enabled": True}
        for i, project in enumerate(projects, start=1)]}


def claude_credentials() -> dict[str, Any]:
    return {"claudeAiOauth": {
        "accessToken": TOKENS["claude_access"], "refreshToken": TOKENS["claude_refresh"],
        "expiresAt": int((time.time() + 8 * 3600) * 1000), "subscriptionType": "max",
        "rateLimitTier": "default_claude_max_5x",
        "scopes": ["user:inference", "user:profile"]}}


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"a planted token leaked into {where}"
    assert CANARY not in text, f"part of a planted token leaked into {where}: " + \
        text[max(0, text.find(CANARY) - 60):text.find(CANARY) + 60]
    for issued in ISSUED:
        assert issued not in text, f"an issued token ({issued}…) leaked into {where}"


def assert_files_clean(root: Path, skip: Iterable[Path]) -> int:
    skipped = {p.resolve() for p in skip}
    checked = 0
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.resolve() not in skipped:
            assert_clean(path.read_bytes().decode("utf-8", "replace"), str(path))
            checked += 1
    return checked


NEW_PREFIXES = ("opencode-go", "kimi", "minimax")
SCENARIOS = {
    "healthy": {},
    "echo_auth": {p: "echo_auth" for p in ("openai", "zhipu", "zai", "github", "antigravity",
                                           "anthropic", *NEW_PREFIXES)},
    "echo_token_exchange": {"google-oauth": "echo_auth", "github": "exchange"},
    "garbage": {"openai": "malformed", "zhipu": "html", "zai": "http_401", "github": "http_500",
                "antigravity": "wrong_types", "anthropic": "rate_limited",
                "opencode-go": "http_403", "kimi": "api_error", "minimax": "login_fail"},
}


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(timeout_delay=3.0) as server:
        yield server


def _plant(root: Path) -> tuple[list[Path], Path]:
    """Credential files under `root` (a HOME laid out as cli_env expects) + the keyring."""
    data, config = root / ".local" / "share", root / ".config"
    paths = [data / "opencode" / "auth.json", config / "opencode" / "antigravity-accounts.json",
             root / ".claude" / ".credentials.json", root / ".codex" / "auth.json",
             root / ".kimi-code" / "credentials" / "kimi-code.json"]
    contents = (auth_json(), accounts_file(), claude_credentials(), codex_auth(),
                kimi_code_login())
    for path, content in zip(paths, contents, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), "utf-8")
    ours = config / "mystatus-tray" / "config.toml"
    ours.parent.mkdir(parents=True, exist_ok=True)
    ours.write_text(f'copilot_username = "{DEMO_USERNAME}"\ncopilot_plan = "pro"\n', "utf-8")
    keyring = root.parent / "keyring.json"
    keyring.write_text(json.dumps({"mystatus-tray": {"github-copilot-pat": TOKENS["pat"]}}))
    return paths, keyring


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_real_cli_never_prints_or_writes_a_secret(
    scenario: str, sim: Simulator, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    planted, keyring = _plant(home)
    for prefix, name in SCENARIOS[scenario].items():
        sim.set_scenario(prefix, name)
    env = cli_env(home, sim, PYTHON_KEYRING_BACKEND=FILE_KEYRING,
                  MYSTATUS_TEST_KEYRING=str(keyring), MYSTATUS_TIMEOUT="2", **KEY_ENV)
    seen = 0
    for args in (["status"], ["status", "--json"], ["doctor"], ["token", "status"],
                 ["--log-level", "DEBUG", "status", "--json"], ["--log-level", "DEBUG", "doctor"]):
        result = run_cli(args, env)
        assert "Traceback" not in result.stderr, (args, result.stderr[-2000:])
        assert_clean(result.stdout, f"stdout of {args}")
        assert_clean(result.stderr, f"stderr of {args}")
        seen += len(result.stdout)
        if args[-1] == "--json":
            document = json.loads(result.stdout)
            assert {p["id"] for p in document["providers"]} == {
                "openai", "zhipu", "zai", "copilot", "antigravity", "claude", "opencode-go",
                "kimi", "minimax"}
            (chatgpt,) = [p for p in document["providers"] if p["id"] == "openai"]
            assert len(chatgpt["accounts"]) == 2  # OpenCode's and Codex's, both really used
    assert seen > 1000  # the commands really reported something
    assert_files_clean(home, planted)  # config, state, logs: everything but the credentials
    if scenario == "healthy":  # the planted credentials were really used
        assert sim.counts and any("billing" in key for key in sim.counts)
        assert any(key.startswith("anthropic GET") for key in sim.counts)
        assert {key.split()[0] for key in sim.counts} >= set(NEW_PREFIXES)


def _texts(entries: Iterable[MenuEntry]) -> Iterator[str]:
    for entry in entries:
        yield entry.text
        yield entry.action or ""
        yield from _texts(entry.children)


def test_tray_core_never_shows_logs_or_saves_a_secret(sim: Simulator, tmp_path: Path) -> None:
    planted, keyring = _plant(tmp_path / "home")
    env = {"HOME": str(tmp_path / "home"),
           "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
           "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"), **sim.environ(), **KEY_ENV}
    settings = SettingsBox(Settings(copilot_username=DEMO_USERNAME, copilot_plan="pro",
                                    threshold=50))
    loader = CredentialLoader(settings.get(), environ=env,
                              pat_store=MemoryPatStore(Secret(TOKENS["pat"])))
    state, log_file = tmp_path / "state", tmp_path / "tray.log"
    shown: list[str] = []
    alerts: list[Alert] = []

    def publish(view: TrayView) -> None:
        now = datetime.now(timezone.utc)
        icon = icon_state(view, settings.get(), "en", now)
        menu = build_menu(view, settings.get(), "en", now, pat_present=True)
        shown.extend([icon.text, icon.tooltip, icon.source, *_texts(menu),
                      status_text(view, settings.get(), "en", now)])

    handler = logging.FileHandler(log_file, encoding="utf-8")  # raw: no scrub filter of ours
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with Engine(loader, HttpClient(timeout=2.0), environ=env) as engine:
            poller = Poller(engine, settings, lang=lambda: "en", publish=publish,
                            notify=alerts.append,
                            save_view=lambda v: store.save_view(v, state / "last_view.json"),
                            save_alerts=lambda s: store.save_alert_state(s, state / "a.json"))
            for scenario in ("healthy", "echo_auth", "echo_token_exchange", "garbage",
                             "healthy"):
                for prefix in ("openai", "zhipu", "zai", "github", "antigravity",
                               "google-oauth", "anthropic", *NEW_PREFIXES):
                    sim.set_scenario(prefix, SCENARIOS[scenario].get(prefix, "healthy"))
                poller.refresh_once(full=True)
                poller.refresh_once(full=True)  # transient errors surface the second time
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert alerts, "the scenarios should have produced notifications to check"
    for alert in alerts:
        assert_clean(f"{alert.title}\n{alert.body}\n{alert.key}", "a notification")
    assert_clean("\n".join(shown), "the icon, tooltip, menu or copied text")
    assert any("@leak.example" in text for text in shown)  # the accounts were shown
    assert log_file.stat().st_size > 0
    # the log file, the saved view, the alert state (the keyring file is the planted PAT)
    assert assert_files_clean(tmp_path, [*planted, keyring]) >= 3
