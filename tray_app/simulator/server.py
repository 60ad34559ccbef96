"""The simulator's server: routing, per-endpoint latency, generic fault scenarios, counters.

Provider behaviour lives in one module per provider (`sim_openai.py`, ...), each exporting
`PREFIXES` (url key → path prefix), `ROUTES` {(method, path): handler} and `SCENARIOS`.
A handler gets a `SimRequest` and the scenario name and returns a `SimResponse`.

Generic scenarios, valid for every provider (the provider's own come on top):
  http_401 http_403 http_404 http_429 http_500 http_503  → that status (429 with Retry-After: 30)
  timeout   → answer after `timeout_delay` seconds (longer than the client's timeout)
  malformed → invalid JSON;  html → an HTML error page;  wrong_types → JSON of the wrong shape
  empty     → `{}`;  huge → a 20 MB JSON body;  trickle → a body sent one byte at a time, slowly
  missing_fields → the healthy answer with every number/string below the top level removed
  echo_auth → 401 whose body repeats the request's Authorization header and body (leak tests)
  reset     → the connection is closed without an answer
"""

from __future__ import annotations

import functools
import json
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

GENERIC_SCENARIOS = (
    "http_401",
    "http_403",
    "http_404",
    "http_429",
    "http_500",
    "http_503",
    "timeout",
    "malformed",
    "html",
    "wrong_types",
    "empty",
    "huge",
    "trickle",
    "reset",
    "missing_fields",
    "echo_auth",
)


@dataclass(frozen=True)
class SimRequest:
    method: str
    path: str  # after the provider prefix, without the query string
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    provider: str  # the provider prefix that matched ("openai", "zhipu", ...)

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items()}


@dataclass
class SimResponse:
    status: int = 200
    body: Any = None  # JSON-serialisable, or bytes sent as-is
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode("utf-8")


Handler = Callable[[SimRequest, str], SimResponse]


def _modules() -> list[Any]:
    from tray_app.simulator import (
        sim_antigravity,
        sim_claude,
        sim_copilot,
        sim_kimi,
        sim_minimax,
        sim_openai,
        sim_opencode_go,
        sim_status,
        sim_zhipu,
    )

    return [sim_openai, sim_zhipu, sim_copilot, sim_antigravity, sim_claude,
            sim_opencode_go, sim_kimi, sim_minimax, sim_status]


