"""OpenCode Go (provider-facts §8): contract over the simulator and fixture shapes, one test per
trap (integer percents, status without percent, alternative field names, the key from OpenCode's
entry before $OPENCODE_API_KEY, a key without Go)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import error_text
from tray_app.net.http import HttpClient
from tray_app.providers import opencode_go
from tray_app.providers.base import AccountRef, Context
from tray_app.providers.opencode_go import month_seconds, parse_response
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.sim_opencode_go import DEMO_KEY

FIXTURES = Path(__file__).parent.parent / "fixtures" / "opencode-go"
NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone.utc)


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def _creds(env: dict[str, str]) -> Any:
    return CredentialLoader(environ=env, pat_store=MemoryPatStore()).load()


def test_official_shape_three_windows_with_lengths() -> None:
    windows = parse_response(_fixture("usage.json"), NOW)
    by_id = {w.id: w for w in windows}
    assert [w.id for w in windows] == ["5h", "weekly", "monthly"]
    assert by_id["5h"].used_percent == 37 and by_id["5h"].window_seconds == 18000
    assert by_id["5h"].label_key == "window.5h"
    assert by_id["weekly"].used_percent == 58 and by_id["weekly"].window_seconds == 604800
    assert by_id["weekly"].resets_at == datetime(2026, 12, 7, tzinfo=timezone.utc)
    # resets 2027-01-01: the window is December, 31 days
    assert by_id["monthly"].window_seconds == 31 * 86400
    assert by_id["monthly"].used_percent == 21


def test_alternative_field_names_percent_and_reset_in_seconds() -> None:
    windows = parse_response(_fixture("usage_alt_names.json"), NOW)
    assert [w.used_percent for w in windows] == [12, 44, 9]
    assert windows[0].resets_at == NOW.replace(hour=20)


def test_status_without_percent_is_exhausted_and_missing_window_is_absent() -> None:
    windows = parse_response(_fixture("usage_weekly_exceeded.json"), NOW)
    assert [w.id for w in windows] == ["5h", "weekly"]  # no monthly key: not shown, not 0 %
    assert windows[1].used_percent == 100


def test_ok_status_without_percent_is_unknown_not_zero() -> None:
    windows = parse_response({"usage": {"rolling": {"status": "ok"}}}, NOW)
    assert windows[0].used_percent is None and not windows[0].known


def test_percent_as_string_is_read() -> None:
    windows = parse_response({"usage": {"weekly": {"percent": "63"}}}, NOW)
    assert windows[0].used_percent == 63


@pytest.mark.parametrize(
    ("resets", "seconds"),
    [
        (datetime(2027, 1, 1, tzinfo=timezone.utc), 31 * 86400),  # December
        (datetime(2026, 3, 1, tzinfo=timezone.utc), 28 * 86400),  # February 2026
        (datetime(2026, 3, 31, 12, tzinfo=timezone.utc), 31 * 86400),  # billing day 31 → Feb 28
        (datetime(2026, 12, 15, tzinfo=timezone.utc), 30 * 86400),  # Nov 15 → Dec 15
    ],
)
def test_month_window_length_follows_the_calendar(resets: datetime, seconds: int) -> None:
    assert month_seconds(resets, NOW) == seconds


def test_month_without_reset_is_the_current_month() -> None:
    assert month_seconds(None, NOW) == 31 * 86400  # December


@pytest.mark.parametrize("payload", [{"usage": None}, {"usage": {}}, {"usage": {"other": {}}}])
def test_key_without_go_says_so_with_the_fix(payload: Any) -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(payload, NOW)
    message, fix = error_text(info.value.info, "en")
    assert "no OpenCode Go usage" in message and "opencode.ai/auth" in fix
    for lang in ("zh-TW", "zh-CN"):
        assert "OpenCode Go" in error_text(info.value.info, lang)[0]


@pytest.mark.parametrize("payload", [[], "x", {"windows": []}, None])
def test_unreadable_answers_are_invalid_response(payload: Any) -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(payload, NOW)
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


def test_key_from_opencode_entry_is_preferred_over_env(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "OPENCODE_API_KEY": "sk-env-key-000000000000",
           "OPENCODE_AUTH_CONTENT": json.dumps(
               {"opencode-go": {"type": "api", "key": "sk-entry-key-11111111"}})}
    refs = opencode_go.SPEC.discover(_creds(env), NOW)
    assert len(refs) == 1 and refs[0].payload.reveal() == "sk-entry-key-11111111"


@pytest.mark.parametrize("entry_type", ["api", "key"])  # OpenCode 1.x auth.json / 2 database
def test_both_entry_types_are_accepted(tmp_path: Path, entry_type: str) -> None:
    env = {"HOME": str(tmp_path), "OPENCODE_AUTH_CONTENT": json.dumps(
        {"opencode-go": {"type": entry_type, "key": " sk-go-abcdef123456 "}})}
    refs = opencode_go.SPEC.discover(_creds(env), NOW)
    assert [r.payload.reveal() for r in refs] == ["sk-go-abcdef123456"]
    assert refs[0].label == "sk-g****3456"


def test_env_key_is_the_last_source(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "OPENCODE_API_KEY": "sk-env-key-000000000000",
           "OPENCODE_AUTH_CONTENT": json.dumps({"opencode-go": {"type": "oauth", "key": ""}})}
    refs = opencode_go.SPEC.discover(_creds(env), NOW)
    assert [r.payload.reveal() for r in refs] == ["sk-env-key-000000000000"]
    assert opencode_go.SPEC.discover(_creds({"HOME": str(tmp_path)}), NOW) == []


def test_fetch_sends_bearer_to_the_official_path() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=_fixture("usage.json"))

    ctx = Context(http=HttpClient(transport=httpx.MockTransport(handler)),
                  base_url=lambda key: {"opencode": "https://opencode.ai"}[key], now=lambda: NOW)
    key = Secret("sk-go-fetch-0123456789")
    account = opencode_go.SPEC.fetch(ctx, AccountRef(label=key.masked, payload=key))
    assert str(seen[0].url) == "https://opencode.ai/zen/go/v1/usage"
    assert seen[0].headers["authorization"] == "Bearer sk-go-fetch-0123456789"
    assert account.plan == "Go" and len(account.windows) == 3


def _engine_run(tmp_path: Path, scenario: str, env_extra: dict[str, str] | None = None) -> Any:
    with Simulator({"opencode-go": scenario}) as sim:
        env = {**demo_environment(sim, tmp_path), **(env_extra or {})}
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(opencode_go.SPEC,)) as engine:
            snap = engine.refresh()
        requests = list(sim.received)
    usage = snap.provider("opencode-go")
    assert usage is not None
    assert DEMO_KEY not in repr(snap)
    return usage.accounts[0], requests


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        ("healthy", lambda a: [w.used_percent for w in a.windows] == [24, 41, 18]),
        ("high", lambda a: a.windows[0].used_percent == 92),
        ("exhausted", lambda a: a.windows[1].used_percent == 100),
        ("alt_shape", lambda a: a.windows[0].resets_at is not None),
        ("wrapped", lambda a: len(a.windows) == 3),
        ("no_usage", lambda a: a.error is not None and a.error.get("fix")
         == "fix.opencode_go_no_plan"),
        ("http_401", lambda a: a.error is not None and a.error.status == 401
         and a.error.get("fix") == "fix.opencode_go_key"),
        ("http_429", lambda a: a.error is not None and a.error.kind is ErrorKind.RATE_LIMITED),
        ("malformed", lambda a: a.error is not None
         and a.error.kind is ErrorKind.INVALID_RESPONSE),
        ("missing_fields", lambda a: a.error is None and all(not w.known for w in a.windows)),
    ],
)
def test_against_simulator(tmp_path: Path, scenario: str, check: Any) -> None:
    account, requests = _engine_run(tmp_path, scenario)
    assert check(account), account
    assert requests[0].headers["authorization"] == f"Bearer {DEMO_KEY}"


def test_weekly_reset_is_midnight_utc_in_the_simulator(tmp_path: Path) -> None:
    account, _ = _engine_run(tmp_path, "healthy")
    weekly = account.windows[1].resets_at
    assert weekly is not None and (weekly.hour, weekly.minute, weekly.second) == (0, 0, 0)
