"""Persistence: atomic writes, a faithful TrayView round trip (marked stale on load),
tolerant loads that set broken files aside, the alert state, and no secret on disk."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, Notice, ProviderUsage, Window
from tray_app.monitoring import store
from tray_app.monitoring.alerts import AlertState, decide
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.secrets import Secret

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
ERR = ErrorInfo(ErrorKind.VERIFICATION_REQUIRED, provider="Antigravity", status=403,
                detail="verify", retry_after=12.5, path="/x/accounts.json",
                extra=(("url", "https://accounts.google.com/v"),))
VIEW = TrayView(
    providers=(
        ProviderStatus(ProviderUsage("openai", "OpenAI", (Account(
            "me@example.com", plan="pro",
            windows=(Window("5h", "5-hour limit", 46.5, used=4.6e6, limit=1e7, unit="tokens",
                            resets_at=T0 + timedelta(hours=2), label_key="window.5h"),
                     Window("h4", "4-hour limit", 10, label_key="window.hours",
                            label_params=(("n", "4"),)),
                     Window("spark", "Codex Spark", None),
                     Window("chat", "Chat", None, unlimited=True)),
            details=(("Credits", "12.50"),), token_expires_at=T0 + timedelta(days=3),
            notices=(Notice("notice.legacy_pat", (("path", "/home/u/x.json"),)),)),),
            dashboard_url="https://chatgpt.com/codex", fetched_at=T0),
            last_success=T0 - timedelta(minutes=3), failures=1, retry_at=T0),
        ProviderStatus(ProviderUsage("antigravity", "Antigravity", (
            Account("a@gmail.com", error=ERR),), error=None), error=ERR),
        ProviderStatus(ProviderUsage("zai", "Z.ai", (), error=ErrorInfo(
            ErrorKind.AUTH_FILE_UNREADABLE, path="/p", detail="EACCES"))),
    ),
    problems=(ErrorInfo(ErrorKind.NO_ACCOUNTS),),
    updated_at=T0,
    next_refresh_at=T0 + timedelta(minutes=5),
    notices=("transient notice",),
)


def test_state_file_is_in_the_state_dir(isolated_env: Path) -> None:
    path = store.state_file("last_view.json")
    assert path.name == "last_view.json" and str(path).startswith(str(isolated_env))


def test_round_trip_keeps_everything_shown_and_marks_it_stale(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    store.save_view(VIEW, path)
    loaded = store.load_view(path)
    assert loaded is not None and loaded.from_disk
    assert loaded.updated_at == T0 and loaded.problems == VIEW.problems
    for before, after in zip(VIEW.providers, loaded.providers, strict=True):
        assert after.usage == before.usage  # windows, label keys/params, details, errors...
        assert after.error == before.error and after.last_success == before.last_success
        assert after.stale and after.stale_accounts == tuple(a.label for a in before.usage.accounts)
        assert after.retry_at is None and after.failures == 0  # backoff starts afresh
    assert loaded.notices == ()  # notices belong to the session that raised them


def test_datetimes_are_iso_utc(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    local = datetime(2026, 5, 4, 20, 0, tzinfo=timezone(timedelta(hours=8)))
    naive = datetime(2026, 5, 4, 12, 0)
    store.save_view(TrayView(updated_at=local, providers=(ProviderStatus(ProviderUsage(
        "zai", "Z.ai", fetched_at=naive)),)), path)
    data = json.loads(path.read_text())
    assert data["updated_at"] == "2026-05-04T12:00:00+00:00"
    assert data["providers"][0]["fetched_at"] == "2026-05-04T12:00:00+00:00"
    loaded = store.load_view(path)
    assert loaded is not None and loaded.updated_at == local


def test_atomic_write_leaves_no_temp_and_keeps_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sub" / "a.json"
    store.atomic_write_json(path, {"n": 1})
    store.atomic_write_json(path, {"n": 2})
    assert json.loads(path.read_text()) == {"n": 2}
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.json"]

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        store.atomic_write_json(path, {"n": 3})
    assert json.loads(path.read_text()) == {"n": 2}
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.json"]


def test_missing_file_is_nothing_saved(tmp_path: Path) -> None:
    assert store.load_view(tmp_path / "none.json") is None
    assert store.load_alert_state(tmp_path / "none.json") == AlertState()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"schema": 1, "providers": "x"}',
     b'{"schema": 1, "providers": [{"id": "openai", "accounts": [{"label": 5}]}]}',
     b'{"schema": 1, "providers": [{"id": "z", "error": {"kind": "no_such_kind"}}]}',
     b'{"schema": 1, "providers": [{"id": "z", "accounts": [{"label": "a", "windows": '
     b'[{"id": "5h", "label": "x", "used_percent": "46"}]}]}]}',
     b'{"schema": 1, "updated_at": "yesterday"}', b"[" * 100_000],
)
def test_corrupt_or_wrong_shaped_file_is_set_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "last_view.json"
    path.write_bytes(content)
    assert store.load_view(path) is None
    assert not path.exists()
    aside = list(tmp_path.glob("last_view.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content


def test_unknown_schema_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "last_view.json"
    path.write_text('{"schema": 99}')
    assert store.load_view(path) is None


def test_huge_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_BYTES", 100)
    path = tmp_path / "last_view.json"
    store.save_view(VIEW, path)
    assert store.load_view(path) is None
    assert list(tmp_path.glob("last_view.json.corrupt-*"))


def test_default_paths_round_trip() -> None:
    store.save_view(VIEW)
    loaded = store.load_view()
    assert loaded is not None and len(loaded.providers) == 3
    assert store.state_file("last_view.json").exists()


def test_alert_state_round_trip_and_corrupt(tmp_path: Path) -> None:
    window = Window("5h", "5-hour limit", 90.0, resets_at=T0 + timedelta(hours=1))
    view = TrayView(providers=(ProviderStatus(ProviderUsage("zai", "Z.ai", (
        Account("ab12****cd34", windows=(window,)),))),))
    alerts, state = decide(AlertState(), view, Settings(), "en", T0)
    assert alerts
    path = tmp_path / "alerts.json"
    store.save_alert_state(state, path)
    assert store.load_alert_state(path) == state
    assert decide(store.load_alert_state(path), view, Settings(), "en", T0)[0] == []
    path.write_text("[]")
    assert store.load_alert_state(path) == AlertState()
    assert list(tmp_path.glob("alerts.json.corrupt-*"))


def test_saved_file_contains_no_secret(tmp_path: Path) -> None:
    token = "sk-proj-PLANTED0secret0value0123456789"
    secret = Secret(token)
    # A label is always masked; even a detail that (wrongly) carried the raw value is scrubbed.
    account = Account(secret.masked, windows=(Window("5h", "5-hour limit", 5.0),),
                      details=(("note", f"key {token}"),),
                      error=ErrorInfo(ErrorKind.HTTP_ERROR, status=500, detail=f"echo {token}"))
    view = TrayView(providers=(ProviderStatus(ProviderUsage("zai", "Z.ai", (account,))),))
    path = tmp_path / "v.json"
    store.save_view(view, path)
    text = path.read_text()
    assert token not in text and secret.masked in text
