"""Claude provider: Claude Code's login (file, macOS keychain item, OpenCode's `anthropic`
entry, e-mail from `.claude.json`), never refreshed; `/api/oauth/usage` parsing key by key
(null windows, model caps, money in minor units, unknown keys); the User-Agent gate and the
429 backoff, over httpx.MockTransport and the loopback simulator."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials import claude as claude_creds
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import LANGUAGES, error_text, window_label
from tray_app.model import Account, Snapshot
from tray_app.monitoring.state import merge
from tray_app.monitoring.view import TrayView
from tray_app.net.http import HttpClient
from tray_app.providers import claude
from tray_app.providers.base import AccountRef, Context
from tray_app.secrets import Secret
from tray_app.simulator import sim_claude
from tray_app.simulator.demo import demo_environment
from tray_app.simulator.server import Simulator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "claude"
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
NOW_MS = int(NOW.timestamp() * 1000)
BASE = "https://anthropic.test"
TOKEN = "sk-ant-oat01-TEST-access-token-for-unit-tests-0000000000000000000"
OTHER = "sk-ant-oat01-TEST-other-account-token-000000000000000000000000000"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def creds_file(access: str = TOKEN, **kw: Any) -> dict[str, Any]:
    kw.setdefault("expires_ms", NOW_MS + 8 * 3600 * 1000)
    return sim_claude.credentials(access, **kw)


def write_login(home: Path, data: Any, *, email: str | None = "me@example.com") -> Path:
    path = home / ".claude" / ".credentials.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    if email is not None:
        (home / ".claude.json").write_text(json.dumps(sim_claude.global_config(email)), "utf-8")
    return path


def env_for(home: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), "USER": "tester", **extra}


def loader(env: dict[str, str], keychain: Any = None, **kw: Any) -> CredentialLoader:
    return CredentialLoader(Settings(**kw), environ=env, pat_store=MemoryPatStore(),
                            claude_keychain=keychain)


def refs(env: dict[str, str], keychain: Any = None) -> list[AccountRef]:
    return claude.discover(loader(env, keychain).load(), NOW)


def one_ref(env: dict[str, str], keychain: Any = None) -> AccountRef:
    (ref,) = refs(env, keychain)
    return ref


Handler = Any


def answer(body: Any, status: int = 200, seen: list[httpx.Request] | None = None,
           headers: dict[str, str] | None = None) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, json=body, headers=headers)

    return handle


def context(handler: Handler) -> Context:
    http = HttpClient(transport=httpx.MockTransport(handler))
    return Context(http=http, base_url=lambda key: BASE, now=lambda: NOW)


def ok_ref(label: str = "me@example.com") -> AccountRef:
    return AccountRef(label=label, payload=claude_creds.Secret(TOKEN), plan="Max 5x")


def by_id(account: Account) -> dict[str, Any]:
    return {w.id: w for w in account.windows}


# ---------------------------------------------------------------------------- credentials
def test_credentials_file_gives_the_account_with_plan_and_email(tmp_path: Path) -> None:
    data = fixture("credentials_max.json")
    data["claudeAiOauth"]["expiresAt"] = NOW_MS + 3600 * 1000
    write_login(tmp_path, data, email=None)
    (tmp_path / ".claude.json").write_text(json.dumps(fixture("claude_json.json")), "utf-8")
    ref = one_ref(env_for(tmp_path))
    assert ref.error is None
    assert (ref.label, ref.plan) == ("fixture.user@example.com", "Max 20x")
    assert ref.payload.reveal() == data["claudeAiOauth"]["accessToken"]
    assert ref.token_expires_at is None  # an 8-hour token Claude Code renews: no expiry alerts


def test_no_email_falls_back_to_the_masked_token(tmp_path: Path) -> None:
    write_login(tmp_path, creds_file(), email=None)
    assert one_ref(env_for(tmp_path)).label == f"{TOKEN[:4]}****{TOKEN[-4:]}"


def test_nothing_configured_is_no_account(tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []
    assert refs(env_for(tmp_path), lambda s, a: asked.append((s, a))) == []
    assert asked == [(claude_creds.KEYCHAIN_SERVICE, "tester")]


def test_claude_config_dir_and_its_keychain_item_name(tmp_path: Path) -> None:
    custom = tmp_path / "work-claude"
    env = env_for(tmp_path, CLAUDE_CONFIG_DIR=str(custom))
    digest = hashlib.sha256(str(custom).encode()).hexdigest()[:8]
    assert claude_creds.keychain_service(env) == f"Claude Code-credentials-{digest}"
    asked: list[str] = []
    keychain_item = json.dumps(creds_file(OTHER))
    ref = one_ref(env, lambda service, account: asked.append(service) or keychain_item)
    assert asked == [f"Claude Code-credentials-{digest}"]
    assert ref.payload.reveal() == OTHER
    # the file in that directory wins, and the keychain is not asked then
    custom.mkdir()
    (custom / ".credentials.json").write_text(json.dumps(creds_file()), "utf-8")
    (custom / ".claude.json").write_text(json.dumps(sim_claude.global_config("w@x.io")), "utf-8")
    asked.clear()
    ref = one_ref(env, lambda service, account: asked.append(service) or keychain_item)
    assert asked == [] and ref.payload.reveal() == TOKEN and ref.label == "w@x.io"


def test_keychain_item_when_there_is_no_file(tmp_path: Path) -> None:
    (tmp_path / ".claude.json").write_text(json.dumps(sim_claude.global_config()), "utf-8")
    item = json.dumps(creds_file(OTHER, tier="default_claude_max_5x"))
    ref = one_ref(env_for(tmp_path), lambda service, account: item)
    assert (ref.error, ref.label, ref.plan) == (None, sim_claude.DEMO_EMAIL, "Max 5x")
    assert ref.payload.reveal() == OTHER


def test_keychain_with_only_mcp_oauth_is_not_logged_in(tmp_path: Path) -> None:
    item = json.dumps(fixture("credentials_mcp_only.json"))
    ref = one_ref(env_for(tmp_path), lambda service, account: item)
    assert ref.error is not None and ref.error.kind is ErrorKind.NOT_LOGGED_IN
    assert ref.payload is None and ref.label == "Claude Code"
    message, fix = error_text(ref.error)
    assert "cannot read usage" in message and "MCP" in message
    assert "`claude`" in fix and "/login" in fix
    assert "mcp-FIXTURE" not in message + fix


def test_keychain_unavailable_is_reported(tmp_path: Path) -> None:
    def locked(service: str, account: str) -> str:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="security exit 36: locked")

    ref = one_ref(env_for(tmp_path), locked)
    assert ref.error is not None and ref.error.kind is ErrorKind.KEYRING_UNAVAILABLE


def test_keychain_garbage_is_an_unreadable_source(tmp_path: Path) -> None:
    ref = one_ref(env_for(tmp_path), lambda service, account: "not json at all")
    assert ref.error is not None and ref.error.kind is ErrorKind.AUTH_FILE_UNREADABLE
    assert ref.error.path.startswith("keychain:")


class _Keyring:
    """A KeyringReader stand-in: what the tray's ChildKeyring or the CLI's DirectKeyring give."""

    def __init__(self, items: dict[tuple[str, str], str], fail: bool = False) -> None:
        self.items, self.fail = items, fail
        self.asked: list[tuple[str, str]] = []

    def read(self, service: str, account: str) -> Secret | None:
        self.asked.append((service, account))
        if self.fail:
            raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="keychain locked")
        value = self.items.get((service, account))
        return Secret(value) if value is not None else None


def test_the_macos_keychain_is_read_through_the_keyring_access_it_is_given() -> None:
    item = '{"claudeAiOauth": {}}'
    store = _Keyring({("Claude Code-credentials", "me"): item})
    assert claude_creds.default_keychain_reader(store, platform="linux") is None
    assert claude_creds.default_keychain_reader(store, platform="win32") is None
    reader = claude_creds.default_keychain_reader(store, platform="darwin")
    assert reader is not None
    assert reader("Claude Code-credentials", "me") == item
    assert reader("Claude Code-credentials", "other") is None
    assert store.asked == [("Claude Code-credentials", "me"), ("Claude Code-credentials", "other")]
    failing = claude_creds.default_keychain_reader(_Keyring({}, fail=True), platform="darwin")
    assert failing is not None
    with pytest.raises(QuotaError) as info:
        failing("Claude Code-credentials", "me")
    assert info.value.kind is ErrorKind.KEYRING_UNAVAILABLE


def test_setup_token_without_user_profile_scope_is_not_logged_in(tmp_path: Path) -> None:
    data = fixture("credentials_setup_token.json")
    write_login(tmp_path, data)
    ref = one_ref(env_for(tmp_path))
    assert ref.error is not None and ref.error.kind is ErrorKind.NOT_LOGGED_IN
    assert "user:profile" in ref.error.detail and ref.payload is None
    assert data["claudeAiOauth"]["accessToken"] not in repr(ref)


def test_oauth_token_variable_alone_is_not_logged_in_and_never_shown(tmp_path: Path) -> None:
    secret = "sk-ant-oat01-TEST-setup-token-from-the-environment-00000000000"
    ref = one_ref(env_for(tmp_path, CLAUDE_CODE_OAUTH_TOKEN=secret))
    assert ref.error is not None and ref.error.kind is ErrorKind.NOT_LOGGED_IN
    assert "CLAUDE_CODE_OAUTH_TOKEN" in ref.error.detail
    for lang in LANGUAGES:
        assert secret not in "".join(error_text(ref.error, lang))


def test_unreadable_credentials_file_names_the_path_and_fix(tmp_path: Path) -> None:
    path = write_login(tmp_path, '{"claudeAiOauth": {"accessToken": ')
    ref = one_ref(env_for(tmp_path))
    assert ref.error is not None and ref.error.kind is ErrorKind.AUTH_FILE_UNREADABLE
    message, fix = error_text(ref.error, "zh-TW")
    assert str(path) in message and "invalid JSON" in message
    assert str(path) in fix and "claude" in fix


@pytest.mark.parametrize("expires", [NOW_MS - 1, NOW_MS, (NOW_MS - 60_000) // 1000])
def test_expired_token_is_reported_without_payload(tmp_path: Path, expires: int) -> None:
    write_login(tmp_path, creds_file(expires_ms=expires))
    ref = one_ref(env_for(tmp_path))
    assert ref.error is not None and ref.error.kind is ErrorKind.TOKEN_EXPIRED
    assert ref.payload is None and ref.label == "me@example.com" and ref.plan == "Max 5x"
    message, fix = error_text(ref.error)
    assert "Claude" in message and "`claude`" in fix and "never renews" in fix


def test_expired_token_is_never_sent(tmp_path: Path) -> None:
    with Simulator() as sim:
        env = {**sim.environ(), **env_for(tmp_path)}
        write_login(tmp_path, creds_file(expires_ms=NOW_MS - 1))
        with Engine(loader(env), providers=(claude.SPEC,), environ=env,
                    clock=lambda: NOW) as eng:
            snap = eng.refresh()
        assert sim.total_requests == 0 and eng.http.requests_sent == 0
    (account,) = snap.providers[0].accounts
    assert account.error is not None and account.error.kind is ErrorKind.TOKEN_EXPIRED


def test_opencode_anthropic_entry(tmp_path: Path) -> None:
    entry = {"type": "oauth", "access": OTHER, "refresh": "sk-ant-ort01-TEST-r-000000000",
             "expires": NOW_MS + 3600_000}
    env = env_for(tmp_path, OPENCODE_AUTH_CONTENT=json.dumps({"anthropic": entry}))
    ref = one_ref(env)
    assert ref.error is None and ref.payload.reveal() == OTHER
    assert ref.label == f"{OTHER[:4]}****{OTHER[-4:]}"
    # with Claude Code's own login as well: two accounts, Claude Code's first
    write_login(tmp_path, creds_file())
    assert [r.label for r in refs(env)] == ["me@example.com", ref.label]


def test_the_same_token_from_two_sources_is_one_account(tmp_path: Path) -> None:
    write_login(tmp_path, creds_file())
    entry = {"type": "oauth", "access": TOKEN, "expires": NOW_MS + 3600_000}
    env = env_for(tmp_path, OPENCODE_AUTH_CONTENT=json.dumps({"anthropic": entry}))
    assert [r.label for r in refs(env)] == ["me@example.com"]


@pytest.mark.parametrize("entry, kind", [
    ({"type": "api", "key": "sk-ant-api03-TEST-key-00000000"}, None),
    ({"type": "oauth"}, None),
    ({"type": "oauth", "access": "has spaces in it"}, None),
    ({"type": "oauth", "access": OTHER, "expires": NOW_MS - 5}, ErrorKind.TOKEN_EXPIRED),
])
def test_opencode_entries_that_are_no_usable_login(
    tmp_path: Path, entry: dict[str, Any], kind: ErrorKind | None
) -> None:
    env = env_for(tmp_path, OPENCODE_AUTH_CONTENT=json.dumps({"anthropic": entry}))
    found = refs(env)
    assert [r.error.kind if r.error else None for r in found] == ([kind] if kind else [])


def test_turned_off_reads_nothing(tmp_path: Path) -> None:
    asked: list[str] = []
    cs = loader(env_for(tmp_path), lambda s, a: asked.append(s),
                disabled_providers=("claude",)).load()
    assert cs.claude.login is None and asked == []


@pytest.mark.parametrize("sub, tier, plan", [
    ("pro", "default_claude_pro", "Pro"),
    ("max", "default_claude_max_5x", "Max 5x"),
    ("max", "default_claude_max_20x", "Max 20x"),
    ("max", "", "Max"),
    ("team", "default_claude_team", "Team"),
    ("enterprise", "", "Enterprise"),
    ("", "", None),
    ("ultra", "", "Ultra"),
])
def test_plan_from_subscription_type_and_tier(sub: str, tier: str, plan: str | None) -> None:
    assert claude.plan_name(sub, tier) == plan


# ---------------------------------------------------------------------------- request
def test_request_shape(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    account = claude.fetch(context(answer(fixture("usage_pro.json"), seen=seen)), ok_ref())
    assert [(r.method, str(r.url)) for r in seen] == [("GET", BASE + "/api/oauth/usage")]
    headers = seen[0].headers
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["anthropic-beta"] == "oauth-2025-04-20"
    assert headers["user-agent"].startswith("claude-code/")
    assert (account.label, account.plan) == ("me@example.com", "Max 5x")


def test_user_agent_gate(tmp_path: Path) -> None:
    """The simulator refuses, like the real endpoint, any client that is not Claude Code's;
    the provider's own request goes through, so it proves we send the User-Agent."""
    with Simulator() as sim:
        url = sim.environ()["MYSTATUS_ANTHROPIC_URL"] + "/api/oauth/usage"
        plain = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}",
                                        "anthropic-beta": "oauth-2025-04-20"})
        assert (plain.status_code, plain.headers["retry-after"]) == (429, "0")
        env = {**sim.environ(), **env_for(tmp_path)}
        write_login(tmp_path, creds_file(expires_ms=None))
        with Engine(loader(env), providers=(claude.SPEC,), environ=env) as eng:
            (account,) = eng.refresh().providers[0].accounts
    assert account.ok, account.error


