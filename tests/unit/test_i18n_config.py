from __future__ import annotations

from pathlib import Path

import pytest

from tray_app import config
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import LANGUAGES, detect_language, error_text, format_duration, t
from tray_app.i18n.catalog import CATALOG


def test_every_key_has_all_languages() -> None:
    for key, entry in CATALOG.items():
        assert set(entry) >= set(LANGUAGES), key
        fields = [sorted(_fields(entry[lang])) for lang in LANGUAGES]
        assert fields[0] == fields[1] == fields[2], f"{key}: placeholders differ"


def _fields(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "zh_TW.UTF-8"}, "zh-TW"),
        ({"LANG": "zh_HK.UTF-8"}, "zh-TW"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_detect_language(env: dict[str, str], lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert detect_language(None, None, env) == lang


def test_explicit_and_configured_language_win() -> None:
    assert detect_language("zh-CN", "zh-TW", {"LANG": "en_US"}) == "zh-CN"
    assert detect_language(None, "zh_TW", {"LANG": "en_US"}) == "zh-TW"


def test_seed_messages_in_three_languages() -> None:
    info = ErrorInfo(ErrorKind.API_ERROR, provider="Z.ai", status=401, detail="Invalid API key")
    assert error_text(info, "en")[0] == "Z.ai API request failed (200): code 401, Invalid API key"
    assert "請求失敗" in error_text(info, "zh-TW")[0] and "请求失败" in error_text(info, "zh-CN")[0]
    timeout = ErrorInfo(ErrorKind.TIMEOUT, provider="OpenAI", detail="10")
    assert (
        "(10 s)" in error_text(timeout, "en")[0]
        and "逾時（10秒）" in error_text(timeout, "zh-TW")[0]
    )
    auth = ErrorInfo(ErrorKind.HTTP_ERROR, provider="OpenAI", status=401, detail="Unauthorized")
    assert "invalid" in error_text(auth, "en")[1]
    server = ErrorInfo(ErrorKind.HTTP_ERROR, provider="OpenAI", status=503)
    assert "later" in error_text(server, "en")[1]
    limited = ErrorInfo(
        ErrorKind.RATE_LIMITED, provider="GitHub Copilot", status=429, retry_after=90
    )
    assert "in 1m" in error_text(limited, "en")[1]
    google = ErrorInfo(
        ErrorKind.TOKEN_EXPIRED, provider="Google", extra=(("fix", "fix.token_expired_google"),)
    )
    assert "invalid_grant" in error_text(google, "en")[1]


def test_format_duration() -> None:
    assert format_duration(45) == "45s"
    assert format_duration(8100) == "2h 15m"
    assert format_duration(2 * 86400 + 4 * 3600) == "2d 4h"
    assert format_duration(8100, "zh-TW") == "2小時 15分"
    assert t("no.such.key") == "no.such.key"


def test_config_round_trip_and_tolerance(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert config.load(path).settings == config.Settings()
    s = config.Settings(
        refresh_minutes=10,
        threshold=90,
        copilot_plan="pro+",
        disabled_providers=("zai",),
        urls={"github": "https://ghe.example/api/v3"},
    )
    config.save(s, path)
    assert config.load(path).settings == s
    assert s.copilot_allowance() == 1500.0
    path.write_text('refresh_minutes = 7\nthreshold = "high"\nshow = "remaining"\nunknown = 1\n')
    result = config.load(path)
    loaded = result.settings
    assert (loaded.refresh_minutes, loaded.threshold, loaded.show) == (5, 80, "remaining")
    assert "refresh_minutes, threshold" in result.notice  # the user is told, not ignored


def test_numbers_are_accepted_where_toml_users_write_them(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("copilot_plan = 300\nthreshold = 85.0\nrefresh_minutes = 10.0\n")
    result = config.load(path)
    assert result.notice == ""
    assert result.settings.copilot_plan == "300" and result.settings.copilot_allowance() == 300.0
    assert (result.settings.threshold, result.settings.refresh_minutes) == (85, 10)


def test_corrupt_config_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("this is = = not toml")
    loaded = config.load(path)
    assert loaded.settings == config.Settings() and "kept as" in loaded.notice
    assert not path.exists()
    assert len(list(tmp_path.glob("config.toml.corrupt-*"))) == 1
