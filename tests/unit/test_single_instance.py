"""The single-instance guard with real locks and sockets (no sleeps): the first claim wins
and serves, a second one is told "running" and makes the first refresh, over both channels
(AF_UNIX as on Linux/macOS, loopback TCP + nonce as on Windows); a crashed holder's leftovers
do not block; keys; the private runtime directory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tray_app import single_instance
from tray_app.single_instance import Instance, claim, instance_key, runtime_dir

TRANSPORTS = ["unix", "tcp"] if os.name == "posix" else ["tcp"]


@pytest.fixture
def rundir() -> Iterator[Path]:
    # short: AF_UNIX paths are limited to ~100 bytes and pytest's tmp paths can be long
    path = Path(tempfile.mkdtemp(prefix="si-", dir="/tmp" if os.name == "posix" else None))
    yield path
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_second_claim_pokes_the_first_which_refreshes(rundir: Path, transport: str) -> None:
    first, none = claim("k", directory=rundir, transport=transport)
    assert first is not None and none is None
    refreshed = threading.Event()
    first.on_refresh(refreshed.set)
    try:
        again, answer = claim("k", directory=rundir, transport=transport)
        assert again is None and answer is not None
        assert answer.answered and answer.pid == os.getpid()
        assert refreshed.is_set()  # the handler ran before the reply was sent
        assert first.requests == 1
    finally:
        first.close()
    # released: the next launch is the one instance again
    third, _ = claim("k", directory=rundir, transport=transport)
    assert third is not None
    third.close()


def test_requests_before_the_handler_is_set_are_answered(rundir: Path) -> None:
    first, _ = claim("k", directory=rundir)
    assert first is not None
    try:
        _, answer = claim("k", directory=rundir)
        assert answer is not None and answer.answered
    finally:
        first.close()


def test_different_keys_do_not_collide(rundir: Path) -> None:
    real, _ = claim(instance_key(False, {}), directory=rundir)
    demo, _ = claim(instance_key(True, {}), directory=rundir)
    try:
        assert real is not None and demo is not None
    finally:
        assert real is not None and demo is not None
        real.close()
        demo.close()


def test_instance_key() -> None:
    assert instance_key(False, {}) == "mystatus-tray"
    assert instance_key(True, {}) == "mystatus-tray-demo"
    assert instance_key(True, {"MYSTATUS_INSTANCE_KEY": "bench-1/../x"}) == "bench-1..x"


def test_tcp_request_with_a_wrong_nonce_is_ignored(rundir: Path) -> None:
    first, _ = claim("k", directory=rundir, transport="tcp")
    assert first is not None
    calls: list[int] = []
    first.on_refresh(lambda: calls.append(1))
    try:
        info = json.loads((rundir / "k.json").read_text("utf-8"))
        assert info["pid"] == os.getpid() and len(info["nonce"]) == 32
        with socket.create_connection(("127.0.0.1", info["port"]), timeout=2) as conn:
            conn.sendall(b"refresh not-the-nonce\n")
            assert conn.recv(64) == b""  # closed without an answer
        assert calls == [] and first.requests == 0
    finally:
        first.close()


def test_a_holder_that_never_answers_is_reported_not_doubled(rundir: Path) -> None:
    """Lock taken but nobody listening (hung or still starting): the second launch retries,
    then says so; it never becomes a second instance."""
    holder = Instance("k", rundir)
    fh = open(holder.lock_path, "a+b")  # noqa: SIM115
    assert single_instance.try_lock(fh)
    (rundir / "k.json").write_text(json.dumps({"pid": 4242}), "utf-8")
    ticks = iter(range(100))
    slept: list[float] = []
    try:
        second = Instance("k", rundir)
        assert second.acquire() is False
        answer = second.ask_refresh(wait=0.3, clock=lambda: next(ticks) / 10,
                                    sleep=slept.append)
        assert (answer.pid, answer.answered) == (4242, False)
        assert slept and all(s == 0.1 for s in slept)
    finally:
        fh.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX: SIGKILL and flock")
def test_a_killed_holder_leaves_nothing_that_blocks(rundir: Path) -> None:
    code = ("import sys, time; from pathlib import Path; from tray_app.single_instance import "
            "claim; i, _ = claim('k', directory=Path(sys.argv[1])); print('up', flush=True); "
            "time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(rundir)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "up"
        _, answer = claim("k", directory=rundir)
        assert answer is not None and answer.pid == proc.pid
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    assert (rundir / "k.sock").exists()  # the stale socket is still there...
    mine, _ = claim("k", directory=rundir)  # ...and does not matter
    assert mine is not None
    try:
        _, answer = claim("k", directory=rundir)
        assert answer is not None and answer.pid == os.getpid()
    finally:
        mine.close()


def test_close_removes_the_socket_and_info_and_stops_the_thread(rundir: Path) -> None:
    first, _ = claim("k", directory=rundir)
    assert first is not None and first._thread is not None
    first.close()
    assert not first._thread.is_alive()
    assert sorted(p.name for p in rundir.iterdir()) == ["k.lock"]
    first.close()  # twice is fine


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)}) == tmp_path
    monkeypatch.setattr(single_instance.tempfile, "gettempdir", lambda: str(tmp_path))
    private = runtime_dir({"XDG_RUNTIME_DIR": "relative/no"})
    assert private == tmp_path / f"mystatus-tray-{os.getuid()}"
    assert (private.stat().st_mode & 0o777) == 0o700
    private.chmod(0o755)  # someone made it readable for others: refuse to use it
    with pytest.raises(OSError, match="not a private directory"):
        runtime_dir({})


def test_an_unusable_directory_means_unguarded_not_dead(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert claim("k", directory=blocker / "sub") == (None, None)
