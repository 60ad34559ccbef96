"""Seed problem 2, per entry: every broken entry of a supported provider is explained (source,
entry, what is missing, the fix), in en / zh-TW / zh-CN, and becomes an error account of its
provider in the engine while the other providers keep their numbers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.entries import check, normalize_v2
from tray_app.credentials.opencode import load_auth
from tray_app.engine import Engine
from tray_app.errors import ErrorKind
from tray_app.i18n import error_text
from tray_app.model import Account
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.simulator.opencode_db import create_db, credential_row

SOURCE = "/home/u/.local/share/opencode/auth.json"


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("openai", "not-an-object", 'the entry "openai" in ' + SOURCE + " is not an object "
         "(it is JSON string)"),
        ("zai-coding-plan", 7, '"zai-coding-plan" in ' + SOURCE + " is not an object (it is JSON "
         "number)"),
        ("github-copilot", [1], "is not an object (it is JSON array)"),
        ("openai", {"type": "oauth"}, 'lacks "access" (missing or empty)'),
        ("openai", {"type": "oauth", "access": "   "}, 'lacks "access"'),
        ("openai", {"access": "abc"}, 'has type "null", but "oauth" is needed'),
        ("openai", {"type": "api", "key": "abc"}, 'has type "api", but "oauth" is needed'),
        ("openai", {"type": "oauth", "access": 12345}, '"access" of the entry "openai" in '
         + SOURCE + " is JSON number, not text"),
        ("zhipuai-coding-plan", {"type": "api"}, 'lacks "key"'),
        ("zhipuai-coding-plan", {"type": "api", "key": None}, 'lacks "key"'),
        ("zai-coding-plan", {"type": "api", "key": {"v": 1}}, '"key" of the entry '
         '"zai-coding-plan" in ' + SOURCE + " is JSON object, not text"),
        ("zai-coding-plan", {"type": "oauth", "refresh": "x"}, 'has type "oauth", but "api"'),
        ("github-copilot", {"type": "oauth"}, 'lacks "refresh / access"'),
        ("github-copilot-enterprise", {"type": "api", "key": "k"}, 'has type "api"'),
    ],
)
def test_every_broken_shape_is_named(key: str, value: Any, fragment: str) -> None:
    problem = check(key, value, SOURCE)
    assert problem is not None and problem.kind is ErrorKind.CREDENTIAL_INVALID
    assert problem.path == SOURCE and problem.get("entry") == key
    message, fix = error_text(problem, "en")
    assert fragment in message, message
    assert "opencode auth login" in fix and f'"{key}" needs type' in fix
    for lang, word in (("zh-TW", "項目"), ("zh-CN", "条目")):
        message, fix = error_text(problem, lang)
        assert key in message and SOURCE in message and word in message
        assert "opencode auth login" in fix and "{" not in message + fix


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("openai", {"type": "oauth", "access": "a.b.c", "refresh": "r"}),
        ("zai-coding-plan", {"type": "api", "key": "k"}),
        ("zai-coding-plan", {"key": "k"}),  # providers accept a missing type for keys
        ("github-copilot", {"type": "oauth", "access": "gho_x"}),  # newer flow: access only
        ("github-copilot", {"refresh": "gho_x"}),
        ("anthropic", "anything at all"),  # not ours: never an error
    ],
)
def test_usable_or_foreign_entries_pass(key: str, value: Any) -> None:
    assert check(key, value, SOURCE) is None


def test_database_values_are_checked_after_normalizing() -> None:
    assert normalize_v2({"type": "key", "key": "k", "metadata": {}}) == {"type": "api", "key": "k"}
    assert check("zai-coding-plan", normalize_v2({"type": "key", "key": "k"}), "db") is None
    assert check("zai-coding-plan", normalize_v2({"type": "key"}), "db") is not None


def test_broken_rows_in_the_database_name_the_database(tmp_path: Path) -> None:
    data = tmp_path / ".local" / "share" / "opencode"
    db = create_db(data / "opencode.db", [
        credential_row("openai", "{not json"),
        credential_row("zai-coding-plan", {"type": "key"}),
    ])
    auth = load_auth({"HOME": str(tmp_path)})
    found = {provider: info for provider, info in auth.broken}
    assert set(found) == {"openai", "zai"}
    assert found["openai"].path == str(db) and found["openai"].get("actual") == "string"
    assert 'lacks "key"' in error_text(found["zai"], "en")[0]


# ---------------------------------------------------------------- in the engine
def _fake(pid: str, name: str, entry_key: str) -> ProviderSpec:
    def discover(creds: Any, now: datetime) -> list[AccountRef]:
        entry = creds.auth.entry(entry_key)
        return [AccountRef(label=f"{pid}-ok")] if entry else []

    def fetch(ctx: Context, ref: AccountRef) -> Account:
        return Account(label=ref.label)

    return ProviderSpec(id=pid, name=name, dashboard_url="", url_keys=(), discover=discover,
                        fetch=fetch)


PROVIDERS = (_fake("openai", "OpenAI", "openai"), _fake("zhipu", "Zhipu AI", "zhipuai-coding-plan"),
             _fake("zai", "Z.ai", "zai-coding-plan"))


def _refresh(tmp_path: Path, entries: object) -> Any:
    auth = tmp_path / ".local" / "share" / "opencode" / "auth.json"
    auth.parent.mkdir(parents=True, exist_ok=True)
    auth.write_text(json.dumps(entries), "utf-8")
    loader = CredentialLoader(Settings(), environ={"HOME": str(tmp_path)},
                              pat_store=MemoryPatStore())
    with Engine(loader, providers=PROVIDERS, environ={},
                clock=lambda: datetime(2026, 12, 1, tzinfo=timezone.utc)) as engine:
        return engine.refresh()


def test_two_broken_entries_are_two_named_errors_not_no_accounts(tmp_path: Path) -> None:
    snapshot = _refresh(tmp_path, {"openai": "not-an-object", "zai-coding-plan": 7})
    kinds = [p.kind for p in snapshot.problems]
    assert ErrorKind.NO_ACCOUNTS not in kinds
    by_id = {p.id: p for p in snapshot.providers}
    assert set(by_id) == {"openai", "zai"}
    for pid, entry in (("openai", "openai"), ("zai", "zai-coding-plan")):
        (account,) = by_id[pid].accounts
        assert account.label == entry and account.error is not None
        assert account.error.kind is ErrorKind.CREDENTIAL_INVALID
        assert account.error.provider == by_id[pid].name


def test_broken_entry_beside_working_ones_keeps_their_numbers(tmp_path: Path) -> None:
    snapshot = _refresh(tmp_path, {"openai": {"type": "oauth"},
                                   "zhipuai-coding-plan": {"type": "api", "key": "k"}})
    by_id = {p.id: p for p in snapshot.providers}
    assert by_id["zhipu"].accounts[0].error is None
    (broken,) = by_id["openai"].accounts
    assert broken.error is not None and 'lacks "access"' in error_text(broken.error)[0]
