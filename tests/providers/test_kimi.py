"""Kimi for Coding (provider-facts §9): contract over the simulator and fixture shapes, one test
per trap (numbers as strings, `used` missing, the `data` wrapper, window units, membership
levels, the key from OpenCode's entry before $KIMI_API_KEY)."""

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
from tray_app.providers import kimi
from tray_app.providers.base import AccountRef, Context
from tray_app.providers.kimi import parse_response, plan_name, window_seconds
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.sim_kimi import DEMO_KEY

FIXTURES = Path(__file__).parent.parent / "fixtures" / "kimi"
NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone.utc)


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def _creds(env: dict[str, str]) -> Any:
    return CredentialLoader(environ=env, pat_store=MemoryPatStore()).load()


def test_numbers_as_strings_weekly_and_5_hour() -> None:
    plan, windows = parse_response(_fixture("usages.json"))
    assert plan == "Allegretto"
    by_id = {w.id: w for w in windows}
    assert [w.id for w in windows] == ["5h", "weekly"]
    five = by_id["5h"]
    assert (five.used, five.limit, five.unit) == (7, 100, "requests")
    assert five.used_percent == pytest.approx(7)
    assert five.window_seconds == 18000 and five.label_key == "window.5h"
    weekly = by_id["weekly"]
    assert (weekly.used, weekly.limit, weekly.used_percent) == (31, 100, 31)
    assert weekly.window_seconds == 604800
    assert weekly.resets_at == datetime(2026, 12, 5, 8, 12, 44, 718291, tzinfo=timezone.utc)


def test_wrapped_payload_and_used_from_limit_minus_remaining() -> None:
    plan, windows = parse_response(_fixture("usages_wrapped_remaining_only.json"))
    assert plan == "Adagio"
    by_id = {w.id: w for w in windows}
    assert by_id["weekly"].used == 26 and by_id["weekly"].used_percent == 26
    assert by_id["5h"].used == 0 and by_id["5h"].used_percent == 0 and by_id["5h"].known
    assert by_id["daily"].window_seconds == 86400 and by_id["daily"].used == 12
    assert by_id["daily"].used_percent == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("duration", "unit", "seconds"),
    [(300, "TIME_UNIT_MINUTE", 18000), ("300", "TIME_UNIT_MINUTE", 18000),
     (5, "TIME_UNIT_HOUR", 18000), (1, "TIME_UNIT_DAY", 86400), (1, "TIME_UNIT_WEEK", 604800),
     (90, "TIME_UNIT_SECOND", 90), (300, "TIME_UNIT_FORTNIGHT", None), (0, "TIME_UNIT_MINUTE",
                                                                        None),
     (None, "TIME_UNIT_MINUTE", None), ("x", "TIME_UNIT_MINUTE", None)],
)
def test_window_units(duration: Any, unit: str, seconds: int | None) -> None:
    assert window_seconds(duration, unit) == seconds


def test_unknown_window_unit_is_kept_as_a_generic_window() -> None:
    _, windows = parse_response({"limits": [
        {"window": {"duration": 3, "timeUnit": "TIME_UNIT_LUSTRUM"},
         "detail": {"limit": "10", "used": "5"}},
        {"window": {"duration": 90, "timeUnit": "TIME_UNIT_MINUTE"},
         "detail": {"limit": "10", "used": "1"}}]})
    assert windows[0].label_key == "window.other_limit" and windows[0].window_seconds is None
    assert windows[0].used_percent == 50
    assert windows[1].id == "90m" and windows[1].label_key == "window.minutes"


@pytest.mark.parametrize(
    ("level", "name"),
    [("LEVEL_FREE", "Free"), ("LEVEL_BASIC", "Adagio"), ("LEVEL_STANDARD", "Moderato"),
     ("LEVEL_INTERMEDIATE", "Allegretto"), ("LEVEL_ADVANCED", "Allegro"),
     ("LEVEL_PRESTO_PLUS", "Presto Plus"), ("", None), (None, None)],
)
def test_membership_levels(level: Any, name: str | None) -> None:
    assert plan_name(level) == name


def test_detail_without_figures_is_unknown_not_zero() -> None:
    _, windows = parse_response({"usage": {"resetTime": "2026-12-05T00:00:00Z"}})
    assert windows[0].used_percent is None and not windows[0].known


