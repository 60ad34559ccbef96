"""Google Antigravity provider: token cache, summary/models paths, families, errors; then the
real engine against the simulator (3 accounts concurrently, request budget, one bad account)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import error_text
from tray_app.model import Snapshot
from tray_app.net.http import HttpClient
from tray_app.providers import antigravity as ag
from tray_app.providers.base import AccountRef, Context
from tray_app.secrets import Secret
from tray_app.simulator import sim_antigravity
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.server import Simulator

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
REFRESH = "1//test-refresh-Zk3qP9wL2mX7"
SUMMARY = "https://antigravity.test/v1internal:retrieveUserQuotaSummary"
MODELS = "https://antigravity.test/v1internal:fetchAvailableModels"
DAILY = "https://antigravity_daily.test/v1internal:retrieveUserQuotaSummary"
TOKEN = "https://google_oauth.test/token"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Api:
    """A scripted Google: token endpoint + quota endpoints, recording every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.tokens_issued = 0
        self.expires_in: Any = 3600
        self.token_answer: tuple[int, Any] | None = None
        self.summary: tuple[int, Any] = (200, {"groups": [_group()]})
        self.daily: tuple[int, Any] | None = None  # None: the daily host answers as production
        self.models: tuple[int, Any] = (200, {"models": {}})
        self.reject_tokens: set[str] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url == TOKEN:
            if self.token_answer is not None:
                status, body = self.token_answer
                return httpx.Response(status, json=body)
            self.tokens_issued += 1
            return httpx.Response(
                200,
                json={
                    "access_token": f"ya29.access-{self.tokens_issued}",
                    "expires_in": self.expires_in,
                },
            )
        bearer = request.headers.get("authorization", "")[7:]
        if bearer in self.reject_tokens:
            return httpx.Response(401, json={"error": {"code": 401, "status": "UNAUTHENTICATED"}})
        if url == DAILY:
            status, body = self.daily or self.summary
        else:
            status, body = self.summary if url == SUMMARY else self.models
        if isinstance(body, bytes):
            return httpx.Response(status, content=body)
        return httpx.Response(status, json=body)

    def count(self, url: str) -> int:
        return sum(1 for r in self.requests if str(r.url) == url)


def _group() -> dict[str, Any]:
    return {
        "displayName": "Gemini Models",
        "buckets": [
            {
                "bucketId": "gemini-5h",
                "displayName": "Gemini 5h",
                "remainingFraction": 0.25,
                "resetTime": "2026-11-01T15:00:00Z",
            },
            {
                "bucketId": "gemini-weekly",
                "remainingFraction": "0.9",
                "resetTime": "2026-11-05T00:00:00Z",
            },
            {"bucketId": "3p-5h", "remainingFraction": 1.7},
            {"bucketId": "3p-weekly", "remainingFraction": 0.1, "disabled": True},
            {"bucketId": "image-daily", "displayName": "Images · daily", "remainingFraction": 0.5},
        ],
    }


@pytest.fixture
def api() -> Api:
    return Api()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ctx(api: Api, clock: Clock) -> Iterator[Context]:
    http = HttpClient(transport=httpx.MockTransport(api))
    yield Context(http=http, base_url=lambda key: f"https://{key}.test", now=clock)
    http.close()


def _ref(project: str = "proj-1", refresh: str = REFRESH, **kw: Any) -> AccountRef:
    target = ag.Target(
        email="a@example.com", refresh_token=Secret(refresh), project_id=project, **kw
    )
    return AccountRef(label="a@example.com", payload=target)


def _windows(ctx: Context, ref: AccountRef | None = None) -> dict[str, Any]:
    return {w.id: w for w in ag.fetch(ctx, ref or _ref()).windows}


def _kind(fn: Callable[[], object]) -> QuotaError:
    with pytest.raises(QuotaError) as info:
        fn()
    return info.value


# ------------------------------------------------------------------ discovery
def _creds(tmp_path: Path, accounts: list[dict[str, Any]]) -> CredentialSet:
    cfg = tmp_path / "oc"
    cfg.mkdir()
    (cfg / "antigravity-accounts.json").write_text(json.dumps({"version": 4, "accounts": accounts}))
    env = {"HOME": str(tmp_path), "OPENCODE_CONFIG_DIR": str(cfg)}
    return CredentialLoader(environ=env, pat_store=MemoryPatStore()).load()


