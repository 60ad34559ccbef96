"""`token` commands with in-memory stores: input sources, validation, verify-after-write,
keyring failures (exit 3, nothing written), legacy-file import and settings."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from tray_app import config
from tray_app.cli import token
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings, Settings
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.errors import ErrorKind, QuotaError
from tray_app.secrets import Secret

PAT = "github_pat_11UNITTEST0_abcdefghijklmnopqrstuvwxyz0123"


class DroppingStore(MemoryPatStore):
    """A keyring that accepts writes and keeps nothing (like keyring's null backend)."""

    def set(self, secret: Secret) -> None:
        return None


class FailingStore(MemoryPatStore):
    def get(self) -> Secret | None:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="NoKeyringError: locked")

    def set(self, secret: Secret) -> None:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="NoKeyringError: locked")

    def delete(self) -> bool:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="NoKeyringError: locked")


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def args(action: str, **extra: object) -> argparse.Namespace:
    values: dict[str, object] = {"token_action": action, "provider": "copilot",
                                 "username": None, "plan": None, "delete_plaintext": False}
    values.update(extra)
    return argparse.Namespace(**values)


def console() -> tuple[Console, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Console("en", out=out, err=err), out, err


def loaded_settings(home: Path) -> LoadedSettings:
    return LoadedSettings(Settings(), home / ".config" / "mystatus-tray" / "config.toml")


def legacy_file(home: Path, data: object) -> Path:
    path = home / ".config" / "opencode" / "copilot-quota-token.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "problem", "looks_right"),
    [("", "cli.token.empty", False), ("ghp_abc def", "cli.token.whitespace", False),
     ("ghp_abc\tdef", "cli.token.whitespace", False), (PAT, None, True),
     ("ghp_0123456789abcdef", None, True), ("gho_notapat123456", None, False)],
)
def test_validate(value: str, problem: str | None, looks_right: bool) -> None:
    assert token.validate(value) == (problem, looks_right)


def test_set_reads_stdin_when_not_a_tty(monkeypatch: pytest.MonkeyPatch,
                                        isolated_env: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PAT + "\n"))
    store = MemoryPatStore()
    c, out, err = console()
    assert token.run(args("set"), c, loaded_settings(isolated_env), store=store) == 0
    assert store.get() == Secret(PAT)
    assert "gith****0123" in out.getvalue() and PAT not in out.getvalue() + err.getvalue()
    assert "copilot_username" in out.getvalue()  # tells the user what else is needed


def test_set_prompts_on_a_tty(monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return f"  {PAT}  "

    monkeypatch.setattr("sys.stdin", FakeTty())
    monkeypatch.setattr(token.getpass, "getpass", fake_getpass)
    store = MemoryPatStore()
    c, _, _ = console()
    assert token.run(args("set"), c, loaded_settings(isolated_env), store=store) == 0
    assert prompts and "input hidden" in prompts[0]
    assert store.get() == Secret(PAT)


def test_set_saves_username_and_plan(monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PAT))
    loaded = loaded_settings(isolated_env)
    c, out, _ = console()
    rc = token.run(args("set", username="octocat", plan="pro+"), c, loaded, store=MemoryPatStore())
    assert rc == 0
    saved = config.load(loaded.path).settings
    assert (saved.copilot_username, saved.copilot_plan) == ("octocat", "pro+")
    assert "copilot_username (and copilot_plan)" not in out.getvalue()


@pytest.mark.parametrize("value", ["", "   \n", "ghp_two words"])
def test_set_rejects_bad_input(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(value))
    store = MemoryPatStore()
    c, _, err = console()
    assert token.run(args("set"), c, None, store=store) == 1
    assert store.get() is None and "✗" in err.getvalue()


def test_set_warns_on_an_unusual_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("abcdef0123456789"))
    c, _, err = console()
    assert token.run(args("set"), c, None, store=MemoryPatStore()) == 0
    assert "does not look like a GitHub PAT" in err.getvalue()


