"""Test isolation: every test gets its own HOME and XDG dirs, no provider URL, OpenCode
variable or provider API key ($KIMI_API_KEY...) leaks in from the machine, and the keyring is
the null backend unless the test is a `desktop` one (which uses the real Secret Service of
tools/ci-desktop.sh).

`desktop` tests skip outside the headless desktop, except under CI (CI=true), where a
missing desktop is a failure: they must never silently skip there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

_DESKTOP = bool(os.environ.get("CI_DESKTOP_NOTIFY_LOG"))
_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(trylast=True)  # after `-m "not desktop"` has deselected them
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _DESKTOP:
        return
    desktop = [item for item in items if "desktop" in item.keywords]
    if desktop and _CI:
        raise pytest.UsageError(
            f"{len(desktop)} desktop tests cannot run: CI=true but no headless desktop "
            "(run the suite through tools/ci-desktop.sh, as tools/run-tests.sh does)"
        )
    for item in desktop:
        item.add_marker(pytest.mark.skip(reason="needs tools/ci-desktop.sh (real desktop)"))


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("home")
    for var in list(os.environ):
        if var.startswith(("MYSTATUS_", "OPENCODE_", "CODEX_", "CLAUDE_")):
            monkeypatch.delenv(var, raising=False)
    for var in ("KIMI_API_KEY", "MINIMAX_API_KEY"):  # providers' last key source
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("HOME", str(root))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        if "desktop" in request.keywords and var in ("XDG_DATA_HOME",):
            continue  # the desktop keyring lives in the script's XDG_DATA_HOME
        monkeypatch.setenv(var, str(root / sub))
    if "desktop" not in request.keywords:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    yield root