def test_discover_one_ref_per_enabled_account_with_per_account_errors(tmp_path: Path) -> None:
    creds = _creds(
        tmp_path,
        [
            {
                "email": "ok@x.com",
                "refreshToken": REFRESH,
                "managedProjectId": "managed-1",
                "projectId": "p",
            },
            {"email": "noproj@x.com", "refreshToken": "1//another-token-abc"},
            {"email": "notoken@x.com", "projectId": "p2"},
            {
                "email": "verify@x.com",
                "refreshToken": "1//third-token-xyz",
                "projectId": "p3",
                "verificationRequired": True,
                "verificationUrl": "https://accounts.google.com/v?x=1",
            },
            {
                "email": "off@x.com",
                "refreshToken": "1//off-token-123",
                "projectId": "p4",
                "enabled": False,
            },
        ],
    )
    refs = {r.label: r for r in ag.discover(creds, T0)}
    assert list(refs) == ["ok@x.com", "noproj@x.com", "notoken@x.com", "verify@x.com"]
    assert refs["ok@x.com"].error is None and refs["ok@x.com"].payload.project_id == "managed-1"
    missing = refs["noproj@x.com"].error
    assert missing is not None and missing.kind is ErrorKind.MISSING_PROJECT_ID
    assert missing.path == str(tmp_path / "oc" / "antigravity-accounts.json")
    assert "antigravity-accounts.json" in error_text(missing)[1]
    no_token = refs["notoken@x.com"].error
    assert no_token is not None and no_token.kind is ErrorKind.TOKEN_EXPIRED
    assert no_token.get("fix") == "fix.no_refresh_token_google"
    assert "refreshToken" in error_text(no_token, "zh-TW")[1]
    verify = refs["verify@x.com"].error
    assert verify is not None and verify.kind is ErrorKind.VERIFICATION_REQUIRED
    assert verify.get("url") == "https://accounts.google.com/v?x=1"
    assert REFRESH not in repr(refs["ok@x.com"])


# ------------------------------------------------------------------ access token
def test_token_request_form_headers_and_body(ctx: Context, api: Api) -> None:
    ag.fetch(ctx, _ref())
    token_req, quota_req = api.requests
    form = {k: v[0] for k, v in parse_qs(token_req.content.decode()).items()}
    assert form == {
        "grant_type": "refresh_token",
        "refresh_token": REFRESH,
        "client_id": ag.CLIENT_ID,
        "client_secret": ag.CLIENT_SECRET,
    }
    assert ag.CLIENT_ID.endswith(".apps.googleusercontent.com")
    assert quota_req.headers["authorization"] == "Bearer ya29.access-1"
    assert re.fullmatch(
        r"antigravity/\d+\.\d+\.\d+ (windows|darwin|linux)/\w+", quota_req.headers["user-agent"]
    )
    assert json.loads(quota_req.content) == {"project": "proj-1"}


