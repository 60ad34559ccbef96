"""cli/console.py: wrapping by display width at word boundaries (CJK between characters,
never before closing punctuation or between a number and its unit), the severity colours,
and when colour is used at all (a terminal, no NO_COLOR, no TERM=dumb)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tray_app.cli.console import (
    COLOURS,
    Console,
    bar_severity,
    colour_wanted,
    display_width,
    terminal_width,
    wrap_line,
)
from tray_app.text_style import ASCII, UNICODE


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_display_width_counts_cjk_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("剩餘") == 4
    assert display_width("e\u0301") == 1  # a combining accent takes no column


def test_english_wraps_at_spaces_never_inside_a_word() -> None:
    line = "  Pace: 26 % ahead · runs out ~Dec 8, 08:52, 2d 17h before reset"
    for width in range(24, 70):
        lines = wrap_line(line, width)
        assert all(display_width(ln) <= width for ln in lines)
        assert " ".join(" ".join(lines).split()) == " ".join(line.split())
        assert all(ln.startswith("  ") for ln in lines)  # the indent is kept
        assert not any(ln.strip().startswith("·") for ln in lines)


def test_a_leading_glyph_gets_a_hanging_indent() -> None:
    lines = wrap_line("ℹ Demo: numbers from the built-in simulator; no real account was "
                      "queried.", 40)
    assert lines[0].startswith("ℹ ") and all(ln.startswith("  ") for ln in lines[1:])


def test_chinese_wraps_between_characters_by_display_width() -> None:
    line = "ℹ 示範模式: 數字來自內建模擬器,未查詢任何真實帳號。請執行 mystatus-tray doctor。"
    lines = wrap_line(line, 20)
    assert len(lines) > 2
    assert all(display_width(ln) <= 20 for ln in lines)
    assert "".join("".join(lines).split()) == "".join(line.split())
    assert not any(ln.strip()[0] in "。,、:;)" for ln in lines[1:])
    assert any("mystatus-tray" in ln for ln in lines)  # a Latin word stays whole


def test_a_number_stays_with_its_unit() -> None:
    lines = wrap_line("  ███████████████░░░░░ 剩餘 77% · 4天 2小時後重置", 36)
    assert not any(ln.rstrip().endswith(("2", "4")) for ln in lines)
    text = "  用量進度: 超前 26% · 約 12月8日 09:46 用完,比重置早 2天 17小時"
    for width in range(12, 40):  # a duration's or a date's parts are never split
        lines = wrap_line(text, width)
        for whole in ("12月8日", "17小時", "2天", "09:46"):
            assert any(whole in line for line in lines), (width, lines)


@given(st.lists(st.sampled_from(["ab", " ", "cd", "額", "度", "用量", "。", ",", "·", "重置",
                                 "  ", "4", "天"]), max_size=60).map("".join),
       st.integers(min_value=12, max_value=80))
def test_wrapping_keeps_every_character_and_fits(text: str, width: int) -> None:
    lines = wrap_line(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for ln in lines:  # only a piece longer than a whole line may overflow, and none here is
        assert display_width(ln) <= width


def test_width_from_columns_or_the_terminal_or_none() -> None:
    assert terminal_width(io.StringIO(), {"COLUMNS": "60"}) == 60
    assert terminal_width(io.StringIO(), {}) is None  # piped: not wrapped
    assert terminal_width(_Tty(), {}) is not None
    assert terminal_width(io.StringIO(), {"COLUMNS": "x"}) is None


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert colour_wanted(_Tty(), {})
    assert not colour_wanted(_Tty(), {"NO_COLOR": "1"})
    assert not colour_wanted(_Tty(), {"TERM": "dumb"})
    assert not colour_wanted(io.StringIO(), {})


@pytest.mark.parametrize(("line", "expected"), [
    ("  ███████████░░░░░░░░░ 54% left · resets in 2h", "ok"),
    ("  ███░░░░░░░░░░░░░░░░░ 15% left · resets in 2h", "high"),
    ("  ███████░░░░░░░░░░░░░ 剩餘 33% · 4天後重置", "warning"),
    ("  ████░░░░░░░░░░░░░░░░ 80% used", "high"),
    ("Account: demo.user@example.com", None),
])
def test_bar_severity_as_the_icon(line: str, expected: str | None) -> None:
    assert bar_severity(line, UNICODE, 80.0) == expected


def test_ascii_bars_too() -> None:
    assert bar_severity("  ###----------------- 15% left", ASCII, 80.0) == "high"


def test_report_colours_bars_and_failures_on_a_terminal() -> None:
    out = _Tty()
    console = Console("en", out=out, err=io.StringIO(), environ={})
    console.report("  ███░░░░░░░░░░░░░░░░░ 15% left\n✗ Zhipu AI: key rejected\nplain")
    text = out.getvalue()
    assert COLOURS["high"] + "███" + "\x1b[0m" in text and COLOURS["fail"] + "✗" in text
    assert "plain" in text.splitlines()[-1] and "\x1b" not in text.splitlines()[-1]


def test_no_colour_with_no_color_and_print_never_changes_text() -> None:
    out = _Tty()
    console = Console("en", out=out, err=io.StringIO(), environ={"NO_COLOR": "1",
                                                                 "COLUMNS": "20"})
    console.report("  ████░░░░░░░░░░░░░░░░ 21% left")
    console.print('{"a": "a long value that must never be wrapped by the console"}')
    text = out.getvalue()
    assert "\x1b" not in text
    assert '{"a": "a long value that must never be wrapped by the console"}' in text
