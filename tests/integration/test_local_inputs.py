"""Broken local inputs, through the real CLI (`status --json`, in-process so EACCES can be
simulated as root) and the tray core's store: a missing, empty, invalid, partial,
wrong-typed, non-UTF-8, huge, directory or unreadable auth.json, Antigravity accounts file,
config file or saved view each gives its own clear error, the other sources keep working,
and every file that is not ours is byte-identical (SHA-256) afterwards."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tray_app import safe_open
from tray_app.cli import main as cli_main
from tray_app.monitoring import store
from tray_app.monitoring.alerts import AlertState
from tray_app.simulator import Simulator
from tray_app.simulator.sim_antigravity import demo_accounts_file
from tray_app.simulator.sim_zhipu import DEMO_KEYS

BAD: dict[str, bytes] = {
    "empty": b"",
    "invalid": b"{not json at all",
    "partial": b'{"zai-coding-plan": {"type": "api", "ke',
    "wrong_type": b'[{"type": "api", "key": "abc"}]',
    "non_utf8": b'\xff\xfe{"\x00z": 1}',
    "huge": b'{"pad": "' + b"x" * (3 * 1024 * 1024) + b'"}',
}
DETAIL = {"empty": "empty file", "invalid": "invalid JSON at line 1", "partial": "invalid JSON",
          "wrong_type": "top level is list", "non_utf8": "not UTF-8", "huge": "too large",
          "directory": "EISDIR", "unreadable": "EACCES"}
VARIANTS = sorted(DETAIL)
ZHIPU_AUTH = {"zhipuai-coding-plan": {"type": "api", "key": DEMO_KEYS["zhipuai-coding-plan"]}}


@pytest.fixture
def sim(monkeypatch: pytest.MonkeyPatch) -> Iterator[Simulator]:
    with Simulator() as server:
        for var, url in server.environ().items():
            monkeypatch.setenv(var, url)
        yield server


def auth_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "opencode" / "auth.json"


def accounts_path() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "opencode" / "antigravity-accounts.json"


def config_path() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "mystatus-tray" / "config.toml"


def put(path: Path, data: bytes | dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    return path


def break_file(path: Path, variant: str, monkeypatch: pytest.MonkeyPatch,
               bad: dict[str, bytes] = BAD) -> None:
    """Make `path` the broken `variant`; EACCES is real for users, simulated for root."""
    if variant == "directory":
        path.mkdir(parents=True)
        return
    if variant != "unreadable":
        put(path, bad[variant])
        return
    if os.name != "posix":
        pytest.skip("POSIX file permissions (os.geteuid)")
    put(path, b"{}")
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real_open = os.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(safe_open.os, "open", guarded)  # every reader opens through safe_open
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def foreign_digests() -> dict[str, str]:
    """SHA-256 of every file under HOME that is not ours (our dirs are named mystatus-tray)."""
    root = Path(os.environ["HOME"])
    out = {}
    for p in sorted(root.rglob("*")):
        if "mystatus-tray" in p.parts or not p.is_file() or not os.access(p, os.R_OK):
            continue
        with open(p, "rb") as fh:  # builtins.open: never the simulated EACCES
            out[str(p)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def status(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    code = cli_main(["status", "--json", "--lang", "en"])
    out, err = capsys.readouterr()
    document: dict[str, Any] = json.loads(out)
    return code, document, err


def provider(doc: dict[str, Any], pid: str) -> dict[str, Any] | None:
    return next((p for p in doc["providers"] if p["id"] == pid), None)


def healthy(doc: dict[str, Any], pid: str) -> bool:
    entry = provider(doc, pid)
    return entry is not None and all(not a.get("error") and a["windows"]
                                     for a in entry["accounts"])


def problem(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    found: list[dict[str, Any]] = [p for p in doc["problems"] if p["path"] == str(path)]
    assert len(found) == 1, doc["problems"]
    assert found[0]["kind"] == "auth_file_unreadable" and found[0]["fix"]
    return found[0]


# ------------------------------------------------------------------ OpenCode auth.json
@pytest.mark.parametrize("variant", VARIANTS)
def test_broken_auth_file(variant: str, sim: Simulator, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    put(accounts_path(), demo_accounts_file())
    break_file(auth_path(), variant, monkeypatch)
    before = foreign_digests()
    code, doc, _ = status(capsys)
    found = problem(doc, auth_path())
    assert DETAIL[variant] in found["message"], found
    assert code == 1
    assert healthy(doc, "antigravity"), "a broken auth.json hid the accounts file"
    assert foreign_digests() == before


def test_missing_auth_file_alone_is_not_a_problem_but_nothing_at_all_is(
    sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    put(accounts_path(), demo_accounts_file())
    code, doc, _ = status(capsys)
    assert code == 0 and doc["problems"] == [] and healthy(doc, "antigravity")
    accounts_path().unlink()
    code, doc, _ = status(capsys)
    assert code == 2
    kinds = {p["kind"] for p in doc["problems"]}
    assert kinds == {"auth_file_unreadable", "no_accounts"}
    assert "ENOENT" in problem(doc, auth_path())["message"]


@pytest.mark.parametrize("entry", [{"type": "api", "key": 42}, {"type": "api"}, "a string",
                                   {"type": "api", "key": "   "}, [1, 2]])
def test_wrong_typed_auth_entry_is_a_named_error_of_its_provider(
    entry: Any, sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 9 (seed problem 2 per entry): a broken entry is no longer dropped silently; its
    provider shows an error naming the file and the entry, the others keep their numbers."""
    put(auth_path(), {"zhipuai-coding-plan": entry,
                      "zai-coding-plan": {"type": "api", "key": DEMO_KEYS["zai-coding-plan"]}})
    before = foreign_digests()
    code, doc, _ = status(capsys)
    zhipu = provider(doc, "zhipu")
    assert zhipu is not None and healthy(doc, "zai")
    (account,) = zhipu["accounts"]
    assert account["error"]["kind"] == "credential_invalid"
    assert account["error"]["path"] == str(auth_path())
    assert '"zhipuai-coding-plan"' in account["error"]["message"]
    assert code == 1
    put(auth_path(), {"zhipuai-coding-plan": entry})
    code, doc, _ = status(capsys)
    assert code == 1 and doc["problems"] == []  # not "no configured accounts"
    put(auth_path(), {"zhipuai-coding-plan": entry,
                      "zai-coding-plan": {"type": "api", "key": DEMO_KEYS["zai-coding-plan"]}})
    assert foreign_digests() == before


