"""How the tray starts its helper children (child_process.py): `python -m` from a source tree
with the tree on PYTHONPATH, the bundle itself with a flag when frozen, and on Windows the
bundle's console sibling (the windowed executable has no stdout for the child's answer)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tray_app import child_process, engine_child
from tray_app.credentials.keyring_access import child_command


def test_from_a_source_tree() -> None:
    assert engine_child.command() == [sys.executable, "-m", "tray_app.engine_child"]
    assert child_command("get", "svc", "acct")[1:] == [
        "-m", "tray_app.credentials.keyring_store", "get", "svc", "acct"]
    env = child_process.environment()
    root = str(Path(child_process.__file__).resolve().parents[1])
    assert env["PYTHONPATH"].split(":")[0] == root and env["PYTHONIOENCODING"] == "utf-8"


def test_from_a_frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "mystatus-tray.exe"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    assert engine_child.command() == [str(exe), "--engine-child"]
    assert child_command("get", "svc", "acct") == [str(exe), "--keyring", "get", "svc", "acct"]
    assert child_process.environment()["PYTHONPATH"] == "/elsewhere"  # left as it was
    monkeypatch.setattr(sys, "platform", "win32")
    assert engine_child.command() == [str(exe), "--engine-child"]  # no console sibling here
    (tmp_path / child_process.CONSOLE_EXE).write_bytes(b"")
    assert engine_child.command() == [str(tmp_path / child_process.CONSOLE_EXE),
                                      "--engine-child"]
    assert child_process.creationflags() == child_process.NO_WINDOW
