"""Property tests: every parser of data we do not control (provider answers, the other
programs' credential files, our own saved state and config) takes ANY JSON value and either
returns a result or raises `QuotaError`, never anything else. Besides arbitrary JSON, each
parser gets "shaped" JSON built from its own field names, so the generated values reach deep
into it (numbers as strings, huge integers, NaN, dates, nulls where objects belong...)."""

from __future__ import annotations

import base64
import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tray_app import config
from tray_app.credentials import CredentialSet
from tray_app.credentials.antigravity import AccountsFile, parse_accounts
from tray_app.credentials.claude import ClaudeSources, parse_login
from tray_app.credentials.copilot_pat import CopilotPat
from tray_app.credentials.files import parse_json_object
from tray_app.credentials.opencode import AuthFile, _entries
from tray_app.errors import QuotaError
from tray_app.model import Window
from tray_app.monitoring import store
from tray_app.providers import (
    antigravity,
    claude,
    copilot_parse,
    kimi,
    minimax,
    openai,
    opencode_go,
    zhipu,
)
from tray_app.providers.registry import REGISTRY
from tray_app.secrets import Secret

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_SCALARS = (
    st.none() | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.just(10**400)  # json.loads gives Python ints of any size; float() of it overflows
    | st.sampled_from([10**400, -(10**400), 1_900_000_000_000, 1_800_000_000, -1, 0, 1, 5, 6])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "0", "-1", "12.5", "12.5%", "1e309", "nan", "Infinity", "2026-12-01",
                      "2026-12-01T10:00:00Z", "2026-12-01T10:00:00.1234567+08:00", "9999-99-99",
                      "TOKENS_LIMIT", "TIME_LIMIT", "CREDIT_LIMIT", "oauth", "api", "1//x",
                      "gemini-3-pro-high", "claude-opus", "gpt-oss", "2026-12-01 10:00:00 UTC"])
)


def json_values(keys: Sequence[str] = ()) -> st.SearchStrategy[Any]:
    """Any JSON value; with `keys`, objects mostly use those field names."""
    key = st.sampled_from(list(keys)) | st.text(max_size=6) if keys else st.text(max_size=8)
    return st.recursive(
        _SCALARS,
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(key, children, max_size=7),
        max_leaves=30,
    )


ZHIPU = ("code", "msg", "message", "success", "data", "limits", "level", "planName", "type",
         "unit", "number", "usage", "currentValue", "remaining", "percentage", "nextResetTime",
         "usageDetails", "modelCode")
OPENAI = ("plan_type", "rate_limit", "primary_window", "secondary_window", "used_percent",
          "limit_window_seconds", "reset_after_seconds", "reset_at", "limit_reached",
          "code_review_rate_limit", "additional_rate_limits", "limit_name", "metered_feature",
          "spend_control", "individual_limit", "remaining_percent", "credits", "has_credits",
          "unlimited", "balance")
COPILOT = ("quota_snapshots", "premium_interactions", "chat", "completions", "entitlement",
           "remaining", "quota_remaining", "percent_remaining", "unlimited", "overage_count",
           "credits_used", "copilot_plan", "access_type_sku", "quota_reset_date",
           "token_based_billing", "quota_reset_date_utc", "monthly_quotas", "limited_user_quotas",
           "limited_user_reset_date", "usageItems", "grossQuantity", "discountQuantity",
           "netQuantity", "netAmount", "model", "timePeriod")
GOOGLE = ("groups", "buckets", "displayName", "bucketId", "remainingFraction", "resetTime",
          "disabled", "response", "summary", "models", "quotaInfo", "id", "name", "model",
          "gemini-3-pro-high", "claude-sonnet-4-6", "gpt-oss-120b-medium", "gemini-3-flash")
ACCOUNTS = ("version", "accounts", "email", "refreshToken", "projectId", "managedProjectId",
            "enabled", "verificationRequired", "verificationUrl", "rateLimitResetTimes", "id",
            "claude", "gemini-antigravity")
