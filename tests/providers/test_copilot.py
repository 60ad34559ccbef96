"""GitHub Copilot provider: discovery, both fetch paths (MockTransport), payload edge cases,
the remembered path, and integration through the simulator + engine."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.credentials.antigravity import AccountsFile
from tray_app.credentials.copilot_pat import CopilotPat, MemoryPatStore
from tray_app.credentials.opencode import AuthFile
from tray_app.engine import Engine
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.i18n import error_text, notice_text
from tray_app.model import Account, Notice, Snapshot
from tray_app.net.endpoints import base_url
from tray_app.net.http import HttpClient
from tray_app.providers import copilot
from tray_app.providers.base import AccountRef, Context
from tray_app.providers.copilot_parse import next_month, parse_expiration, parse_user
from tray_app.secrets import Secret
from tray_app.simulator import Simulator, sim_copilot
from tray_app.simulator.demo import demo_environment

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
OAUTH = "gho_UnitTestOauth0123456789abcdefXYZ"
OAUTH2 = "gho_OtherLoginOauth9876543210zyxwvu"
PAT = "github_pat_11UNITTEST0_abcdefghijklmnopqrstuvwxyz0123456789"
USER = "octocat"


# ---------------------------------------------------------------------------- helpers
class Router:
    """A MockTransport handler: path → list of responses (the last one repeats)."""

    def __init__(self, routes: dict[str, Any]) -> None:
        self.routes = {k: v if isinstance(v, list) else [v] for k, v in routes.items()}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answers = self.routes.get(request.url.path)
        if not answers:
            return httpx.Response(404, json={"message": "Not Found"})
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        response: httpx.Response = answer(request) if callable(answer) else answer
        return response

    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]


def ok(body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(200, json=body, headers=headers)


def status(code: int, **headers: str) -> httpx.Response:
    return httpx.Response(code, json={"message": "nope"}, headers=headers)


def make_ctx(
    router: Router,
    clock: Callable[[], datetime] = lambda: NOW,
    environ: dict[str, str] | None = None,
) -> Context:
    http = HttpClient(transport=httpx.MockTransport(router))
    return Context(http=http, base_url=lambda key: base_url(key, {}, environ or {}), now=clock)


def creds(
    entries: dict[str, Any] | None = None,
    pat: CopilotPat | None = None,
    settings: Settings | None = None,
) -> CredentialSet:
    return CredentialSet(
        auth=AuthFile(source="auth.json", entries=entries or {}, found=True),
        antigravity=AccountsFile(path=""),
        copilot_pat=pat or CopilotPat(),
        settings=settings or Settings(),
    )


def oauth_entry(token: str = OAUTH, **extra: Any) -> dict[str, Any]:
    return {"github-copilot": {"type": "oauth", "refresh": token, "access": token, **extra}}


def only_ref(c: CredentialSet) -> AccountRef:
    refs = copilot.discover(c, NOW)
    assert len(refs) == 1
    return refs[0]


def snap(entitlement: Any, remaining: Any, **extra: Any) -> dict[str, Any]:
    return {"entitlement": entitlement, "remaining": remaining, "unlimited": False, **extra}


USER_BODY: dict[str, Any] = {
    "copilot_plan": "individual",
    "quota_reset_date": "2026-12-01",
    "quota_reset_date_utc": "2026-12-01T00:00:00.000Z",
    "quota_snapshots": {
        "premium_interactions": snap(300, 192, percent_remaining=64.0),
        "chat": {"entitlement": 0, "remaining": 0, "percent_remaining": 100, "unlimited": True},
        "completions": {"unlimited": True},
    },
}


def billing(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"timePeriod": {"year": 2026, "month": 11}, "user": USER, "usageItems": items}


def item(
    model: str, gross: Any, discount: float, net: float, amount: float = 0
) -> dict[str, Any]:
    return {
        "product": "copilot",
        "sku": "x",
        "model": model,
        "unitType": "credits",
        "grossQuantity": gross,
        "discountQuantity": discount,
        "netQuantity": net,
        "netAmount": amount,
    }


ITEMS = [
    item("Claude Sonnet 4.5", 400, 400, 0),
    item("GPT-5", "200.5", 200.5, 0),
    item("o3", 50, 20, 30, 0.3),
    item("GPT-4.1", 10, 0, 10, 0.1),
]
AI_PATH = f"/users/{USER}/settings/billing/ai_credit/usage"
PREMIUM_PATH = f"/users/{USER}/settings/billing/premium_request/usage"


def pat_creds(plan: str = "", allowance: float | None = None, oauth: bool = False) -> CredentialSet:
    settings = Settings(copilot_username=USER, copilot_plan=plan)
    pat = CopilotPat(
        token=Secret(PAT),
        source="keyring",
        username=USER,
        allowance=allowance if allowance is not None else settings.copilot_allowance(),
    )
    return creds(oauth_entry() if oauth else None, pat, settings)


# ---------------------------------------------------------------------------- discover
def test_nothing_configured_gives_no_account() -> None:
    assert copilot.discover(creds(), NOW) == []
    assert copilot.discover(creds({"github-copilot": {"type": "api", "key": "k"}}), NOW) == []


def test_oauth_only_account_is_labelled_with_the_masked_token() -> None:
    ref = only_ref(creds({"github-copilot": {"type": "oauth", "refresh": OAUTH, "access": "x"}}))
    assert ref.label == "gho_****fXYZ" and OAUTH not in ref.label
    assert ref.error is None and ref.payload.oauth == Secret(OAUTH)  # refresh preferred
    assert ref.payload.pat is None


def test_pat_account_uses_username_plan_and_carries_the_legacy_notice() -> None:
    notice = Notice("notice.legacy_pat", (("path", "/x/copilot-quota-token.json"),))
    pat = CopilotPat(
        token=Secret(PAT), source="plaintext", username=USER, allowance=300.0, notices=(notice,)
    )
    ref = only_ref(creds(oauth_entry(), pat, Settings(copilot_plan="Pro")))
    assert ref.label == USER and ref.plan == "pro" and ref.notices == (notice,)
    assert ref.payload.pat == Secret(PAT) and ref.payload.oauth == Secret(OAUTH)


def test_pat_without_username_and_no_oauth_is_a_clear_error() -> None:
    ref = only_ref(creds(pat=CopilotPat(token=Secret(PAT), source="keyring")))
    assert ref.error is not None and ref.error.kind is ErrorKind.COPILOT_PAT_REQUIRED
    assert ref.error.get("fix") == "fix.copilot_username_missing"
    assert "copilot_username" in error_text(ref.error)[1]
    assert ref.label == "gith****6789"


def test_pat_without_username_falls_back_to_oauth_then_names_the_username() -> None:
    ref = only_ref(creds(oauth_entry(), CopilotPat(token=Secret(PAT), source="keyring")))
    assert ref.error is None and ref.payload.pat is None
    assert ref.label == "gho_****fXYZ"  # the token that is actually used
    router = Router(
        {"/copilot_internal/user": status(404), "/copilot_internal/v2/token": status(404)}
    )
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), ref)
    assert exc.value.info.get("fix") == "fix.copilot_username_missing"


KEYRING = ErrorInfo(ErrorKind.KEYRING_UNAVAILABLE, detail="NoKeyringError: no backend")


def test_keyring_failure_without_oauth_is_the_account_error() -> None:
    ref = only_ref(creds(pat=CopilotPat(problem=KEYRING, username=USER)))
    assert ref.error is not None and ref.error.kind is ErrorKind.KEYRING_UNAVAILABLE
    assert ref.label == USER
    # nothing hints at Copilot: a broken keyring alone does not invent an account
    assert copilot.discover(creds(pat=CopilotPat(problem=KEYRING)), NOW) == []


def test_keyring_failure_with_oauth_tries_oauth_and_keeps_the_problem_visible() -> None:
    """The user set up a PAT (username configured) but the keyring fails: OAuth is tried, the
    keyring problem stays visible, and is the advice if OAuth fails too."""
    ref = only_ref(creds(oauth_entry(), CopilotPat(problem=KEYRING, username="octo")))
    assert ref.error is None
    assert [n.key for n in ref.notices] == ["notice.copilot_keyring"]
    assert "NoKeyringError" in notice_text(ref.notices[0])
    works = Router({"/copilot_internal/user": ok(USER_BODY)})
    account = copilot.fetch(make_ctx(works), ref)
    assert account.ok and account.notices == ref.notices
    fails = Router(
        {"/copilot_internal/user": status(404), "/copilot_internal/v2/token": status(404)}
    )
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(fails), ref)
    assert exc.value.kind is ErrorKind.KEYRING_UNAVAILABLE  # the better advice than "make a PAT"


def test_no_keyring_and_no_pat_set_up_gives_seed_problem_6() -> None:
    """A machine without a keyring where the user never set up a PAT: no keyring noise, and
    OAuth failing says "create a PAT" (seed problem 6)."""
    ref = only_ref(creds(oauth_entry(), CopilotPat(problem=KEYRING)))
    assert ref.error is None and ref.notices == ()
    fails = Router(
        {"/copilot_internal/user": status(404), "/copilot_internal/v2/token": status(404)}
    )
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(fails), ref)
    assert exc.value.kind is ErrorKind.COPILOT_PAT_REQUIRED


def test_enterprise_entry_is_a_second_account_on_its_own_api_host() -> None:
    entries = {
        **oauth_entry(),
        "github-copilot-enterprise": {
            "type": "oauth",
            "refresh": OAUTH2,
            "access": OAUTH2,
            "enterpriseUrl": "https://Octo.ghe.com/",
        },
    }
    refs = copilot.discover(creds(entries), NOW)
    assert [r.label for r in refs] == ["gho_****fXYZ", "octo.ghe.com"]
    router = Router({"/copilot_internal/user": ok(USER_BODY)})
    copilot.fetch(make_ctx(router), refs[1])
    assert str(router.requests[0].url) == "https://api.octo.ghe.com/copilot_internal/user"
    # MYSTATUS_GITHUB_URL wins over the enterprise host (proxies, the simulator)
    router = Router({"/proxy/copilot_internal/user": ok(USER_BODY)})
    copilot.fetch(
        make_ctx(router, environ={"MYSTATUS_GITHUB_URL": "http://127.0.0.1:9/proxy"}), refs[1]
    )
    assert str(router.requests[0].url) == "http://127.0.0.1:9/proxy/copilot_internal/user"


def test_copilot_entry_with_enterprise_url_is_the_enterprise_account() -> None:
    ref = only_ref(creds(oauth_entry(enterpriseUrl="corp.ghe.com")))
    assert ref.label == "corp.ghe.com" and ref.payload.host == "corp.ghe.com"


# ---------------------------------------------------------------------------- OAuth fetch
def oauth_ref() -> AccountRef:
    return only_ref(creds(oauth_entry()))


def test_oauth_direct_path_headers_and_parse() -> None:
    router = Router({"/copilot_internal/user": ok(USER_BODY)})
    account = copilot.fetch(make_ctx(router), oauth_ref())
    req = router.requests[0]
    assert req.headers["authorization"] == f"token {OAUTH}"
    assert req.headers["editor-version"].startswith("vscode/")
    assert req.headers["editor-plugin-version"].startswith("copilot-chat/")
    assert req.headers["user-agent"].startswith("GitHubCopilotChat/")
    assert account.plan == "individual" and account.label == "gho_****fXYZ"
    premium, chat, completions = account.windows
    assert (premium.id, premium.label_key, premium.used_percent) == (
        "premium",
        "window.premium",
        36.0,
    )
    assert (premium.used, premium.limit, premium.unit) == (108.0, 300.0, "requests")
    assert premium.resets_at == datetime(2026, 12, 1, tzinfo=timezone.utc)
    for window in (chat, completions):
        assert window.unlimited and window.used_percent is None and window.known


def test_exchange_path_is_remembered_with_its_session() -> None:
    router = Router(
        {
            "/copilot_internal/user": lambda r: (
                ok(USER_BODY)
                if r.headers["authorization"] == "Bearer tid=abc;exp=1"
                else status(403, **{"x-ratelimit-remaining": "4000"})
            ),
            "/copilot_internal/v2/token": ok({"token": "tid=abc;exp=1", "refresh_in": 1500}),
        }
    )
    ctx, ref = make_ctx(router), oauth_ref()
    assert copilot.fetch(ctx, ref).windows[0].used_percent == 36.0
    assert router.paths() == [
        "/copilot_internal/user",
        "/copilot_internal/v2/token",
        "/copilot_internal/user",
    ]
    assert router.requests[1].headers["authorization"] == f"token {OAUTH}"
    router.requests.clear()
    assert copilot.fetch(ctx, ref).ok
    assert len(router.requests) == 1  # the remembered path: one request, not three
    assert router.requests[0].headers["authorization"] == "Bearer tid=abc;exp=1"
    assert all(OAUTH not in str(k) for k in ctx.memory)  # keyed per account, not by token


def test_expired_session_is_exchanged_again_without_retrying_the_direct_call() -> None:
    clock = [NOW]
    router = Router(
        {
            "/copilot_internal/user": lambda r: (
                ok(USER_BODY) if r.headers["authorization"].startswith("Bearer ") else status(404)
            ),
            "/copilot_internal/v2/token": ok(
                {"token": "tid=abc", "expires_at": NOW.timestamp() + 1800}
            ),
        }
    )
    ctx, ref = make_ctx(router, clock=lambda: clock[0]), oauth_ref()
    copilot.fetch(ctx, ref)
    router.requests.clear()
    clock[0] = NOW + timedelta(minutes=29, seconds=30)  # inside the 60 s safety margin
    copilot.fetch(ctx, ref)
    assert router.paths() == ["/copilot_internal/v2/token", "/copilot_internal/user"]


def test_direct_path_is_remembered_and_forgotten_when_it_fails() -> None:
    router = Router(
        {
            "/copilot_internal/user": [ok(USER_BODY), ok(USER_BODY), status(404)],
            "/copilot_internal/v2/token": status(404),
        }
    )
    ctx, ref = make_ctx(router), oauth_ref()
    copilot.fetch(ctx, ref)
    copilot.fetch(ctx, ref)
    assert len(router.requests) == 2
    assert ctx.memory
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(ctx, ref)
    assert (
        exc.value.kind is ErrorKind.COPILOT_PAT_REQUIRED
        and exc.value.info.provider == "GitHub Copilot"
    )
    assert ctx.memory == {}


def test_a_new_login_does_not_reuse_the_old_session() -> None:
    router = Router(
        {
            "/copilot_internal/user": lambda r: (
                ok(USER_BODY) if r.headers["authorization"].startswith("Bearer ") else status(401)
            ),
            "/copilot_internal/v2/token": ok({"token": "tid=abc", "refresh_in": 1500}),
        }
    )
    ctx = make_ctx(router)
    copilot.fetch(ctx, oauth_ref())
    router.requests.clear()
    copilot.fetch(ctx, only_ref(creds(oauth_entry(OAUTH2))))
    assert "/copilot_internal/v2/token" in router.paths()
    assert router.requests[-2].headers["authorization"] == f"token {OAUTH2}"


def test_nothing_works_is_the_seed_problem_6() -> None:
    router = Router(
        {"/copilot_internal/user": status(401), "/copilot_internal/v2/token": status(403)}
    )
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), oauth_ref())
    assert exc.value.kind is ErrorKind.COPILOT_PAT_REQUIRED
    _message, fix = error_text(exc.value.info, "zh-TW")
    assert "PAT" in fix and "Read-only" in fix


def test_github_rate_limit_403_is_not_a_path_failure() -> None:
    reset = str(int(NOW.timestamp()) + 10**9)
    router = Router(
        {
            "/copilot_internal/user": status(
                403, **{"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
            )
        }
    )
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), oauth_ref())
    assert exc.value.kind is ErrorKind.RATE_LIMITED and exc.value.info.retry_after
    assert len(router.requests) == 1  # no exchange attempted


def test_server_error_is_reported_not_treated_as_a_missing_path() -> None:
    router = Router({"/copilot_internal/user": status(502)})
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), oauth_ref())
    assert (exc.value.kind, exc.value.info.status) == (ErrorKind.HTTP_ERROR, 502)
    assert len(router.requests) == 1


# ---------------------------------------------------------------------------- payload edge cases
def body_with(premium: Any, **extra: Any) -> dict[str, Any]:
    return {
        "copilot_plan": "business",
        "quota_snapshots": {"premium_interactions": premium},
        **extra,
    }


def test_unlimited_draws_no_bar() -> None:
    account = parse_user(
        body_with({"entitlement": 0, "remaining": 0, "unlimited": True, "percent_remaining": 100}),
        provider="p",
    )
    (window,) = account.windows
    assert window.unlimited and window.used_percent is None and window.remaining_percent is None


def test_placeholder_seat_shows_plan_and_credits_not_a_percentage() -> None:
    body = body_with(
        snap(0, 0, percent_remaining=100, credits_used="1234.5"), token_based_billing=True
    )
    account = parse_user(body, provider="p")
    assert account.plan == "business" and account.windows == ()
    assert ("Credits used", "1234.5") in account.details


def test_percent_remaining_missing_uses_remaining_over_entitlement() -> None:
    (window,) = parse_user(body_with(snap("300", "240")), provider="p").windows
    assert window.used_percent == pytest.approx(20.0) and window.used == 60


def test_percent_remaining_is_preferred_when_present() -> None:
    (window,) = parse_user(body_with(snap(300, 240, percent_remaining=79.5)), provider="p").windows
    assert window.used_percent == pytest.approx(20.5)


def test_negative_remaining_is_above_100_percent() -> None:
    body = body_with(snap(300, -45, percent_remaining=0, overage_count=45))
    account = parse_user(body, provider="p")
    (window,) = account.windows
    assert window.used_percent == pytest.approx(115.0) and window.used == 345
    assert ("Overage", "45") in account.details


def test_quota_remaining_is_accepted_instead_of_remaining() -> None:
    (window,) = parse_user(
        body_with({"entitlement": 50, "quota_remaining": 40}), provider="p"
    ).windows
    assert window.used_percent == pytest.approx(20.0)


def test_no_figures_is_unknown_not_zero() -> None:
    (window,) = parse_user(body_with({"entitlement": 300}), provider="p").windows
    assert window.used_percent is None and not window.known


def test_free_plan_monthly_and_limited_quotas() -> None:
    body = {
        "copilot_plan": "free",
        "monthly_quotas": {"chat": 50, "completions": "2000"},
        "limited_user_quotas": {"chat": 12, "completions": 1540},
        "limited_user_reset_date": "2026-12-09",
    }
    account = parse_user(body, provider="p")
    chat, completions = account.windows
    assert (chat.id, chat.used, chat.limit, chat.used_percent) == ("chat", 38, 50, 76.0)
    assert completions.used_percent == pytest.approx(23.0) and completions.unit == "completions"
    assert chat.resets_at == datetime(2026, 12, 9, tzinfo=timezone.utc)


def test_free_plan_without_what_is_left_is_unknown() -> None:
    account = parse_user({"copilot_plan": "free", "monthly_quotas": {"chat": 50}}, provider="p")
    (chat,) = account.windows
    assert chat.used_percent is None and chat.used is None


def test_date_only_reset_is_midnight_utc() -> None:
    account = parse_user(body_with(snap(300, 150), quota_reset_date="2026-12-01"), provider="p")
    assert account.windows[0].resets_at == datetime(2026, 12, 1, tzinfo=timezone.utc)


def test_unknown_snapshot_is_kept_and_a_bad_one_does_not_drop_the_rest() -> None:
    body = {
        "copilot_plan": "pro",
        "quota_snapshots": {
            "agent_runs": snap(100, 25),
            "chat": "garbage",
            "premium_interactions": snap(300, 0),
        },
    }
    windows = parse_user(body, provider="p").windows
    assert [(w.id, w.label, w.used_percent) for w in windows] == [
        ("premium", "Premium requests", 100.0),
        ("agent_runs", "agent_runs", 75.0),
    ]


@pytest.mark.parametrize("body", [[1, 2], {}, {"quota_snapshots": []}, "text", None])
def test_unusable_body_is_invalid_response(body: Any) -> None:
    with pytest.raises(QuotaError) as exc:
        parse_user(body, provider="p")
    assert exc.value.kind is ErrorKind.INVALID_RESPONSE


# ---------------------------------------------------------------------------- PAT fetch
def test_pat_ai_credits_request_and_sums() -> None:
    expiry = {"github-authentication-token-expiration": "2026-12-01 10:00:00 UTC"}
    router = Router({AI_PATH: ok(billing(ITEMS), expiry)})
    account = copilot.fetch(make_ctx(router), only_ref(pat_creds(oauth=True)))
    (req,) = router.requests  # PAT preferred: copilot_internal never asked
    assert req.headers["authorization"] == f"Bearer {PAT}"
    assert req.headers["accept"] == "application/vnd.github+json"
    assert req.headers["x-github-api-version"] == "2022-11-28"
    assert dict(req.url.params) == {"year": "2026", "month": "11"}
    (window,) = account.windows
    assert (window.id, window.label_key, window.unit) == (
        "ai-credits",
        "window.ai_credits",
        "credits",
    )
    assert window.used == pytest.approx(660.5) and window.limit is None
    assert window.used_percent is None and not window.known  # no allowance: unknown, not 0 %
    assert window.resets_at == datetime(2026, 12, 1, tzinfo=timezone.utc)
    details = dict(account.details)
    assert details["Included"] == "620.5" and details["Billed"] == "40 ($0.40)"
    assert details["Top models"] == "Claude Sonnet 4.5 400 · GPT-5 200.5 · o3 50"
    assert account.token_expires_at == datetime(2026, 12, 1, 10, tzinfo=timezone.utc)
    assert account.label == USER


def test_numeric_allowance_gives_credits_a_percentage() -> None:
    router = Router({AI_PATH: ok(billing(ITEMS))})
    (window,) = copilot.fetch(make_ctx(router), only_ref(pat_creds(plan="1321"))).windows
    assert window.used_percent == pytest.approx(50.0) and window.limit == 1321


@pytest.mark.parametrize(
    ("plan", "credits"),
    [("pro", 1500), ("Pro+", 7000), ("pro plus", 7000), ("max", 20000), ("business", 1900),
     ("enterprise", 3900)],
)
def test_a_known_plan_gives_ai_credits_its_monthly_allowance(plan: str, credits: int) -> None:
    """provider-facts §4: no configuration beyond the plan; "pro" is 1,500 credits, not the
    300 premium requests of the legacy endpoint."""
    router = Router({AI_PATH: ok(billing(ITEMS))})
    account = copilot.fetch(make_ctx(router), only_ref(pat_creds(plan=plan)))
    (window,) = account.windows
    assert window.limit == credits and window.unit == "credits"
    assert window.used_percent == pytest.approx(660.5 / credits * 100)


@pytest.mark.parametrize("plan", ["", "free", "gold"])
def test_an_unknown_plan_leaves_ai_credits_unknown(plan: str) -> None:
    router = Router({AI_PATH: ok(billing(ITEMS))})
    (window,) = copilot.fetch(make_ctx(router), only_ref(pat_creds(plan=plan))).windows
    assert window.used_percent is None and not window.known and window.used == pytest.approx(660.5)


def test_ai_credit_404_falls_back_to_premium_requests_and_is_remembered() -> None:
    items = [item("GPT-5", 150, 150, 0), item("o3", 45, 45, 0)]
    router = Router({AI_PATH: status(404), PREMIUM_PATH: ok(billing(items))})
    ctx, ref = make_ctx(router), only_ref(pat_creds(plan="pro"))
    account = copilot.fetch(ctx, ref)
    (window,) = account.windows
    assert (window.id, window.unit, window.limit) == ("premium", "requests", 300)
    assert window.used_percent == pytest.approx(65.0)
    assert account.plan == "pro"
    assert router.paths() == [AI_PATH, PREMIUM_PATH]
    router.requests.clear()
    copilot.fetch(ctx, ref)
    assert router.paths() == [PREMIUM_PATH]


def test_premium_without_allowance_is_unknown() -> None:
    router = Router({AI_PATH: status(404), PREMIUM_PATH: ok(billing([item("o3", 7, 7, 0)]))})
    (window,) = copilot.fetch(make_ctx(router), only_ref(pat_creds())).windows
    assert window.used == 7 and window.used_percent is None


def test_pat_401_is_token_expired_with_the_pat_fix() -> None:
    router = Router({AI_PATH: status(401)})
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), only_ref(pat_creds(oauth=True)))
    info = exc.value.info
    assert (info.kind, info.status, info.provider) == (
        ErrorKind.TOKEN_EXPIRED,
        401,
        "GitHub Copilot",
    )
    assert info.get("fix") == "fix.token_expired_copilot_pat"
    assert "token set copilot" in error_text(info)[1]
    assert len(router.requests) == 1  # no fallback to OAuth: the user must fix the PAT


def test_pat_both_endpoints_404_is_an_http_error() -> None:
    router = Router({})
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), only_ref(pat_creds()))
    assert (exc.value.kind, exc.value.info.status) == (ErrorKind.HTTP_ERROR, 404)


def test_billing_without_usage_items_is_invalid() -> None:
    router = Router({AI_PATH: ok({"timePeriod": {}})})
    with pytest.raises(QuotaError) as exc:
        copilot.fetch(make_ctx(router), only_ref(pat_creds()))
    assert exc.value.kind is ErrorKind.INVALID_RESPONSE


@pytest.mark.parametrize(
    "value",
    [
        "2026-12-01 10:00:00 UTC",
        "2026-12-01 10:00:00 +0000",
        "2026-12-01T10:00:00Z",
        "2026-12-01T11:00:00+01:00",
    ],
)
def test_token_expiration_header_forms(value: str) -> None:
    assert parse_expiration(value) == datetime(2026, 12, 1, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [None, "", "never", "2026-13-01 10:00:00 UTC"])
def test_bad_token_expiration_header_is_ignored(value: str | None) -> None:
    assert parse_expiration(value) is None


def test_billing_month_rolls_over_in_december() -> None:
    assert next_month(datetime(2026, 12, 31, 23, tzinfo=timezone.utc)) == datetime(
        2027, 1, 1, tzinfo=timezone.utc
    )


# ---------------------------------------------------------------------------- simulator + engine
@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as server:
        yield server


def run(
    sim: Simulator,
    tmp_path: Path,
    scenario: str = "healthy",
    *,
    pat: bool = False,
    refreshes: int = 1,
    auth: dict[str, Any] | None = None,
) -> tuple[list[Snapshot], list[int]]:
    sim.set_scenario("github", scenario)
    env = demo_environment(sim, tmp_path)
    if auth is not None:
        (tmp_path / "data" / "opencode" / "auth.json").write_text(json.dumps(auth), "utf-8")
    settings = Settings(
        copilot_username=sim_copilot.DEMO_USERNAME, copilot_plan=sim_copilot.DEMO_PLAN
    )
    store = MemoryPatStore(Secret(sim_copilot.DEMO_PAT) if pat else None)
    loader = CredentialLoader(settings, environ=env, pat_store=store)
    snapshots, counts = [], []
    with Engine(loader, environ=env, providers=(copilot.SPEC,)) as engine:
        for _ in range(refreshes):
            sim.reset_counts()
            snapshots.append(engine.refresh())
            counts.append(sim.total_requests)
    return snapshots, counts


def account_of(snapshot: Snapshot) -> Account:
    usage = snapshot.provider("copilot")
    assert usage is not None and usage.name == "GitHub Copilot"
    assert usage.dashboard_url == "https://github.com/settings/copilot"
    (account,) = usage.accounts
    return account


def test_sim_healthy_oauth_one_request_per_refresh(sim: Simulator, tmp_path: Path) -> None:
    snapshots, counts = run(sim, tmp_path, refreshes=3)
    account = account_of(snapshots[-1])
    assert account.ok and account.label == sim_copilot.DEMO_USERNAME
    assert account.windows[0].used_percent == pytest.approx(36.0)
    assert account.windows[0].limit == 300
    assert counts == [1, 1, 1]


def test_sim_oauth_404_without_pat_is_problem_6(sim: Simulator, tmp_path: Path) -> None:
    snapshots, _ = run(sim, tmp_path, "oauth_404")
    account = account_of(snapshots[0])
    assert account.error is not None and account.error.kind is ErrorKind.COPILOT_PAT_REQUIRED
    assert "fine-grained PAT" in error_text(account.error)[1]


def test_sim_exchange_then_remembered(sim: Simulator, tmp_path: Path) -> None:
    snapshots, counts = run(sim, tmp_path, "exchange", refreshes=3)
    assert counts == [3, 1, 1]
    assert account_of(snapshots[-1]).windows[0].used_percent == pytest.approx(36.0)
    assert sim.received[-1].headers["authorization"].startswith("Bearer tid=")


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        ("unlimited", lambda a: all(w.unlimited and w.used_percent is None for w in a.windows)),
        (
            "placeholder_seat",
            lambda a: (
                "premium" not in {w.id for w in a.windows}
                and ("Credits used", "1234.5") in a.details
                and a.plan == "business"
            ),
        ),
        ("over_quota", lambda a: a.windows[0].used_percent == pytest.approx(115.0)),
        (
            "free_plan",
            lambda a: (
                [(w.id, w.used, w.limit) for w in a.windows]
                == [("chat", 38, 50), ("completions", 460, 2000)]
            ),
        ),
        (
            "date_only_reset",
            lambda a: (
                a.windows[0].resets_at is not None
                and a.windows[0].resets_at.hour == 0
                and a.windows[0].resets_at.day == 1
            ),
        ),
    ],
)
def test_sim_oauth_scenarios(
    sim: Simulator, tmp_path: Path, scenario: str, check: Callable[[Account], bool]
) -> None:
    snapshots, _ = run(sim, tmp_path, scenario)
    account = account_of(snapshots[0])
    assert account.ok and check(account)


def test_sim_pat_ai_credits(sim: Simulator, tmp_path: Path) -> None:
    snapshots, counts = run(sim, tmp_path, "pat_ai_credits", pat=True, refreshes=2)
    account = account_of(snapshots[0])
    (window,) = account.windows
    assert window.id == "ai-credits" and window.used == pytest.approx(786.5)
    assert dict(account.details)["Top models"].startswith("Claude Sonnet 4.5 412")
    assert counts == [1, 1]
    assert all(r.path.startswith("/users/") for r in sim.received)


def test_sim_pat_ai_credits_pro_by_plan_is_a_percentage(sim: Simulator, tmp_path: Path) -> None:
    """The demo's plan is "pro": 786.5 AI Credits used of Pro's 1,500, without a number set."""
    snapshots, _ = run(sim, tmp_path, "pat_ai_credits", pat=True)
    account = account_of(snapshots[0])
    (window,) = account.windows
    assert (window.limit, window.unit) == (1500, "credits") and account.plan == "pro"
    assert window.used_percent == pytest.approx(786.5 / 1500 * 100)


def test_sim_ai_credits_minus_one_is_unlimited(sim: Simulator, tmp_path: Path) -> None:
    snapshots, _ = run(sim, tmp_path, "ai_credits")
    by_id = {w.id: w for w in account_of(snapshots[0]).windows}
    pool = by_id["ai-credits"]  # token_based_billing: premium_interactions is the credit pool
    assert pool.used_percent == pytest.approx(52.5) and pool.limit == 1500
    assert (pool.unit, pool.label_key) == ("credits", "window.ai_credits")
    for wid in ("chat", "completions"):  # -1: no bar, never 0 % or 100 %
        assert by_id[wid].unlimited and by_id[wid].used_percent is None


@pytest.mark.parametrize(
    "snap",
    [
        {"entitlement": -1, "remaining": -1},
        {"entitlement": "-1", "remaining": "-1", "percent_remaining": 100},
        {"entitlement": -1, "remaining": 0, "percent_remaining": 0},
        {"remaining": -1},
        {"entitlement": 0, "remaining": -1, "unlimited": False},
    ],
)
def test_minus_one_on_chat_means_unlimited(snap: dict[str, Any]) -> None:
    account = parse_user({"quota_snapshots": {"chat": snap}}, provider="p")
    (window,) = account.windows
    assert window.unlimited and window.used_percent is None


@pytest.mark.parametrize(("billing", "wid", "unit"), [
    (True, "ai-credits", "credits"), (False, "premium", "requests"), (None, "premium", "requests")])
def test_token_based_billing_names_the_pool_ai_credits(
    billing: bool | None, wid: str, unit: str
) -> None:
    body: dict[str, Any] = {"quota_snapshots": {"premium_interactions": {
        "entitlement": 1500, "remaining": 1200, "percent_remaining": 80}}}
    if billing is not None:
        body["token_based_billing"] = billing
    (window,) = parse_user(body, provider="p").windows
    assert (window.id, window.unit, window.used_percent) == (wid, unit, pytest.approx(20.0))


@pytest.mark.parametrize(("typed", "shown"), [("Max", "max"), ("pro plus", "pro+"),
                                              ("Pro+", "pro+"), ("gold", None)])
def test_the_configured_plan_is_shown_when_known(typed: str, shown: str | None) -> None:
    assert only_ref(pat_creds(plan=typed)).plan == shown


def test_minus_one_remaining_with_a_real_entitlement_is_over_quota() -> None:
    snap = {"entitlement": 300, "remaining": -1, "percent_remaining": 0}
    (window,) = parse_user({"quota_snapshots": {"premium_interactions": snap}},
                           provider="p").windows
    assert not window.unlimited and window.used_percent == pytest.approx(301 / 3)


def test_sim_pat_premium_legacy_falls_back_once(sim: Simulator, tmp_path: Path) -> None:
    snapshots, counts = run(sim, tmp_path, "pat_premium_legacy", pat=True, refreshes=2)
    (window,) = account_of(snapshots[-1]).windows
    assert window.id == "premium" and window.used_percent == pytest.approx(70.0)
    assert counts == [2, 1]


def test_sim_pat_expired(sim: Simulator, tmp_path: Path) -> None:
    snapshots, _ = run(sim, tmp_path, "pat_expired", pat=True)
    error = account_of(snapshots[0]).error
    assert error is not None and error.kind is ErrorKind.TOKEN_EXPIRED
    assert error.get("fix") == "fix.token_expired_copilot_pat"


def test_sim_pat_expiring_sets_token_expiry(sim: Simulator, tmp_path: Path) -> None:
    snapshots, _ = run(sim, tmp_path, "pat_expiring", pat=True)
    expires = account_of(snapshots[0]).token_expires_at
    assert expires is not None
    ahead = expires - snapshots[0].generated_at
    assert timedelta(days=1, hours=23) < ahead <= timedelta(days=2)


@pytest.mark.parametrize("pat", [False, True])
def test_sim_rate_limited_403(sim: Simulator, tmp_path: Path, pat: bool) -> None:
    snapshots, counts = run(sim, tmp_path, "rate_limited_403", pat=pat)
    error = account_of(snapshots[0]).error
    assert error is not None and error.kind is ErrorKind.RATE_LIMITED and error.status == 403
    assert error.retry_after is not None and 500 < error.retry_after <= 600
    assert counts == [1]


def test_sim_enterprise_account_follows_the_url_override(sim: Simulator, tmp_path: Path) -> None:
    auth = {
        "github-copilot-enterprise": {
            "type": "oauth",
            "refresh": sim_copilot.DEMO_OAUTH,
            "enterpriseUrl": "octo.ghe.com",
        }
    }
    snapshots, _ = run(sim, tmp_path, auth=auth)
    account = account_of(snapshots[0])
    assert account.ok and account.label == "octo.ghe.com"


def test_sim_checks_authorization_shapes(sim: Simulator) -> None:
    base = sim.environ()["MYSTATUS_GITHUB_URL"]
    with HttpClient() as http:

        def code(path: str, auth: str) -> int:
            return http.request(
                "GET", base + path, provider="t", check=False, headers={"Authorization": auth}
            ).status

        user = "/copilot_internal/user"
        billing_path = f"/users/{sim_copilot.DEMO_USERNAME}/settings/billing/ai_credit/usage"
        assert code(user, f"token {sim_copilot.DEMO_OAUTH}") == 200
        assert code(user, f"Bearer {sim_copilot.DEMO_OAUTH}") == 401
        assert code(user, "Bearer tid=sim0;exp=1") == 200  # a session token shape
        assert code("/copilot_internal/v2/token", f"Bearer {sim_copilot.DEMO_OAUTH}") == 401
        assert code(billing_path, f"Bearer {sim_copilot.DEMO_PAT}") == 200
        assert code(billing_path, f"token {sim_copilot.DEMO_OAUTH}") == 401


@pytest.mark.parametrize(
    ("scenario", "pat"),
    [("healthy", True), ("pat_expired", True), ("oauth_404", False), ("exchange", False)],
)
def test_tokens_never_appear_in_the_snapshot(
    sim: Simulator, tmp_path: Path, scenario: str, pat: bool
) -> None:
    snapshots, _ = run(sim, tmp_path, scenario, pat=pat, refreshes=2)
    for snapshot in snapshots:
        text = repr(snapshot)
        for lang in ("en", "zh-TW", "zh-CN"):
            for account in snapshot.providers[0].accounts:
                if account.error is not None:
                    text += "".join(error_text(account.error, lang))
        assert sim_copilot.DEMO_PAT not in text and sim_copilot.DEMO_OAUTH not in text
        assert "tid=" not in text