# ------------------------------------------------------------------ Antigravity accounts
@pytest.mark.parametrize("variant", VARIANTS)
def test_broken_accounts_file(variant: str, sim: Simulator,
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    put(auth_path(), ZHIPU_AUTH)
    break_file(accounts_path(), variant, monkeypatch)
    before = foreign_digests()
    code, doc, _ = status(capsys)
    found = problem(doc, accounts_path())
    assert DETAIL[variant] in found["message"], found
    assert code == 1 and healthy(doc, "zhipu")
    assert foreign_digests() == before


@pytest.mark.parametrize("content", [{"version": 4, "accounts": "nope"}, {"version": "x"},
                                     {"accounts": [None, 3, "x", {"enabled": False}]}])
def test_wrong_typed_accounts_content_means_no_google_account(
    content: dict[str, Any], sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    put(auth_path(), ZHIPU_AUTH)
    put(accounts_path(), content)
    before = foreign_digests()
    code, doc, _ = status(capsys)
    assert code == 0 and provider(doc, "antigravity") is None and healthy(doc, "zhipu")
    assert foreign_digests() == before


# ------------------------------------------------------------------ our config file
CONFIG_BAD = {
    "invalid": b"refresh_minutes = = 5\n",
    "partial": b'language = "zh-',
    "non_utf8": b'language = "\xff\xfe"\n',
    "huge": b"x" * (3 * 1024 * 1024),
}


@pytest.mark.parametrize("variant", [*sorted(CONFIG_BAD), "directory", "unreadable"])
def test_broken_config_file_falls_back_to_defaults_with_a_notice(
    variant: str, sim: Simulator, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    put(auth_path(), ZHIPU_AUTH)
    break_file(config_path(), variant, monkeypatch, CONFIG_BAD)
    before = foreign_digests()
    code, doc, err = status(capsys)
    assert code == 0 and healthy(doc, "zhipu")
    assert str(config_path()) in err, err
    reason = {"directory": "directory", "unreadable": "Permission denied"}.get(variant)
    if reason:
        assert reason in err
    else:  # not ours to fix silently, but ours to keep: moved aside, never deleted
        aside = list(config_path().parent.glob("config.toml.corrupt-*"))
        assert len(aside) == 1 and aside[0].read_bytes() == CONFIG_BAD[variant]
        assert "kept as" in err
    assert foreign_digests() == before


@pytest.mark.parametrize("content", [b"", b'refresh_minutes = "often"\nthreshold = 500\n'
                                     b'show = 3\nlanguage = ["en"]\n'])
def test_empty_or_wrong_typed_config_uses_defaults(
    content: bytes, sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid TOML with wrong types is the documented "default for that key" case; the user is
    told which keys were not usable (an empty file says nothing)."""
    put(auth_path(), ZHIPU_AUTH)
    put(config_path(), content)
    code, doc, err = status(capsys)
    assert code == 0 and healthy(doc, "zhipu")
    if content:
        assert "invalid value for language, refresh_minutes, threshold, show" in err
    else:
        assert "config" not in err.lower()
    assert config_path().read_bytes() == content  # a readable file is never rewritten


# ------------------------------------------------------------------ the saved view (tray)
VIEW_BAD = {**BAD, "wrong_type": b'{"schema": 1, "providers": "all of them"}',
            "huge": b'{"pad": "' + b"x" * (5 * 1024 * 1024) + b'"}',
            "partial": b'{"schema": 1, "providers": [{"id": "zai", "accou'}
ALERTS_BAD = {**VIEW_BAD, "wrong_type": b'[{"windows": 1}]'}


@pytest.mark.parametrize("variant", [*sorted(VIEW_BAD), "directory", "unreadable"])
@pytest.mark.parametrize("loader", ["view", "alerts"])
def test_broken_saved_state_is_set_aside(
    variant: str, loader: str, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = store.state_file("last_view.json" if loader == "view" else "alerts.json")
    break_file(path, variant, monkeypatch, VIEW_BAD if loader == "view" else ALERTS_BAD)
    load: Callable[[], object] = (lambda: store.load_view(path)) if loader == "view" else (
        lambda: store.load_alert_state(path))
    with caplog.at_level(logging.WARNING, logger="tray_app"):
        result = load()
    if loader == "view":
        assert result is None
    else:
        assert result == AlertState()
    assert path.name in caplog.text and "unusable" in caplog.text, caplog.text
    assert not path.exists()
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))
    monkeypatch.undo()
    assert load() in (None, AlertState())  # and the next start is clean


def test_missing_saved_state_is_silently_empty(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert store.load_view(store.state_file("last_view.json")) is None
        assert store.load_alert_state(store.state_file("alerts.json")) == AlertState()
    assert caplog.text == ""