AUTH = ("openai", "zhipuai-coding-plan", "zai-coding-plan", "github-copilot",
        "github-copilot-enterprise", "type", "key", "access", "refresh", "expires",
        "accountId", "enterpriseUrl", "token", "anthropic")
CLAUDE = ("five_hour", "seven_day", "seven_day_sonnet", "seven_day_opus", "seven_day_cowork",
          "utilization", "resets_at", "limits", "kind", "weekly_scoped", "session",
          "weekly_all", "percent", "scope", "model", "display_name", "id", "group",
          "extra_usage", "is_enabled", "monthly_limit", "used_credits", "currency",
          "decimal_places", "spend")
CLAUDE_LOGIN = ("claudeAiOauth", "mcpOAuth", "accessToken", "refreshToken", "expiresAt",
                "scopes", "subscriptionType", "rateLimitTier", "user:profile")


def _sane(windows: Sequence[Window]) -> None:
    for window in windows:
        assert window.used_percent is None or (
            math.isfinite(window.used_percent) and 0 <= window.used_percent <= 1000)
    assert len({w.id for w in windows}) == len(windows), [w.id for w in windows]


@FAST
@given(json_values(ZHIPU))
@example({"code": 200, "data": {"limits": [{"percentage": 10**400, "usage": 10**400}]}})
def test_zhipu_parse_response(data: Any) -> None:
    try:
        _, windows = zhipu.parse_response(data, "Z.ai")
    except QuotaError:
        return
    _sane(windows)


@FAST
@given(json_values(OPENAI))
@example({"rate_limit": {"primary_window": {"used_percent": 10**400, "reset_at": 10**400}}})
def test_openai_parse_usage(data: Any) -> None:
    try:
        _, windows, details = openai.parse_usage(data, NOW)
    except QuotaError:
        return
    _sane(windows)
    assert all(isinstance(v, str) for _, v in details)


@FAST
@given(json_values(CLAUDE))
@example({"five_hour": {"utilization": 10**400, "resets_at": 10**400},
          "extra_usage": {"is_enabled": True, "monthly_limit": 10**400, "used_credits": 1e308,
                          "decimal_places": 10**400}})
@example({"extra_usage": {"is_enabled": True, "monthly_limit": 1e-320, "used_credits": 1e308}})
def test_claude_parse_usage(data: Any) -> None:
    try:
        windows, details = claude.parse_usage(data)
    except QuotaError:
        return
    _sane(windows)
    assert all(w.used_percent is not None for w in windows)  # null is never shown as 0 %
    assert all(isinstance(v, str) for _, v in details)


@FAST
@given(st.dictionaries(st.sampled_from(list(CLAUDE_LOGIN)) | st.text(max_size=6),
                       json_values(CLAUDE_LOGIN), max_size=4))
def test_claude_login_and_discovery(data: dict[str, Any]) -> None:
    """Any `.credentials.json` object: parsing and discovery (no network) never crash."""
    login = parse_login(data, "credentials.json")
    creds = CredentialSet(
        auth=AuthFile(source=""), antigravity=AccountsFile(""), copilot_pat=CopilotPat(),
        settings=config.Settings(), claude=ClaudeSources(login=login, email="a@b.c"),
    )
    for ref in claude.discover(creds, NOW):
        assert isinstance(ref.label, str) and (ref.error is None) == (ref.payload is not None)


def _jwt(claims: Any) -> str:
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJub25lIn0.{body}.sig"


@FAST
@given(st.text(max_size=60) | json_values(("exp", "email", openai.PROFILE_CLAIM)).map(_jwt))
def test_openai_jwt_claims(token: str) -> None:
    assert isinstance(openai.jwt_claims(token), Mapping)


