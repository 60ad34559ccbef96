"""The real `mystatus-tray token ...` commands in a subprocess with a file-backed test keyring
(tests/helpers/mystatus_testkit), and the clear error when no keyring backend works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mystatus_testkit.cli import FAIL_KEYRING, FILE_KEYRING, NULL_KEYRING, cli_env, run_cli, tree

from tray_app.secrets import mask

PAT = "github_pat_11PLANTEDCLI0_Zx8Vq2mLr4TnKk7Pz9Ws3Yb6Jc1Fd5Ga0He8"
SERVICE, KEY = "mystatus-tray", "github-copilot-pat"


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    return tmp_path / "keyring.json"


def env_for(home: Path, keyring_file: Path, backend: str = FILE_KEYRING) -> dict[str, str]:
    return cli_env(home, PYTHON_KEYRING_BACKEND=backend, MYSTATUS_TEST_KEYRING=str(keyring_file))


def stored(keyring_file: Path) -> str | None:
    if not keyring_file.exists():
        return None
    value = json.loads(keyring_file.read_text("utf-8")).get(SERVICE, {}).get(KEY)
    return value if isinstance(value, str) else None


def legacy(home: Path, data: dict[str, str]) -> Path:
    path = home / ".config" / "opencode" / "copilot-quota-token.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_set_status_remove_round_trip(home: Path, keyring_file: Path) -> None:
    env = env_for(home, keyring_file)
    result = run_cli(["token", "set", "copilot", "--username", "octocat", "--plan", "pro"], env,
                     stdin=PAT + "\n")
    assert result.returncode == 0, result.stderr
    assert stored(keyring_file) == PAT
    assert mask(PAT) in result.stdout and "FileKeyring" in result.stdout
    config = (home / ".config" / "mystatus-tray" / "config.toml").read_text("utf-8")
    assert 'copilot_username = "octocat"' in config and PAT not in config

    status = run_cli(["token", "status", "copilot"], env)
    assert status.returncode == 0
    assert f"in the system keyring (mystatus_testkit.keyring_backend.FileKeyring): {mask(PAT)}" \
        in status.stdout
    assert "copilot_username = octocat, copilot_plan = pro" in status.stdout

    removed = run_cli(["token", "remove", "copilot"], env)
    assert removed.returncode == 0 and "was removed" in removed.stdout
    assert stored(keyring_file) is None
    after = run_cli(["token", "status", "copilot"], env)
    assert after.returncode == 1 and "No Copilot PAT is stored" in after.stdout
    for r in (result, status, removed, after):
        assert PAT not in r.stdout + r.stderr
    # nothing under HOME holds the token (only the keyring, which lives outside it)
    assert all(PAT.encode() not in content for content in tree(home).values())


def test_set_rejects_an_empty_token(home: Path, keyring_file: Path) -> None:
    result = run_cli(["token", "set", "copilot"], env_for(home, keyring_file), stdin="\n")
    assert result.returncode == 1 and "No token given" in result.stderr
    assert stored(keyring_file) is None


def test_import_without_and_with_delete(home: Path, keyring_file: Path) -> None:
    path = legacy(home, {"token": PAT, "username": "octocat", "tier": "pro+"})
    env = env_for(home, keyring_file)
    result = run_cli(["token", "import"], env)
    assert result.returncode == 0, result.stderr
    assert stored(keyring_file) == PAT and path.exists()
    assert "verified" in result.stdout and "safe to delete" in result.stdout
    config = (home / ".config" / "mystatus-tray" / "config.toml").read_text("utf-8")
    assert 'copilot_username = "octocat"' in config and 'copilot_plan = "pro+"' in config

    again = run_cli(["token", "import", "copilot", "--delete-plaintext"], env)
    assert again.returncode == 0 and not path.exists()
    assert "Deleted the plain-text file" in again.stdout
    assert stored(keyring_file) == PAT
    for r in (result, again):
        assert PAT not in r.stdout + r.stderr and mask(PAT) in r.stdout


def test_import_without_a_file(home: Path, keyring_file: Path) -> None:
    result = run_cli(["token", "import"], env_for(home, keyring_file))
    assert result.returncode == 1 and "nothing to import" in result.stderr


@pytest.mark.parametrize("backend", [FAIL_KEYRING, NULL_KEYRING])
def test_no_keyring_is_a_clear_error_and_nothing_is_written(
    home: Path, keyring_file: Path, backend: str
) -> None:
    path = legacy(home, {"token": PAT, "username": "octocat", "tier": "pro"})
    before = tree(home)
    env = env_for(home, keyring_file, backend)
    for args, stdin in ((["token", "set", "copilot", "--username", "x"], PAT),
                        (["token", "import", "--delete-plaintext"], "")):
        result = run_cli(args, env, stdin=stdin)
        assert result.returncode == 3, result.stdout + result.stderr
        assert "The system keyring is not available" in result.stderr
        assert "Unlock or install a keyring" in result.stderr
        assert PAT not in result.stdout + result.stderr
    assert tree(home) == before and path.exists()
    assert not keyring_file.exists()


def test_keyring_error_in_chinese(home: Path, keyring_file: Path) -> None:
    env = env_for(home, keyring_file, FAIL_KEYRING)
    result = run_cli(["--lang", "zh-TW", "token", "status", "copilot"], env)
    assert result.returncode == 3
    assert "系統鑰匙圈無法使用" in result.stderr and "解決方法" in result.stderr
