"""Odd files where a credential or settings file should be (issue 17 §3): a FIFO, a UNIX
socket or a device (a link to /dev/zero) in place of every file the app reads, ours or another
program's. Each is rejected at once as "not a regular file" (never opened in a way that waits
for a writer), the other providers still show their numbers, and nothing prints a traceback.

The real CLI in a subprocess against the real loopback simulator; the timeout only bounds a
failure (on today's main the first `open` of a FIFO waits forever)."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli

from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and UNIX sockets")

BOUND = 60.0  # seconds: a run that waits on a FIFO never ends; a healthy one takes ~2 s

Where = Callable[[dict[str, str]], Path]


def _state(env: dict[str, str]) -> Path:
    return Path(env["XDG_STATE_HOME"]) / "mystatus-tray"


# file → (where it lives, the command that reads it, what the output must say)
TARGETS: dict[str, tuple[Where, list[str], str]] = {
    "opencode auth.json": (lambda e: Path(e["XDG_DATA_HOME"]) / "opencode" / "auth.json",
                           ["status"], "not a regular file"),
    "opencode.db": (lambda e: Path(e["XDG_DATA_HOME"]) / "opencode" / "opencode.db",
                    ["status"], "not a regular file"),
    "antigravity accounts": (
        lambda e: Path(e["OPENCODE_CONFIG_DIR"]) / "antigravity-accounts.json",
        ["status"], "not a regular file"),
    "codex auth.json": (lambda e: Path(e["CODEX_HOME"]) / "auth.json", ["doctor"],
                        "not a regular file"),
    "claude credentials": (lambda e: Path(e["CLAUDE_CONFIG_DIR"]) / ".credentials.json",
                           ["status"], "not a regular file"),
    "claude.json": (lambda e: Path(e["HOME"]) / ".claude.json", ["status"], ""),
    "copilot token file": (
        lambda e: Path(e["HOME"]) / ".config" / "opencode" / "copilot-quota-token.json",
        ["status"], ""),
    "config.toml": (lambda e: Path(e["XDG_CONFIG_HOME"]) / "mystatus-tray" / "config.toml",
                    ["status"], "not a regular file"),
    "history": (lambda e: _state(e) / "history.sqlite3", ["status"], "not a regular file"),
    "saved view": (lambda e: _state(e) / "last_view.json",
                   ["status", "--format", "polybar", "--max-age", "3600"], ""),
}


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[dict[str, str]]:
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)
        yield cli_env(Path(env["HOME"]), sim, **env)


def _fifo(path: Path) -> Callable[[], None]:
    os.mkfifo(path)
    return lambda: None


def _socket(path: Path) -> Callable[[], None]:
    short = Path(tempfile.mkdtemp(prefix="sock-"))  # AF_UNIX paths are short (108 bytes)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(short / "s"))
    sock.listen(1)
    os.rename(short / "s", path)  # the socket's inode, moved into place

    def close() -> None:
        sock.close()
        short.rmdir()
    return close


def _device(path: Path) -> Callable[[], None]:
    path.symlink_to("/dev/zero")  # followed: a character device that never ends
    return lambda: None


KINDS = {"fifo": _fifo, "socket": _socket, "device": _device}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    try:
        return run_cli(args, env, timeout=BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' '.join(args)}` still waiting after {BOUND:g} s: it opened a FIFO "
                    "or device as a file")


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_not_a_regular_file_is_rejected_at_once(demo: dict[str, str], target: str,
                                                kind: str) -> None:
    where, args, said = TARGETS[target]
    path = where(demo)
    path.parent.mkdir(parents=True, exist_ok=True)
    if target == "saved view":  # a view saved by an earlier call, then replaced
        _run(["status", "--format", "polybar", "--max-age", "0"], demo)
    path.unlink(missing_ok=True)
    close = KINDS[kind](path)
    try:
        result = _run(args, demo)
    finally:
        close()
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    if said:
        assert said in out, out[-2000:]
        assert str(path) in out
    # every other provider still shows its numbers
    if "--format" in args:
        assert "%{" in result.stdout
    else:
        survivor = "claude.demo@example.com" if "opencode" in target else "Kimi for Coding"
        assert survivor in result.stdout
    if target == "saved view":  # ours: the odd thing is set aside, a new view written
        assert [p for p in path.parent.glob("last_view.json.corrupt-*")
                if p.is_symlink() or not p.is_file()]
    else:  # never replaced by a file of ours
        assert path.is_symlink() or not path.is_file()


def test_fifo_error_is_localized(demo: dict[str, str]) -> None:
    path = Path(demo["XDG_DATA_HOME"]) / "opencode" / "auth.json"
    path.unlink()
    os.mkfifo(path)
    for lang, fix in (("zh-TW", "不是一般檔案"), ("zh-CN", "不是普通文件"),
                      ("en", "is not a regular file")):
        result = _run(["--lang", lang, "status"], demo)
        assert fix in result.stdout, result.stdout[-1500:]