@FAST
@given(json_values(COPILOT))
@example({"quota_snapshots": {"chat": {"entitlement": 10**400, "remaining": 1}}})
def test_copilot_parse_user(data: Any) -> None:
    try:
        account = copilot_parse.parse_user(data, provider="GitHub Copilot")
    except QuotaError:
        return
    _sane(account.windows)


@FAST
@given(json_values(COPILOT), st.booleans(),
       st.none() | st.floats(min_value=0.001, max_value=1e9) | st.sampled_from([300.0, 1e308]))
@example({"usageItems": [{"grossQuantity": 1e308, "discountQuantity": 1e308}] * 2}, True, 300.0)
def test_copilot_parse_billing(data: Any, credits: bool, allowance: float | None) -> None:
    try:
        account = copilot_parse.parse_billing(data, credits=credits, allowance=allowance,
                                              now=NOW, provider="GitHub Copilot")
    except QuotaError:
        return
    _sane(account.windows)


@FAST
@given(st.none() | st.text(max_size=40) | _SCALARS.filter(lambda v: isinstance(v, str)))
def test_copilot_parse_expiration(value: str | None) -> None:
    result = copilot_parse.parse_expiration(value)
    assert result is None or result.tzinfo is not None


@FAST
@given(json_values(GOOGLE), st.booleans())
@example({"groups": [{"buckets": [{"bucketId": "x", "remainingFraction": 10**400}]}]}, False)
@example({"groups": [{"displayName": "Gemini Models",
                      "buckets": [{"bucketId": "gemini-5h", "remainingFraction": 1}]}]}, True)
def test_antigravity_parse_summary(data: Any, production: bool) -> None:
    try:
        windows = antigravity.parse_summary(data, production=production)
    except QuotaError:
        return
    _sane(windows)
    if production:  # the host's Gemini sentinel is never shown as "100 % left"
        for w in windows:
            if w.used_percent == 0.0:
                assert "gemini" not in f"{w.id} {w.label}".lower() or w.id.startswith("3p"), w


@FAST
@given(st.integers(1, 10**12), st.integers(0, 10**13), _SCALARS,
       st.sampled_from(["TOKENS_LIMIT", "CREDIT_LIMIT", "TIME_LIMIT", "X"]),
       st.sampled_from([str, int, float]))
@example(12000, 1438, 11, "CREDIT_LIMIT", int)
def test_zhipu_exact_figures_win_over_the_rounded_percentage(
    capacity: int, used: int, percentage: Any, kind: str, as_type: Any
) -> None:
    row = {"type": kind, "unit": 3, "number": 5, "usage": as_type(capacity),
           "currentValue": as_type(used), "percentage": percentage}
    _, (window,) = zhipu.parse_response({"code": 200, "data": {"limits": [row]}}, "Z.ai")
    exact = min(1000.0, float(as_type(used)) / float(as_type(capacity)) * 100.0)
    assert window.used_percent is not None
    assert math.isclose(window.used_percent, exact, rel_tol=1e-9, abs_tol=1e-9)


@FAST
@given(st.sampled_from([-1, "-1", -1.0]), _SCALARS, _SCALARS,
       st.sampled_from(["chat", "completions", "premium_interactions", "other"]))
def test_copilot_minus_one_entitlement_is_unlimited(
    entitlement: Any, remaining: Any, percent: Any, name: str
) -> None:
    snap = {"entitlement": entitlement, "remaining": remaining, "percent_remaining": percent}
    account = copilot_parse.parse_user({"quota_snapshots": {name: snap}}, provider="p")
    (window,) = account.windows
    assert window.unlimited and window.used_percent is None


@FAST
@given(st.text(max_size=20) | st.sampled_from(["pro", "Pro+", " MAX ", "business", "1500",
                                                 "-3", "0", "nan", "1e400", "enterprise"]))
def test_copilot_credit_allowance(plan: str) -> None:
    allowance = copilot_parse.credit_allowance(plan)
    assert allowance is None or (math.isfinite(allowance) and allowance > 0)