def test_client_id_and_secret_overridable_by_env(
    ctx: Context, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MYSTATUS_GOOGLE_CLIENT_ID", "my-id.apps.googleusercontent.com")
    monkeypatch.setenv("MYSTATUS_GOOGLE_CLIENT_SECRET", "my-secret")
    ag.fetch(ctx, _ref())
    form = parse_qs(api.requests[0].content.decode())
    assert form["client_id"] == ["my-id.apps.googleusercontent.com"]
    assert form["client_secret"] == ["my-secret"]


def test_token_cached_until_60s_before_expiry(ctx: Context, api: Api, clock: Clock) -> None:
    api.expires_in = "3600"
    ag.fetch(ctx, _ref())
    clock.now = T0 + timedelta(seconds=3539)
    ag.fetch(ctx, _ref())
    assert api.tokens_issued == 1
    assert api.requests[-1].headers["authorization"] == "Bearer ya29.access-1"
    clock.now = T0 + timedelta(seconds=3540)
    ag.fetch(ctx, _ref())
    assert api.tokens_issued == 2
    assert api.requests[-1].headers["authorization"] == "Bearer ya29.access-2"


def test_token_cache_keyed_by_sha256_and_per_refresh_token(ctx: Context, api: Api) -> None:
    ag.fetch(ctx, _ref())
    ag.fetch(ctx, _ref(refresh="1//other-refresh-Qw8"))
    ag.fetch(ctx, _ref())
    assert api.tokens_issued == 2
    keys = " ".join(ctx.memory)
    assert REFRESH not in keys and "ya29.access" not in repr(ctx.memory)
    assert any(re.fullmatch(r"token:[0-9a-f]{64}", k) for k in ctx.memory)


@pytest.mark.parametrize("status", [400, 401])
def test_invalid_grant_is_token_expired_with_google_fix(
    ctx: Context, api: Api, status: int
) -> None:
    ag.fetch(ctx, _ref())
    ctx.memory[next(k for k in ctx.memory if k.startswith("token:"))] = (Secret("ya29.old-xyz"), T0)
    api.token_answer = (
        status,
        {"error": "invalid_grant", "error_description": "Token has been revoked."},
    )
    err = _kind(lambda: ag.fetch(ctx, _ref()))
    assert err.kind is ErrorKind.TOKEN_EXPIRED and err.info.get("fix") == "fix.token_expired_google"
    assert "invalid_grant" in error_text(err.info)[1]
    assert not any(k.startswith("token:") for k in ctx.memory)


def test_other_token_errors_flow_from_http_client(ctx: Context, api: Api) -> None:
    api.token_answer = (400, {"error": "invalid_client"})
    assert _kind(lambda: ag.fetch(ctx, _ref())).info.status == 400
    api.token_answer = (200, {"token_type": "Bearer"})
    assert _kind(lambda: ag.fetch(ctx, _ref())).kind is ErrorKind.INVALID_RESPONSE


def test_401_on_quota_drops_token_and_retries_once(ctx: Context, api: Api) -> None:
    ag.fetch(ctx, _ref())
    api.reject_tokens.add("ya29.access-1")
    assert "gemini-5h" in _windows(ctx)
    assert api.tokens_issued == 2
    assert api.requests[-1].headers["authorization"] == "Bearer ya29.access-2"


def test_401_twice_is_an_http_error_after_exactly_one_retry(ctx: Context, api: Api) -> None:
    api.reject_tokens.update({"ya29.access-1", "ya29.access-2"})
    err = _kind(lambda: ag.fetch(ctx, _ref()))
    assert err.kind is ErrorKind.HTTP_ERROR and err.info.status == 401
    assert api.tokens_issued == 2 and api.count(DAILY) == 2 and api.count(SUMMARY) == 0
    assert not any(k.startswith("token:") for k in ctx.memory)


# ------------------------------------------------------------------ summary (pooled buckets)
def test_summary_buckets_become_windows(ctx: Context) -> None:
    w = _windows(ctx)
    assert list(w) == ["gemini-5h", "gemini-weekly", "3p-5h", "image-daily"]  # disabled skipped
    assert w["gemini-5h"].used_percent == 75.0 and w["gemini-5h"].label == "Gemini 5h"
    assert w["gemini-5h"].label_key == "window.gemini_5h"
    assert w["gemini-5h"].resets_at == datetime(2026, 11, 1, 15, tzinfo=timezone.utc)
    assert w["gemini-weekly"].used_percent == 10.0 and w["gemini-weekly"].label == "Gemini · weekly"
    assert w["3p-5h"].used_percent == 0.0  # fraction > 1 clamped
    assert w["image-daily"].label == "Images · daily" and w["image-daily"].label_key == ""


@pytest.mark.parametrize("wrapper", ["response", "summary"])
def test_summary_wrapped(ctx: Context, api: Api, wrapper: str) -> None:
    api.summary = (200, {wrapper: {"groups": [_group()]}})
    assert _windows(ctx)["gemini-5h"].used_percent == 75.0
    assert api.count(MODELS) == 0


def test_bucket_without_fraction_is_unknown(ctx: Context, api: Api) -> None:
    api.summary = (200, {"groups": [{"buckets": [{"bucketId": "gemini-5h"}]}]})
    window = _windows(ctx)["gemini-5h"]
    assert window.used_percent is None and not window.known


MODELS_BODY = {"models": {"gemini-3-pro-high": {"quotaInfo": {"remainingFraction": 0.4}}}}


@pytest.mark.parametrize(
    "answer",
    [
        (404, {"error": {}}),
        (501, {"error": {}}),
        (200, {"groups": []}),
        (200, {}),
        (200, {"groups": [{"buckets": [{"disabled": True}]}]}),
    ],
)
def test_summary_unsupported_falls_back_and_is_remembered(
    ctx: Context, api: Api, clock: Clock, answer: tuple[int, Any]
) -> None:
    api.summary, api.models = answer, (200, MODELS_BODY)
    assert _windows(ctx)["gemini-pro"].used_percent == 60.0
    for _ in range(3):
        clock.now += timedelta(minutes=5)
        ag.fetch(ctx, _ref())
    assert api.count(SUMMARY) == 1 and api.count(MODELS) == 4  # steady state: one call
    clock.now += ag.SUMMARY_RETRY  # re-probed now and then, in case the server gained it
    api.summary = (200, {"groups": [_group()]})
    assert "gemini-5h" in _windows(ctx)
    ag.fetch(ctx, _ref())
    assert api.count(DAILY) == 3 and api.count(SUMMARY) == 1 and api.count(MODELS) == 4


def test_summary_memory_is_per_account(ctx: Context, api: Api) -> None:
    api.summary, api.models = (404, {}), (200, MODELS_BODY)
    ag.fetch(ctx, _ref("proj-a"))
    ag.fetch(ctx, _ref("proj-b"))
    assert api.count(SUMMARY) == 2


def test_summary_server_error_is_not_treated_as_unsupported(ctx: Context, api: Api) -> None:
    api.summary = (500, {"error": {"message": "backend"}})
    assert _kind(lambda: ag.fetch(ctx, _ref())).info.status == 500
    api.summary = (200, {"groups": [_group()]})
    assert "gemini-5h" in _windows(ctx) and api.count(MODELS) == 0


# ------------------------------------------------------------------ models (families)
@pytest.mark.parametrize(
    ("model_id", "family"),
    [
        ("gemini-3-pro-high", "gemini-pro"),
        ("gemini-3.1-pro-preview", "gemini-pro"),
        ("gemini-3-flash", "gemini-flash"),
        ("gemini-2.5-flash-lite", "gemini-flash"),
        ("gemini-3-pro-image", "gemini-image"),
        ("imagen-5", "gemini-image"),
        ("claude-opus-4-6-thinking", "claude"),
        ("claude-quill-9", "claude"),
        ("gpt-oss-120b-medium", "gpt"),
        ("GPT-7-mini", "gpt"),
        ("tab_flash_lite_preview", "other"),
        ("nova-1", "other"),
    ],
)
def test_model_family_from_id(model_id: str, family: str) -> None:
    assert ag.model_family(model_id) == family


def _models(
    ctx: Context, api: Api, models: dict[str, Any], ref: AccountRef | None = None
) -> dict[str, Any]:
    api.summary, api.models = (404, {}), (200, {"models": models})
    return _windows(ctx, ref)


def test_family_window_is_its_worst_model(ctx: Context, api: Api) -> None:
    w = _models(
        ctx,
        api,
        {
            "gemini-4-pro-ultra": {
                "quotaInfo": {"remainingFraction": 0.7, "resetTime": "2026-11-01T13:00:00Z"}
            },
            "gemini-4-pro-mini": {
                "quotaInfo": {"remainingFraction": 0.2, "resetTime": "2026-11-01T14:00:00Z"}
            },
            "gemini-4-flash-nano": {"quotaInfo": {"remainingFraction": 2.5}},
            "claude-quill-5": {"quotaInfo": {"remainingFraction": "0.5"}},
            "gpt-oss-240b": {"quotaInfo": {"remainingFraction": -0.2}},
            "nova-1": {"quotaInfo": {"remainingFraction": 0.9}},
            "chat_20706": {"displayName": "internal"},  # no quotaInfo: not shown
        },
    )
    assert list(w) == ["gemini-pro", "gemini-flash", "claude", "gpt", "other"]
    assert w["gemini-pro"].used_percent == 80.0
    assert w["gemini-pro"].resets_at == datetime(2026, 11, 1, 14, tzinfo=timezone.utc)
    assert (
        w["gemini-pro"].label == "Gemini Pro" and w["gemini-pro"].label_key == "window.gemini_pro"
    )
    assert w["gemini-flash"].used_percent == 0.0  # fraction > 1 clamped
    assert w["gpt"].used_percent == 100.0
    assert w["claude"].used_percent == 50.0 and w["other"].label_key == "window.other"


def test_missing_fraction_and_reset_is_unknown_not_exhausted(ctx: Context, api: Api) -> None:
    """provider-facts §12: neither a fraction nor a reset = unknown, never 0 % or 100 %."""
    w = _models(ctx, api, {"claude-sonnet-4-6": {"quotaInfo": {}}})
    assert w["claude"].used_percent is None and not w["claude"].known


def test_missing_fraction_with_a_reset_is_exhausted(ctx: Context, api: Api) -> None:
    """provider-facts §12: proto3's JSON omits a zero, so a model with a `resetTime` and no
    `remainingFraction` has nothing left: 100 % used, with that reset."""
    w = _models(ctx, api, {"gpt-oss-120b": {"quotaInfo": {"resetTime": "2026-11-01T14:30:00Z"}},
                           "gemini-3-flash": {"quotaInfo": {"resetTime": "2026-11-01T11:00:00Z"}}})
    assert w["gpt"].used_percent == 100.0 and w["gpt"].known
    assert w["gpt"].resets_at == datetime(2026, 11, 1, 14, 30, tzinfo=timezone.utc)
    assert w["gemini-flash"].used_percent == 100.0


def test_a_null_fraction_beside_a_reset_stays_unknown(ctx: Context, api: Api) -> None:
    """Only an omitted field is proto3's zero; an explicit null is not a figure."""
    w = _models(ctx, api, {"gpt-oss-120b": {"quotaInfo": {"remainingFraction": None,
                                                          "resetTime": "2026-11-01T14:30:00Z"}}})
    assert w["gpt"].used_percent is None


def test_missing_fraction_with_rate_limit_in_accounts_file(ctx: Context, api: Api) -> None:
    until = T0 + timedelta(hours=2)
    ref = _ref(
        rate_limit_reset_ms={
            "claude": until.timestamp() * 1000,
            "gemini-antigravity": (T0 - timedelta(hours=1)).timestamp() * 1000,
        }
    )
    w = _models(
        ctx,
        api,
        {
            "claude-opus-4-6-thinking": {"quotaInfo": {}},
            "claude-sonnet-4-6": {"quotaInfo": {}},
            "gemini-3-pro-high": {"quotaInfo": {}},
        },
        ref,
    )
    assert w["claude"].used_percent == 100.0 and w["claude"].resets_at == until
    assert w["gemini-pro"].used_percent is None  # its file entry is in the past


def test_known_fraction_beats_missing_one_in_the_same_family(ctx: Context, api: Api) -> None:
    w = _models(
        ctx,
        api,
        {
            "claude-a": {"quotaInfo": {}},
            "claude-b": {"quotaInfo": {"remainingFraction": 0.3}},
            "claude-c": {"quotaInfo": {}},
        },
    )
    assert w["claude"].used_percent == 70.0


def test_rate_limited_families_from_plugin_keys() -> None:
    future = (T0 + timedelta(minutes=5)).timestamp() * 1000
    got = ag.rate_limited_families({"gemini-antigravity": future, "claude": future, "gpt": 0}, T0)
    assert set(got) == {"gemini-pro", "gemini-flash", "gemini-image", "claude"}


def test_models_not_an_object_is_invalid_response(ctx: Context, api: Api) -> None:
    api.summary, api.models = (404, {}), (200, {"models": "nope"})
    assert _kind(lambda: ag.fetch(ctx, _ref())).kind is ErrorKind.INVALID_RESPONSE
    api.models = (200, b"<html>oops</html>")
    assert _kind(lambda: ag.fetch(ctx, _ref())).kind is ErrorKind.INVALID_RESPONSE


# ------------------------------------------------------------------ 403 / other statuses
@pytest.mark.parametrize("message", ["VALIDATION_REQUIRED", "Please verify your account"])
def test_403_verification(ctx: Context, api: Api, message: str) -> None:
    api.summary = (403, {"error": {"code": 403, "message": message}})
    err = _kind(lambda: ag.fetch(ctx, _ref(verification_url="https://accounts.google.com/x")))
    assert err.kind is ErrorKind.VERIFICATION_REQUIRED
    assert err.info.get("url") == "https://accounts.google.com/x"
    assert "https://accounts.google.com/x" in error_text(err.info)[1]


def test_403_verification_url_from_body_when_file_has_none(ctx: Context, api: Api) -> None:
    # Google escapes "&" as \u0026 in JSON: the URL must still come out whole.
    body = (
        b'{"error": {"details": [{"reason": "VALIDATION_REQUIRED", "metadata": {"validation_url":'
        b' "https://accounts.google.com/signin/continue?sarp=1\\u0026scc=1"}}]}}'
    )
    api.summary = (403, body)
    err = _kind(lambda: ag.fetch(ctx, _ref()))
    assert err.info.get("url") == "https://accounts.google.com/signin/continue?sarp=1&scc=1"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (403, ErrorKind.HTTP_ERROR),
        (429, ErrorKind.RATE_LIMITED),
        (500, ErrorKind.HTTP_ERROR),
        (503, ErrorKind.HTTP_ERROR),
    ],
)
def test_other_statuses_flow_from_http_client(
    ctx: Context, api: Api, status: int, kind: ErrorKind
) -> None:
    api.summary = (status, {"error": {"message": "PERMISSION_DENIED"}})
    err = _kind(lambda: ag.fetch(ctx, _ref()))
    assert err.kind is kind and err.info.status == status


