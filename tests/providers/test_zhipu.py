"""Zhipu AI / Z.ai: one implementation, two configurations (provider-facts §3)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account
from tray_app.net.http import HttpClient
from tray_app.providers import zhipu
from tray_app.providers.base import AccountRef, Context
from tray_app.providers.zhipu import parse_response
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.sim_zhipu import DEMO_KEYS


def _ms(seconds: float) -> int:
    return int((time.time() + seconds) * 1000)


def _ok(limits: list[dict[str, Any]], level: str = "pro") -> dict[str, Any]:
    return {"code": 200, "msg": "ok", "success": True, "data": {"limits": limits, "level": level}}


def test_all_limit_types_and_units() -> None:
    plan, windows = parse_response(
        _ok(
            [
                {
                    "type": "TOKENS_LIMIT",
                    "unit": 3,
                    "number": 5,
                    "usage": 40_000_000,
                    "currentValue": 20_000_000,
                    "percentage": 50,
                    "nextResetTime": _ms(3600),
                },
                {
                    "type": "TOKENS_LIMIT",
                    "unit": 6,
                    "number": 1,
                    "usage": "400000000",
                    "currentValue": "100000000",
                    "percentage": "25",
                },
                {
                    "type": "TIME_LIMIT",
                    "unit": 5,
                    "number": 1,
                    "usage": 1000,
                    "currentValue": 10,
                    "percentage": 1,
                },
                {
                    "type": "CREDIT_LIMIT",
                    "unit": 3,
                    "number": 5,
                    "usage": 3000,
                    "currentValue": 1500,
                    "percentage": 50,
                },
                {"type": "FUTURE_LIMIT", "unit": 9, "number": 2, "percentage": 70},
            ]
        ),
        "Zhipu AI",
    )
    assert plan == "pro"
    by_id = {w.id: w for w in windows}
    assert set(by_id) == {"5h", "weekly", "tools", "credits-5h", "future_limit-unit9-2"}
    assert (
        by_id["5h"].used_percent == 50
        and by_id["5h"].limit == 40_000_000
        and by_id["5h"].unit == "tokens"
    )
    assert by_id["5h"].resets_at is not None
    assert by_id["weekly"].used_percent == 25 and by_id["weekly"].label_key == "window.weekly"
    assert (
        by_id["tools"].label_key == "window.tools" and by_id["tools"].unit == "calls"
    )  # unit 5 = monthly, not a minute
    assert by_id["credits-5h"].unit == "credits" and by_id["credits-5h"].used_percent == 50
    assert by_id["future_limit-unit9-2"].used_percent == 70 and by_id["future_limit-unit9-2"].known


def test_percentage_only_rows_have_no_totals_and_missing_unit_is_5h() -> None:
    _, windows = parse_response(
        _ok(
            [
                {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 64},
                {"type": "TOKENS_LIMIT", "usage": 10, "currentValue": 5, "percentage": 50},
            ]
        ),
        "Z.ai",
    )
    assert windows[0].used is None and windows[0].limit is None and windows[0].used_percent == 64
    assert windows[1].id == "5h-2" and windows[1].label_key == "window.5h"


def test_percentage_derived_and_unknown_when_absent() -> None:
    _, windows = parse_response(
        _ok(
            [
                {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "usage": 200, "remaining": 150},
                {"type": "TOKENS_LIMIT", "unit": 6, "number": 1},
            ]
        ),
        "Z.ai",
    )
    assert windows[0].used == 50 and windows[0].used_percent == 25
    assert windows[1].used_percent is None and not windows[1].known


@pytest.mark.parametrize("reset", [-1, None, "soon", 0])
def test_bad_reset_times_are_none(reset: Any) -> None:
    _, windows = parse_response(
        _ok([{"type": "TOKENS_LIMIT", "percentage": 5, "nextResetTime": reset}]), "Z.ai"
    )
    assert windows[0].resets_at is None


def test_one_bad_row_does_not_drop_the_rest() -> None:
    _, windows = parse_response(
        _ok(["junk", None, {"type": "TOKENS_LIMIT", "percentage": 3}, 7]), "Z.ai"
    )
    assert len(windows) == 1 and windows[0].used_percent == 3


@pytest.mark.parametrize(
    ("payload", "kind", "status"),
    [
        ({"code": 401, "msg": "Invalid API key", "success": False}, ErrorKind.API_ERROR, 401),
        ({"code": 500, "msg": "No plan", "success": False}, ErrorKind.API_ERROR, 500),
        (
            {"code": 1001, "msg": "x", "success": True, "data": {"limits": []}},
            ErrorKind.API_ERROR,
            1001,
        ),
        ({"success": False}, ErrorKind.API_ERROR, None),
        ({"code": 200, "success": True, "data": {}}, ErrorKind.INVALID_RESPONSE, None),
        ([1, 2], ErrorKind.INVALID_RESPONSE, None),
    ],
)
def test_envelope_errors(payload: Any, kind: ErrorKind, status: int | None) -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(payload, "Z.ai")
    assert info.value.kind is kind and info.value.info.status == status
    assert info.value.info.provider == "Z.ai"


def test_fetch_sends_raw_key_to_the_right_origin() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=_ok([{"type": "TOKENS_LIMIT", "percentage": 1}]))

    http = HttpClient(transport=httpx.MockTransport(handler))
    ctx = Context(
        http=http,
        base_url=lambda key: {"zai": "https://api.z.ai", "zhipu": "https://open.bigmodel.cn"}[key],
        now=lambda: __import__("datetime").datetime.now(),
    )
    key = Secret("zai-raw-key-abcdef123456")
    account = zhipu.ZAI.fetch(ctx, AccountRef(label=key.masked, payload=key))
    zhipu.ZHIPU.fetch(ctx, AccountRef(label=key.masked, payload=key))
    assert isinstance(account, Account) and account.label == "zai-****3456"
    assert str(seen[0].url) == "https://api.z.ai/api/monitor/usage/quota/limit"
    assert str(seen[1].url) == "https://open.bigmodel.cn/api/monitor/usage/quota/limit"
    assert seen[0].headers["authorization"] == "zai-raw-key-abcdef123456"


@pytest.mark.parametrize(
    "entry", [{"type": "api"}, {"type": "api", "key": 5}, {"type": "api", "key": "  "}]
)
def test_unusable_entries_are_not_accounts(tmp_path: Path, entry: dict[str, Any]) -> None:
    env = {"HOME": str(tmp_path), "OPENCODE_AUTH_CONTENT": json.dumps({"zai-coding-plan": entry})}
    creds = CredentialLoader(environ=env, pat_store=MemoryPatStore()).load()
    assert zhipu.ZAI.discover(creds, __import__("datetime").datetime.now()) == []


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        (
            "healthy",
            lambda a: [w.id for w in a.windows] == ["5h", "weekly", "tools"] and a.plan == "pro",
        ),
        ("high", lambda a: a.windows[0].used_percent == 92),
        ("credits", lambda a: a.windows[0].id == "credits-5h"),
        ("percent_only", lambda a: a.windows[0].used is None and a.windows[0].used_percent == 64),
        (
            "envelope_error",
            lambda a: (
                a.error is not None
                and a.error.kind is ErrorKind.API_ERROR
                and a.error.status == 401
                and a.error.detail == "Invalid API key"
            ),
        ),
        ("no_plan", lambda a: a.error is not None and a.error.status == 500),
        ("http_401", lambda a: a.error is not None and a.error.kind is ErrorKind.HTTP_ERROR),
        ("http_429", lambda a: a.error is not None and a.error.retry_after == 30),
    ],
)
def test_against_simulator(tmp_path: Path, scenario: str, check: Any) -> None:
    with Simulator({"zhipu": scenario}) as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(zhipu.ZHIPU, zhipu.ZAI)) as engine:
            snap = engine.refresh()
    zp, za = snap.provider("zhipu"), snap.provider("zai")
    assert zp is not None and za is not None
    assert check(zp.accounts[0]), zp.accounts[0]
    assert (
        za.accounts[0].error is None and za.accounts[0].plan == "max"
    )  # the other one is untouched
    for key in DEMO_KEYS.values():
        assert key not in repr(snap)


# ---------------------------------------------------------------- responses as they are now
def test_exact_figures_beat_the_rounded_down_percentage() -> None:
    """provider-facts §3: 1438 of 12000 credits arrives as `percentage: 11`."""
    _, windows = parse_response(
        _ok([{"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 12000,
              "currentValue": 1438, "remaining": 10562, "percentage": 11}]),
        "Z.ai",
    )
    assert windows[0].used_percent == pytest.approx(1438 / 12000 * 100)
    assert windows[0].used_percent is not None and windows[0].used_percent > 11.9
    assert (windows[0].used, windows[0].limit, windows[0].unit) == (1438, 12000, "credits")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"usage": 0, "currentValue": 0, "percentage": 7}, 7),  # no capacity: percentage
        ({"usage": 200, "percentage": 9}, 9),  # used missing: percentage
        ({"currentValue": 5, "percentage": 9}, 9),  # capacity missing: percentage
        ({"usage": 200, "remaining": 150, "percentage": 24}, 25),  # used = capacity - remaining
        ({"usage": 100, "currentValue": 130, "percentage": 100}, 130),  # over quota stays over
    ],
)
def test_percentage_is_the_fallback_only(row: dict[str, Any], expected: float) -> None:
    _, windows = parse_response(_ok([{"type": "CREDIT_LIMIT", "unit": 3, "number": 5, **row}]),
                                "Z.ai")
    assert windows[0].used_percent == pytest.approx(expected)


def test_credit_only_account_has_5h_and_weekly_and_no_tools_row() -> None:
    plan, windows = parse_response(
        _ok([
            {"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 28000,
             "currentValue": 6719, "percentage": 23, "nextResetTime": _ms(3600)},
            {"type": "CREDIT_LIMIT", "unit": 6, "number": 1, "usage": 140000,
             "currentValue": 41230, "percentage": 29, "nextResetTime": _ms(86400)},
        ], level="max"),
        "Z.ai",
    )
    assert plan == "max"
    assert [(w.id, w.label_key) for w in windows] == [
        ("credits-5h", "window.5h"), ("credits-weekly", "window.weekly")]
    assert all(w.known and w.unit == "credits" and w.resets_at for w in windows)
    assert windows[0].used_percent == pytest.approx(23.996, abs=1e-3)


@pytest.mark.parametrize("prefix", ["zhipu", "zai"])
def test_credit_only_scenario_against_simulator(tmp_path: Path, prefix: str) -> None:
    with Simulator({prefix: "credits_only"}) as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(zhipu.ZHIPU, zhipu.ZAI)) as engine:
            snap = engine.refresh()
    usage = snap.provider(prefix)
    assert usage is not None
    account = usage.accounts[0]
    assert account.error is None and account.plan == "pro"
    assert [w.id for w in account.windows] == ["credits-5h", "credits-weekly"]
    five_h = account.windows[0]
    assert (five_h.used, five_h.limit) == (1438, 12000)
    assert five_h.used_percent == pytest.approx(11.983, abs=1e-3)  # the API said 11


def test_demo_zai_is_a_credit_only_max_plan(tmp_path: Path) -> None:
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(zhipu.ZAI,)) as engine:
            snap = engine.refresh()
    usage = snap.provider("zai")
    assert usage is not None
    windows = usage.accounts[0].windows
    assert [w.id for w in windows] == ["credits-5h", "credits-weekly"]
    assert [w.limit for w in windows] == [28000, 140000]
