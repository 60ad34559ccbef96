"""Kimi Code's own login as Kimi's last source (issue 16 §3): token files laid out as Kimi Code
writes them (`~/.kimi-code/credentials/kimi-code.json`, `kimi-code-env-<hash>.json`; shape in
tests/fixtures/README.md), read only and never refreshed. An expired token is not sent: it is
an error account with the fix; the global-region slot goes to its own host; OpenCode's key and
$KIMI_API_KEY come first; doctor lists every file; nothing is written beside them."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from tray_app.cli.doctor_checks import Covered, check_sources
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.kimi_code import slot_hash
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import error_text
from tray_app.net.http import HttpClient
from tray_app.providers import kimi
from tray_app.providers.api_keys import HostedKey
from tray_app.providers.base import Context

NOW = datetime.now(timezone.utc)
ACCESS = "eyJ-kimi-code-PLANTED-access-0123456789"
REFRESH = "kimi-code-PLANTED-refresh-never-used-99"
GLOBAL_SLOT = "kimi-code-env-0e4f99c69cc27850"  # auth.kimi.ai + api.kimi.ai/coding/v1


def token_file(access: str = ACCESS, expires_in: float = 900.0) -> dict[str, Any]:
    """As Kimi Code writes it (OAuthToken.to_dict): expires_at in epoch seconds, a float."""
    return {"access_token": access, "refresh_token": REFRESH,
            "expires_at": time.time() + expires_in, "scope": "kimi-code",
            "token_type": "Bearer", "expires_in": 900.0}


def write(home: Path, name: str, data: Any) -> Path:
    folder = home / ".kimi-code" / "credentials"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


def load(home: Path, auth: dict[str, Any] | None = None, **env: str) -> CredentialSet:
    environ = {"HOME": str(home), **env}
    if auth is not None:
        environ["OPENCODE_AUTH_CONTENT"] = json.dumps(auth)
    return CredentialLoader(Settings(), environ=environ, pat_store=MemoryPatStore()).load()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_global_slot_name_is_kimi_codes_own() -> None:
    assert "kimi-code-env-" + slot_hash("https://auth.kimi.ai",
                                        "https://api.kimi.ai/coding/v1") == GLOBAL_SLOT


def test_the_default_login_is_used_when_there_is_no_key(tmp_path: Path) -> None:
    path = write(tmp_path, "kimi-code.json", token_file())
    before = folder_state(path.parent)
    (ref,) = kimi.SPEC.discover(load(tmp_path), NOW)
    assert folder_state(path.parent) == before  # read only
    assert ref.error is None and ref.label == "Kimi Code"
    assert isinstance(ref.payload, HostedKey) and ref.payload.secret.reveal() == ACCESS
    assert ref.payload.host == "https://api.kimi.com"
    assert ref.token_expires_at is not None and ref.token_expires_at > NOW


def test_an_expired_token_is_not_sent_and_names_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "kimi-code.json", token_file(expires_in=-30))
    (ref,) = kimi.SPEC.discover(load(tmp_path), NOW)
    assert ref.payload is None and ref.error is not None
    assert ref.error.kind is ErrorKind.TOKEN_EXPIRED
    for lang, word in (("en", "expired"), ("zh-TW", "過期"), ("zh-CN", "过期")):
        message, fix = error_text(ref.error, lang)
        assert word in message and str(path) in message and "kimi" in fix
        assert "{" not in message + fix
    assert "run `kimi` to log in again" in error_text(ref.error, "en")[1].lower()


def test_a_key_comes_first_and_doctor_says_so(tmp_path: Path) -> None:
    write(tmp_path, "kimi-code.json", token_file())
    creds = load(tmp_path, {"kimi-for-coding": {"type": "api", "key": "sk-kimi-entry-1234"}})
    (ref,) = kimi.SPEC.discover(creds, NOW)
    assert ref.payload.reveal() == "sk-kimi-entry-1234"
    text = " ".join(f.text for f in check_sources(creds, "en", Covered()))
    assert "Not used: Kimi's API key" in text and ACCESS not in text
    env_only = load(tmp_path, KIMI_API_KEY="sk-kimi-env-5678")
    assert [r.payload.reveal() for r in kimi.SPEC.discover(env_only, NOW)] == ["sk-kimi-env-5678"]


def test_the_global_region_slot_goes_to_its_own_host(tmp_path: Path) -> None:
    write(tmp_path, GLOBAL_SLOT + ".json", token_file("eyJ-global-PLANTED-4444"))
    write(tmp_path, "kimi-code-env-00000000deadbeef.json", token_file("eyJ-custom-PLANTED-5"))
    (ref,) = kimi.SPEC.discover(load(tmp_path), NOW)  # the custom-environment slot is left out
    assert isinstance(ref.payload, HostedKey) and ref.payload.host == "https://api.kimi.ai"
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"usage": {"limit": "100", "used": "10",
                                                   "remaining": "90"}})

    for base, host in (("https://api.kimi.com", "api.kimi.ai"),  # the default: its own host
                       ("http://127.0.0.1:9", "127.0.0.1")):  # a URL the user set wins
        ctx = Context(http=HttpClient(transport=httpx.MockTransport(handler)),
                      base_url=lambda key, b=base: b, now=lambda: NOW)  # type: ignore[misc]
        kimi.SPEC.fetch(ctx, ref)
        assert seen[-1].url.host == host
        assert seen[-1].headers["authorization"] == "Bearer eyJ-global-PLANTED-4444"
    creds = load(tmp_path)
    text = " ".join(f.text for f in check_sources(creds, "en", Covered()))
    assert "custom Kimi Code environment" in text and "https://api.kimi.ai" in text


@pytest.mark.parametrize(("content", "detail"), [
    ("{not json", "invalid JSON"),
    ({"refresh_token": REFRESH, "expires_at": 1}, "no access_token"),
    ({"access_token": ACCESS, "expires_at": "soon"}, "expires_at is not a number"),
    ([1, 2], "expected an object"),
])
def test_a_broken_file_is_an_error_account_with_kimis_fix(tmp_path: Path, content: Any,
                                                          detail: str) -> None:
    write(tmp_path, "kimi-code.json", content)
    (ref,) = kimi.SPEC.discover(load(tmp_path), NOW)
    assert ref.error is not None and ref.payload is None
    message, fix = error_text(ref.error, "en")
    assert detail in message and "kimi" in fix and REFRESH not in message + fix


def test_turned_off_kimi_reads_nothing(tmp_path: Path) -> None:
    write(tmp_path, "kimi-code.json", token_file())
    loader = CredentialLoader(Settings(disabled_providers=("kimi",)),
                              environ={"HOME": str(tmp_path)}, pat_store=MemoryPatStore())
    creds = loader.load()
    assert creds.kimi_code.skipped and creds.kimi_code.logins == ()


def test_doctor_lists_the_login_masked(tmp_path: Path) -> None:
    write(tmp_path, "kimi-code.json", token_file())
    creds = load(tmp_path)
    for lang in ("en", "zh-TW", "zh-CN"):
        text = " ".join(f.text + f.fix for f in check_sources(creds, lang, Covered()))
        assert "kimi-code.json" in text and ACCESS not in text and REFRESH not in text
    assert "Kimi Code's login is used for Kimi" in " ".join(
        f.text for f in check_sources(creds, "en", Covered()))
    nothing = " ".join(f.text for f in check_sources(load(tmp_path / "none"), "en", Covered()))
    assert "No Kimi Code login" in nothing


def test_a_rejected_kimi_code_token_names_the_login_fix(tmp_path: Path) -> None:
    write(tmp_path, "kimi-code.json", token_file())
    (ref,) = kimi.SPEC.discover(load(tmp_path), NOW)
    ctx = Context(http=HttpClient(transport=httpx.MockTransport(
        lambda request: httpx.Response(401, json={"error": "unauthorized"}))),
        base_url=lambda key: "https://api.kimi.com", now=lambda: NOW)
    with pytest.raises(QuotaError) as caught:
        kimi.SPEC.fetch(ctx, ref)
    assert caught.value.info.get("fix") == "fix.kimi_code_expired"
    assert "kimi" in error_text(caught.value.info, "en")[1]
