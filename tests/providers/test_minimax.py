"""MiniMax coding / token plan (provider-facts §10): contract over the simulator and fixture
shapes, one test per trap (usage count is what is LEFT, percent/status fields when the counts
are 0, weekly fields only on newer plans, a pay-as-you-go key, the token-plan path first with
the old path remembered, the China region, the key from OpenCode's entry before
$MINIMAX_API_KEY)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
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
from tray_app.providers import minimax
from tray_app.providers.base import AccountRef, Context
from tray_app.providers.minimax import MiniMaxKey, parse_response
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.sim_minimax import CODING_PATH, DEMO_KEY, TOKEN_PATH

FIXTURES = Path(__file__).parent.parent / "fixtures" / "minimax"
NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone.utc)
PLAN_KEY = MiniMaxKey(Secret("sk-cp-test-plan-key-0123456789"), "global")
PAYG_KEY = MiniMaxKey(Secret("eyJhbGciOiJSUzI1NiJ9.payg-not-a-plan-key"), "global")


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def _creds(env: dict[str, str], settings: Settings | None = None) -> Any:
    return CredentialLoader(settings, environ=env, pat_store=MemoryPatStore()).load()


def test_usage_count_is_what_is_left() -> None:
    plan, windows = parse_response(_fixture("coding_plan_counts.json"), PLAN_KEY, NOW)
    assert plan is None
    assert [w.id for w in windows] == ["minimax-m2-5h"]  # no weekly fields: older plan
    w = windows[0]
    assert (w.used, w.limit, w.unit) == (255, 1500, "requests")  # 1500 - 1245 left
    assert w.used_percent == pytest.approx(17)
    assert w.label == "MiniMax-M2 · 5-hour" and w.label_key == "window.model_5h"
    assert w.window_seconds == 18000  # end_time - start_time
    assert w.resets_at == datetime.fromtimestamp(1796245200, tz=timezone.utc)


def test_percent_and_status_fields_carry_the_data_when_counts_are_zero() -> None:
    _, windows = parse_response(_fixture("token_plan_percent.json"), PLAN_KEY, NOW)
    # the video row is status 3 (not subscribed): not shown at all
    assert [w.id for w in windows] == ["general-5h", "general-weekly"]
    five, weekly = windows
    assert five.used_percent == 1 and five.used is None and five.limit is None
    assert weekly.used_percent == 23 and weekly.window_seconds == 604800
    assert weekly.label_key == "window.model_weekly"


def test_exhausted_status_without_counts_or_percent_is_100() -> None:
    _, windows = parse_response(_fixture("token_plan_exhausted_status.json"), PLAN_KEY, NOW)
    five, weekly = windows
    assert five.used_percent == 100
    assert five.resets_at == NOW + timedelta(milliseconds=5400000)  # from remains_time (ms)
    assert weekly.used_percent == 60  # "40" left as a string


def test_zero_counts_without_percent_or_status_are_unknown_not_zero() -> None:
    _, windows = parse_response({"model_remains": [{
        "model_name": "general", "current_interval_total_count": 0,
        "current_interval_usage_count": 0}], "base_resp": {"status_code": 0}}, PLAN_KEY, NOW)
    assert [w.id for w in windows] == ["general-5h"]
    assert windows[0].used_percent is None and not windows[0].known


def test_counts_as_strings() -> None:
    _, windows = parse_response({"model_remains": [{
        "model_name": "M", "current_interval_total_count": "600",
        "current_interval_usage_count": "150"}]}, PLAN_KEY, NOW)
    assert windows[0].used == 450 and windows[0].used_percent == 75


def test_one_bad_row_does_not_drop_the_rest_and_names_are_unique() -> None:
    row = {"model_name": "M", "current_interval_total_count": 10,
           "current_interval_usage_count": 5}
    _, windows = parse_response({"model_remains": ["x", None, row, row, {}]}, PLAN_KEY, NOW)
    assert [w.id for w in windows] == ["m-5h", "m-5h-2"]


def test_login_fail_with_a_plan_key_is_an_api_error_with_the_key_fix() -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(_fixture("login_fail.json"), PLAN_KEY, NOW)
    assert info.value.kind is ErrorKind.API_ERROR and info.value.info.status == 1004
    message, fix = error_text(info.value.info, "en")
    assert "login fail" in message and "sk-cp-" in fix


def test_pay_as_you_go_key_says_so_with_the_fix_in_three_languages() -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(_fixture("login_fail.json"), PAYG_KEY, NOW)
    texts = {lang: error_text(info.value.info, lang) for lang in ("en", "zh-TW", "zh-CN")}
    assert "pay-as-you-go" in texts["en"][0] and "sk-cp-" in texts["en"][1]
    assert "按量計費" in texts["zh-TW"][0] and "按量计费" in texts["zh-CN"][0]
    assert all("sk-cp-" in fix for _, fix in texts.values())


def test_no_rows_is_no_plan() -> None:
    with pytest.raises(QuotaError) as info:
        parse_response({"model_remains": [], "base_resp": {"status_code": 0}}, PLAN_KEY, NOW)
    assert info.value.info.get("message") == "error.minimax_no_plan"
    with pytest.raises(QuotaError) as info:
        parse_response({"model_remains": []}, PAYG_KEY, NOW)
    assert info.value.info.get("message") == "error.minimax_payg"


@pytest.mark.parametrize("payload", [[], {}, {"base_resp": {"status_code": 0}}, "x"])
def test_unreadable_answers_are_invalid_response(payload: Any) -> None:
    with pytest.raises(QuotaError) as info:
        parse_response(payload, PLAN_KEY, NOW)
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


# ------------------------------------------------------------------------- credentials
def test_keys_from_both_entries_the_cn_one_in_china(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "MINIMAX_API_KEY": "sk-cp-env-000000000000",
           "OPENCODE_AUTH_CONTENT": json.dumps({
               "minimax-coding-plan": {"type": "api", "key": "sk-cp-global-11111111"},
               "minimax-cn-coding-plan": {"type": "key", "key": "sk-cp-china-22222222"}})}
    refs = minimax.SPEC.discover(_creds(env), NOW)
    assert [(r.payload.secret.reveal(), r.payload.region) for r in refs] == [
        ("sk-cp-global-11111111", "global"), ("sk-cp-china-22222222", "cn")]
    assert refs[1].label.endswith("(CN)")


def test_env_key_fallback_and_the_region_setting(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "MINIMAX_API_KEY": "sk-cp-env-000000000000"}
    refs = minimax.SPEC.discover(_creds(env), NOW)
    assert [(r.payload.secret.reveal(), r.payload.region) for r in refs] == [
        ("sk-cp-env-000000000000", "global")]
    refs = minimax.SPEC.discover(_creds(env, Settings(minimax_region="cn")), NOW)
    assert refs[0].payload.region == "cn"


def test_entry_preferred_over_env(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "MINIMAX_API_KEY": "sk-cp-env-000000000000",
           "OPENCODE_AUTH_CONTENT": json.dumps(
               {"minimax-coding-plan": {"type": "api", "key": "sk-cp-entry-1111111"}})}
    refs = minimax.SPEC.discover(_creds(env), NOW)
    assert [r.payload.secret.reveal() for r in refs] == ["sk-cp-entry-1111111"]


# ------------------------------------------------------------------------- fetch
def _ctx(handler: Any, base: str = "https://api.minimax.io") -> Context:
    return Context(http=HttpClient(transport=httpx.MockTransport(handler)),
                   base_url=lambda key: {"minimax": base}[key], now=lambda: NOW)


def test_token_plan_path_first_then_the_old_one_remembered() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == TOKEN_PATH:
            return httpx.Response(404, json={"message": "not found"})
        assert request.headers["authorization"] == f"Bearer {PLAN_KEY.secret.reveal()}"
        return httpx.Response(200, json=_fixture("coding_plan_counts.json"))

    ctx = _ctx(handler)
    ref = AccountRef(label="x", payload=PLAN_KEY)
    first = minimax.SPEC.fetch(ctx, ref)
    second = minimax.SPEC.fetch(ctx, ref)
    assert seen == [TOKEN_PATH, CODING_PATH, CODING_PATH]  # the second refresh: one request
    assert first.windows == second.windows and first.windows[0].used == 255


def test_china_region_uses_minimaxi_com() -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(200, json=_fixture("token_plan_percent.json"))

    key = MiniMaxKey(PLAN_KEY.secret, "cn")
    minimax.SPEC.fetch(_ctx(handler), AccountRef(label="x", payload=key))
    assert hosts == ["api.minimaxi.com"]
    # an explicit base URL (proxy, simulator) wins for both regions
    minimax.SPEC.fetch(_ctx(handler, "http://127.0.0.1:9/mm"), AccountRef(label="x", payload=key))
    assert hosts[-1] == "127.0.0.1"


@pytest.mark.parametrize(("key", "message"), [(PAYG_KEY, "error.minimax_payg"),
                                               (PLAN_KEY, "")])
def test_http_401_names_the_right_problem(key: MiniMaxKey, message: str) -> None:
    ctx = _ctx(lambda request: httpx.Response(401, json={"error": "unauthorized"}))
    with pytest.raises(QuotaError) as info:
        minimax.SPEC.fetch(ctx, AccountRef(label="x", payload=key))
    assert info.value.info.get("message") == message
    assert info.value.info.get("fix") in ("fix.minimax_payg", "fix.minimax_key")


# ------------------------------------------------------------------------- simulator
def _run(tmp_path: Path, scenario: str, env_extra: dict[str, str] | None = None,
         auth_json: bool = True) -> tuple[Any, list[str]]:
    with Simulator({"minimax": scenario}) as sim:
        env = {**demo_environment(sim, tmp_path), **(env_extra or {})}
        if not auth_json:
            (tmp_path / "data" / "opencode" / "auth.json").write_text("{}", "utf-8")
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=(minimax.SPEC,)) as engine:
            snap = engine.refresh()
            snap2 = engine.refresh()
        paths = [r.path for r in sim.received]
    usage = snap.provider("minimax")
    assert usage is not None and DEMO_KEY not in repr(snap)
    again = snap2.provider("minimax")
    assert again is not None  # the second refresh (remembered path) sees the same windows
    assert [w.id for w in again.accounts[0].windows] == [w.id for w in usage.accounts[0].windows]
    return usage.accounts[0], paths


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        ("healthy", lambda a: [(w.id, round(w.used_percent)) for w in a.windows]
         == [("minimax-m2-5h", 17), ("minimax-m2-weekly", 27)]),
        ("high", lambda a: a.windows[0].used == 1380),
        ("percent_only", lambda a: [w.used_percent for w in a.windows] == [64, 20]),
        ("exhausted_status", lambda a: [w.used_percent for w in a.windows] == [100, 55]),
        ("wrapped", lambda a: len(a.windows) == 2),
        ("no_plan", lambda a: a.error is not None
         and a.error.get("message") == "error.minimax_no_plan"),
        ("login_fail", lambda a: a.error is not None and a.error.status == 1004
         and a.error.get("fix") == "fix.minimax_key"),
        ("http_500", lambda a: a.error is not None and a.error.status == 500),
        ("missing_fields", lambda a: a.error is not None  # rows with no field: unreadable
         and a.error.kind is ErrorKind.INVALID_RESPONSE),
    ],
)
def test_against_simulator(tmp_path: Path, scenario: str, check: Any) -> None:
    account, paths = _run(tmp_path, scenario)
    assert check(account), account
    assert paths[0] == f"{TOKEN_PATH}"


def test_legacy_path_in_the_simulator_is_found_and_remembered(tmp_path: Path) -> None:
    account, paths = _run(tmp_path, "legacy_path")
    assert [w.id for w in account.windows] == ["minimax-m2-5h"]  # no weekly on the old path
    assert paths == [TOKEN_PATH, CODING_PATH, CODING_PATH]


def test_pay_as_you_go_env_key_against_the_simulator(tmp_path: Path) -> None:
    account, _ = _run(tmp_path, "login_fail", {"MINIMAX_API_KEY": "payg-key-0123456789abcdef"},
                      auth_json=False)
    assert account.error is not None and account.error.get("message") == "error.minimax_payg"
    assert "payg-key-0123456789abcdef" not in repr(account)
