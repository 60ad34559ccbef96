"""`doctor` checks as pure functions: auth.json entries, expiry, Antigravity file, accounts."""

from __future__ import annotations

import base64
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tray_app.cli.console import Console
from tray_app.cli.doctor import render
from tray_app.cli.doctor_checks import (
    Covered,
    Finding,
    Mark,
    Section,
    check_accounts,
    check_antigravity,
    check_entry,
    check_sources,
    cover_unreachable,
    jwt_expiry,
)
from tray_app.credentials.antigravity import AccountsFile, parse_accounts
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.providers.base import AccountRef, ProviderSpec

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
MS = int(NOW.timestamp() * 1000)


def jwt(claims: dict[str, object]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJub25lIn0.{body}.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("key", "entry", "mark", "fragment"),
    [
        ("zai-coding-plan", {"type": "api", "key": "sk-planted-zai-0123456789"}, Mark.OK,
         "zai-coding-plan: usable (sk-p****6789)"),
        ("zai-coding-plan", {"type": "oauth", "key": "x"}, Mark.FAIL,
         'type is "oauth", but "api" is needed'),
        ("zhipuai-coding-plan", {"type": "api"}, Mark.FAIL, '"key" is missing or empty'),
        ("zhipuai-coding-plan", {"type": "api", "key": "   "}, Mark.FAIL, "missing or empty"),
        ("github-copilot", {"type": "oauth", "access": "gho_x"}, Mark.FAIL, '"refresh" is missing'),
        ("openai", {"type": "oauth", "access": "abc", "expires": MS - 60_000}, Mark.FAIL,
         "expired at 2026-05-01T11:59:00Z"),
        ("openai", {"type": "oauth", "access": "abcdefghijkl", "expires": MS + 3_600_000},
         Mark.OK, "token valid until 2026-05-01T13:00:00Z"),
        ("openai", {"type": "oauth", "access": jwt({"exp": NOW.timestamp() - 5})}, Mark.FAIL,
         "expired at"),
        ("openai", {"type": 3, "access": "x"}, Mark.FAIL, 'type is "-"'),
        # the EARLIER of `expires` and the JWT `exp` counts, as in the provider
        ("openai", {"type": "oauth", "access": jwt({"exp": NOW.timestamp() - 120}),
                    "expires": MS + 3_600_000}, Mark.FAIL, "expired at 2026-05-01T11:58:00Z"),
        ("openai", {"type": "oauth", "access": jwt({"exp": NOW.timestamp() + 600}),
                    "expires": MS + 3_600_000}, Mark.OK, "token valid until 2026-05-01T12:10:00Z"),
    ],
)
def test_entries(key: str, entry: dict[str, object], mark: Mark, fragment: str) -> None:
    finding = check_entry(key, entry, NOW, "en", Covered())
    assert finding.mark is mark
    assert fragment in finding.text
    if mark is Mark.FAIL:
        assert finding.fix  # every problem names its fix
    for value in entry.values():
        if isinstance(value, str) and len(value) > 8:
            assert value not in finding.text  # secrets appear masked only


def test_expired_openai_token_is_covered_for_the_accounts_section() -> None:
    covered = Covered()
    finding = check_entry("openai", {"type": "oauth", "access": "a", "expires": MS - 1},
                          NOW, "en", covered)
    assert finding.mark is Mark.FAIL
    assert "OpenAI" in finding.fix and "OpenCode" in finding.fix
    assert ("openai", ErrorKind.TOKEN_EXPIRED) in covered.kinds


def test_jwt_expiry() -> None:
    assert jwt_expiry(jwt({"exp": 1_800_000_000})) == datetime.fromtimestamp(
        1_800_000_000, tz=timezone.utc)
    assert jwt_expiry("not.a.jwt!") is None
    assert jwt_expiry("plain") is None
    assert jwt_expiry(jwt({"no": "exp"})) is None


def test_source_findings_in_precedence_order(tmp_path: Path) -> None:
    from tray_app.credentials import CredentialLoader
    from tray_app.credentials.copilot_pat import MemoryPatStore

    env = {"HOME": str(tmp_path)}
    nothing = CredentialLoader(environ=env, pat_store=MemoryPatStore()).load()
    findings = check_sources(nothing, "en", Covered())
    texts = [f.text for f in findings]
    assert texts[0].startswith("1. ") and "opencode.db (database): not found" in texts[0]
    assert any("No OpenCode 2 database (looked in:" in x for x in texts)
    assert findings[-1].mark is Mark.FAIL and "Cannot read the auth file" in texts[-1]
    content = '{"a": {}, "openai": "x"}'
    override = CredentialLoader(environ=env | {"OPENCODE_AUTH_CONTENT": content,
                                               "ZAI_API_KEY": "zk-PLANTED-doctor-1234567"},
                                pat_store=MemoryPatStore()).load()
    covered = Covered()
    findings = check_sources(override, "zh-TW", covered)
    texts = [f.text for f in findings]
    assert "$OPENCODE_AUTH_CONTENT (環境變數)：已找到" in texts[0]
    assert any("取代了 auth.json" in x for x in texts)
    assert any("已設定 ZAI_API_KEY（zk-P****4567）" in x for x in texts)
    assert not any("zk-PLANTED-doctor-1234567" in x for x in texts)
    broken = [f for f in findings if f.mark is Mark.FAIL]
    assert len(broken) == 1 and '"openai"' in broken[0].text and broken[0].fix
    assert ("openai", ErrorKind.CREDENTIAL_INVALID) in covered.kinds


