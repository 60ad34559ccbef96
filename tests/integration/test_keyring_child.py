"""The keyring child process (credentials/keyring_access.ChildKeyring → `python -m
tray_app.credentials.keyring_store`) with real keyring backends: the file test backend
(values round-trip through the pipe), the `fail` backend (a clear keyring_unavailable), and
a secret that travels only through the pipe: never in argv, never on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mystatus_testkit.cli import FAIL_KEYRING, FILE_KEYRING, HELPERS, ROOT

from tray_app.credentials.keyring_access import ChildKeyring, child_command
from tray_app.errors import ErrorKind, QuotaError
from tray_app.secrets import Secret

SECRET = "github_pat_11CHILD_PIPEONLY_0123456789abcdefABCDEF"


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = tmp_path / "keyring.json"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    monkeypatch.setenv("MYSTATUS_TEST_KEYRING", str(store))
    monkeypatch.setenv("PYTHONPATH", f"{ROOT}:{HELPERS}")
    return store


def test_read_write_delete_round_trip_through_the_child(file_keyring: Path) -> None:
    child = ChildKeyring(timeout=60)
    assert child.read("Codex Auth", "cli|0123456789abcdef") is None
    child.write("mystatus-tray", "github-copilot-pat", Secret(SECRET))
    assert json.loads(file_keyring.read_text("utf-8")) == {
        "mystatus-tray": {"github-copilot-pat": SECRET}}
    value = child.read("mystatus-tray", "github-copilot-pat")
    assert value is not None and value.reveal() == SECRET
    assert child.delete("mystatus-tray", "github-copilot-pat") is True
    assert child.delete("mystatus-tray", "github-copilot-pat") is False
    assert child.read("mystatus-tray", "github-copilot-pat") is None


def test_a_multi_line_value_round_trips_whole(file_keyring: Path) -> None:
    """Codex's keyring entry is a whole (possibly indented) JSON document."""
    document = json.dumps({"tokens": {"access_token": SECRET}, "note": " spaced "}, indent=2)
    child = ChildKeyring(timeout=60)
    child.write("Codex Auth", "cli|multi", Secret(document))
    value = child.read("Codex Auth", "cli|multi")
    assert value is not None and value.reveal() == document


def test_the_secret_is_never_in_argv_and_the_child_prints_one_json_line(
    file_keyring: Path,
) -> None:
    file_keyring.write_text(json.dumps({"Codex Auth": {"cli|x": SECRET}}), "utf-8")
    argv = child_command("get", "Codex Auth", "cli|x")
    assert SECRET not in " ".join(argv)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.count("\n") == 1 and json.loads(done.stdout) == {"value": SECRET}


def test_a_failing_keyring_is_keyring_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_KEYRING)
    with pytest.raises(QuotaError) as info:
        ChildKeyring(timeout=60).read("Codex Auth", "cli|x")
    assert info.value.kind is ErrorKind.KEYRING_UNAVAILABLE
    assert "NoKeyringError" in info.value.info.detail


def test_a_child_that_cannot_start_is_keyring_unavailable(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with pytest.raises(QuotaError) as info:
        ChildKeyring(timeout=5).read("Codex Auth", "cli|x")
    assert info.value.kind is ErrorKind.KEYRING_UNAVAILABLE