def test_missing_beta_header_is_refused_by_the_simulator() -> None:
    with Simulator() as sim:
        url = sim.environ()["MYSTATUS_ANTHROPIC_URL"] + "/api/oauth/usage"
        resp = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}",
                                       "User-Agent": "claude-code/2.1.0"})
    assert resp.status_code == 401


def test_unauthorized_says_to_run_claude() -> None:
    with pytest.raises(QuotaError) as info:
        claude.fetch(context(answer({"error": {"message": "invalid"}}, 401)), ok_ref())
    assert (info.value.kind, info.value.info.status) == (ErrorKind.HTTP_ERROR, 401)
    assert "`claude`" in error_text(info.value.info)[1]


def test_429_backs_off_30_s_doubling_to_15_min_and_resets_on_success() -> None:
    ctx = context(answer({"error": {}}, 429, headers={"retry-after": "0"}))
    waits = []
    for _ in range(7):
        with pytest.raises(QuotaError) as info:
            claude.fetch(ctx, ok_ref())
        assert info.value.kind is ErrorKind.RATE_LIMITED
        waits.append(info.value.info.retry_after)
    assert waits == [30, 60, 120, 240, 480, 900, 900]
    ok = Context(http=context(answer(fixture("usage_pro.json"))).http, base_url=lambda k: BASE,
                 now=lambda: NOW, memory=ctx.memory, lock=ctx.lock)
    claude.fetch(ok, ok_ref())
    with pytest.raises(QuotaError) as info:
        claude.fetch(ctx, ok_ref())
    assert info.value.info.retry_after == 30


