"""The Copilot PAT through the REAL command line into the REAL Secret Service (gnome-keyring on
the private bus of tools/ci-desktop.sh): stored under service `mystatus-tray`, key
`github-copilot-pat`, shown only masked, never written to any file, and removed again."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tray_app.secrets import mask

pytestmark = pytest.mark.desktop

SERVICE, KEY = "mystatus-tray", "github-copilot-pat"


def _token() -> str:
    # The shape of a fine-grained PAT, unique per run so no earlier run can satisfy a check.
    return (
        f"github_pat_11CI{uuid.uuid4().hex[:18].upper()}_{uuid.uuid4().hex}{uuid.uuid4().hex[:27]}"
    )


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # stdin is a pipe (not a TTY): the CLI must read the token from it, never from argv.
    return subprocess.run(
        [sys.executable, "-m", "tray_app", "--lang", "en", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _lookup() -> subprocess.CompletedProcess[str]:
    # keyring's SecretService backend stores the attributes `service` and `username`.
    return subprocess.run(
        ["secret-tool", "lookup", "service", SERVICE, "username", KEY],
        capture_output=True,
        text=True,
        timeout=10,
    )


def _files_containing(roots: list[Path], needle: bytes) -> list[Path]:
    hits: set[Path] = set()  # a set: HOME holds the XDG dirs, so files are seen twice
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath, name)
                try:
                    if needle in path.read_bytes():
                        hits.add(path)
                except OSError:  # sockets, fifos (the bus lives under XDG_RUNTIME_DIR)
                    continue
    return sorted(hits)


def test_token_set_status_remove_through_real_keyring(app_env: dict[str, str]) -> None:
    token = _token()
    assert _lookup().stdout == ""  # nothing there before the test

    stored = _cli(app_env, "token", "set", "copilot", stdin=token + "\n")
    assert stored.returncode == 0, stored.stdout + stored.stderr
    try:
        assert token not in stored.stdout + stored.stderr

        status = _cli(app_env, "token", "status", "copilot")
        assert status.returncode == 0, status.stdout + status.stderr
        assert mask(token) in status.stdout + status.stderr
        assert token not in status.stdout + status.stderr

        # The Secret Service itself holds it (secret-tool is a separate client).
        assert _lookup().stdout == token

        # Not one file under the user's dirs holds it. gnome-keyring's own encrypted store
        # under XDG_DATA_HOME/keyrings is where it lives: present, but never in plain text.
        keyrings = Path(os.environ["XDG_DATA_HOME"], "keyrings")
        assert any(keyrings.glob("*.keyring")), list(keyrings.iterdir())
        roots = [
            Path(os.environ[v])
            for v in (
                "HOME",
                "XDG_CONFIG_HOME",
                "XDG_STATE_HOME",
                "XDG_CACHE_HOME",
                "XDG_DATA_HOME",
            )
        ]
        roots.append(Path(os.environ["CI_DESKTOP_DIR"]))  # the desktop's logs, runtime dir
        assert _files_containing(roots, token.encode()) == []
    finally:
        removed = _cli(app_env, "token", "remove", "copilot")

    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert token not in removed.stdout + removed.stderr
    gone = _lookup()
    assert (gone.returncode, gone.stdout) == (1, "")
    after = _cli(app_env, "token", "status", "copilot")
    assert mask(token) not in after.stdout + after.stderr
