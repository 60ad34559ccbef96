"""Codex CLI's login as a credential source (file in a private HOME, keyring through a
reader) and OpenAI's discovery over both sources: one account per ChatGPT account id with the
token that expires last, distinct labels, API-key-only logins skipped."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.credentials import CredentialLoader
from tray_app.credentials.codex import CodexSource, codex_home, keyring_account, parse_auth
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import error_text
from tray_app.providers import openai
from tray_app.secrets import Secret
from tray_app.simulator.sim_openai import codex_auth_file, demo_claims, make_jwt

NOW = datetime.now(timezone.utc).replace(microsecond=0)
ID_A, ID_B = "acct-aaaa-1111", "acct-bbbb-2222"


def jwt(email: str, account: str, lifetime: float, plan: str = "plus") -> str:
    return make_jwt(demo_claims(NOW.timestamp(), email=email, account_id=account, plan=plan,
                                lifetime=lifetime))


def opencode_entry(access: str, **extra: Any) -> dict[str, Any]:
    return {"type": "oauth", "access": access, "refresh": "rt_TEST-opencode-never-used",
            **extra}


def write_codex(home: Path, data: dict[str, Any]) -> Path:
    path = home / ".codex" / "auth.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")
    return path


def load(home: Path, opencode: dict[str, Any] | None = None, reader: Any = None,
         **env: str) -> Any:
    environ = {"HOME": str(home), **env}
    if opencode is not None:
        environ["OPENCODE_AUTH_CONTENT"] = json.dumps({"openai": opencode})
    loader = CredentialLoader(environ=environ, pat_store=MemoryPatStore(), keyring=reader)
    return loader.load()


class CountingReader:
    """A keyring reader that counts its reads (the keyring must never be polled)."""

    def __init__(self, value: str | None = None, error: bool = False) -> None:
        self.value, self.error, self.calls = value, error, []  # type: list[tuple[str, str]]

    def read(self, service: str, account: str) -> Secret | None:
        self.calls.append((service, account))
        if self.error:
            raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="locked")
        return Secret(self.value) if self.value else None

    def write(self, service: str, account: str, secret: Secret) -> None:
        raise AssertionError("never written")

    def delete(self, service: str, account: str) -> bool:
        raise AssertionError("never deleted")


# ---------------------------------------------------------------------------- the file
def test_codex_file_in_a_private_home_is_read_and_left_unchanged(tmp_path: Path) -> None:
    data = codex_auth_file(email="solo@example.com", account_id=ID_A)
    path = write_codex(tmp_path, data)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    creds = load(tmp_path)
    assert creds.codex.where == "file" and creds.codex.source == str(path)
    assert creds.codex.account_id == ID_A and creds.codex.usable
    (ref,) = openai.discover(creds, NOW)
    assert ref.error is None and ref.label == "solo@example.com" and ref.plan == "pro"
    assert ref.payload.access.reveal() == data["tokens"]["access_token"]
    assert ref.payload.account_id == ID_A
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["auth.json"]
    # no token of the file shows in a repr (logs): each is held as a Secret or not kept
    for name in ("refresh_token", "access_token", "id_token"):
        assert data["tokens"][name] not in repr(creds.codex)


def test_codex_home_variable_wins_over_the_default(tmp_path: Path) -> None:
    custom = tmp_path / "elsewhere"
    custom.mkdir()
    (custom / "auth.json").write_text(json.dumps(codex_auth_file(account_id=ID_B)), "utf-8")
    write_codex(tmp_path, codex_auth_file(account_id=ID_A))
    creds = load(tmp_path, CODEX_HOME=str(custom))
    assert creds.codex.account_id == ID_B
    assert codex_home({"HOME": str(tmp_path)}) == tmp_path / ".codex"


@pytest.mark.parametrize("data", [
    {"auth_mode": "apikey", "OPENAI_API_KEY": "sk-proj-TESTKEYnotreal0123456789", "tokens": None},
    {"OPENAI_API_KEY": "sk-proj-TESTKEYnotreal0123456789"},  # older Codex: no auth_mode
])
def test_api_key_only_login_is_skipped(tmp_path: Path, data: dict[str, Any]) -> None:
    write_codex(tmp_path, data)
    creds = load(tmp_path)
    assert creds.codex.api_key_only and not creds.codex.usable
    assert openai.discover(creds, NOW) == []
    assert "sk-proj-TESTKEYnotreal0123456789" not in repr(creds)


def test_an_unreadable_codex_file_is_reported_when_nothing_else_stands_in(tmp_path: Path) -> None:
    path = tmp_path / ".codex" / "auth.json"
    path.parent.mkdir()
    path.write_text("{not json", "utf-8")
    creds = load(tmp_path)
    assert creds.codex.problem is not None and creds.codex.problem.path == str(path)
    (ref,) = openai.discover(creds, NOW)
    assert ref.error is not None and ref.error.kind is ErrorKind.AUTH_FILE_UNREADABLE
    assert ref.error.provider == "OpenAI" and ref.error.get("fix") == "fix.codex_file"
    message, fix = error_text(ref.error)
    assert str(path) in message and "invalid JSON at line 1" in message
    assert "codex login" in fix
    # with OpenCode's login there, the broken Codex file does not add an error row
    fine = load(tmp_path, opencode_entry(jwt("oc@example.com", ID_A, 3600)))
    (only,) = openai.discover(fine, NOW)
    assert only.error is None and only.label == "oc@example.com"


def test_id_token_as_an_object_with_raw_jwt(tmp_path: Path) -> None:
    """Older Codex releases wrote id_token parsed, with the JWT under raw_jwt."""
    data = codex_auth_file(email="old@example.com", account_id=ID_A)
    data["tokens"]["id_token"] = {"email": "old@example.com", "raw_jwt": data["tokens"]["id_token"]}
    auth = parse_auth(data, where="file", source="x", home="h")
    assert auth.id_token is not None and auth.id_token.reveal().count(".") == 2
    assert openai.codex_candidate(auth) is not None


# ---------------------------------------------------------------------------- the keyring
def test_keyring_account_name_is_cli_and_16_hex_of_the_canonical_home(tmp_path: Path) -> None:
    home = tmp_path / ".codex"
    home.mkdir()
    link = tmp_path / "link"
    link.symlink_to(home)
    digest = hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:16]
    assert keyring_account(home) == keyring_account(link) == f"cli|{digest}"


def test_keyring_is_read_once_when_the_file_is_absent(tmp_path: Path) -> None:
    (tmp_path / ".codex").mkdir()
    reader = CountingReader(json.dumps(codex_auth_file(account_id=ID_A)))
    source = CodexSource(reader)
    environ = {"HOME": str(tmp_path)}
    first, second = source.load(environ), source.load(environ)
    assert first == second and first.where == "keyring" and first.account_id == ID_A
    assert reader.calls == [("Codex Auth", keyring_account(tmp_path / ".codex"))]
    assert first.source.startswith("keyring: Codex Auth / cli|")


def test_keyring_not_asked_without_codex_and_not_when_the_file_exists(tmp_path: Path) -> None:
    reader = CountingReader(json.dumps(codex_auth_file()))
    source = CodexSource(reader)
    assert not source.load({"HOME": str(tmp_path)}).found  # no ~/.codex: Codex not in use
    write_codex(tmp_path, codex_auth_file(account_id=ID_B))
    assert source.load({"HOME": str(tmp_path)}).where == "file"
    assert reader.calls == []


def test_expired_keyring_token_is_read_again_but_not_polled(tmp_path: Path) -> None:
    (tmp_path / ".codex").mkdir()
    expired = codex_auth_file(account_id=ID_A, lifetime=-60)
    reader = CountingReader(json.dumps(expired))
    clock = [0.0]
    source = CodexSource(reader, clock=lambda: clock[0])
    environ = {"HOME": str(tmp_path)}
    source.load(environ)
    clock[0] = 60.0
    source.load(environ)
    assert len(reader.calls) == 1  # a minute later: still the cached (expired) one
    clock[0] = 16 * 60.0
    source.load(environ)
    assert len(reader.calls) == 2  # after 15 minutes an expired token is looked up again


def test_keyring_failure_is_a_problem_and_retried_on_user_refresh(tmp_path: Path) -> None:
    (tmp_path / ".codex").mkdir()
    reader = CountingReader(error=True)
    loader = CredentialLoader(environ={"HOME": str(tmp_path)}, pat_store=MemoryPatStore(),
                              keyring=reader)
    creds = loader.load()
    assert creds.codex.problem is not None
    assert creds.codex.problem.kind is ErrorKind.KEYRING_UNAVAILABLE
    assert openai.discover(creds, NOW) == []  # a keyring problem alone is doctor's to tell
    loader.load()
    assert len(reader.calls) == 1
    loader.retry_pat_if_failed()  # "Refresh now"
    loader.load()
    assert len(reader.calls) == 2


# ---------------------------------------------------------------------------- both sources
def test_same_account_in_both_is_one_account_with_the_later_token(tmp_path: Path) -> None:
    early = jwt("me@example.com", ID_A, 3600)
    write_codex(tmp_path, codex_auth_file(email="me@example.com", account_id=ID_A,
                                          lifetime=5 * 86400))
    creds = load(tmp_path, opencode_entry(early))
    (ref,) = openai.discover(creds, NOW)
    assert ref.payload.access is creds.codex.access  # Codex's expires later
    assert ref.token_expires_at is not None and ref.token_expires_at > NOW + timedelta(days=4)
    later = jwt("me@example.com", ID_A, 9 * 86400)
    (ref,) = openai.discover(load(tmp_path, opencode_entry(later)), NOW)
    assert ref.payload.access.reveal() == later


def test_expired_in_one_source_fresh_in_the_other_uses_the_fresh_one(tmp_path: Path) -> None:
    write_codex(tmp_path, codex_auth_file(email="me@example.com", account_id=ID_A,
                                          lifetime=-3600))
    fresh = jwt("me@example.com", ID_A, 6 * 3600)
    (ref,) = openai.discover(load(tmp_path, opencode_entry(fresh)), NOW)
    assert ref.error is None and ref.payload.access.reveal() == fresh
    assert ref.token_expires_at is not None and ref.token_expires_at > NOW


def test_expired_in_both_says_how_to_refresh_either(tmp_path: Path) -> None:
    write_codex(tmp_path, codex_auth_file(email="me@example.com", account_id=ID_A,
                                          lifetime=-3600))
    (ref,) = openai.discover(load(tmp_path, opencode_entry(jwt("me@example.com", ID_A, -60))),
                             NOW)
    assert ref.error is not None and ref.error.kind is ErrorKind.TOKEN_EXPIRED
    assert ref.error.get("fix") == "fix.token_expired_openai_both"
    # the later of the two expiries is the one reported
    assert ref.token_expires_at is not None and ref.token_expires_at > NOW - timedelta(minutes=2)
    (codex_only,) = openai.discover(load(tmp_path), NOW)
    assert codex_only.error is not None
    assert codex_only.error.get("fix") == "fix.token_expired_codex"


def test_two_accounts_side_by_side_opencode_first(tmp_path: Path) -> None:
    write_codex(tmp_path, codex_auth_file(email="work@example.com", account_id=ID_B))
    creds = load(tmp_path, opencode_entry(jwt("home@example.com", ID_A, 3600)))
    refs = openai.discover(creds, NOW)
    assert [r.label for r in refs] == ["home@example.com", "work@example.com"]
    assert [r.payload.account_id for r in refs] == [ID_A, ID_B]


def test_one_email_two_workspaces_get_distinct_labels(tmp_path: Path) -> None:
    write_codex(tmp_path, codex_auth_file(email="me@example.com", account_id=ID_B, plan="team"))
    creds = load(tmp_path, opencode_entry(jwt("me@example.com", ID_A, 3600, plan="plus")))
    labels = [r.label for r in openai.discover(creds, NOW)]
    assert labels == ["me@example.com (plus)", "me@example.com (team)"]


# ---------------------------------------------------------------------------- doctor
def test_doctor_expired_codex_token_is_fine_when_opencode_holds_a_fresh_one(
    tmp_path: Path,
) -> None:
    from tray_app.cli.doctor_checks import Mark
    from tray_app.cli.doctor_codex import check_codex

    write_codex(tmp_path, codex_auth_file(email="me@example.com", account_id=ID_A,
                                          lifetime=-3600))
    alone = check_codex(load(tmp_path), NOW, "en")
    assert alone[-1].mark is Mark.WARN and "Its token expired at" in alone[-1].text
    assert "Run Codex once" in alone[-1].fix
    both = check_codex(load(tmp_path, opencode_entry(jwt("me@example.com", ID_A, 3600))),
                       NOW, "en")
    assert [f.mark for f in both] == [Mark.OK, Mark.INFO, Mark.INFO]
    assert "The same ChatGPT account as OpenCode's openai entry" in both[1].text
    assert both[2].fix == ""  # nothing to fix: OpenCode's fresh token is used


def test_doctor_codex_home_without_login_and_a_file_without_tokens(tmp_path: Path) -> None:
    from tray_app.cli.doctor_checks import Mark
    from tray_app.cli.doctor_codex import check_codex

    (tmp_path / ".codex").mkdir()
    (none,) = check_codex(load(tmp_path, reader=CountingReader()), NOW, "zh-TW")
    assert none.mark is Mark.INFO and "Codex Auth" in none.text and "cli|" in none.text
    (demo,) = check_codex(load(tmp_path, reader=CountingReader()), NOW, "en",
                          keyring_read=False)
    assert "The demo does not read the keyring" in demo.text
    write_codex(tmp_path, {"auth_mode": "chatgpt", "tokens": {"refresh_token": "rt_x"}})
    (empty,) = check_codex(load(tmp_path), NOW, "en")
    assert empty.mark is Mark.WARN and "holds no ChatGPT tokens" in empty.text


# ---------------------------------------------------------------- personal_access_token
PAT = "chatgpt-pat-PLANTED-0123456789abcdef"


def _pat_file(access: str | None, account: str = ID_A, *, in_tokens: bool = False,
              id_token: str | None = None) -> dict[str, Any]:
    tokens: dict[str, Any] = {"account_id": account}
    if access is not None:
        tokens["access_token"] = access
        tokens["refresh_token"] = "rt_TEST-codex-never-used"
    if id_token is not None:
        tokens["id_token"] = id_token
    data: dict[str, Any] = {"auth_mode": "chatgpt", "tokens": tokens}
    if in_tokens:
        tokens["personal_access_token"] = PAT
    else:
        data["personal_access_token"] = PAT
    return data


@pytest.mark.parametrize("in_tokens", [False, True])
def test_personal_access_token_alone_is_the_bearer(tmp_path: Path, in_tokens: bool) -> None:
    write_codex(tmp_path, _pat_file(None, in_tokens=in_tokens,
                                    id_token=jwt("pat@example.com", ID_A, 3600)))
    creds = load(tmp_path)
    assert creds.codex.bearer == "personal_access_token" and not creds.codex.api_key_only
    (ref,) = openai.SPEC.discover(creds, NOW)
    assert ref.error is None and ref.payload.access.reveal() == PAT
    assert ref.payload.account_id == ID_A and ref.label == "pat@example.com"


def test_a_fresh_access_token_is_preferred_to_the_pat(tmp_path: Path) -> None:
    fresh = jwt("a@example.com", ID_A, 3600)
    write_codex(tmp_path, _pat_file(fresh))
    creds = load(tmp_path)
    assert creds.codex.bearer == "access_token" and creds.codex.has_pat
    (ref,) = openai.SPEC.discover(creds, NOW)
    assert ref.payload.access.reveal() == fresh


def test_an_expired_access_token_gives_way_to_the_pat(tmp_path: Path) -> None:
    write_codex(tmp_path, _pat_file(jwt("a@example.com", ID_A, -60)))
    (ref,) = openai.SPEC.discover(load(tmp_path), NOW)
    assert ref.error is None and ref.payload.access.reveal() == PAT  # not "token expired"


def test_pat_account_is_deduplicated_with_opencode_by_account_id(tmp_path: Path) -> None:
    """OpenCode's fresh login of the same account wins (a known expiry beats the PAT's
    unknown one); a different account stays a second account."""
    write_codex(tmp_path, _pat_file(None, ID_A))
    opencode_fresh = jwt("a@example.com", ID_A, 3600)
    (ref,) = openai.SPEC.discover(load(tmp_path, opencode_entry(opencode_fresh)), NOW)
    assert ref.payload.access.reveal() == opencode_fresh
    # OpenCode's token expired: the PAT of the same account is used instead, no expiry error
    expired = jwt("a@example.com", ID_A, -60)
    (ref,) = openai.SPEC.discover(load(tmp_path, opencode_entry(expired)), NOW)
    assert ref.error is None and ref.payload.access.reveal() == PAT
    other = jwt("b@example.com", ID_B, 3600)
    refs = openai.SPEC.discover(load(tmp_path, opencode_entry(other)), NOW)
    assert sorted(r.payload.access.reveal() for r in refs) == sorted([other, PAT])


def test_pat_is_never_shown_and_doctor_says_it_is_used(tmp_path: Path) -> None:
    from tray_app.cli.doctor_codex import check_codex

    write_codex(tmp_path, _pat_file(None))
    creds = load(tmp_path)
    for lang in ("en", "zh-TW", "zh-CN"):
        findings = check_codex(creds, NOW, lang)
        text = " ".join(f.text + f.fix for f in findings)
        assert "personal_access_token" in text and PAT not in text
