"""The one HTTP client of the app (sole importer of httpx); fetchers receive it injected.

Every transport failure is translated here into a `QuotaError` of a fixed kind, so provider
modules only deal with parsed JSON. Bodies are streamed with a size cap, and the timeout is
a deadline for the whole exchange (connect, TLS, request, status line, headers, body): every
socket operation waits at most what is left of it (`_DeadlineBackend`), so a server that
trickles header lines or body bytes one by one cannot hold a refresh past the timeout (httpx's
own timeouts are per operation: each new byte restarts them).

httpx is imported when the first client is built, not with this module: the tray shows its
icon before that (importing httpx and building its TLS context takes ~70 ms here).
"""

from __future__ import annotations

import email.utils
import json
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tray_app import APP_NAME, __version__
from tray_app.errors import ErrorKind, QuotaError

DEFAULT_TIMEOUT = 10.0
MAX_BODY_BYTES = 4 * 1024 * 1024
USER_AGENT = f"{APP_NAME}/{__version__} (+https://github.com/mystatus-tray/mystatus-tray)"

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self, provider: str) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise QuotaError(
                ErrorKind.INVALID_RESPONSE,
                provider=provider,
                status=self.status,
                detail=f"not JSON: {self.text[:80]!r}",
            ) from exc


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def short_body(body: bytes, limit: int = 160) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    if text.lstrip().startswith("<"):
        return "(HTML page)"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HttpClient:
    """Thread-safe wrapper around one `httpx.Client` shared by all providers."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        # httpx's own command line (`httpx._main`: click and pygments, ~2 MiB in the tray
        # when they are installed) is never used here: None in sys.modules makes httpx's
        # `from ._main import main` fail, and httpx then defines a stub.
        if "httpx._main" not in sys.modules:
            sys.modules["httpx._main"] = None  # type: ignore[assignment]
        import httpx  # deferred on purpose, see the module docstring

        self.timeout = timeout
        self.max_body = max_body
        self._httpx = httpx
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            transport=transport,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
            trust_env=True,
        )
        self._lock = threading.Lock()
        self.requests_sent = 0
        _bound_by_deadline(self._client)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        provider: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str | int] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> Response:
        """Send one request. With `check`, any non-2xx status raises a `QuotaError`."""
        with self._lock:
            self.requests_sent += 1
        deadline = time.monotonic() + self.timeout
        _request_deadline.at = deadline
        try:
            with self._client.stream(
                method, url, headers=headers, params=params, json=json_body, data=form
            ) as resp:
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_body:
                    # refused before reading: a body past the cap is never buffered at all
                    raise QuotaError(
                        ErrorKind.INVALID_RESPONSE,
                        provider=provider,
                        status=resp.status_code,
                        detail=f"response larger than {self.max_body // 1024} KiB",
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_body:
                        raise QuotaError(
                            ErrorKind.INVALID_RESPONSE,
                            provider=provider,
                            status=resp.status_code,
                            detail=f"response larger than {self.max_body // 1024} KiB",
                        )
                    if time.monotonic() > deadline:
                        raise QuotaError(
                            ErrorKind.TIMEOUT, provider=provider, detail=f"{self.timeout:g}"
                        )
                    chunks.append(chunk)
                result = Response(
                    status=resp.status_code,
                    headers={k.lower(): v for k, v in resp.headers.items()},
                    body=b"".join(chunks),
                )
        except self._httpx.TimeoutException as exc:
            raise QuotaError(
                ErrorKind.TIMEOUT, provider=provider, detail=f"{self.timeout:g}"
            ) from exc
        except self._httpx.HTTPError as exc:
            raise QuotaError(
                ErrorKind.NETWORK_ERROR, provider=provider, detail=type(exc).__name__
            ) from exc
        finally:
            _request_deadline.at = None
        if check:
            raise_for_status(result, provider)
        return result

    def get_json(self, url: str, *, provider: str, **kwargs: Any) -> Any:
        return self.request("GET", url, provider=provider, **kwargs).json(provider)

    def post_json(self, url: str, *, provider: str, **kwargs: Any) -> Any:
        return self.request("POST", url, provider=provider, **kwargs).json(provider)


class _Deadline(threading.local):
    at: float | None = None  # time.monotonic() by which this thread's request must be done


_request_deadline = _Deadline()


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` for one socket operation, cut to what is left of the request's deadline;
    `error` (httpcore's timeout of that operation) once nothing is left."""
    at = _request_deadline.at
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


def _deadline_backend(inner: Any) -> Any:
    """httpcore's network backend, each operation bounded by the request's deadline."""
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> httpcore.NetworkStream:
            return Stream(self._stream.start_tls(ssl_context, server_hostname,
                                                 _left(timeout, httpcore.ConnectTimeout)))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None,
                        socket_options: Any = None) -> httpcore.NetworkStream:
            return Stream(inner.connect_tcp(host, port, _left(timeout, httpcore.ConnectTimeout),
                                            local_address, socket_options))

        def connect_unix_socket(self, path: str, timeout: float | None = None,
                                socket_options: Any = None) -> httpcore.NetworkStream:
            return Stream(inner.connect_unix_socket(
                path, _left(timeout, httpcore.ConnectTimeout), socket_options))

        def sleep(self, seconds: float) -> None:
            inner.sleep(seconds)

    return Backend()


def _bound_by_deadline(client: Any) -> None:
    """Put the deadline backend under every connection pool of `client` (the direct one and
    each proxy's). A transport given by the caller (tests' mock transports) has no pool."""
    for transport in [client._transport, *client._mounts.values()]:
        pool: Any = getattr(transport, "_pool", None)
        inner = getattr(pool, "_network_backend", None)
        if inner is not None:
            pool._network_backend = _deadline_backend(inner)


def blocked_by_challenge(resp: Response) -> bool:
    """A CDN's challenge page instead of the API's answer: `cf-mitigated: challenge` on any
    error status, or a 403 whose body is an HTML page (a JSON API never answers HTML itself).
    The request never reached the API, so this says nothing about the token."""
    if resp.headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return True
    if resp.status != 403:
        return False
    ctype = resp.headers.get("content-type", "").lower()
    return "html" in ctype or resp.body.lstrip()[:1] == b"<"


def raise_for_status(resp: Response, provider: str) -> None:
    """Translate a non-2xx response into the matching `QuotaError`."""
    if 200 <= resp.status < 300:
        return
    if resp.status == 429 or (
        resp.status == 403 and resp.headers.get("x-ratelimit-remaining") == "0"
    ):
        retry = parse_retry_after(resp.headers.get("retry-after"))
        if retry is None and resp.headers.get("x-ratelimit-reset"):
            try:
                retry = max(0.0, float(resp.headers["x-ratelimit-reset"]) - time.time())
            except ValueError:
                retry = None
        raise QuotaError(
            ErrorKind.RATE_LIMITED,
            provider=provider,
            status=resp.status,
            retry_after=retry,
            detail=short_body(resp.body),
        )
    if blocked_by_challenge(resp):
        mitigated = resp.headers.get("cf-mitigated", "").strip().lower() == "challenge"
        raise QuotaError(
            ErrorKind.NETWORK_BLOCKED,
            provider=provider,
            status=resp.status,
            detail="cf-mitigated: challenge" if mitigated else short_body(resp.body),
        )
    raise QuotaError(
        ErrorKind.HTTP_ERROR, provider=provider, status=resp.status, detail=short_body(resp.body)
    )