def test_429_with_a_longer_retry_after_honours_it() -> None:
    ctx = context(answer({}, 429, headers={"retry-after": "120"}))
    with pytest.raises(QuotaError) as info:
        claude.fetch(ctx, ok_ref())
    assert info.value.info.retry_after == 120


def test_429_keeps_the_last_good_numbers_marked_stale(tmp_path: Path) -> None:
    with Simulator() as sim:
        env = {**sim.environ(), **env_for(tmp_path)}
        write_login(tmp_path, creds_file(expires_ms=None))
        with Engine(loader(env), providers=(claude.SPEC,), environ=env) as eng:
            first = eng.refresh()
            sim.set_scenario("anthropic", "rate_limited")
            second = eng.refresh()
    t0 = first.generated_at
    view = merge(merge(TrayView(), first, t0), second, t0 + timedelta(minutes=5))
    (status,) = view.providers
    (account,) = status.usage.accounts
    assert status.stale and account.label in status.stale_accounts
    assert by_id(account)["5h"].used_percent == 34.0
    assert status.retry_at == t0 + timedelta(minutes=5, seconds=30)


# ---------------------------------------------------------------------------- windows
def test_max_answer_from_fixture() -> None:
    windows, details = claude.parse_usage(fixture("usage_max.json"))
    got = {w.id: (w.used_percent, w.window_seconds) for w in windows}
    assert got == {
        "5h": (37.0, 18000), "weekly": (21.0, 604800), "weekly-sonnet": (9.0, 604800),
        "weekly-fable": (52.5, 604800), "extra-usage": (69.24, None),
    }
    w = {x.id: x for x in windows}
    assert w["5h"].resets_at == datetime(2026, 11, 1, 14, 0, 0, 572383, tzinfo=timezone.utc)
    assert (w["5h"].label_key, w["weekly"].label_key) == ("window.5h", "window.weekly")
    assert w["weekly-fable"].label == "Weekly limit (Fable)"
    assert window_label(w["weekly-sonnet"], "zh-CN") == "每周限额（Sonnet）"
    assert details == ()