# ------------------------------------------------------------------ integration (simulator)
@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as server:
        yield server


def _engine(env: dict[str, str]) -> Engine:
    loader = CredentialLoader(environ=env, pat_store=MemoryPatStore())
    return Engine(loader, providers=(ag.SPEC,), environ=env)


def _accounts(snapshot: Snapshot) -> dict[str, Any]:
    usage = snapshot.provider("antigravity")
    assert usage is not None
    return {a.label: a for a in usage.accounts}


def _token_requests(sim: Simulator) -> dict[str, int]:
    out: dict[str, int] = {}
    for req in sim.received:
        if req.provider == "google-oauth":
            refresh = req.form()["refresh_token"]
            out[refresh] = out.get(refresh, 0) + 1
    return out


def test_demo_accounts_concurrently_one_token_and_one_quota_call_each(
    sim: Simulator, tmp_path: Path
) -> None:
    env = demo_environment(sim, tmp_path)
    quota_calls = []
    with _engine(env) as engine:
        for _ in range(3):
            before = sim.counts.copy()
            snapshot = engine.refresh()
            after = sim.counts
            quota_calls.append(
                sum(after[k] - before[k] for k in after if k.startswith("antigravity "))
            )
    accounts = _accounts(snapshot)
    assert sorted(accounts) == ["ada@sim.example", "grace@sim.example", "linus@sim.example"]
    assert all(a.ok for a in accounts.values())
    assert _token_requests(sim) == {refresh: 1 for _, _, refresh in sim_antigravity.DEMO_ACCOUNTS}
    assert quota_calls[1:] == [3, 3]
    assert quota_calls[0] == 5  # first refresh: grace probes the daily host and production
    assert {w.id for w in accounts["ada@sim.example"].windows} == set(ag.BUCKET_KEYS)
    assert {w.id for w in accounts["grace@sim.example"].windows} >= {"gemini-pro", "claude", "gpt"}
    assert max(w.used_percent or 0 for w in accounts["linus@sim.example"].windows) == 92.0
    text = repr(snapshot)
    for _, _, refresh in sim_antigravity.DEMO_ACCOUNTS:
        assert refresh not in text and refresh[4:] not in text
    assert "ya29" not in text