@pytest.mark.parametrize("store", [FailingStore(), DroppingStore()])
def test_keyring_failures_exit_3_and_write_nothing(
    monkeypatch: pytest.MonkeyPatch, isolated_env: Path, store: MemoryPatStore
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PAT))
    loaded = loaded_settings(isolated_env)
    c, out, err = console()
    assert token.run(args("set", username="octocat"), c, loaded, store=store) == 3
    assert "The system keyring is not available" in err.getvalue()
    assert "Unlock or install a keyring" in err.getvalue()
    assert not loaded.path.exists()  # the settings were not written either
    assert PAT not in out.getvalue() + err.getvalue()
    for action in ("status", "remove"):
        if isinstance(store, FailingStore):
            assert token.run(args(action), c, loaded, store=store) == 3


def test_status_and_remove(isolated_env: Path) -> None:
    store = MemoryPatStore(Secret(PAT))
    c, out, _ = console()
    assert token.run(args("status"), c, loaded_settings(isolated_env), store=store) == 0
    assert "in the system keyring" in out.getvalue() and "gith****0123" in out.getvalue()
    assert token.run(args("remove"), c, None, store=store) == 0
    assert store.get() is None and "was removed" in out.getvalue()
    assert token.run(args("remove"), c, None, store=store) == 0
    assert "nothing to remove" in out.getvalue()
    assert token.run(args("status"), c, None, store=store) == 1
    assert "No Copilot PAT is stored" in out.getvalue()


def test_status_reports_the_plaintext_file(isolated_env: Path) -> None:
    legacy_file(isolated_env, {"token": PAT, "username": "octocat", "tier": "pro"})
    c, out, err = console()
    assert token.run(args("status"), c, None, store=MemoryPatStore()) == 0
    assert "plain-text file" in out.getvalue() and "gith****0123" in out.getvalue()
    assert "token import" in err.getvalue()


def test_import_keeps_the_file_unless_asked(isolated_env: Path) -> None:
    path = legacy_file(isolated_env, {"token": PAT, "username": "octocat", "tier": "business"})
    store = MemoryPatStore()
    loaded = loaded_settings(isolated_env)
    c, out, _ = console()
    assert token.run(args("import"), c, loaded, store=store) == 0
    assert store.get() == Secret(PAT) and path.exists()
    assert "safe to delete" in out.getvalue()
    saved = config.load(loaded.path).settings
    assert (saved.copilot_username, saved.copilot_plan) == ("octocat", "business")
    assert token.run(args("import", delete_plaintext=True), c, loaded, store=store) == 0
    assert not path.exists() and "Deleted the plain-text file" in out.getvalue()


def test_import_does_not_overwrite_configured_settings(isolated_env: Path) -> None:
    legacy_file(isolated_env, {"token": PAT, "username": "other", "tier": "free"})
    loaded = loaded_settings(isolated_env)
    config.save(Settings(copilot_username="me", copilot_plan="pro"), loaded.path)
    loaded = config.load(loaded.path)
    c, _, _ = console()
    assert token.run(args("import"), c, loaded, store=MemoryPatStore()) == 0
    saved = config.load(loaded.path).settings
    assert (saved.copilot_username, saved.copilot_plan) == ("me", "pro")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "nothing to import"), ({"username": "x"}, "no usable \"token\""),
     ({"token": "two words"}, "no usable \"token\""), ("not json", "Cannot read")],
)
def test_import_problems(isolated_env: Path, content: object, message: str) -> None:
    if content == "not json":
        path = legacy_file(isolated_env, {})
        path.write_text("{not json", "utf-8")
    elif content is not None:
        legacy_file(isolated_env, content)
    store = MemoryPatStore()
    c, _, err = console()
    assert token.run(args("import", delete_plaintext=True), c, None, store=store) == 1
    assert message in err.getvalue() and store.get() is None


def test_import_with_a_failing_keyring_leaves_the_file_alone(isolated_env: Path) -> None:
    path = legacy_file(isolated_env, {"token": PAT, "username": "octocat"})
    before = path.read_bytes()
    loaded = loaded_settings(isolated_env)
    c, _, err = console()
    rc = token.run(args("import", delete_plaintext=True), c, loaded, store=DroppingStore())
    assert rc == 3
    assert path.read_bytes() == before and not loaded.path.exists()
    assert "keyring is not available" in err.getvalue()
