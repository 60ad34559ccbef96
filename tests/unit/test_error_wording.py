"""Errors as people read them: a JSON response body is never shown raw (its message is),
and the fix fits what happened (a Kimi membership that expired needs renewing, not a key),
in all three languages."""

from __future__ import annotations

import pytest

from tray_app.errors import ErrorInfo, ErrorKind, better_fix, readable_detail
from tray_app.i18n import LANGUAGES, error_text


@pytest.mark.parametrize(("detail", "shown"), [
    ('{"error":{"message":"Invalid API key","type":"auth"}}', "Invalid API key"),
    ('{"message":"token expired"}', "token expired"),
    ('{"code":1113,"msg":"余额不足"}', "余额不足"),
    # OAuth: the code stays (is_token_invalid reads it), with its description
    ('{"error":"invalid_grant","error_description":"Refresh token revoked"}',
     "invalid_grant: Refresh token revoked"),
    ('{"detail":[{"msg":"field required"}]}', "field required"),
    ('[{"error":{"message":"quota"}}]', "quota"),
    ('{"ok":false}', "(no message in the response)"),
    ('{"error":{"message":"Invalid API key is cut sh…', "Invalid API key is cut sh…"),
    ('{"a": 1, "b": [1, 2, …', "(unreadable response)"),
    ("Bad Gateway", "Bad Gateway"),  # text stays text
    ("(HTML page)", "(HTML page)"),
    ("", ""),
])
def test_a_json_body_becomes_its_message(detail: str, shown: str) -> None:
    assert readable_detail(detail) == shown
    assert ErrorInfo(ErrorKind.HTTP_ERROR, status=401, detail=detail).detail == shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_view_shows_raw_json(lang: str) -> None:
    info = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Zhipu AI", status=401,
                     detail='{"error":{"code":"1000","message":"身份验证失败"}}')
    message, _ = error_text(info, lang)
    assert "身份验证失败" in message and "{" not in message and '"' not in message


@pytest.mark.parametrize(("provider", "detail", "fix", "expected"), [
    ("Kimi for Coding", "membership expired", "fix.kimi_key", "fix.kimi_membership"),
    ("Kimi for Coding", "会员已过期", "fix.kimi_key", "fix.kimi_membership"),
    ("Kimi for Coding", "invalid authentication", "fix.kimi_key", "fix.kimi_key"),
    ("Zhipu AI", "membership expired", "fix.http_auth", "fix.http_auth"),
])
def test_the_fix_fits_what_happened(provider: str, detail: str, fix: str,
                                    expected: str) -> None:
    info = ErrorInfo(ErrorKind.API_ERROR, provider=provider, detail=detail)
    assert better_fix(info, fix) == expected


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "renew the plan"), ("zh-TW", "續訂方案"), ("zh-CN", "续订套餐"),
])
def test_an_expired_kimi_membership_is_told_to_renew(lang: str, words: str) -> None:
    info = ErrorInfo(ErrorKind.API_ERROR, provider="Kimi for Coding", status=40101,
                     detail='{"code":40101,"message":"membership expired"}',
                     extra=(("fix", "fix.kimi_key"),))
    message, fix = error_text(info, lang)
    assert "membership expired" in message and words in fix
    assert "create a key" not in fix and "KIMI_API_KEY" not in fix


@pytest.mark.parametrize(("source", "says"), [
    ("codex", "codex login"),   # Codex CLI's login: the fix names Codex's command
    ("opencode", "OpenCode"),   # OpenCode's login: log in again there
])
def test_a_rejected_openai_login_names_the_program_it_came_from(source: str, says: str) -> None:
    from datetime import datetime, timezone

    import httpx

    from tray_app.errors import QuotaError
    from tray_app.net.http import HttpClient
    from tray_app.providers import openai
    from tray_app.providers.base import AccountRef, Context
    from tray_app.secrets import Secret

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": {"message": "Your session has expired."}})

    now = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)
    with HttpClient(transport=httpx.MockTransport(handler)) as http:
        ctx = Context(http=http, base_url=lambda key: "https://openai.test", now=lambda: now)
        ref = AccountRef("me@example.com", payload=openai.Credentials(
            Secret("tok-TEST"), None, source))
        with pytest.raises(QuotaError) as raised:
            openai.fetch(ctx, ref)
    message, fix = error_text(raised.value.info, "en")
    assert "Your session has expired." in message and "{" not in message
    assert says in fix
    if source == "codex":
        assert "OpenCode" not in fix