def test_account_without_project_fails_alone(sim: Simulator, tmp_path: Path) -> None:
    env = demo_environment(sim, tmp_path)
    path = Path(env["OPENCODE_CONFIG_DIR"]) / "antigravity-accounts.json"
    data = sim_antigravity.demo_accounts_file()
    data["accounts"].insert(
        1, {"email": "noproj@sim.example", "refreshToken": "1//sim-noproj-0Zz9"}
    )
    path.write_text(json.dumps(data))
    with _engine(env) as engine:
        accounts = _accounts(engine.refresh())
    bad = accounts.pop("noproj@sim.example")
    assert bad.error is not None and bad.error.kind is ErrorKind.MISSING_PROJECT_ID
    assert bad.error.path == str(path)
    assert len(accounts) == 3 and all(a.ok and a.windows for a in accounts.values())
    assert "1//sim-noproj-0Zz9" not in _token_requests(sim)


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        ("high", lambda w: max(x.used_percent or 0 for x in w.values()) == 92.0),
        ("no_summary", lambda w: "gemini-pro" in w and "gemini-5h" not in w),
        ("wrapped_summary", lambda w: set(w) == set(ag.BUCKET_KEYS)),
        (
            "fraction_missing",
            lambda w: w["claude"].used_percent is None and w["gpt"].used_percent == 100,
        ),
        (
            "fraction_over_one",
            lambda w: w["gemini-flash"].used_percent == 0 and w["gpt"].used_percent == 0,
        ),
        (
            "unknown_models",
            lambda w: (
                list(w) == ["gemini-pro", "gemini-flash", "gemini-image", "claude", "gpt", "other"]
            ),
        ),
    ],
)
def test_simulator_scenarios(
    sim: Simulator, tmp_path: Path, scenario: str, check: Callable[[dict[str, Any]], bool]
) -> None:
    sim.set_scenario("antigravity", scenario)
    with _engine(demo_environment(sim, tmp_path)) as engine:
        accounts = _accounts(engine.refresh())
    for account in accounts.values():
        assert account.ok, account.error
        assert check({w.id: w for w in account.windows}), (account.label, account.windows)


