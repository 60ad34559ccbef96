"""Bar formats, metrics and guard on hand-made views: each output against its documented grammar
(waybar's JSON keys, polybar's colour tags, i3blocks' three lines, OpenMetrics through the
prometheus_client parser), and guard's decision table."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from tray_app.bars import formats, metrics
from tray_app.cli.guard import EXIT_OVER, EXIT_UNAVAILABLE, EXIT_WITHIN, judge
from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.view import ProviderStatus, TrayView

NOW = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)
HEX = re.compile(r"#[0-9A-F]{6}")


def _window(wid: str, used: float | None, hours: float = 2.5) -> Window:
    return Window(id=wid, label=wid, used_percent=used, resets_at=NOW + timedelta(hours=hours),
                  label_key="window.5h" if wid == "5h" else "")


def _view(*statuses: ProviderStatus, problems: tuple[ErrorInfo, ...] = ()) -> TrayView:
    return TrayView(providers=statuses, problems=problems, updated_at=NOW)


def _status(pid: str, *accounts: Account, stale: bool = False,
            error: ErrorInfo | None = None) -> ProviderStatus:
    usage = ProviderUsage(id=pid, name=pid.title(), accounts=accounts, fetched_at=NOW)
    return ProviderStatus(usage=usage, stale=stale, last_success=NOW - timedelta(minutes=12),
                          error=error)


def _cur(view: TrayView, *, age: float = 5.0, stale: bool = False) -> Current:
    return Current(view=view, refreshed=False, age=age, stale=stale)


HEALTHY = _view(
    _status("openai", Account("me@example.com", windows=(_window("5h", 46.0),
                                                         _window("weekly", 23.0, 80)))),
    _status("zai", Account("zk-****abcd", windows=(_window("5h", 85.4),))),
)


@pytest.mark.parametrize(("used", "cls"), [(10.0, "ok"), (49.9, "ok"), (50.0, "warning"),
                                           (79.9, "warning"), (80.0, "high"), (120.0, "high")])
def test_waybar_line_has_the_documented_keys_and_class(used: float, cls: str) -> None:
    view = _view(_status("openai", Account("me@example.com", windows=(_window("5h", used),))))
    line = formats.waybar(_cur(view), Settings(), "en", NOW)
    assert "\n" not in line
    doc = json.loads(line)
    assert set(doc) == {"text", "tooltip", "class", "percentage", "alt"}
    assert doc["class"] == cls
    assert doc["alt"] == "openai"
    assert isinstance(doc["percentage"], int) and 0 <= doc["percentage"] <= 100
    shown = round(used)  # the shared display rounding (report/format.py)
    assert doc["percentage"] == min(100, shown)
    assert doc["text"].startswith(f"{shown}% 5h")
    assert "OpenAI" in doc["tooltip"] or "Openai" in doc["tooltip"]


def test_waybar_picks_the_worst_window_and_says_which() -> None:
    doc = json.loads(formats.waybar(_cur(HEALTHY), Settings(), "en", NOW))
    assert doc["text"] == "85% 5h"
    assert doc["alt"] == "zai" and doc["class"] == "high" and doc["percentage"] == 85


def test_stale_numbers_carry_their_age_in_every_bar_format() -> None:
    view = _view(_status("openai", Account("me@example.com", windows=(_window("5h", 46.0),)),
                         stale=True, error=ErrorInfo(ErrorKind.TIMEOUT, provider="OpenAI")))
    cur = _cur(view, age=754.0, stale=True)
    doc = json.loads(formats.waybar(cur, Settings(), "en", NOW))
    assert doc["class"] == ["ok", "stale"]
    assert "(12m old)" in doc["text"]
    assert "(12m old)" in doc["tooltip"] and "! " in doc["tooltip"]  # its age and its error
    assert "(12m old)" in formats.polybar(cur, Settings(), "en", NOW)
    full, short, colour = formats.i3blocks(cur, Settings(), "en", NOW).split("\n")
    assert "(12m old)" in full and "(12m old)" in short and colour == formats.COLOURS["stale"]
    text = metrics.openmetrics(cur)
    assert 'mystatus_up{provider="openai",account="me@example.com",account_n="1"} 0' in text
    assert "mystatus_age_seconds 754" in text


def test_no_number_gives_an_error_class_and_a_short_text_never_empty() -> None:
    problem = ErrorInfo(ErrorKind.NO_ACCOUNTS)
    cur = _cur(_view(problems=(problem,)))
    doc = json.loads(formats.waybar(cur, Settings(), "en", NOW))
    assert doc["class"] == "error" and doc["text"].startswith("! ") and len(doc["text"]) > 3
    assert doc["percentage"] == 0 and doc["alt"] == "error"
    assert formats.polybar(cur, Settings(), "en", NOW).startswith("%{F#D32F2F}! ")
    assert formats.i3blocks(cur, Settings(), "zh-TW", NOW).split("\n")[2] == "#D32F2F"


def test_polybar_is_one_line_with_balanced_colour_tags() -> None:
    line = formats.polybar(_cur(HEALTHY), Settings(), "en", NOW)
    assert re.fullmatch(r"%\{F#[0-9A-F]{6}\}[^%{}\n]*%\{F-\}", line.replace("85%", "85")), line
    assert line == "%{F#D32F2F}85% 5h%{F-}"


def test_i3blocks_prints_full_short_and_colour_lines() -> None:
    lines = formats.i3blocks(_cur(HEALTHY), Settings(), "en", NOW).split("\n")
    assert len(lines) == 3
    full, short, colour = lines
    assert full.startswith("Zai 5-hour limit 85% · resets in 2h 30m")
    assert short == "85% 5h"
    assert HEX.fullmatch(colour)


def test_remaining_setting_shows_what_is_left() -> None:
    settings = Settings(show="remaining")
    doc = json.loads(formats.waybar(_cur(HEALTHY), settings, "en", NOW))
    assert doc["text"] == "15% left 5h" and doc["class"] == "high"  # severity by USED %


def test_openmetrics_parses_with_the_reference_parser() -> None:
    text = metrics.openmetrics(_cur(HEALTHY))
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert set(families) == {"mystatus_used_percent", "mystatus_resets_at_seconds",
                             "mystatus_up", "mystatus_age_seconds",
                             "mystatus_provider_age_seconds"}
    used = {(s.labels["provider"], s.labels["window"]): s.value
            for s in families["mystatus_used_percent"].samples}
    assert used == {("openai", "5h"): 46.0, ("openai", "weekly"): 23.0, ("zai", "5h"): 85.4}
    resets = families["mystatus_resets_at_seconds"].samples[0]
    assert resets.value == (NOW + timedelta(hours=2.5)).timestamp()
    ups = {s.labels["provider"]: s.value for s in families["mystatus_up"].samples}
    assert ups == {"openai": 1.0, "zai": 1.0}
    assert all(f.type == "gauge" for f in families.values())
    assert text.endswith("# EOF\n")


def test_openmetrics_up_is_0_for_an_error_inside_http_200_and_labels_are_escaped() -> None:
    envelope = ErrorInfo(ErrorKind.API_ERROR, provider="Z.ai", status=200, detail="code 401")
    view = _view(
        _status("openai", Account('we"ird\\label\n', windows=(_window("5h", 10.0),))),
        _status("zai", Account("zk-****abcd", error=envelope)),
    )
    text = metrics.openmetrics(_cur(view))
    families = {f.name: f for f in text_string_to_metric_families(text)}
    ups = {(s.labels["provider"], s.labels["account"]): s.value
           for s in families["mystatus_up"].samples}
    # escaped, and made one line (the line feed became a space, like in every bar format)
    assert ups == {("openai", 'we"ird\\label '): 1.0, ("zai", "zk-****abcd"): 0.0}


@pytest.mark.parametrize(
    ("window", "max_used", "min_left", "code", "start"),
    [
        ("5h", 90.0, None, EXIT_WITHIN, "OK Openai 5-hour limit"),
        ("5h", 40.0, None, EXIT_OVER, "OVER Openai 5-hour limit"),
        (None, 40.0, None, EXIT_OVER, "OVER Openai 5-hour limit"),
        (None, 50.0, None, EXIT_WITHIN, "OK Openai 5-hour limit"),
        ("weekly", None, 70.0, EXIT_WITHIN, "OK Openai weekly"),
        ("weekly", None, 80.0, EXIT_OVER, "OVER Openai weekly"),
        ("5h", None, 60.0, EXIT_OVER, "OVER"),
        ("monthly", 90.0, None, EXIT_UNAVAILABLE, "UNAVAILABLE Openai: no window"),
    ],
)
def test_guard_decision_table(window: str | None, max_used: float | None,
                              min_left: float | None, code: int, start: str) -> None:
    verdict = judge(_cur(HEALTHY), "openai", window, max_used=max_used, min_left=min_left,
                    lang="en", now=NOW)
    assert verdict.code == code
    assert verdict.reason.startswith(start), verdict.reason
    if code != EXIT_UNAVAILABLE:
        assert "resets in" in verdict.reason


def test_guard_unavailable_for_unknown_provider_and_failed_provider() -> None:
    assert judge(_cur(HEALTHY), "copilot", None, max_used=50, min_left=None, lang="en",
                 now=NOW).code == EXIT_UNAVAILABLE
    failed = _view(_status("openai", Account("me", error=ErrorInfo(ErrorKind.TOKEN_EXPIRED))))
    verdict = judge(_cur(failed), "openai", None, max_used=50, min_left=None, lang="zh-CN",
                    now=NOW)
    assert verdict.code == EXIT_UNAVAILABLE and verdict.reason.startswith("无法获取")


def test_guard_on_stale_numbers_is_unavailable_never_within() -> None:
    view = _view(_status("openai", Account("me", windows=(_window("5h", 30.0),)), stale=True))
    verdict = judge(_cur(view, age=754.0, stale=True), "openai", "5h", max_used=50,
                    min_left=None, lang="en", now=NOW)
    assert verdict.code == EXIT_UNAVAILABLE
    assert verdict.reason.startswith("UNAVAILABLE Openai: the numbers are 12m old")
    assert verdict.reason.endswith("(stale numbers)")  # and what they said
