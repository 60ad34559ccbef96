"""OpenAI provider: discovery from the `openai` OAuth entry (JWT claims, expiry, account id)
and `wham/usage` parsing (window classes, resets, credits, extra limits, spend control),
through httpx.MockTransport; every HTTP failure flows out as its error kind."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fixtures_openai import (
    BASE,
    NOW,
    NOW_S,
    answer,
    context,
    creds,
    engine,
    entry,
    token,
    usage,
    win,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Account
from tray_app.providers import openai
from tray_app.providers.base import AccountRef
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.server import Simulator
from tray_app.simulator.sim_openai import (
    DEMO_ACCOUNT_ID,
    DEMO_EMAIL,
    DEMO_REFRESH,
    demo_claims,
    make_jwt,
)


def _ref(home: Path, access: str | None = None, **extra: Any) -> AccountRef:
    refs = openai.discover(creds(entry(access or token(), **extra), home), NOW)
    assert len(refs) == 1
    return refs[0]


def _fetch(home: Path, body: Any, status: int = 200, **kw: Any) -> Account:
    return openai.fetch(context(answer(body, status, **kw)), _ref(home))


def _by_id(account: Account) -> dict[str, Any]:
    return {w.id: w for w in account.windows}


# ---------------------------------------------------------------------------- discover
@pytest.mark.parametrize("bad", [
    {"type": "api", "key": "sk-test-key-123456"},
    {"type": "oauth"},
    {"type": "oauth", "access": ""},
    {"type": "oauth", "access": "   "},
    {"type": "oauth", "access": 12345},
    {"type": "oauth", "access": "token with spaces é"},
    "not an object",
])
def test_unusable_entry_is_not_an_account(tmp_path: Path, bad: Any) -> None:
    assert openai.discover(creds(bad, tmp_path), NOW) == []


def test_label_is_the_profile_email_and_account_id_from_jwt(tmp_path: Path) -> None:
    ref = _ref(tmp_path)
    assert ref.label == "dev@example.com"
    assert ref.payload.account_id == "acct-from-jwt"
    assert ref.plan == "plus"
    assert ref.token_expires_at == NOW + timedelta(hours=1)


def test_top_level_email_and_auth_json_account_id_win(tmp_path: Path) -> None:
    ref = _ref(tmp_path, token(None, email="top@example.com"), accountId="acct-from-file")
    assert ref.label == "top@example.com"
    assert ref.payload.account_id == "acct-from-file"


@pytest.mark.parametrize("garbage", [
    "not-a-jwt-at-all-0123456789",
    "eyJhbGciOi.!!!notbase64!!!.sig",
    "header." + base64.urlsafe_b64encode(b"[1, 2, 3]").decode() + ".sig",
    "header." + base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode() + ".sig",
    "header." + base64.urlsafe_b64encode(b'{"exp": "soon", "email": 42}').decode() + ".sig",
])
def test_jwt_garbage_falls_back_to_the_masked_token(tmp_path: Path, garbage: str) -> None:
    ref = _ref(tmp_path, garbage)
    assert ref.label == f"{garbage[:4]}****{garbage[-4:]}"
    assert ref.error is None and ref.token_expires_at is None
    assert ref.payload.account_id is None


def test_expiry_is_the_earliest_of_expires_ms_and_jwt_exp(tmp_path: Path) -> None:
    ms = (NOW_S + 600) * 1000
    assert _ref(tmp_path, expires=ms).token_expires_at == NOW + timedelta(minutes=10)
    later = (NOW_S + 7200) * 1000
    assert _ref(tmp_path, expires=later).token_expires_at == NOW + timedelta(hours=1)


@pytest.mark.parametrize("access, extra", [
    (token(), {"expires": (NOW_S - 1) * 1000}),  # auth.json says expired, the JWT does not
    (token(exp=NOW_S - 60), {}),  # only the JWT knows
    (token(exp=None), {"expires": NOW_S * 1000}),  # exactly now
])
def test_expired_token_is_an_error_without_payload(
    tmp_path: Path, access: str, extra: dict[str, Any]
) -> None:
    ref = _ref(tmp_path, access, **extra)
    assert ref.error is not None and ref.error.kind is ErrorKind.TOKEN_EXPIRED
    assert ref.error.provider == "OpenAI"
    assert ref.payload is None and ref.token_expires_at is not None
    assert ref.label == "dev@example.com"


def test_expired_token_makes_zero_requests(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    auth = {"openai": entry(token(exp=NOW_S - 1))}
    with engine(auth, tmp_path, answer(usage(win(10)), seen=seen)) as eng:
        snap = eng.refresh()
    account = snap.providers[0].accounts[0]
    assert account.error is not None and account.error.kind is ErrorKind.TOKEN_EXPIRED
    assert account.token_expires_at is not None
    assert seen == [] and eng.http.requests_sent == 0


# ---------------------------------------------------------------------------- request
def test_request_shape_and_no_refresh(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    access = token()
    account = openai.fetch(context(answer(usage(win(1)), seen=seen)), _ref(tmp_path, access))
    assert [(r.method, str(r.url)) for r in seen] == [("GET", BASE + "/backend-api/wham/usage")]
    assert seen[0].headers["authorization"] == f"Bearer {access}"
    assert seen[0].headers["chatgpt-account-id"] == "acct-from-jwt"
    assert seen[0].headers["accept"] == "application/json"
    assert account.token_expires_at == NOW + timedelta(hours=1)


def test_no_account_id_header_when_unknown(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    ref = _ref(tmp_path, token(account=None))
    openai.fetch(context(answer(usage(win(1)), seen=seen)), ref)
    assert "chatgpt-account-id" not in seen[0].headers


# ---------------------------------------------------------------------------- windows
def test_plus_five_hour_and_weekly(tmp_path: Path) -> None:
    body = usage(win(46, 18000, reset_at=NOW_S + 900), win(23, 604800, reset_after=86400))
    account = _fetch(tmp_path, body)
    assert account.plan == "plus"
    five, week = account.windows
    assert (five.id, five.label_key, five.used_percent) == ("5h", "window.5h", 46)
    assert five.label == "5-hour limit"
    assert five.resets_at == NOW + timedelta(minutes=15)
    assert (week.id, week.label_key, week.used_percent) == ("weekly", "window.weekly", 23)
    assert week.resets_at == NOW + timedelta(days=1)
    assert week.remaining_percent == 77


def test_weekly_only_plan_in_the_primary_slot(tmp_path: Path) -> None:
    account = _fetch(tmp_path, usage(win(58, 604800), None, plan="free"))
    assert [(w.id, w.used_percent) for w in account.windows] == [("weekly", 58)]


@pytest.mark.parametrize("seconds, wid, key, params", [
    (2592000, "monthly", "window.monthly", ()),
    (2628000, "monthly", "window.monthly", ()),
    ("2419200", "monthly", "window.monthly", ()),  # 28 days, as a numeric string
    (86400, "daily", "window.daily", ()),
    (172800, "2d", "window.days", (("n", "2"),)),
    (28800, "8h", "window.hours", (("n", "8"),)),
    (1800, "30m", "window.minutes", (("n", "30"),)),
])
def test_window_classified_by_length(
    tmp_path: Path, seconds: Any, wid: str, key: str, params: tuple[tuple[str, str], ...]
) -> None:
    (window,) = _fetch(tmp_path, usage(win(5, seconds))).windows
    assert (window.id, window.label_key, window.label_params) == (wid, key, params)


def test_missing_length_falls_back_to_the_slot(tmp_path: Path) -> None:
    body = usage(win(5, None, reset_after=600), win(6, None))
    assert [w.id for w in _fetch(tmp_path, body).windows] == ["5h", "weekly"]
    weekly_only = usage(win(7, None, reset_after=3 * 86400), None)
    assert [w.id for w in _fetch(tmp_path, weekly_only).windows] == ["weekly"]


def test_same_length_twice_keeps_both(tmp_path: Path) -> None:
    assert [w.id for w in _fetch(tmp_path, usage(win(1), win(2))).windows] == ["5h", "5h-2"]


@pytest.mark.parametrize("raw, expected", [
    ("41.5", 41.5), ("12%", 12.0), (7, 7.0), (-3, 0.0), (130, 130.0), ("abc", None), (True, None),
])
def test_used_percent_numbers_and_strings(tmp_path: Path, raw: Any, expected: float | None) -> None:
    (window,) = _fetch(tmp_path, usage(win(raw))).windows
    assert window.used_percent == expected
    assert window.known is (expected is not None)


def test_window_without_figures_is_unknown_not_zero(tmp_path: Path) -> None:
    five, week = _fetch(tmp_path, usage(win(None, 18000), {})).windows
    assert five.used_percent is None and not five.known and five.remaining_percent is None
    assert week.id == "weekly" and not week.known


@pytest.mark.parametrize("window, expected", [
    (win(1, reset_at=NOW_S + 60, reset_after=99999), NOW + timedelta(minutes=1)),
    (win(1, reset_at=(NOW_S + 60) * 1000), NOW + timedelta(minutes=1)),  # ms tolerated
    (win(1, reset_after="120"), NOW + timedelta(minutes=2)),
    (win(1, reset_at="garbage", reset_after=30), NOW + timedelta(seconds=30)),
    (win(1), None),
])
def test_reset_at_then_reset_after_seconds(tmp_path: Path, window: Any, expected: Any) -> None:
    assert _fetch(tmp_path, usage(window)).windows[0].resets_at == expected


def test_limit_reached_without_percent_is_exhausted(tmp_path: Path) -> None:
    five, week = _fetch(tmp_path, usage(win(None), win(64, 604800), reached=True)).windows
    assert (five.used_percent, five.known, week.used_percent) == (100.0, True, 64)


def test_limit_reached_explained_by_a_figure_leaves_unknowns_unknown(tmp_path: Path) -> None:
    five, week = _fetch(tmp_path, usage(win(100), win(None, 604800), reached=True)).windows
    assert five.used_percent == 100 and week.used_percent is None


def test_null_secondary(tmp_path: Path) -> None:
    assert [w.id for w in _fetch(tmp_path, usage(win(46), None)).windows] == ["5h"]


def test_code_review_and_additional_limits(tmp_path: Path) -> None:
    body = usage(
        win(10), win(20, 604800),
        code_review_rate_limit={"primary_window": win("12", 604800, reset_after=60)},
        additional_rate_limits=[
            "junk", None, {"limit_name": 5},
            {"limit_name": "Codex Spark", "metered_feature": "codex_spark",
             "rate_limit": {"primary_window": win(8), "secondary_window": win(3, 604800)}},
            {"metered_feature": "image_gen", "rate_limit": {"primary_window": win(None, 2628000)}},
        ],
    )
    windows = _by_id(_fetch(tmp_path, body))
    assert list(windows) == ["5h", "weekly", "code-review", "extra-codex-spark-5h",
                             "extra-codex-spark-weekly", "extra-image-gen-monthly"]
    review = windows["code-review"]
    assert (review.label_key, review.used_percent) == ("window.code_review", 12)
    spark = windows["extra-codex-spark-5h"]
    assert (spark.label, spark.label_key, spark.used_percent) == ("Codex Spark · 5-hour", "", 8)
    assert windows["extra-codex-spark-weekly"].label == "Codex Spark · Weekly"
    assert windows["extra-image-gen-monthly"].used_percent is None


def test_spend_control_when_rate_limit_is_null(tmp_path: Path) -> None:
    body = {"plan_type": "team", "rate_limit": None, "spend_control": {
        "individual_limit": {"remaining_percent": "38", "reset_after_seconds": 3600}}}
    (window,) = _fetch(tmp_path, body).windows
    assert (window.id, window.label_key, window.label) == ("spend-control", "window.spend_control",
                                                          "Team spend limit")
    assert window.used_percent == 62 and window.resets_at == NOW + timedelta(hours=1)


def test_spend_control_without_figures_is_unknown(tmp_path: Path) -> None:
    body = {"rate_limit": None, "spend_control": {"individual_limit": {}}}
    (window,) = _fetch(tmp_path, body).windows
    assert window.id == "spend-control" and window.used_percent is None


@pytest.mark.parametrize("credits, details", [
    ({"has_credits": True, "unlimited": False, "balance": "12.5"}, (("Credits", "12.50"),)),
    ({"has_credits": True, "unlimited": False, "balance": 3}, (("Credits", "3.00"),)),
    ({"has_credits": True, "unlimited": True, "balance": None}, (("Credits", "unlimited"),)),
    ({"has_credits": False, "unlimited": False, "balance": None}, ()),
    ("junk", ()),
])
def test_credits_details(tmp_path: Path, credits: Any, details: Any) -> None:
    assert _fetch(tmp_path, usage(win(1), credits=credits)).details == details


def test_rate_limit_null_with_plan_only_is_an_account_without_windows(tmp_path: Path) -> None:
    account = _fetch(tmp_path, {"plan_type": "free", "rate_limit": None})
    assert account.ok and account.plan == "free" and account.windows == ()


@pytest.mark.parametrize("body", [[1, 2], {}, {"rate_limit": "x"}, "text", None])
def test_unusable_body_is_invalid_response(tmp_path: Path, body: Any) -> None:
    with pytest.raises(QuotaError) as info:
        _fetch(tmp_path, body)
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


_KEYS = st.sampled_from([
    "plan_type", "rate_limit", "primary_window", "secondary_window", "used_percent",
    "limit_window_seconds", "reset_at", "reset_after_seconds", "limit_reached", "credits",
    "balance", "unlimited", "code_review_rate_limit", "additional_rate_limits", "limit_name",
    "spend_control", "individual_limit", "remaining_percent",
])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_parser_never_raises_anything_but_quota_errors(data: Any) -> None:
    try:
        _, windows, details = openai.parse_usage(data, NOW)
    except QuotaError as exc:
        assert exc.kind is ErrorKind.INVALID_RESPONSE
        return
    for window in windows:
        assert window.used_percent is None or 0 <= window.used_percent <= 1000
    assert len({w.id for w in windows}) == len(windows)
    assert all(isinstance(v, str) for _, v in details)


# ---------------------------------------------------------------------------- HTTP failures
@pytest.mark.parametrize("status, kind", [
    (401, ErrorKind.HTTP_ERROR), (403, ErrorKind.HTTP_ERROR),
    (500, ErrorKind.HTTP_ERROR), (503, ErrorKind.HTTP_ERROR),
])
def test_http_errors_flow_out(tmp_path: Path, status: int, kind: ErrorKind) -> None:
    access = token()
    ref = _ref(tmp_path, access)
    echo = {"detail": f"bad token {access}"}  # a server echoing the token must not leak it
    with pytest.raises(QuotaError) as info:
        openai.fetch(context(answer(echo, status)), ref)
    assert (info.value.kind, info.value.info.status) == (kind, status)
    assert access not in str(info.value) and access not in info.value.info.detail


def test_429_carries_retry_after(tmp_path: Path) -> None:
    with pytest.raises(QuotaError) as info:
        _fetch(tmp_path, {"detail": "slow down"}, 429, headers={"Retry-After": "42"})
    assert info.value.kind is ErrorKind.RATE_LIMITED and info.value.info.retry_after == 42


def test_timeout_and_non_json(tmp_path: Path) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(QuotaError) as info:
        openai.fetch(context(slow), _ref(tmp_path))
    assert info.value.kind is ErrorKind.TIMEOUT
    with pytest.raises(QuotaError) as info:
        _fetch(tmp_path, b"<html>oops</html>")
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


def test_engine_reports_failures_per_account(tmp_path: Path) -> None:
    auth = {"openai": entry(token())}
    with engine(auth, tmp_path, answer({"detail": "Unauthorized"}, 401)) as eng:
        account = eng.refresh().providers[0].accounts[0]
    assert account.error is not None and account.error.kind is ErrorKind.HTTP_ERROR
    assert (account.error.status, account.error.provider, account.label) == (401, "OpenAI",
                                                                            "dev@example.com")


# ---------------------------------------------------------------------------- simulator
def _sim_engine(sim: Simulator, workdir: Path, **env_extra: str) -> tuple[Engine, dict[str, str]]:
    """The demo's OpenCode account alone (its Codex login, a second account, is left out:
    tests/providers/test_openai_accounts.py covers the two sources together)."""
    env = {**demo_environment(sim, workdir), "CODEX_HOME": str(workdir / "no-codex"), **env_extra}
    loader = CredentialLoader(environ=env, pat_store=MemoryPatStore())
    return Engine(loader, environ=env, providers=(openai.SPEC,)), env


@pytest.mark.parametrize("scenario, plan, expected, details", [
    ("healthy", "plus", {"5h": 46, "weekly": 23}, ()),
    ("high", "plus", {"5h": 91, "weekly": 23}, ()),
    ("weekly_only", "free", {"weekly": 58}, ()),
    ("monthly", "plus", {"5h": 12, "monthly": 41.5}, ()),
    ("team", "team", {"5h": 46, "weekly": 23}, ()),
    ("pro_full", "pro", {"5h": 46, "weekly": 23, "code-review": 12, "extra-codex-spark-5h": 8,
                         "extra-codex-spark-weekly": 3}, (("Credits", "12.50"),)),
    ("spend_control", "team", {"spend-control": 62}, ()),
    ("limit_reached", "plus", {"5h": 100, "weekly": 64}, ()),
    ("null_secondary", "plus", {"5h": 46}, ()),
])
def test_simulator_scenarios_through_the_engine(
    tmp_path: Path, scenario: str, plan: str, expected: dict[str, float], details: Any
) -> None:
    with Simulator({"openai": scenario}) as sim:
        eng, env = _sim_engine(sim, tmp_path)
        auth_file = Path(env["XDG_DATA_HOME"]) / "opencode" / "auth.json"
        before = hashlib.sha256(auth_file.read_bytes()).hexdigest()
        with eng:
            snap = eng.refresh()
        requests = list(sim.received)
    (provider,) = snap.providers
    (account,) = provider.accounts
    assert account.ok, account.error
    assert (provider.id, provider.name, account.label) == ("openai", "OpenAI", DEMO_EMAIL)
    assert account.plan == plan and account.details == details
    assert {w.id: w.used_percent for w in account.windows} == expected
    assert all(w.resets_at is not None and w.resets_at > snap.generated_at for w in account.windows)
    assert account.token_expires_at is not None
    assert account.token_expires_at > snap.generated_at + timedelta(days=300)
    access = json.loads(auth_file.read_text("utf-8"))["openai"]["access"]
    assert access not in repr(snap) and DEMO_REFRESH not in repr(snap)
    # one GET per refresh, with the account header; nothing refreshed, auth.json untouched
    assert [(r.method, r.path) for r in requests] == [("GET", "/backend-api/wham/usage")]
    assert requests[0].headers["authorization"] == f"Bearer {access}"
    assert requests[0].headers["chatgpt-account-id"] == DEMO_ACCOUNT_ID
    assert hashlib.sha256(auth_file.read_bytes()).hexdigest() == before


def test_simulator_team_without_account_id_is_refused(tmp_path: Path) -> None:
    claims = demo_claims()
    del claims["https://api.openai.com/auth"]
    access = make_jwt(claims)
    content = json.dumps({"openai": {"type": "oauth", "access": access, "refresh": DEMO_REFRESH}})
    with Simulator({"openai": "team"}) as sim:
        eng, _ = _sim_engine(sim, tmp_path, OPENCODE_AUTH_CONTENT=content)
        with eng:
            account = eng.refresh().providers[0].accounts[0]
        assert "chatgpt-account-id" not in sim.received[0].headers
    assert account.error is not None
    assert (account.error.kind, account.error.status) == (ErrorKind.HTTP_ERROR, 403)
    assert access not in repr(account)


@pytest.mark.parametrize("scenario, kind, status", [
    ("http_401", ErrorKind.HTTP_ERROR, 401),
    ("http_429", ErrorKind.RATE_LIMITED, 429),
    ("http_500", ErrorKind.HTTP_ERROR, 500),
    ("malformed", ErrorKind.INVALID_RESPONSE, 200),
    ("wrong_types", ErrorKind.INVALID_RESPONSE, None),
    ("empty", ErrorKind.INVALID_RESPONSE, None),
])
def test_simulator_faults_become_error_kinds(
    tmp_path: Path, scenario: str, kind: ErrorKind, status: int | None
) -> None:
    with Simulator({"openai": scenario}) as sim:
        eng, _ = _sim_engine(sim, tmp_path)
        with eng:
            snap = eng.refresh()
    account = snap.providers[0].accounts[0]
    assert account.error is not None and account.windows == ()
    assert (account.error.kind, account.error.status) == (kind, status)
    if kind is ErrorKind.RATE_LIMITED:
        assert account.error.retry_after == 30


# ---------------------------------------------------------------------------- CDN challenge
@pytest.mark.parametrize("scenario, detail", [
    ("cdn_challenge", "cf-mitigated: challenge"),
    ("blocked_html", "(HTML page)"),
])
def test_a_challenge_page_is_a_blocked_path_not_an_invalid_token(
    tmp_path: Path, scenario: str, detail: str
) -> None:
    """provider-facts §2: a 403 with an HTML body or `cf-mitigated: challenge` is a CDN block
    (retry later); telling the user to log in again would be wrong advice."""
    from tray_app.i18n import error_text
    from tray_app.monitoring.state import is_transient

    with Simulator({"openai": scenario}) as sim:
        eng, _ = _sim_engine(sim, tmp_path)
        with eng:
            account = eng.refresh().providers[0].accounts[0]
    error = account.error
    assert error is not None and account.windows == ()
    assert (error.kind, error.status, error.detail) == (ErrorKind.NETWORK_BLOCKED, 403, detail)
    assert is_transient(error)  # kept the last numbers, retried with backoff
    message, fix = error_text(error, "en")
    assert "OpenAI" in message and "challenge" in message and "not about your token" in message
    assert "VPN" in fix and "log in again" not in fix.lower().replace("logging in again", "")
    auth_fix = error_text(ErrorInfo(ErrorKind.HTTP_ERROR, provider="OpenAI", status=403), "en")[1]
    assert fix != auth_fix
    for lang in ("zh-TW", "zh-CN"):
        message, fix = error_text(error, lang)
        assert "CDN" in message and "VPN" in fix and "{" not in message + fix


def test_a_json_403_is_still_a_token_problem(tmp_path: Path) -> None:
    with pytest.raises(QuotaError) as info:
        _fetch(tmp_path, {"detail": "Forbidden"}, 403)
    assert info.value.kind is ErrorKind.HTTP_ERROR