def test_simulator_verification_and_invalid_grant(sim: Simulator, tmp_path: Path) -> None:
    env = demo_environment(sim, tmp_path)
    sim.set_scenario("antigravity", "verification")
    with _engine(env) as engine:
        errors = [a.error for a in _accounts(engine.refresh()).values()]
        assert all(e is not None and e.kind is ErrorKind.VERIFICATION_REQUIRED for e in errors)
        assert all(e is not None and e.get("url") == sim_antigravity.VERIFY_URL for e in errors)
    sim.set_scenario("antigravity", "healthy")
    sim.set_scenario("google-oauth", "invalid_grant")
    with _engine(env) as engine:
        errors = [a.error for a in _accounts(engine.refresh()).values()]
    assert all(e is not None and e.get("fix") == "fix.token_expired_google" for e in errors)


def test_simulator_rejects_foreign_tokens_and_provider_retries_once(
    sim: Simulator, tmp_path: Path
) -> None:
    env = demo_environment(sim, tmp_path)
    with _engine(env) as engine:
        engine.refresh()
        with engine._contexts["antigravity"].lock:  # tokens the simulator never issued
            memory = engine._contexts["antigravity"].memory
            for key in [k for k in memory if k.startswith("token:")]:
                memory[key] = (Secret("ya29.forged-token-123456"), memory[key][1])
        sim.reset_counts()
        accounts = _accounts(engine.refresh())
    assert all(a.ok for a in accounts.values())
    assert sim.counts["google-oauth POST /token"] == 3  # one fresh token per account