class Simulator:
    """Start with `with Simulator() as sim:`; `sim.environ()` gives the MYSTATUS_*_URL vars."""

    def __init__(
        self,
        scenarios: Mapping[str, str] | None = None,
        *,
        latency: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
        timeout_delay: float = 12.0,
    ) -> None:
        self.routes: dict[str, dict[tuple[str, str], Handler]] = {}
        self.prefixes: dict[str, str] = {}  # url key → prefix
        self.provider_scenarios: dict[str, tuple[str, ...]] = {}
        for module in _modules():
            for url_key, prefix in module.PREFIXES.items():
                self.prefixes[url_key] = prefix
            for prefix, routes in module.ROUTES.items():
                self.routes.setdefault(prefix, {}).update(routes)
            self.provider_scenarios.update(module.SCENARIOS)
        self.scenarios: dict[str, str] = dict(scenarios or {})  # prefix → scenario name
        self.latency: dict[str, float] = {}  # prefix or "prefix/path" → seconds
        self.default_latency = latency
        self.timeout_delay = timeout_delay
        self.counts: Counter[str] = Counter()  # "prefix METHOD path" → requests
        self.received: list[SimRequest] = []  # every request, for header assertions
        self.in_flight = 0  # requests being answered now
        self.max_in_flight = 0  # the most at once since reset_counts(): proves concurrency
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{host_text}:{port}"

    def start(self) -> Simulator:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.2},
            daemon=True,
            name="simulator",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ control
    def environ(self) -> dict[str, str]:
        """Environment variables that point every provider's base URL at this server."""
        from tray_app.net.endpoints import env_var

        return {env_var(key): f"{self.url}/{prefix}" for key, prefix in self.prefixes.items()}

    def set_scenario(self, prefix: str, scenario: str) -> None:
        with self._lock:
            if scenario in ("", "healthy"):
                self.scenarios.pop(prefix, None)
            else:
                self.scenarios[prefix] = scenario

    def set_latency(self, target: str, seconds: float) -> None:
        """`target` is a prefix ("openai") or one endpoint ("antigravity/v1internal:...")."""
        with self._lock:
            self.latency[target] = seconds

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
            self.received.clear()
            self.max_in_flight = self.in_flight

    @property
    def total_requests(self) -> int:
        with self._lock:
            return sum(self.counts.values())

    # ------------------------------------------------------------------ serving
    def _dispatch(
        self, method: str, raw_path: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[SimResponse | None, str, float]:
        parts = urlsplit(raw_path)
        segments = parts.path.lstrip("/").split("/", 1)
        prefix = segments[0]
        path = "/" + (segments[1] if len(segments) > 1 else "")
        req = SimRequest(method, path, parse_qs(parts.query), headers, body, prefix)
        with self._lock:
            self.counts[f"{prefix} {method} {path}"] += 1
            self.received.append(req)
            scenario = self.scenarios.get(prefix, "healthy")
            delay = self.latency.get(
                f"{prefix}{path}", self.latency.get(prefix, self.default_latency)
            )
        handler = self.routes.get(prefix, {}).get((method, path))
        if handler is None:
            return SimResponse(404, {"message": "Not Found", "path": path}), "healthy", delay
        generic = _generic(scenario)
        if generic is not None:
            return generic, scenario, delay
        if scenario in ("timeout", "trickle", "reset"):
            return None, scenario, delay
        if scenario == "missing_fields":
            return _without_fields(handler(req, "healthy")), scenario, delay
        if scenario == "echo_auth":  # careless servers do this: the app must scrub it
            echoed = {"message": f"bad credentials: {req.headers.get('authorization', '')}",
                      "request_body": req.body.decode("utf-8", "replace")}
            return SimResponse(401, {"error": echoed}), scenario, delay
        return handler(req, scenario), scenario, delay

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        sim = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY, Nagle + the
            # client's delayed ACK add ~40 ms to every answer, which no real API adds.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _serve(self) -> None:
                with sim._lock:
                    sim.in_flight += 1
                    sim.max_in_flight = max(sim.max_in_flight, sim.in_flight)
                try:
                    self._answer()
                finally:
                    with sim._lock:
                        sim.in_flight -= 1

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                resp, scenario, delay = sim._dispatch(self.command, self.path, headers, body)
                if delay:
                    sim._stop.wait(delay)
                if scenario == "reset":
                    self.close_connection = True
                    self.connection.close()
                    return
                if scenario == "timeout":
                    sim._stop.wait(sim.timeout_delay)
                    resp = SimResponse(200, {})
                if scenario == "trickle":
                    self._trickle()
                    return
                assert resp is not None
                payload = resp.encoded()
                self.send_response(resp.status)
                if "content-type" not in {k.lower() for k in resp.headers}:
                    ctype = "text/html" if payload.lstrip().startswith(b"<") else "application/json"
                    self.send_header("Content-Type", ctype)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _trickle(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100000):
                        if sim._stop.wait(0.2):
                            break
                        self.wfile.write(b" ")
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass
                self.close_connection = True

            do_GET = _serve
            do_POST = _serve

        return _Handler


def _without_fields(resp: SimResponse) -> SimResponse:
    """Keep the answer's shape (objects, lists, top-level envelope) but drop every scalar
    below the top level, so each parser meets its real structure with no figures in it."""

    def strip(value: Any, top: bool) -> Any:
        if isinstance(value, dict):
            return {k: strip(v, False) for k, v in value.items()
                    if top or isinstance(v, (dict, list))}
        if isinstance(value, list):
            return [strip(v, False) for v in value if isinstance(v, (dict, list))]
        return value

    if resp.status != 200 or not isinstance(resp.body, (dict, list)):
        return resp
    return SimResponse(resp.status, strip(resp.body, True), resp.headers)


def _generic(scenario: str) -> SimResponse | None:
    if scenario.startswith("http_"):
        status = int(scenario[5:])
        headers = {"Retry-After": "30"} if status == 429 else {}
        messages = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not Found",
            429: "Too Many Requests",
            500: "Internal Server Error",
            503: "Service Unavailable",
        }
        return SimResponse(status, {"error": {"message": messages.get(status, "error")}}, headers)
    if scenario == "malformed":
        return SimResponse(200, b'{"truncated": [1, 2,')
    if scenario == "html":
        return SimResponse(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>")
    if scenario == "wrong_types":
        return SimResponse(200, ["this", "is", "a", "list"])
    if scenario == "empty":
        return SimResponse(200, {})
    if scenario == "huge":
        return SimResponse(200, _huge_body())
    return None


@functools.lru_cache(maxsize=1)
def _huge_body() -> bytes:
    """20 MB of JSON, built once (only when a test asks for it): building it per request
    held the server busy long enough to delay the other providers' answers."""
    return b'{"padding": "' + b"x" * (20 * 1024 * 1024) + b'"}'