def test_null_windows_are_not_shown_never_zero() -> None:
    windows, _ = claude.parse_usage(fixture("usage_pro.json"))
    assert [(w.id, w.used_percent) for w in windows] == [("5h", 4.0), ("weekly", 63.0)]
    everything_null = {"five_hour": None, "seven_day": {"utilization": None, "resets_at": None},
                       "seven_day_opus": None, "extra_usage": None}
    assert claude.parse_usage(everything_null) == ((), ())


def test_extra_usage_is_money_in_minor_units() -> None:
    windows, details = claude.parse_usage(fixture("usage_max.json"))
    extra = {w.id: w for w in windows}["extra-usage"]
    assert (extra.used, extra.limit, extra.unit) == (34.62, 50.0, "USD")
    assert details == ()  # the window says "$34.62 / $50.00": no second line
    assert claude.money(extra.used, "USD") == "$34.62"


@pytest.mark.parametrize("extra, used, limit, percent", [
    ({"monthly_limit": 20000.0, "used_credits": 1234.0, "currency": "usd",
      "decimal_places": 3}, 1.234, 20.0, 6.17),
    ({"monthly_limit": 5000, "used_credits": 2500, "currency": "EUR"}, 25.0, 50.0, 50.0),
    ({"monthly_limit": "5000", "used_credits": "100", "decimal_places": "2"}, 1.0, 50.0, 2.0),
])
def test_extra_usage_shapes(extra: dict[str, Any], used: float, limit: float,
                            percent: float) -> None:
    windows, _ = claude.parse_usage({"extra_usage": {"is_enabled": True, **extra}})
    (window,) = windows
    assert window.used == pytest.approx(used) and window.limit == pytest.approx(limit)
    assert window.used_percent == pytest.approx(percent)


