"""`status --json`: the schema-1 document matches docs/json-schema.md exactly; exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from mystatus_testkit.schema import load_schema, validate

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, Notice, ProviderUsage, Snapshot, Window
from tray_app.report import EXIT_FAILED, EXIT_NO_ACCOUNTS, EXIT_OK, exit_code, render_json, to_json

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
KINDS = {k.value for k in ErrorKind}


def snapshot() -> Snapshot:
    ok = Account(
        label="abcd****wxyz",
        plan="pro",
        windows=(
            Window("5h", "5-hour limit", 37.0, used=14_800_000.0, limit=40_000_000.0,
                   unit="tokens", resets_at=NOW + timedelta(hours=2, minutes=15, microseconds=5),
                   label_key="window.5h"),
            Window("weekly", "Weekly limit", 100 / 3, label_key="window.weekly"),
            Window("tools", "Tool calls", None, label_key="window.tools"),
            Window("chat", "Chat", None, unlimited=True, label_key="window.chat"),
            Window("premium", "Premium requests", 85.0, used=255, limit=300, unit="requests"),
        ),
        details=(("Credits", "12.50"),),
        notices=(Notice("notice.legacy_pat", (("path", "/x/token.json"),)),),
        token_expires_at=NOW + timedelta(days=1),
    )
    failed = Account(
        label="sk-f****0000",
        error=ErrorInfo(ErrorKind.RATE_LIMITED, provider="Zhipu AI", status=429,
                        retry_after=30.0),
    )
    return Snapshot(
        generated_at=NOW,
        providers=(
            ProviderUsage("zhipu", "Zhipu AI", accounts=(failed, ok), fetched_at=NOW,
                          dashboard_url="https://open.bigmodel.cn/usercenter"),
            ProviderUsage("antigravity", "Google Antigravity", error=ErrorInfo(
                ErrorKind.AUTH_FILE_UNREADABLE, path="/x/accounts.json", detail="empty file")),
        ),
        problems=(ErrorInfo(ErrorKind.AUTH_FILE_UNREADABLE, path="/x/auth.json",
                            detail="invalid JSON at line 1 column 1"),),
    )


def test_document_matches_the_documented_schema() -> None:
    document = json.loads(render_json(snapshot()))
    validate(document, "document")


def test_schema_document_is_parsed() -> None:
    schema = load_schema()
    # the keys the issue requires are all documented
    assert {"schema", "generated_at", "providers"} <= set(schema["document"])
    assert {"id", "name", "accounts"} <= set(schema["provider"])
    assert {"label", "plan", "windows", "error"} <= set(schema["account"])
    assert {"id", "label", "used_percent", "remaining_percent", "used", "limit", "unit",
            "resets_at", "known"} <= set(schema["window"])
    assert {"kind", "message", "status"} <= set(schema["error"])


def test_validator_rejects_undocumented_and_mistyped_fields() -> None:
    document = to_json(snapshot())
    document["surprise"] = 1
    with pytest.raises(AssertionError, match="surprise"):
        validate(document, "document")
    document = to_json(snapshot())
    document["providers"][0]["accounts"][0]["windows"][0]["known"] = "yes"
    with pytest.raises(AssertionError, match="known"):
        validate(document, "document")


def test_values() -> None:
    doc = to_json(snapshot())
    assert doc["schema"] == 1 and doc["generated_at"] == "2026-05-01T12:00:00Z"
    zhipu = doc["providers"][0]
    assert [a["label"] for a in zhipu["accounts"]] == ["abcd****wxyz", "sk-f****0000"]
    five, weekly, tools, chat, premium = zhipu["accounts"][0]["windows"]
    assert five == {
        "id": "5h", "label": "5-hour limit", "used_percent": 37, "remaining_percent": 63,
        "used": 14800000, "limit": 40000000, "unit": "tokens",
        "resets_at": "2026-05-01T14:15:00Z", "known": True, "unlimited": False, "high": False,
        "window_seconds": None, "pace": None,  # length unknown: no pace invented
    }
    assert isinstance(five["used"], int)
    assert weekly["used_percent"] == 33.33 and weekly["remaining_percent"] == 66.67
    assert tools["used_percent"] is None and tools["known"] is False
    assert tools["remaining_percent"] is None and tools["resets_at"] is None
    assert chat["unlimited"] is True and chat["known"] is True
    assert premium["high"] is True
    account = zhipu["accounts"][0]
    assert account["details"] == [{"label": "Credits", "value": "12.50"}]
    assert account["notices"][0]["key"] == "notice.legacy_pat"
    assert "/x/token.json" in account["notices"][0]["message"]
    assert account["token_expires_at"] == "2026-05-02T12:00:00Z"


def test_errors_carry_kind_message_status_and_fix() -> None:
    doc = to_json(snapshot())
    error = doc["providers"][0]["accounts"][1]["error"]
    assert error["kind"] == "rate_limited" and error["status"] == 429
    assert error["retry_after"] == 30 and "in 30s" in error["fix"]
    assert doc["providers"][0]["accounts"][1]["windows"] == []
    provider_error = doc["providers"][1]["error"]
    assert provider_error["kind"] == "auth_file_unreadable"
    assert provider_error["path"] == "/x/accounts.json"
    assert doc["problems"][0]["message"].startswith("Cannot read the auth file: /x/auth.json")
    for err in [error, provider_error, *doc["problems"]]:
        assert err["kind"] in KINDS


def test_messages_and_labels_follow_the_language() -> None:
    doc = to_json(snapshot(), lang="zh-CN")
    assert doc["lang"] == "zh-CN"
    account = doc["providers"][0]["accounts"][0]
    assert account["windows"][0]["label"] == "5 小时限额"
    assert account["windows"][0]["id"] == "5h"  # ids stay English
    assert doc["problems"][0]["message"].startswith("无法读取认证文件")
    assert doc["problems"][0]["kind"] == "auth_file_unreadable"
    text = render_json(snapshot(), lang="zh-TW")
    assert "無法讀取認證檔" in text  # not \u-escaped


def test_threshold_and_demo_flags() -> None:
    doc = to_json(snapshot(), threshold=90, demo=True)
    assert doc["demo"] is True
    assert doc["providers"][0]["accounts"][0]["windows"][4]["high"] is False


def test_exit_codes() -> None:
    assert exit_code(snapshot()) == EXIT_FAILED
    healthy = Snapshot(NOW, providers=(ProviderUsage("zai", "Z.ai", accounts=(
        Account(label="a****b", windows=(Window("5h", "5h", 10.0),)),)),))
    assert exit_code(healthy) == EXIT_OK
    nothing = Snapshot(NOW, problems=(ErrorInfo(ErrorKind.NO_ACCOUNTS),))
    assert exit_code(nothing) == EXIT_NO_ACCOUNTS
    assert exit_code(Snapshot(NOW)) == EXIT_NO_ACCOUNTS
    problem_only = Snapshot(NOW, providers=healthy.providers,
                            problems=(ErrorInfo(ErrorKind.AUTH_FILE_UNREADABLE),))
    assert exit_code(problem_only) == EXIT_FAILED
