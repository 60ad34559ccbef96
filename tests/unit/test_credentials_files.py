"""Credential-file torture cases: every broken input gives its own clear error, the other
sources keep working, and no file is ever modified."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.antigravity import load_accounts
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.opencode import load_auth
from tray_app.engine import Engine
from tray_app.errors import ErrorKind
from tray_app.secrets import Secret


def _auth_path(home: Path) -> Path:
    return home / ".local" / "share" / "opencode" / "auth.json"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home)}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"   \n", "empty file"),
        (b"{not json", "invalid JSON at line 1"),
        (b'{"a": 1,\n "b": }', "invalid JSON at line 2"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "top level is list"),
        (b'"just a string"', "top level is str"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_bad_auth_file_gives_clear_error(tmp_path: Path, content: bytes, expected: str) -> None:
    path = _write(_auth_path(tmp_path), content)
    auth = load_auth(_env(tmp_path))
    assert auth.problem is not None
    assert auth.problem.kind is ErrorKind.AUTH_FILE_UNREADABLE
    assert auth.problem.path == str(path)
    assert expected in auth.problem.detail
    assert auth.entries == {}


def test_missing_auth_file_names_primary_path(tmp_path: Path) -> None:
    auth = load_auth(_env(tmp_path))
    assert not auth.found
    assert auth.problem is not None and "ENOENT" in auth.problem.detail
    assert auth.problem.path == str(_auth_path(tmp_path))


def test_auth_directory_and_huge_file(tmp_path: Path) -> None:
    _auth_path(tmp_path).mkdir(parents=True)
    auth = load_auth(_env(tmp_path))
    assert auth.problem is not None and "directory" in auth.problem.detail
    os.rmdir(_auth_path(tmp_path))
    _write(_auth_path(tmp_path), b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}')
    auth = load_auth(_env(tmp_path))
    assert auth.problem is not None and "too large" in auth.problem.detail


@pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions (os.geteuid)")
def test_unreadable_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(_auth_path(tmp_path), "{}")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any mode: make open() fail the way it does for users
        import errno

        from tray_app.credentials import files

        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr(files, "open_regular", denied)  # the reader's one open
    auth = load_auth(_env(tmp_path))
    assert auth.problem is not None and "EACCES" in auth.problem.detail
    assert "Permission denied" in auth.problem.detail


def test_env_content_overrides_file_and_wrong_types_are_dropped(tmp_path: Path) -> None:
    _write(
        _auth_path(tmp_path),
        json.dumps({"zai-coding-plan": {"type": "api", "key": "file-key-123"}}),
    )
    env = _env(tmp_path) | {
        "OPENCODE_AUTH_CONTENT": json.dumps(
            {
                "zai-coding-plan": {"type": "api", "key": "env-key-456"},
                "openai": "not-an-object",
                "github-copilot": [1],
            }
        )
    }
    auth = load_auth(env)
    assert auth.source == "$OPENCODE_AUTH_CONTENT"
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": "env-key-456"}
    assert auth.entry("openai") is None and auth.entry("github-copilot") is None


def test_xdg_data_home_wins_then_legacy_fallbacks(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    _write(xdg / "opencode" / "auth.json", "{}")
    _write(_auth_path(tmp_path), '{"a": {}}')
    assert load_auth(_env(tmp_path) | {"XDG_DATA_HOME": str(xdg)}).source == str(
        xdg / "opencode" / "auth.json"
    )
    appdata = tmp_path / "appdata"
    _write(appdata / "opencode" / "auth.json", '{"zai-coding-plan": {"type": "api", "key": "k"}}')
    found = load_auth({"HOME": str(tmp_path / "nohome"), "APPDATA": str(appdata)})
    assert found.source == str(appdata / "opencode" / "auth.json")


def test_antigravity_versions_disabled_and_projects(tmp_path: Path) -> None:
    path = tmp_path / ".config" / "opencode" / "antigravity-accounts.json"
    _write(
        path,
        json.dumps(
            {
                "version": 4,
                "accounts": [
                    {
                        "email": "a@example.com",
                        "refreshToken": "1//tokenA-abcdefgh",
                        "managedProjectId": "m-1",
                        "projectId": "p-1",
                        "rateLimitResetTimes": {"claude": 1_900_000_000_000, "bad": "x"},
                    },
                    {
                        "email": "b@example.com",
                        "refreshToken": "1//tokenB-abcdefgh",
                        "enabled": False,
                    },
                    {"email": "c@example.com", "refreshToken": "1//tokenC-abcdefgh"},
                    "garbage",
                    {"refreshToken": 42, "projectId": {"id": "obj-id"}},
                ],
            }
        ),
    )
    result = load_accounts(_env(tmp_path))
    assert result.version == 4 and result.skipped_disabled == 1
    assert [a.email for a in result.accounts] == ["a@example.com", "c@example.com", "account 5"]
    assert result.accounts[0].project_id == "m-1"
    assert result.accounts[0].rate_limit_reset_ms == {"claude": 1_900_000_000_000.0}
    assert result.accounts[1].project_id == ""
    assert result.accounts[2].refresh_token is None and result.accounts[2].project_id == "obj-id"


@pytest.mark.parametrize("version", [1, 2, 3])
def test_antigravity_old_versions_parse(tmp_path: Path, version: int) -> None:
    path = tmp_path / ".config" / "opencode" / "antigravity-accounts.json"
    _write(
        path,
        json.dumps(
            {
                "version": version,
                "accounts": [
                    {
                        "email": "old@example.com",
                        "refreshToken": "1//old-abcdefgh",
                        "projectId": "p",
                    }
                ],
            }
        ),
    )
    result = load_accounts(_env(tmp_path))
    assert result.version == version and len(result.accounts) == 1


def test_antigravity_config_dir_and_data_dir_probes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _write(data_dir / "opencode" / "antigravity-accounts.json", '{"accounts": []}')
    assert load_accounts(_env(tmp_path) | {"XDG_DATA_HOME": str(data_dir)}).path.startswith(
        str(data_dir)
    )
    custom = tmp_path / "custom"
    _write(custom / "antigravity-accounts.json", "{broken")
    result = load_accounts(_env(tmp_path) | {"OPENCODE_CONFIG_DIR": str(custom)})
    assert result.problem is not None and "invalid JSON" in result.problem.detail


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_one_broken_source_never_hides_another_and_nothing_is_written(tmp_path: Path) -> None:
    """A corrupt accounts file and a legacy PAT file: auth.json providers still discovered,
    every foreign file byte-identical afterwards."""
    _write(
        _auth_path(tmp_path),
        json.dumps({"zhipuai-coding-plan": {"type": "api", "key": "zk-abcdefgh1234"}}),
    )
    _write(tmp_path / ".config" / "opencode" / "antigravity-accounts.json", b"\x00\x01binary")
    _write(
        tmp_path / ".config" / "opencode" / "copilot-quota-token.json",
        json.dumps({"token": "github_pat_LEGACYLEGACY1234", "username": "octo", "tier": "pro"}),
    )
    before = _digest(tmp_path)
    only_zhipu = Settings(disabled_providers=("openai", "zai", "copilot", "antigravity"))
    loader = CredentialLoader(only_zhipu, environ=_env(tmp_path), pat_store=MemoryPatStore())
    creds = loader.load()
    assert creds.auth.entry("zhipuai-coding-plan") is not None
    assert creds.antigravity.problem is not None
    assert creds.copilot_pat.source == "plaintext" and creds.copilot_pat.username == "octo"
    assert creds.copilot_pat.allowance == 300.0
    assert creds.copilot_pat.notices and creds.copilot_pat.notices[0].key == "notice.legacy_pat"
    with Engine(
        loader, environ=_env(tmp_path) | {"MYSTATUS_ZHIPU_URL": "http://127.0.0.1:9"}
    ) as engine:
        snap = engine.refresh()
    assert snap.provider("zhipu") is not None
    assert any(p.kind is ErrorKind.AUTH_FILE_UNREADABLE for p in snap.problems)
    assert _digest(tmp_path) == before


def test_keyring_pat_wins_over_legacy_and_is_read_once(tmp_path: Path) -> None:
    _write(
        tmp_path / ".config" / "opencode" / "copilot-quota-token.json",
        json.dumps({"token": "github_pat_LEGACYLEGACY1234"}),
    )

    class CountingStore(MemoryPatStore):
        reads = 0

        def get(self) -> Secret | None:
            CountingStore.reads += 1
            return super().get()

    loader = CredentialLoader(
        Settings(copilot_username="me", copilot_plan="1500"),
        environ=_env(tmp_path),
        pat_store=CountingStore(Secret("github_pat_KEYRINGKEYRING99")),
    )
    for _ in range(3):
        pat = loader.load().copilot_pat
    assert pat.source == "keyring" and pat.token == Secret("github_pat_KEYRINGKEYRING99")
    assert pat.allowance == 1500.0 and pat.notices == ()
    assert CountingStore.reads == 1
    loader.invalidate_pat()
    loader.load()
    assert CountingStore.reads == 2