def test_extra_usage_without_a_limit_is_a_details_line() -> None:
    body = {"extra_usage": {"is_enabled": True, "monthly_limit": None, "used_credits": 1234,
                            "utilization": None, "currency": "USD"}}
    assert claude.parse_usage(body) == ((), (("Extra usage", "$12.34 used"),))


def test_extra_usage_turned_off_is_not_shown() -> None:
    body = {"extra_usage": {"is_enabled": False, "monthly_limit": 5000, "used_credits": 10}}
    assert claude.parse_usage(body) == ((), ())


def test_unknown_keys_and_bad_shapes_never_drop_the_rest() -> None:
    body = fixture("usage_max.json")
    body.update(seven_day="garbage", seven_day_sonnet=[1, 2], limits="not a list",
                spend={"nested": {"deep": [1, 2, 3]}}, brand_new_key=42,
                extra_usage={"is_enabled": True, "monthly_limit": "lots", "used_credits": {}})
    windows, details = claude.parse_usage(body)
    assert [w.id for w in windows] == ["5h"] and details == ()
    body["limits"] = [None, 3, "x", {"kind": "weekly_scoped"}, {"kind": "other", "percent": 5},
                      {"kind": "weekly_scoped", "percent": 7,
                       "scope": {"model": {"id": "claude-x-9"}}}]
    windows, _ = claude.parse_usage(body)
    assert [(w.id, w.used_percent) for w in windows] == [("5h", 37.0), ("weekly-claude-x-9", 7)]


