"""HttpClient maps every transport outcome to the error vocabulary (MockTransport)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tray_app.errors import ErrorKind, QuotaError
from tray_app.net.endpoints import base_url
from tray_app.net.http import USER_AGENT, HttpClient, parse_retry_after


def _client(handler: Callable[[httpx.Request], httpx.Response], **kw: float) -> HttpClient:
    return HttpClient(transport=httpx.MockTransport(handler), **kw)  # type: ignore[arg-type]


def _kind(handler: Callable[[httpx.Request], httpx.Response], **kw: float) -> QuotaError:
    with pytest.raises(QuotaError) as info, _client(handler, **kw) as client:
        client.get_json("https://example.test/x", provider="P")
    return info.value


def test_ok_json_and_user_agent() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["ua"] = request.headers["user-agent"]
        return httpx.Response(200, json={"a": 1})

    with _client(handler) as client:
        assert client.get_json("https://example.test/x", provider="P") == {"a": 1}
        assert client.requests_sent == 1
    assert seen["ua"] == USER_AGENT and "mystatus-tray" in USER_AGENT


@pytest.mark.parametrize(
    ("status", "headers", "kind", "retry"),
    [
        (401, {}, ErrorKind.HTTP_ERROR, None),
        (403, {}, ErrorKind.HTTP_ERROR, None),
        (500, {}, ErrorKind.HTTP_ERROR, None),
        (403, {"cf-mitigated": "challenge"}, ErrorKind.NETWORK_BLOCKED, None),
        (503, {"CF-Mitigated": "Challenge"}, ErrorKind.NETWORK_BLOCKED, None),
        (403, {"content-type": "text/html; charset=UTF-8"}, ErrorKind.NETWORK_BLOCKED, None),
        (429, {"Retry-After": "42"}, ErrorKind.RATE_LIMITED, 42.0),
        (429, {}, ErrorKind.RATE_LIMITED, None),
        (
            403,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "+100"},
            ErrorKind.RATE_LIMITED,
            100.0,
        ),
    ],
)
def test_status_mapping(
    status: int, headers: dict[str, str], kind: ErrorKind, retry: float | None
) -> None:
    if headers.get("x-ratelimit-reset", "").startswith("+"):  # relative to now, at run time
        headers = headers | {
            "x-ratelimit-reset": str(int(time.time()) + int(headers["x-ratelimit-reset"]))
        }
    err = _kind(lambda r: httpx.Response(status, headers=headers, json={"message": "nope"}))
    assert err.kind is kind and err.info.status == status and err.info.provider == "P"
    if retry is None:
        assert err.info.retry_after is None
    else:
        assert err.info.retry_after == pytest.approx(retry, abs=2)
    if "cf-mitigated" in {k.lower() for k in headers}:
        assert err.info.detail == "cf-mitigated: challenge"  # lower-cased like the header
    else:
        assert "nope" in err.info.detail


def test_a_403_html_page_is_a_blocked_path_but_other_html_errors_are_not() -> None:
    page = "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"
    blocked = _kind(lambda r: httpx.Response(403, text=page))
    assert blocked.kind is ErrorKind.NETWORK_BLOCKED and blocked.info.detail == "(HTML page)"
    assert _kind(lambda r: httpx.Response(502, text=page)).kind is ErrorKind.HTTP_ERROR
    assert _kind(lambda r: httpx.Response(403, json={"m": "no"})).kind is ErrorKind.HTTP_ERROR


def test_html_body_is_summarised() -> None:
    err = _kind(lambda r: httpx.Response(502, text="<html><body>Bad gateway</body></html>"))
    assert err.info.detail == "(HTML page)"


def test_invalid_json_and_timeout_and_network() -> None:
    assert _kind(lambda r: httpx.Response(200, text="{oops")).kind is ErrorKind.INVALID_RESPONSE

    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    err = _kind(timeout)
    assert err.kind is ErrorKind.TIMEOUT and err.info.detail == "10"

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    assert _kind(refused).kind is ErrorKind.NETWORK_ERROR


def test_body_size_cap() -> None:
    err = _kind(lambda r: httpx.Response(200, content=b"x" * 5000), max_body=1024)
    assert err.kind is ErrorKind.INVALID_RESPONSE and "larger than" in err.info.detail


def test_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:15:00 GMT", now=now) == pytest.approx(100, abs=1)
    assert parse_retry_after("garbage") is None and parse_retry_after(None) is None


def test_base_url_precedence() -> None:
    assert base_url("openai", {}, {}) == "https://chatgpt.com"
    assert base_url("openai", {"openai": "https://proxy.example/"}, {}) == "https://proxy.example"
    env = {"MYSTATUS_OPENAI_URL": "http://127.0.0.1:1/openai/"}
    assert (
        base_url("openai", {"openai": "https://proxy.example"}, env) == "http://127.0.0.1:1/openai"
    )