@FAST
@given(json_values(GOOGLE), st.dictionaries(
    st.sampled_from(["claude", "gemini-antigravity", "gpt", "x"]) | st.text(max_size=8),
    st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(2**70), 2**70), max_size=4))
def test_antigravity_parse_models(data: Any, resets: dict[str, float]) -> None:
    limited = antigravity.rate_limited_families(resets, NOW)
    try:
        _sane(antigravity.parse_models(data, limited, NOW))
    except QuotaError:
        return


@FAST
@given(st.dictionaries(st.sampled_from(list(ACCOUNTS)) | st.text(max_size=6),
                       json_values(ACCOUNTS), max_size=6))
@example({"accounts": [{"refreshToken": "1//x", "rateLimitResetTimes": {"claude": 10**400}}]})
def test_parse_accounts_file(data: dict[str, Any]) -> None:
    result = parse_accounts(data, "/x/antigravity-accounts.json")
    assert all(isinstance(a.email, str) for a in result.accounts)


@FAST
@given(st.binary(max_size=200) | json_values(AUTH).map(lambda v: json.dumps(v).encode())
       | st.text(max_size=100))
def test_parse_json_object(raw: bytes | str) -> None:
    try:
        assert isinstance(parse_json_object(raw, source="auth.json"), dict)
    except QuotaError:
        return


@FAST
@given(st.dictionaries(st.sampled_from(list(AUTH)) | st.text(max_size=6), json_values(AUTH),
                       max_size=6),
       st.dictionaries(st.sampled_from(list(ACCOUNTS)) | st.text(max_size=6),
                       json_values(ACCOUNTS), max_size=4))
def test_every_provider_discovers_from_any_credentials(
    auth: dict[str, Any], accounts: dict[str, Any]
) -> None:
    """Any auth.json object and accounts file: discovery (no network) never crashes."""
    creds = CredentialSet(
        auth=AuthFile(source="auth.json", entries=_entries(auth), found=True),
        antigravity=parse_accounts(accounts, "accounts.json") if accounts else AccountsFile(""),
        copilot_pat=CopilotPat(),
        settings=config.Settings(),
    )
    for spec in REGISTRY:
        try:
            refs = spec.discover(creds, NOW)
        except QuotaError:
            continue
        assert all(isinstance(r.label, str) for r in refs)


@FAST
@given(st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(config.Settings)])
                       | st.text(max_size=6), json_values(), max_size=8))
def test_config_from_any_mapping(data: dict[str, Any]) -> None:
    settings = config.from_mapping(data)
    assert settings.refresh_minutes in config.REFRESH_CHOICES and 1 <= settings.threshold <= 100


@FAST
@given(json_values(("schema", "providers", "problems", "updated_at", "id", "name", "accounts",
                    "windows", "label", "used_percent", "resets_at", "error", "kind", "status",
                    "detail", "extra", "details", "notices", "params", "last_success")))
def test_saved_view_loads_or_is_set_aside(tmp_path_factory: Any, data: Any) -> None:
    path: Path = tmp_path_factory.mktemp("view") / "last_view.json"
    path.write_text(json.dumps(data), "utf-8")
    view = store.load_view(path)
    assert view is None or view.from_disk


# ------------------------------------------------------- OpenCode Go, Kimi for Coding, MiniMax
def _shaped(keys: Sequence[str], values: Sequence[Any]) -> st.SearchStrategy[Any]:
    """Like json_values(keys), with the provider's own enum-like values mixed in."""
    key = st.sampled_from(list(keys)) | st.text(max_size=6)
    return st.recursive(
        _SCALARS | st.sampled_from(list(values)),
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(key, children, max_size=7),
        max_leaves=30,
    )


OPENCODE_GO = ("usage", "data", "rolling", "weekly", "monthly", "status", "percent",
               "usagePercent", "resetsAt", "resetInSec")