def test_antigravity_file_findings() -> None:
    data = {
        "version": 4,
        "accounts": [
            {"email": "ok@x.example", "refreshToken": "1//ok-token", "projectId": "p1"},
            {"email": "noproj@x.example", "refreshToken": "1//np-token"},
            {"email": "off@x.example", "enabled": False},
            {"email": "verify@x.example", "refreshToken": "1//v", "managedProjectId": "m",
             "verificationRequired": True, "verificationUrl": "https://verify.example/x"},
            {"email": "norefresh@x.example", "projectId": "p"},
        ],
    }
    covered = Covered()
    findings = check_antigravity(parse_accounts(data, "/x/antigravity-accounts.json"), {},
                                 "en", covered)
    texts = [f.text for f in findings]
    assert findings[0].mark is Mark.OK and "version 4, 4 enabled accounts, 1 disabled" in texts[0]
    assert any(f.mark is Mark.FAIL and "noproj@x.example" in f.text and "project_id" in f.text
               and "/x/antigravity-accounts.json" in f.fix for f in findings)
    assert any(f.mark is Mark.WARN and "verify@x.example" in f.text
               and "https://verify.example/x" in f.fix for f in findings)
    assert any("norefresh@x.example: no refreshToken" in t for t in texts)
    assert ("antigravity", ErrorKind.MISSING_PROJECT_ID) in covered.kinds
    odd = check_antigravity(parse_accounts({"version": 9, "accounts": []}, "/f"), {}, "en",
                            Covered())
    assert odd[1].mark is Mark.WARN and "version 9" in odd[1].text
    absent = check_antigravity(AccountsFile(path=""), {"HOME": "/h"}, "en", Covered())
    assert absent[0].mark is Mark.INFO and "/h/.config/opencode" in absent[0].text


def _spec(pid: str, name: str) -> ProviderSpec:
    return ProviderSpec(id=pid, name=name, dashboard_url="", url_keys=(pid,),
                        discover=lambda c, n: [], fetch=lambda c, r: None)  # type: ignore[arg-type,return-value]


def test_accounts_section_reports_the_refresh() -> None:
    expired = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="OpenAI")
    rejected = ErrorInfo(ErrorKind.API_ERROR, provider="Z.ai", status=200,
                         detail="code 401, Invalid API key")
    windows = (Window("5h", "5-hour limit", 10.0), Window("weekly", "Weekly limit", 20.0))
    snapshot = Snapshot(NOW, providers=(
        ProviderUsage("openai", "OpenAI", (Account("me@x.example", error=expired),)),
        ProviderUsage("zhipu", "Zhipu AI", (Account("sk-a****wxyz", plan="max", windows=windows),)),
        ProviderUsage("zai", "Z.ai", (Account("sk-b****wxyz", error=rejected),)),
        ProviderUsage("antigravity", "Google Antigravity",
                      error=ErrorInfo(ErrorKind.KEYRING_UNAVAILABLE, detail="x")),
    ))
    findings = check_accounts(snapshot, ("copilot",), "en", Covered())
    assert [f.mark for f in findings] == [Mark.FAIL, Mark.OK, Mark.FAIL, Mark.FAIL, Mark.INFO]
    assert findings[1].text == "Zhipu AI: sk-a****wxyz (max), 2 quota window(s) read"
    assert findings[2].text.startswith("Z.ai: sk-b****wxyz: ")
    assert "Invalid API key" in findings[2].text and findings[2].fix
    covered = Covered(kinds={("openai", ErrorKind.TOKEN_EXPIRED)})
    assert len(check_accounts(snapshot, (), "en", covered)) == 3  # not explained twice
    nothing = check_accounts(Snapshot(NOW), (), "en", Covered())
    assert nothing[0].mark is Mark.FAIL and "No configured accounts" in nothing[0].text
    assert "Supported account types" in nothing[0].fix


def test_unreachable_base_url_covers_connection_errors_only() -> None:
    found: list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]] = [
        (_spec("zhipu", "Zhipu AI"), [AccountRef(label="a")]),
        (_spec("zai", "Z.ai"), [AccountRef(label="b")]),
    ]
    covered = Covered()
    cover_unreachable(found, {"zhipu"}, covered)
    assert covered.kinds == {("zhipu", ErrorKind.TIMEOUT), ("zhipu", ErrorKind.NETWORK_ERROR)}


def test_render_marks_fixes_and_summary() -> None:
    sections = [Section("One", (Finding(Mark.OK, "fine"), Finding(Mark.INFO, "fyi"))),
                Section("Two", (Finding(Mark.WARN, "hmm", "do this"),
                                Finding(Mark.FAIL, "bad", "do that")))]
    text = render(sections, Console("en", out=io.StringIO()), demo=False)
    assert "  ✓ fine" in text and "  ℹ fyi" in text and "  ⚠ hmm" in text and "  ✗ bad" in text
    assert "      → Fix: do that" in text
    assert text.rstrip().endswith("1 problem(s) and 1 warning(s): see the fixes above.")
    ascii_console = Console("zh-CN", out=io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    ok = render(sections[:1], ascii_console, demo=True)
    assert "  + fine" in ok and ok.rstrip().endswith("未发现问题。")