def test_other_seven_day_keys_and_a_cap_named_twice() -> None:
    body = {
        "seven_day_cowork": {"utilization": 3.5, "resets_at": None},
        "seven_day_sonnet": {"utilization": 10, "resets_at": None},
        "limits": [{"kind": "weekly_scoped", "percent": 11,
                    "scope": {"model": {"display_name": "Sonnet"}}}],
    }
    windows, _ = claude.parse_usage(body)
    assert [(w.id, w.label, w.used_percent) for w in windows] == [
        ("weekly-cowork", "Weekly limit (Cowork)", 3.5),
        ("weekly-sonnet", "Weekly limit (Sonnet)", 10),
    ]


def test_limits_stand_in_only_for_missing_main_windows() -> None:
    limits = [{"kind": "session", "percent": 12, "resets_at": "2026-11-01T13:00:00+00:00"},
              {"kind": "weekly_all", "percent": 34}]
    windows, _ = claude.parse_usage({"limits": limits})
    assert [(w.id, w.used_percent) for w in windows] == [("5h", 12), ("weekly", 34)]
    windows, _ = claude.parse_usage({"limits": limits, "five_hour": None, "seven_day": None})
    assert windows == ()


@pytest.mark.parametrize("body", [[], "text", None, {}, {"spend": {}, "tangelo": 1}])
def test_unusable_body_is_invalid_response(body: Any) -> None:
    with pytest.raises(QuotaError) as info:
        claude.parse_usage(body)
    assert info.value.kind is ErrorKind.INVALID_RESPONSE


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=4),
    max_leaves=20,
)
_window = st.none() | st.fixed_dictionaries(
    {"utilization": st.none() | st.floats() | st.integers() | st.text(max_size=5),
     "resets_at": st.none() | st.text(max_size=30) | st.integers()})


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries(
    {}, optional={"five_hour": _window, "seven_day": _window, "seven_day_opus": _window,
                  "seven_day_x": _json, "limits": _json, "extra_usage": _json, "spend": _json}))
def test_parser_never_raises_and_never_invents_a_zero(data: dict[str, Any]) -> None:
    try:
        windows, _ = claude.parse_usage(data)
    except QuotaError as exc:
        assert exc.kind is ErrorKind.INVALID_RESPONSE
        return
    for w in windows:
        assert w.used_percent is not None and 0 <= w.used_percent <= 1000
    for key in ("five_hour", "seven_day"):
        raw = data.get(key)
        if not isinstance(raw, dict) or raw.get("utilization") is None:
            assert {"five_hour": "5h", "seven_day": "weekly"}[key] not in [w.id for w in windows]


# ---------------------------------------------------------------------------- simulator
def _sim_engine(sim: Simulator, workdir: Path) -> tuple[Engine, dict[str, str]]:
    env = demo_environment(sim, workdir)
    return Engine(loader(env), environ=env, providers=(claude.SPEC,)), env