def test_one_bad_limit_row_does_not_drop_the_rest() -> None:
    _, windows = parse_response({"limits": ["junk", None, {"window": "x"},
                                           {"window": {"duration": 300,
                                                       "timeUnit": "TIME_UNIT_MINUTE"},
                                            "detail": None},
                                           {"window": {"duration": 300,
                                                       "timeUnit": "TIME_UNIT_MINUTE"},
                                            "detail": {"limit": "100", "used": "3"}}]})
    assert [w.id for w in windows] == ["5h"]


def test_two_windows_of_the_same_length_keep_both() -> None:
    row = {"window": {"duration": 1, "timeUnit": "TIME_UNIT_WEEK"},
           "detail": {"limit": "5", "used": "1"}}
    _, windows = parse_response({"usage": {"limit": "100", "used": "10"}, "limits": [row]})
    assert [w.id for w in windows] == ["weekly-2", "weekly"]


def test_api_error_on_200_is_reported_with_the_fix() -> None:
    with pytest.raises(QuotaError) as info:
        parse_response({"code": 40101, "message": "membership expired"})
    assert info.value.kind is ErrorKind.API_ERROR and info.value.info.status == 40101
    message, fix = error_text(info.value.info, "zh-TW")
    # an expired membership needs the plan renewed, not a new key (issue 18)
    assert "membership expired" in message and "續訂" in fix and "KIMI_API_KEY" not in fix
    rejected = QuotaError(ErrorKind.API_ERROR, provider="Kimi for Coding", status=40100,
                          detail="invalid key", extra={"fix": "fix.kimi_key"}).info
    assert "KIMI_API_KEY" in error_text(rejected, "zh-TW")[1]


@pytest.mark.parametrize("payload", [[], {}, {"data": {}}, {"something": 1}])
def test_unreadable_answers_are_invalid_response(payload: Any) -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(payload)
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


def test_key_from_opencode_entry_is_preferred_over_env(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "KIMI_API_KEY": "sk-kimi-env-0000000000",
           "OPENCODE_AUTH_CONTENT": json.dumps(
               {"kimi-for-coding": {"type": "api", "key": "sk-kimi-entry-1111111"}})}
    refs = kimi.SPEC.discover(_creds(env), NOW)
    assert [r.payload.reveal() for r in refs] == ["sk-kimi-entry-1111111"]


def test_env_key_fallback(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "KIMI_API_KEY": "  sk-kimi-env-0000000000\n"}
    refs = kimi.SPEC.discover(_creds(env), NOW)
    assert [r.payload.reveal() for r in refs] == ["sk-kimi-env-0000000000"]
    assert refs[0].label == "sk-k****0000"


def test_fetch_sends_bearer_to_the_right_path() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=_fixture("usages.json"))

    ctx = Context(http=HttpClient(transport=httpx.MockTransport(handler)),
                  base_url=lambda key: {"kimi": "https://api.kimi.com"}[key], now=lambda: NOW)
    key = Secret("sk-kimi-fetch-0123456789")
    account = kimi.SPEC.fetch(ctx, AccountRef(label=key.masked, payload=key))
    assert str(seen[0].url) == "https://api.kimi.com/coding/v1/usages"
    assert seen[0].headers["authorization"] == "Bearer sk-kimi-fetch-0123456789"
    assert account.plan == "Allegretto"


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        ("healthy", lambda a: [(w.id, w.used_percent) for w in a.windows]
         == [("5h", 12), ("weekly", 26)] and a.plan == "Moderato"),
        ("high", lambda a: a.windows[0].used_percent == 92),
        ("wrapped", lambda a: len(a.windows) == 2),
        ("remaining_only", lambda a: a.windows[1].used == 26),
        ("numbers", lambda a: a.windows[1].used_percent == 26),
        ("free", lambda a: a.plan == "Free" and [w.id for w in a.windows] == ["5h"]),
        ("api_error", lambda a: a.error is not None and a.error.kind is ErrorKind.API_ERROR),
        ("http_401", lambda a: a.error is not None and a.error.get("fix") == "fix.kimi_key"),
        ("http_503", lambda a: a.error is not None and a.error.status == 503),
        ("missing_fields", lambda a: a.error is None and all(not w.known for w in a.windows)),
    ],
)
def test_against_simulator(tmp_path: Path, scenario: str, check: Any) -> None:
    with Simulator({"kimi": scenario}) as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(kimi.SPEC,)) as engine:
            snap = engine.refresh()
        auth = sim.received[0].headers["authorization"]
    usage = snap.provider("kimi")
    assert usage is not None
    assert check(usage.accounts[0]), usage.accounts[0]
    assert auth == f"Bearer {DEMO_KEY}" and DEMO_KEY not in repr(snap)
