"""One environment-key mechanism for every key provider (issue 16 §3): Z.ai, Zhipu, OpenCode Go,
Kimi and MiniMax treat a broken OpenCode entry plus an environment key the same way: the entry
is a named, localized error account of its provider (never dropped silently) and the variable
is used; a usable entry wins over the variable; without an entry the variable is used. Broken
`opencode-go`, `kimi-for-coding` and `minimax-*` entries get the same error as the first five
providers' entries."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.env_keys import ENV_KEYS, EnvKey
from tray_app.engine import _with_broken
from tray_app.errors import ErrorKind
from tray_app.i18n import error_text
from tray_app.providers import kimi, minimax, opencode_go, zhipu
from tray_app.providers.base import AccountRef, ProviderSpec
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.simulator.opencode_db import create_db, credential_row

NOW = datetime(2026, 12, 6, tzinfo=timezone.utc)
SPECS: dict[str, ProviderSpec] = {"zai": zhipu.ZAI, "zhipu": zhipu.ZHIPU,
                                  "opencode-go": opencode_go.SPEC, "kimi": kimi.SPEC,
                                  "minimax": minimax.SPEC}
BROKEN: list[tuple[str, Any, str]] = [
    ("a number instead of an object", 12345, "not_object"),
    ("wrong type", {"type": "oauth", "refresh": "r"}, "type"),
    ("missing key", {"type": "api"}, "missing"),
    ("a number instead of a string", {"type": "api", "key": 42}, "field_type"),
    ("an empty key", {"type": "key", "key": "  "}, "missing"),
]


def _creds(tmp_path: Path, auth: dict[str, Any], **env: str) -> CredentialSet:
    environ = {"HOME": str(tmp_path), "OPENCODE_AUTH_CONTENT": json.dumps(auth), **env}
    return CredentialLoader(Settings(), environ=environ, pat_store=MemoryPatStore()).load()


def _secret(ref: AccountRef) -> str:
    payload = ref.payload
    secret = payload.secret if isinstance(payload, minimax.MiniMaxKey) else payload
    return str(secret.reveal())


def _accounts(spec: ProviderSpec, creds: CredentialSet) -> tuple[list[str], list[AccountRef]]:
    refs = _with_broken(spec, spec.discover(creds, NOW), creds)
    assert isinstance(refs, list)
    return [_secret(r) for r in refs if r.error is None], [r for r in refs if r.error is not None]


def test_every_key_provider_is_registered_once() -> None:
    assert {k.provider for k in ENV_KEYS} == set(SPECS)
    assert len({k.var for k in ENV_KEYS}) == len(ENV_KEYS)
    # the providers' own constants name the same variables and entries
    for module in (opencode_go, kimi, minimax):
        key = next(k for k in ENV_KEYS if k.provider == module.SPEC.id)
        assert key.var == module.ENV_VAR and module.ENTRY in key.entries


@pytest.mark.parametrize("env_key", ENV_KEYS, ids=lambda k: k.provider)
@pytest.mark.parametrize(("what", "entry", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_entry_plus_env_key_is_the_same_for_every_provider(
        tmp_path: Path, env_key: EnvKey, what: str, entry: Any, reason: str) -> None:
    secret = f"sk-cp-PLANTED-env-{env_key.provider}-0123456789"
    creds = _creds(tmp_path, {env_key.entries[0]: entry}, **{env_key.var: secret})
    working, errors = _accounts(SPECS[env_key.provider], creds)
    assert working == [secret]  # the variable stands in for the unusable entry
    (error,) = errors  # and the entry is a named error, never dropped
    assert error.label == env_key.entries[0]
    assert error.error is not None and error.error.kind is ErrorKind.CREDENTIAL_INVALID
    assert error.error.get("msg") == f"error.credential_invalid.{reason}"
    name = PROVIDER_NAMES[env_key.provider]
    for lang in ("en", "zh-TW", "zh-CN"):
        message, fix = error_text(error.error, lang)
        assert name in message and env_key.entries[0] in message, message
        assert "$OPENCODE_AUTH_CONTENT" in message and "opencode auth login" in fix
        assert "{" not in message + fix and secret not in message + fix
    assert creds.auth.env_var_of(env_key.integration) == env_key.var
    report = next(r for r in creds.auth.sources if r.id == "env:" + env_key.var)
    assert report.used == (env_key.integration,)
    assert "doctor.src.env_beside_broken" in [n.key for n in report.notes]


@pytest.mark.parametrize("env_key", ENV_KEYS, ids=lambda k: k.provider)
def test_a_usable_entry_wins_over_the_variable(tmp_path: Path, env_key: EnvKey) -> None:
    entry_key = f"sk-cp-PLANTED-entry-{env_key.provider}-9876543210"
    creds = _creds(tmp_path, {env_key.entries[-1]: {"type": "api", "key": entry_key}},
                   **{env_key.var: "sk-cp-PLANTED-shadowed-000000"})
    working, errors = _accounts(SPECS[env_key.provider], creds)
    assert working == [entry_key] and errors == []
    report = next(r for r in creds.auth.sources if r.id == "env:" + env_key.var)
    assert report.found and report.used == ()  # listed by doctor as not used


@pytest.mark.parametrize("env_key", ENV_KEYS, ids=lambda k: k.provider)
def test_without_an_entry_the_variable_is_used(tmp_path: Path, env_key: EnvKey) -> None:
    secret = f"sk-cp-PLANTED-only-env-{env_key.provider}-0000"
    creds = _creds(tmp_path, {}, **{env_key.var: f"  {secret}\n"})
    working, errors = _accounts(SPECS[env_key.provider], creds)
    assert working == [secret] and errors == []
    report = next(r for r in creds.auth.sources if r.id == "env:" + env_key.var)
    assert report.used == (env_key.integration,)


@pytest.mark.parametrize("integration", ["opencode-go", "kimi-for-coding",
                                         "minimax-coding-plan", "minimax-cn-coding-plan"])
def test_broken_rows_of_the_key_providers_in_the_database(tmp_path: Path,
                                                          integration: str) -> None:
    db = create_db(tmp_path / ".local" / "share" / "opencode" / "opencode.db",
                   [credential_row(integration, {"type": "key", "key": 7})])
    creds = CredentialLoader(Settings(), environ={"HOME": str(tmp_path)},
                             pat_store=MemoryPatStore()).load()
    ((provider, problem),) = creds.auth.broken
    assert problem.path == str(db) and problem.get("entry") == integration
    spec = next(s for s in SPECS.values() if s.id == provider)
    working, errors = _accounts(spec, creds)
    assert working == [] and [e.label for e in errors] == [integration]
    assert 'is JSON number, not text' in error_text(problem, "en")[0]


def test_minimax_env_key_stands_in_for_both_regions(tmp_path: Path) -> None:
    """A broken CN entry and a usable global one: the variable is not needed (a usable entry
    exists), the CN entry is still an error."""
    creds = _creds(tmp_path, {"minimax-coding-plan": {"type": "api", "key": "sk-cp-global-1111"},
                              "minimax-cn-coding-plan": {"type": "api"}},
                   MINIMAX_API_KEY="sk-cp-env-22222222")
    working, errors = _accounts(minimax.SPEC, creds)
    assert working == ["sk-cp-global-1111"]
    assert [e.label for e in errors] == ["minimax-cn-coding-plan"]