@pytest.mark.parametrize("scenario, expected", [
    ("healthy", {"5h": 34, "weekly": 21, "weekly-sonnet": 12, "weekly-fable": 40,
                 "extra-usage": 69.24}),
    ("high", {"5h": 93.5, "weekly": 81, "weekly-sonnet": 12, "weekly-fable": 40,
              "extra-usage": 69.24}),
    ("null_windows", {}),
    ("cents_float", {"5h": 34, "weekly": 21, "weekly-sonnet": 12, "weekly-fable": 40,
                     "extra-usage": 6.17}),
    ("odd_keys", {"5h": 34}),
])
def test_simulator_scenarios_through_the_engine(
    tmp_path: Path, scenario: str, expected: dict[str, float]
) -> None:
    with Simulator({"anthropic": scenario}) as sim:
        eng, env = _sim_engine(sim, tmp_path)
        cred_file = Path(env["CLAUDE_CONFIG_DIR"]) / ".credentials.json"
        before = hashlib.sha256(cred_file.read_bytes()).hexdigest()
        with eng:
            snap = eng.refresh()
        requests = list(sim.received)
    (provider,) = snap.providers
    (account,) = provider.accounts
    assert account.ok, account.error
    assert (provider.id, provider.name, account.label) == ("claude", "Claude",
                                                           sim_claude.DEMO_EMAIL)
    assert account.plan == "Max 5x"
    assert {w.id: round(w.used_percent or 0, 2) for w in account.windows} == expected
    assert all(w.resets_at is None or w.resets_at > snap.generated_at for w in account.windows)
    assert sim_claude.DEMO_ACCESS not in repr(snap) and sim_claude.DEMO_REFRESH not in repr(snap)
    assert [(r.method, r.path) for r in requests] == [("GET", "/api/oauth/usage")]
    assert requests[0].headers["authorization"] == f"Bearer {sim_claude.DEMO_ACCESS}"
    assert hashlib.sha256(cred_file.read_bytes()).hexdigest() == before  # never written


def test_rotated_token_is_read_again_on_the_next_refresh(tmp_path: Path) -> None:
    with Simulator() as sim:
        eng, env = _sim_engine(sim, tmp_path)
        cred_file = Path(env["CLAUDE_CONFIG_DIR"]) / ".credentials.json"
        with eng:
            eng.refresh()
            cred_file.write_text(json.dumps(sim_claude.credentials(OTHER)), "utf-8")
            snap = eng.refresh()
        sent = [r.headers["authorization"] for r in sim.received]
    assert sent == [f"Bearer {sim_claude.DEMO_ACCESS}", f"Bearer {OTHER}"]
    assert snap.providers[0].accounts[0].ok


@pytest.mark.parametrize("scenario, kind, status, retry", [
    ("http_401", ErrorKind.HTTP_ERROR, 401, None),
    ("http_429", ErrorKind.RATE_LIMITED, 429, 30),
    ("rate_limited", ErrorKind.RATE_LIMITED, 429, 30),  # retry-after: 0 → our 30 s floor
    ("http_500", ErrorKind.HTTP_ERROR, 500, None),
    ("malformed", ErrorKind.INVALID_RESPONSE, 200, None),
    ("wrong_types", ErrorKind.INVALID_RESPONSE, None, None),
    ("empty", ErrorKind.INVALID_RESPONSE, None, None),
])
def test_simulator_faults_become_error_kinds(
    tmp_path: Path, scenario: str, kind: ErrorKind, status: int | None, retry: float | None
) -> None:
    with Simulator({"anthropic": scenario}) as sim:
        eng, _ = _sim_engine(sim, tmp_path)
        with eng:
            snap: Snapshot = eng.refresh()
    account = snap.providers[0].accounts[0]
    assert account.error is not None and account.windows == ()
    assert (account.error.kind, account.error.status) == (kind, status)
    assert account.error.retry_after == retry


# ---------------------------------------------------------------------------- wording
def test_claude_messages_exist_in_every_language() -> None:
    from tray_app.i18n.catalog_providers import MESSAGES

    keys = [k for k in MESSAGES if "claude" in k or k.endswith("not_logged_in")]
    assert len(keys) >= 6
    for key in keys:
        assert set(MESSAGES[key]) == set(LANGUAGES), key


# ---------------------------------------------------------------------------- doctor
def _doctor(env: dict[str, str], keychain: Any = None, lang: str = "en") -> list[Any]:
    from tray_app.cli.doctor_checks import Covered
    from tray_app.cli.doctor_claude import check_claude

    covered = Covered()
    findings = check_claude(loader(env, keychain).load().claude, env, NOW, lang, covered)
    return [(f.mark.value, f.text, f.fix) for f in findings] + [sorted(covered.kinds)]


