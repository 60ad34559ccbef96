"""`mystatus-tray` in-process: options, help language, tray fallback, logging, timeout, demo."""

from __future__ import annotations

import io
import json
import logging
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tray_app import __version__
from tray_app.cli import main
from tray_app.cli.common import request_timeout
from tray_app.cli.console import Console, _StderrHandler, setup_logging
from tray_app.secrets import Secret


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)
    for handler in list(root.handlers):
        if isinstance(handler, _StderrHandler):
            root.removeHandler(handler)


def config_file(home: Path) -> Path:
    path = home / ".config" / "mystatus-tray" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mystatus-tray {__version__}"


def test_help_is_in_the_requested_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh-TW", "--help"]) == 0
    out = capsys.readouterr().out
    assert "顯示 AI 程式設計訂閱的剩餘額度" in out and "MYSTATUS_TIMEOUT" in out
    assert main(["status", "--help", "--lang=zh-CN"]) == 0
    assert "输出 JSON 文档" in capsys.readouterr().out


def test_usage_error_exits_2_and_never_echoes_a_pasted_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = "ghp_PastedByMistake0123456789"
    assert main(["token", "set", "copilot", token]) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err and token not in err and "ghp_****6789" in err
    assert main(["status", "--bogus"]) == 2


def test_no_command_without_a_tray_says_what_works_headless(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tray_app.tray.app", None)  # import fails
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "tray icon cannot start" in err and "mystatus-tray status" in err
    assert main(["--lang", "zh-TW"]) == 1
    assert "系統匣需要桌面工作階段" in capsys.readouterr().err


def _fake_tray(monkeypatch: pytest.MonkeyPatch, run_tray: Any) -> None:
    module = types.ModuleType("tray_app.tray.app")
    module.run_tray = run_tray  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tray_app.tray.app", module)


def test_no_command_runs_the_tray_with_demo_and_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def run_tray(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 7

    _fake_tray(monkeypatch, run_tray)
    assert main(["--demo", "--lang", "zh-CN"]) == 7
    assert main([]) == 7
    assert calls == [{"demo": True, "lang": "zh-CN"}, {"demo": False, "lang": None}]


def test_display_errors_raised_by_the_tray_are_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    display_error = type("DisplayNameError", (Exception,), {"__module__": "Xlib.error"})

    def run_tray(**kwargs: Any) -> int:
        raise display_error('Bad display name ""')

    _fake_tray(monkeypatch, run_tray)
    assert main([]) == 1
    assert "DisplayNameError" in capsys.readouterr().err

    def buggy(**kwargs: Any) -> int:
        raise RuntimeError("a bug")

    _fake_tray(monkeypatch, buggy)
    with pytest.raises(RuntimeError):  # real bugs are not disguised as "no display"
        main([])


def test_logging_goes_to_stderr_scrubbed_and_is_idempotent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("info")
    setup_logging("DEBUG")
    root = logging.getLogger()
    assert root.level == logging.DEBUG
    assert sum(isinstance(h, _StderrHandler) for h in root.handlers) == 1
    secret = Secret("zzz-planted-log-secret-123456")
    logging.getLogger("tray_app.test").warning("value %s", secret.reveal())
    err = capsys.readouterr().err
    assert "zzz-****3456" in err and secret.reveal() not in err


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 10.0), ("", 10.0), ("2.5", 2.5), ("0.2", 0.2), ("0", 10.0), ("-1", 10.0),
     ("abc", 10.0), ("121", 10.0), ("120", 120.0)],
)
def test_request_timeout_from_the_environment(value: str | None, expected: float) -> None:
    env = {} if value is None else {"MYSTATUS_TIMEOUT": value}
    assert request_timeout(env) == expected


def test_console_scrubs_and_falls_back_to_ascii() -> None:
    out = io.StringIO()
    console = Console("en", out=out, err=out)
    secret = Secret("sk-console-planted-secret-999")
    console.print(f"key {secret.reveal()}")
    assert secret.reveal() not in out.getvalue() and secret.masked in out.getvalue()
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert Console("en", out=ascii_stream).style.full == "#"
    utf8_stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert Console("en", out=utf8_stream).style.full == "█"


def test_status_demo_in_process(capsys: pytest.CaptureFixture[str], isolated_env: Path) -> None:
    assert main(["status", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Zhipu AI" in out and "Z.ai" in out and "no real account was queried" in out
    assert main(["--demo", "status", "--json"]) == 0  # the global flag works too
    document = json.loads(capsys.readouterr().out)
    assert document["demo"] is True
    assert {"zhipu", "zai"} <= {p["id"] for p in document["providers"]}
    assert not any(isolated_env.rglob("*")), "the demo wrote into HOME"


def test_corrupt_config_notice_and_language_from_config(
    capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    path = config_file(isolated_env)
    path.write_text("language = [broken", "utf-8")
    assert main(["status"]) == 2  # nothing configured
    captured = capsys.readouterr()
    assert "Settings:" in captured.err and "defaults are used" in captured.err
    assert "No configured accounts found." in captured.out
    path.write_text('language = "zh-TW"\n', "utf-8")
    assert main(["status"]) == 2
    assert "未找到任何已設定的帳號。" in capsys.readouterr().out
    assert main(["--lang", "en", "status"]) == 2
    assert "No configured accounts found." in capsys.readouterr().out


def test_demo_does_not_read_or_move_the_config(
    capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    path = config_file(isolated_env)
    path.write_text("language = [broken", "utf-8")
    assert main(["status", "--demo"]) == 0
    assert "Settings:" not in capsys.readouterr().err
    assert path.read_text("utf-8") == "language = [broken"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]