def test_simulator_quota_401_everywhere_is_http_error_after_one_retry(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.set_scenario("antigravity", "http_401")
    with _engine(demo_environment(sim, tmp_path)) as engine:
        accounts = _accounts(engine.refresh())
    assert all(a.error is not None and a.error.status == 401 for a in accounts.values())
    assert set(_token_requests(sim).values()) == {2}


# ------------------------------------------------------------------ the daily host (§5, Sep 2026)
def _sentinel_group() -> dict[str, Any]:
    """Production's answer: Gemini buckets at the sentinel 1.0, the 3p ones real."""
    return {"groups": [
        {"displayName": "Gemini Models", "buckets": [
            {"bucketId": "gemini-5h", "remainingFraction": 1, "resetTime": "2026-11-01T17:00:00Z"},
            {"bucketId": "gemini-weekly", "remainingFraction": 1.0},
        ]},
        {"displayName": "Claude and GPT models", "buckets": [
            {"bucketId": "3p-5h", "remainingFraction": 1},
            {"bucketId": "3p-weekly", "remainingFraction": 0.4},
        ]},
    ]}


def _urls(api: Api) -> list[str]:
    return [str(r.url) for r in api.requests if str(r.url) != TOKEN]


def test_the_daily_host_is_asked_first_and_production_not_at_all(ctx: Context, api: Api) -> None:
    api.summary = (200, _sentinel_group())  # production would say "100 % left"
    api.daily = (200, {"groups": [_group()]})
    w = _windows(ctx)
    assert w["gemini-5h"].used_percent == 75.0
    assert _urls(api) == [DAILY]
    assert api.requests[-1].headers["authorization"] == "Bearer ya29.access-1"


@pytest.mark.parametrize(
    "daily",
    [
        (503, {"error": {"code": 503}}),
        (404, {"error": {"code": 404}}),
        (403, b"<html><title>Sorry...</title></html>"),
        (200, b"not json"),
        (200, {"groups": []}),
        (429, {"error": {"code": 429}}),
    ],
)
def test_production_is_the_fallback_and_its_sentinel_is_unknown(
    ctx: Context, api: Api, clock: Clock, daily: tuple[int, Any]
) -> None:
    api.daily, api.summary = daily, (200, _sentinel_group())
    w = _windows(ctx)
    assert _urls(api) == [DAILY, SUMMARY]
    for bucket in ("gemini-5h", "gemini-weekly"):  # never "100 % left"
        assert w[bucket].used_percent is None and not w[bucket].known
        assert w[bucket].resets_at is None  # the sentinel's reset is made up as well
    assert w["3p-5h"].used_percent == 0.0 and w["3p-weekly"].used_percent == 60.0  # real
    api.requests.clear()
    clock.now += timedelta(minutes=5)
    ag.fetch(ctx, _ref())
    assert _urls(api) == [SUMMARY]  # remembered: one request per refresh
    api.requests.clear()
    clock.now += ag.DAILY_RETRY
    api.daily = (200, {"groups": [_group()]})
    assert _windows(ctx)["gemini-5h"].used_percent == 75.0
    assert _urls(api) == [DAILY]  # re-probed, and the real numbers are back


def test_a_daily_host_out_of_reach_falls_back_to_production(clock: Clock) -> None:
    api = Api()
    api.summary = (200, _sentinel_group())

    def transport(request: httpx.Request) -> httpx.Response:
        if str(request.url) == DAILY:
            raise httpx.ConnectError("connection refused", request=request)
        return api(request)

    with HttpClient(transport=httpx.MockTransport(transport)) as http:
        ctx = Context(http=http, base_url=lambda key: f"https://{key}.test", now=clock)
        w = _windows(ctx)
    assert w["gemini-5h"].used_percent is None and w["3p-weekly"].used_percent == 60.0
    assert _urls(api) == [SUMMARY]  # the failed daily request never reached the fake


def test_the_daily_host_may_say_full_and_mean_it(ctx: Context, api: Api) -> None:
    """A real 1.0 from the daily host is a fresh account: 0 % used, not unknown."""
    api.daily = (200, _sentinel_group())
    assert _windows(ctx)["gemini-5h"].used_percent == 0.0


def test_verification_on_the_daily_host_is_not_hidden_by_the_fallback(
    ctx: Context, api: Api
) -> None:
    api.daily = (403, {"error": {"status": "PERMISSION_DENIED", "details": [
        {"reason": "VALIDATION_REQUIRED"}]}})
    err = _kind(lambda: ag.fetch(ctx, _ref()))
    assert err.kind is ErrorKind.VERIFICATION_REQUIRED and _urls(api) == [DAILY]


def test_a_redirected_production_host_is_not_gone_around(api: Api, clock: Clock) -> None:
    """Only MYSTATUS_ANTIGRAVITY_URL set (a proxy): the daily host's default is not used."""
    from tray_app.net.endpoints import DEFAULT_URLS

    urls = {**DEFAULT_URLS, "antigravity": "https://antigravity.test",
            "google_oauth": "https://google_oauth.test"}
    with HttpClient(transport=httpx.MockTransport(api)) as http:
        ctx = Context(http=http, base_url=urls.__getitem__, now=clock)
        assert "gemini-5h" in _windows(ctx)
    assert _urls(api) == [SUMMARY]


def test_sentinel_rule_only_on_production_gemini_buckets() -> None:
    data = _sentinel_group()
    prod = {w.id: w.used_percent for w in ag.parse_summary(data, production=True)}
    daily = {w.id: w.used_percent for w in ag.parse_summary(data)}
    assert prod == {"gemini-5h": None, "gemini-weekly": None, "3p-5h": 0.0, "3p-weekly": 60.0}
    assert daily == {"gemini-5h": 0.0, "gemini-weekly": 0.0, "3p-5h": 0.0, "3p-weekly": 60.0}


def _quota_paths(sim: Simulator) -> list[str]:
    return [r.path for r in sim.received if r.provider == "antigravity"]


def test_sim_daily_host_first_production_never_for_the_demo(
    sim: Simulator, tmp_path: Path
) -> None:
    env = demo_environment(sim, tmp_path)
    assert env["MYSTATUS_ANTIGRAVITY_DAILY_URL"] == f"{sim.url}/antigravity/daily"
    with _engine(env) as engine:
        accounts = _accounts(engine.refresh())
    ada = accounts["ada@sim.example"]
    assert {w.id: w.used_percent for w in ada.windows} == {
        "gemini-5h": 29.0, "gemini-weekly": 45.0, "3p-5h": 10.0, "3p-weekly": 38.0}
    by_project: dict[str, list[str]] = {}
    for req in sim.received:
        if req.provider == "antigravity":
            by_project.setdefault(req.json()["project"], []).append(req.path)
    daily, prod = "/daily" + ag.SUMMARY_PATH, ag.SUMMARY_PATH
    assert by_project["sim-pooled-4711"] == [daily]
    assert by_project["sim-models-only-2024"] == [daily, prod, ag.MODELS_PATH]


@pytest.mark.parametrize("scenario", ["daily_down", "daily_challenge"])
def test_sim_daily_host_down_production_fallback_without_a_false_full(
    sim: Simulator, tmp_path: Path, scenario: str
) -> None:
    sim.set_scenario("antigravity", scenario)
    env = demo_environment(sim, tmp_path)
    with _engine(env) as engine:
        first = _accounts(engine.refresh())
        paths_first = _quota_paths(sim)
        sim.reset_counts()
        second = _accounts(engine.refresh())
    for accounts in (first, second):
        windows = {w.id: w for w in accounts["ada@sim.example"].windows}
        assert accounts["ada@sim.example"].ok
        for bucket in ("gemini-5h", "gemini-weekly"):
            assert windows[bucket].used_percent is None and not windows[bucket].known
            assert windows[bucket].remaining_percent is None  # never "100 % left"
        assert windows["3p-5h"].used_percent == 10.0
    assert paths_first.count("/daily" + ag.SUMMARY_PATH) == 3  # every account tried it once
    assert "/daily" + ag.SUMMARY_PATH not in _quota_paths(sim)  # then remembered
    assert _quota_paths(sim).count(ag.SUMMARY_PATH) == 3