KIMI = ("data", "user", "membership", "level", "membershipLevel", "usage", "limits", "window",
        "duration", "timeUnit", "detail", "limit", "used", "remaining", "resetTime", "resetAt",
        "code", "message", "parallel")
MINIMAX = ("base_resp", "status_code", "status_msg", "model_remains", "data", "model_name",
           "start_time", "end_time", "remains_time", "current_interval_total_count",
           "current_interval_usage_count", "current_interval_remaining_percent",
           "current_interval_status", "current_weekly_total_count", "current_weekly_usage_count",
           "current_weekly_remaining_percent", "current_weekly_status", "weekly_start_time",
           "weekly_end_time", "weekly_remains_time", "current_subscribe_title")


def _lengths(windows: Sequence[Window]) -> None:
    _sane(windows)
    for window in windows:
        assert window.window_seconds is None or window.window_seconds > 0
        assert window.used is None or (window.limit is not None and window.used >= 0)


@FAST
@given(_shaped(OPENCODE_GO, ["ok", "exceeded", "limited", "rolling", 100, 2**40]))
@example({"usage": {"monthly": {"percent": 10**400, "resetsAt": "9999-12-31"}}})
@example({"usage": {"monthly": {"resetsAt": "2026-03-31T00:00:00Z"}}})
def test_opencode_go_parse_response(data: Any) -> None:
    try:
        windows = opencode_go.parse_response(data, NOW)
    except QuotaError:
        return
    assert windows
    _lengths(windows)


@FAST
@given(_shaped(KIMI, ["TIME_UNIT_MINUTE", "TIME_UNIT_HOUR", "TIME_UNIT_DAY", "LEVEL_BASIC",
                      "LEVEL_", 300, "300", "100", "26"]))
@example({"limits": [{"window": {"duration": 10**400, "timeUnit": "TIME_UNIT_DAY"},
                      "detail": {"limit": "1e308", "used": "1e308"}}]})
def test_kimi_parse_response(data: Any) -> None:
    try:
        _, windows = kimi.parse_response(data)
    except QuotaError:
        return
    _lengths(windows)


@FAST
@given(_shaped(MINIMAX, [0, 1, 2, 3, 1500, "general", "video", 1_796_227_200_000]),
       st.sampled_from(["sk-cp-property-key-0001", "payg-property-key-0002"]))
@example({"model_remains": [{"current_interval_total_count": 1e308,
                             "current_interval_usage_count": -1e308}]}, "sk-cp-x-0123456789")
def test_minimax_parse_response(data: Any, key: str) -> None:
    try:
        _, windows = minimax.parse_response(data, minimax.MiniMaxKey(Secret(key), "global"), NOW)
    except QuotaError:
        return
    assert windows
    _lengths(windows)


@FAST
@given(st.dictionaries(st.sampled_from(["opencode-go", "kimi-for-coding", "minimax-coding-plan",
                                        "minimax-cn-coding-plan", "type", "key"]),
                       json_values(("type", "key", "api")), max_size=5),
       st.dictionaries(st.sampled_from(["OPENCODE_API_KEY", "KIMI_API_KEY", "MINIMAX_API_KEY"]),
                       st.text(max_size=20), max_size=3),
       st.sampled_from(["", "cn", "global", "CN "]))
def test_api_key_providers_discover_from_any_entries_and_environment(
    auth: dict[str, Any], environ: dict[str, str], region: str
) -> None:
    creds = CredentialSet(
        auth=AuthFile(source="auth.json", entries=_entries(auth), found=True),
        antigravity=AccountsFile(""), copilot_pat=CopilotPat(),
        settings=config.Settings(minimax_region=region), environ=environ,
    )
    for spec in (opencode_go.SPEC, kimi.SPEC, minimax.SPEC):
        refs = spec.discover(creds, NOW)
        assert all("****" in r.label for r in refs)  # a masked key, never the key
        secrets = [getattr(r.payload, "secret", r.payload) for r in refs]
        assert len(set(secrets)) == len(secrets)  # the same key twice is one account
