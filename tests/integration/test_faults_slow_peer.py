"""A server that trickles (issue 17 §4): the request's timeout is a deadline for the whole
exchange. httpx's timeouts are per socket operation, so a server sending one header line (or
one body byte) a little faster than the timeout held a 5 s refresh for minutes on main.

A real loopback socket server that accepts, reads the request, and trickles a line every
`GAP` seconds until the client goes or `SERVER_LIMIT` passes (it stops by itself). The fetch
must fail with the timeout error (the state asserted) within a bound generous enough for a
busy machine (3x the deadline)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tray_app.errors import ErrorKind, QuotaError
from tray_app.net.http import HttpClient

DEADLINE = 1.5  # seconds: the client's timeout
GAP = 0.2  # seconds between two trickled lines: far inside the per-read timeout
SERVER_LIMIT = 30.0  # the server gives up by itself after this

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
PHASES = {
    "status line": (b"", b"H"),  # the status line itself, a byte at a time
    "headers": (HEAD, b"X-Padding: 1\r\n"),
    "body": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n", b"1\r\n \r\n"),
}


class Trickler:
    def __init__(self, prefix: bytes, drip: bytes) -> None:
        self.prefix, self.drip = prefix, drip
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        ends = time.monotonic() + SERVER_LIMIT
        while not self.stop.is_set() and time.monotonic() < ends:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(SERVER_LIMIT)
                try:
                    conn.recv(65536)  # the request
                    conn.sendall(self.prefix)
                    while not self.stop.is_set() and time.monotonic() < ends:
                        conn.sendall(self.drip)
                        self.stop.wait(GAP)
                except OSError:
                    pass  # the client went away: the deadline did its work

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=SERVER_LIMIT)
        self.sock.close()


@pytest.fixture(params=sorted(PHASES))
def trickler(request: pytest.FixtureRequest) -> Iterator[Trickler]:
    server = Trickler(*PHASES[request.param])
    yield server
    server.close()


def test_a_trickling_server_fails_by_the_deadline(trickler: Trickler) -> None:
    with HttpClient(timeout=DEADLINE) as http:
        started = time.monotonic()
        with pytest.raises(QuotaError) as caught:
            http.request("GET", f"http://127.0.0.1:{trickler.port}/quota", provider="OpenAI")
        took = time.monotonic() - started
    assert caught.value.kind is ErrorKind.TIMEOUT
    assert took < 3 * DEADLINE, f"held {took:.1f} s against a {DEADLINE:g} s deadline"


def test_the_next_request_has_its_own_deadline(trickler: Trickler) -> None:
    """The deadline is per request: a thread's earlier request leaves nothing behind."""
    with HttpClient(timeout=DEADLINE) as http:
        for _ in range(2):
            started = time.monotonic()
            with pytest.raises(QuotaError) as caught:
                http.request("GET", f"http://127.0.0.1:{trickler.port}/", provider="OpenAI")
            assert caught.value.kind is ErrorKind.TIMEOUT
            assert time.monotonic() - started < 3 * DEADLINE
