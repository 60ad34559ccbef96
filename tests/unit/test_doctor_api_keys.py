"""`doctor`'s API-key section for OpenCode Go, Kimi and MiniMax: which source is used (entry
before the environment), keys masked, an unusable entry, a shadowed environment key, a MiniMax
key that is not a plan key, and what was looked for when nothing was found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tray_app.cli.doctor_checks import (
    Covered,
    Mark,
    check_api_keys,
    check_entries,
    check_sources,
)
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.model import utcnow

GO = "sk-go-doctor-0123456789abcdef"
KIMI_ENV = "sk-kimi-doctor-env-99887766"
PAYG = "eyJpayg-doctor-key-55443322"


def _creds(tmp_path: Path, auth: dict[str, Any], settings: Settings | None = None,
           **env: str) -> Any:
    environ = {"HOME": str(tmp_path), "OPENCODE_AUTH_CONTENT": json.dumps(auth), **env}
    return CredentialLoader(settings, environ=environ, pat_store=MemoryPatStore()).load()


def _texts(findings: list[Any]) -> str:
    return "\n".join(f"{f.mark.value} {f.text} | {f.fix}" for f in findings)


def test_sources_in_use_are_named_and_masked(tmp_path: Path) -> None:
    creds = _creds(tmp_path, {"opencode-go": {"type": "key", "key": GO}},
                   KIMI_API_KEY=KIMI_ENV, MINIMAX_API_KEY=PAYG)
    findings = check_api_keys(creds, "en")
    text = _texts(findings)
    assert "OpenCode Go: key from opencode-go (sk-g****cdef)" in text
    assert "Kimi for Coding: key from $KIMI_API_KEY (sk-k****7766)" in text
    assert "MiniMax: key from $MINIMAX_API_KEY" in text
    payg = [f for f in findings if f.mark is Mark.WARN]
    assert len(payg) == 1 and "sk-cp-" in payg[0].fix
    for secret in (GO, KIMI_ENV, PAYG):
        assert secret not in text


def test_unusable_entry_and_shadowed_env_key(tmp_path: Path) -> None:
    creds = _creds(tmp_path, {"kimi-for-coding": {"type": "api", "key": " "},
                              "opencode-go": {"type": "api", "key": GO}},
                   OPENCODE_API_KEY="sk-go-shadowed-000011112222")
    findings = check_api_keys(creds, "zh-TW")
    # the broken entry is a named error of its source (the sources section, like the first
    # five providers' entries), not repeated here
    assert not [f for f in findings if f.mark is Mark.FAIL]
    ((provider, problem),) = creds.auth.broken
    assert provider == "kimi" and problem.get("entry") == "kimi-for-coding"
    sources = _texts(check_sources(creds, "zh-TW", Covered()))
    assert "kimi-for-coding" in sources and "fail" in sources
    info = _texts(findings)
    assert "$OPENCODE_API_KEY（sk-g****2222）" in info and "opencode-go" in info
    assert "sk-go-shadowed-000011112222" not in info


def test_nothing_found_lists_where_it_looked_and_disabled_is_skipped(tmp_path: Path) -> None:
    creds = _creds(tmp_path, {}, Settings(disabled_providers=("kimi",)))
    (finding,) = check_api_keys(creds, "en")
    assert finding.mark is Mark.INFO
    assert "minimax-coding-plan / minimax-cn-coding-plan / $MINIMAX_API_KEY" in finding.text
    assert "opencode-go / $OPENCODE_API_KEY" in finding.text and "Kimi" not in finding.text


def test_their_entries_are_not_listed_as_ignored(tmp_path: Path) -> None:
    creds = _creds(tmp_path, {"opencode-go": {"type": "api", "key": GO},
                              "minimax-cn-coding-plan": {"type": "api", "key": "sk-cp-x-12345678"},
                              "google": {"type": "oauth"}})
    text = _texts(check_entries(creds.auth, utcnow(), "en", Covered()))
    assert "google" in text and "opencode-go" not in text and "minimax" not in text