def test_doctor_reports_the_login_masked_with_plan_expiry_and_email(tmp_path: Path) -> None:
    path = write_login(tmp_path, creds_file())
    (*findings, covered) = _doctor(env_for(tmp_path))
    text = "\n".join(f[1] for f in findings)
    assert str(path) in text and "Max 5x" in text and "valid until 2026-11-01T20:00:00Z" in text
    assert f"{TOKEN[:4]}****{TOKEN[-4:]}" in text and TOKEN not in text
    assert "me@example.com" in text and covered == []


def test_doctor_explains_an_expired_or_unusable_login(tmp_path: Path) -> None:
    write_login(tmp_path, creds_file(expires_ms=NOW_MS - 1))
    (*findings, covered) = _doctor(env_for(tmp_path), lang="zh-CN")
    assert findings[-1][0] == "fail" and "`claude`" in findings[-1][2]
    assert covered == [("claude", ErrorKind.TOKEN_EXPIRED)]
    item = json.dumps(fixture("credentials_mcp_only.json"))
    (*findings, covered) = _doctor(env_for(tmp_path / "other"), lambda s, a: item)
    assert findings[-1][0] == "fail" and "keychain:Claude Code-credentials" in findings[0][1]
    assert covered == [("claude", ErrorKind.NOT_LOGGED_IN)]


def test_doctor_without_any_login_says_how_to_add_it(tmp_path: Path) -> None:
    (*findings, _) = _doctor(env_for(tmp_path))
    assert [f[0] for f in findings] == ["info", "info"]
    assert "Run `claude`" in findings[1][1]


def test_doctor_reports_opencodes_anthropic_entry(tmp_path: Path) -> None:
    from tray_app.cli.doctor_checks import Covered
    from tray_app.cli.doctor_claude import check_claude

    env = env_for(tmp_path)
    sources = loader(env).load().claude
    for entry, mark, words in [
        ({"type": "oauth", "access": OTHER, "expires": NOW_MS + 1}, "ok", "usable"),
        ({"type": "oauth", "access": OTHER, "expires": NOW_MS - 1}, "warn", "expired"),
        ({"type": "api", "key": "sk-ant-api03-TEST-000000"}, "info", "API key"),
    ]:
        last = check_claude(sources, env, NOW, "en", Covered(), entry)[-1]
        assert (last.mark.value, words in last.text) == (mark, True), last
        assert OTHER not in last.text


# ---------------------------------------------------------------------------- settings
def test_the_settings_menu_turns_claude_off_and_the_engine_skips_it(tmp_path: Path) -> None:
    from tray_app.tray.actions import apply_setting
    from tray_app.tray.menu import MenuEntry, build_menu

    def entries(items: Any) -> Any:
        for entry in items:
            yield entry
            yield from entries(entry.children)

    def toggle(s: Settings) -> MenuEntry:
        menu = build_menu(TrayView(), s, "en", NOW, pat_present=False)
        (found,) = [e for e in entries(menu) if e.action == "provider:claude"]
        return found

    on = Settings()
    assert toggle(on).text == "Claude" and toggle(on).checked
    off = apply_setting(on, "provider:claude")
    assert off is not None and off.disabled_providers == ("claude",) and not toggle(off).checked
    write_login(tmp_path, creds_file(expires_ms=None))
    env = env_for(tmp_path)
    with Engine(CredentialLoader(off, environ=env, pat_store=MemoryPatStore()),
                providers=(claude.SPEC,), environ=env) as eng:
        assert eng.refresh().providers == () and eng.http.requests_sent == 0


def test_a_denied_keychain_prompt_is_not_asked_again_until_refresh(tmp_path: Path) -> None:
    calls: list[str] = []

    def denied(service: str, account: str) -> str:
        calls.append(service)
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="security exit 128: canceled")

    ldr = loader(env_for(tmp_path), denied)
    for _ in range(3):
        problem = ldr.load().claude.problem
        assert problem is not None and problem.kind is ErrorKind.KEYRING_UNAVAILABLE
    assert len(calls) == 1
    ldr.retry_pat_if_failed()  # the user's Refresh
    ldr.load()
    assert len(calls) == 2
    held = claude_creds.HeldKeychain(denied, hold=60, clock=lambda: 1000.0)
    with pytest.raises(QuotaError):
        held("s", "a")
    held.clock = lambda: 1061.0
    with pytest.raises(QuotaError):
        held("s", "a")
    assert held.asked == 2
