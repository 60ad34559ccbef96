"""The text report (`status`): layout, bars, amounts, countdowns, errors, languages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, Notice, ProviderUsage, Snapshot, Window
from tray_app.report import ASCII, render_text
from tray_app.report.text import amount, bar, display_width

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def snapshot() -> Snapshot:
    zai_ok = Account(
        label="abcd****wxyz",
        plan="max",
        windows=(
            Window("5h", "5-hour limit", 37.0, used=14_800_000, limit=40_000_000, unit="tokens",
                   resets_at=NOW + timedelta(hours=2, minutes=15), label_key="window.5h"),
            Window("weekly", "Weekly limit", 92.0, used=368_000_000, limit=400_000_000,
                   unit="tokens", resets_at=NOW + timedelta(days=3, hours=4),
                   label_key="window.weekly"),
            Window("tools", "Tool calls", None, label_key="window.tools"),
        ),
    )
    zai_failed = Account(
        label="sk-f****0000",
        error=ErrorInfo(ErrorKind.API_ERROR, provider="Z.ai", status=401, detail="Invalid API key"),
    )
    copilot = Account(
        label="octocat",
        plan="pro",
        windows=(
            Window("chat", "Chat", None, unlimited=True, label_key="window.chat"),
            Window("premium", "Premium requests", 120.0, used=360, limit=300, unit="requests",
                   label_key="window.premium"),
            Window("ai-credits", "AI Credits", None, used=786.5, unit="credits",
                   label_key="window.ai_credits"),
        ),
        details=(("Credits", "12.50"),),
        notices=(Notice("notice.legacy_pat", (("path", "/x/copilot-quota-token.json"),)),),
    )
    return Snapshot(
        generated_at=NOW,
        providers=(
            # the failed account comes first here: the report must still list it last
            ProviderUsage("zai", "Z.ai", accounts=(zai_failed, zai_ok)),
            ProviderUsage("copilot", "GitHub Copilot", accounts=(copilot,)),
            ProviderUsage("antigravity", "Google Antigravity", error=ErrorInfo(
                ErrorKind.AUTH_FILE_UNREADABLE, path="/x/antigravity-accounts.json",
                detail="invalid JSON at line 1 column 2")),
        ),
        problems=(ErrorInfo(ErrorKind.NO_ACCOUNTS),),
    )


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_window_lines_show_bar_of_remaining_amounts_and_countdown() -> None:
    out = lines(render_text(snapshot()))
    i = out.index("  5-hour limit")
    assert out[i + 1] == ("  " + "█" * 13 + "░" * 7
                          + " 63% left · 14.8M / 40.0M tokens · resets in 2h 15m")


def test_high_usage_gets_a_warning_marker_at_the_threshold() -> None:
    out = render_text(snapshot())
    assert "  ⚠ Weekly limit · 92% used" in lines(out)
    assert "  ██" + "░" * 18 + " 8% left · 368.0M / 400.0M tokens · resets in 3d 4h" in lines(out)
    assert "⚠ 5-hour limit" not in out  # 37 % is not high
    relaxed = render_text(snapshot(), threshold=95)
    assert "⚠ Weekly limit" not in relaxed and "  Weekly limit" in lines(relaxed)


def test_unknown_unlimited_over_quota_and_used_only_windows() -> None:
    out = lines(render_text(snapshot()))
    assert out[out.index("  Tool calls (MCP, monthly)") + 1] == "  unknown (the API gave no figure)"
    assert out[out.index("  Chat") + 1] == "  unlimited"
    assert "  ⚠ Premium requests · over quota, 120% used" in out
    assert "  " + "░" * 20 + " 0% left · 360 / 300 requests" in out
    assert out[out.index("  AI Credits") + 1] == "  786.5 credits used, no limit known"


def test_failed_accounts_are_listed_after_working_ones_with_message_and_fix() -> None:
    out = lines(render_text(snapshot()))
    ok = out.index("Account: abcd****wxyz · Plan: max")
    failed = out.index("Account: sk-f****0000")
    assert ok < failed
    assert out[failed + 1] == "  ✗ Z.ai API request failed (200): code 401, Invalid API key"
    assert out[failed + 2].startswith("    → Fix: Check the API key in auth.json")


def test_details_notices_provider_errors_and_problems_at_the_end() -> None:
    text = render_text(snapshot())
    out = lines(text)
    assert "  Credits: 12.50" in out
    assert any(line.startswith("  ℹ The Copilot PAT is read from the plain-text file "
                               "/x/copilot-quota-token.json") for line in out)
    assert ("✗ Cannot read the auth file: /x/antigravity-accounts.json "
            "(error: invalid JSON at line 1 column 2)") in out
    assert out.index("Problems") > out.index("Google Antigravity")
    assert out[out.index("Problems") + 2] == "✗ No configured accounts found."
    assert out[0] == "Quota status (2026-05-01 12:00:00 UTC)"


def test_countdowns_use_the_given_clock() -> None:
    later = render_text(snapshot(), now=NOW + timedelta(hours=1))
    assert "resets in 1h 15m" in later
    past = render_text(snapshot(), now=NOW + timedelta(days=5))
    assert "resets in" not in past and past.count("reset due now") == 2


def test_demo_line() -> None:
    assert "no real account was queried" in render_text(snapshot(), demo=True)
    assert "no real account was queried" not in render_text(snapshot())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-TW", ["帳號：abcd****wxyz · 方案：max", "  5 小時限額", "剩餘 63%",
                   "2小時 15分後重置", "  ⚠ 每週限額 · 已使用 92%", "  無限制",
                   "360 / 300 次請求", "解決方法：", "問題",
                   "額度狀態（2026-05-01 12:00:00 UTC）"]),
        ("zh-CN", ["账号：abcd****wxyz · 套餐：max", "  5 小时限额", "剩余 63%",
                   "2小时 15分后重置", "  ⚠ 每周限额 · 已使用 92%", "  无限制",
                   "360 / 300 次请求", "解决方法：", "问题", "未找到任何已配置的账号。"]),
    ],
)
def test_chinese_reports(lang: str, expected: list[str]) -> None:
    out = render_text(snapshot(), lang=lang)
    for fragment in expected:
        assert fragment in out, fragment
    assert "left" not in out and "resets in" not in out


def test_ascii_style_for_consoles_without_unicode() -> None:
    out = render_text(snapshot(), style=ASCII)
    assert out.isascii()
    assert "  " + "#" * 13 + "-" * 7 + " 63% left | 14.8M / 40.0M tokens | resets in 2h 15m" in out
    assert "  ! Weekly limit | 92% used" in out


@pytest.mark.parametrize(
    ("remaining", "cells"), [(0, 0), (2.4, 0), (2.6, 1), (50, 10), (97.4, 19), (100, 20),
                             (150, 20), (-5, 0)],
)
def test_bar_cells(remaining: float, cells: int) -> None:
    assert bar(remaining) == "█" * cells + "░" * (20 - cells)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(500_000, "tokens", "0.5M"), (10_000_000, "tokens", "10.0M"), (0, "tokens", "0.0M"),
     (12_345, "tokens", "12.3K"), (1000, "requests", "1,000"), (86.5, "credits", "86.5"),
     (12.5, "USD", "$12.50"), (3, None, "3")],
)
def test_amounts(value: float, unit: str | None, text: str) -> None:
    assert amount(value, unit) == text


def test_display_width_counts_cjk_as_two_columns() -> None:
    assert display_width("智譜 AI") == 7
    assert display_width("Z.ai") == 4


def _one_window(used: float) -> Snapshot:
    window = Window("5h", "5-hour limit", used, label_key="window.5h")
    return Snapshot(NOW, providers=(ProviderUsage("zai", "Z.ai", accounts=(
        Account("abcd****wxyz", windows=(window,)),)),))


@pytest.mark.parametrize(
    ("used", "used_text", "left_text"),
    [
        (99.6, "99% used", "1% left"),  # not exhausted: never "100% used · 0% left"
        (0.4, None, "99% left"),  # something is used: never "100% left"
        (100.0, "100% used", "0% left"),
        (0.0, None, "100% left"),
        (37.4, None, "63% left"),
    ],
)
def test_percentages_round_as_the_menu_does(used: float, used_text: str | None,
                                            left_text: str) -> None:
    text = render_text(_one_window(used), now=NOW)
    assert left_text in text
    if used_text is not None:
        assert used_text in text
    assert ("100% used" in text) == (used >= 100)


def test_text_report_and_menu_wording_share_the_rounding_rule() -> None:
    from tray_app.monitoring import wording as menu
    from tray_app.report import format as shared

    assert menu.percent_number is shared.percent_number
    assert [shared.percent_number(v) for v in (0.0, 0.4, 0.5, 1.0, 50.5, 99.0, 99.6, 100.0,
                                               100.4, 120.0)] == [0, 1, 1, 1, 50, 99, 99, 100,
                                                                  100, 120]


def test_stale_providers_and_accounts_are_marked_with_their_age() -> None:
    from tray_app.report.text import Stale

    timeout = ErrorInfo(ErrorKind.TIMEOUT, provider="Z.ai", detail="10")
    doc = snapshot()
    stale = {
        # whole provider, with an error the snapshot does not carry: shown once
        "zai": Stale(NOW - timedelta(hours=2), (), timeout),
        # one account, since another day; its error is already in the snapshot
        "copilot": Stale(NOW - timedelta(days=1, hours=1), ("octocat",)),
        "antigravity": Stale(None),
    }
    text = render_text(doc, now=NOW, stale=stale)
    zai = text.split("Z.ai\n")[1].split("GitHub Copilot")[0]
    assert zai.startswith("────────\n⚠ stale: numbers from 10:00 UTC, 2h 0m old\n")
    assert zai.count("request timed out (10 s)") == 1
    copilot = text.split("GitHub Copilot\n")[1].split("Google Antigravity")[0]
    assert "Account: octocat · Plan: pro\n  ⚠ stale: numbers from 2026-04-30 11:00 UTC, 1d 1h old" \
        in copilot
    assert "⚠ stale: numbers from an earlier refresh" in text.split("Google Antigravity")[1]
    assert "stale" not in render_text(doc, now=NOW)  # the CLI's fresh report: no marks
    zh = render_text(doc, now=NOW, lang="zh-CN", stale=stale)
    assert "数据已过时：数值来自 10:00 UTC（2小时 0分前）" in zh


def test_a_stale_account_keeps_its_numbers_under_the_surfaced_error() -> None:
    from tray_app.report.text import Stale

    timeout = ErrorInfo(ErrorKind.TIMEOUT, provider="Z.ai", detail="10")
    kept = Account("abcd****wxyz", windows=(Window("5h", "5-hour limit", 40.0),), error=timeout)
    doc = Snapshot(NOW, providers=(ProviderUsage("zai", "Z.ai", accounts=(kept,)),))
    text = render_text(doc, now=NOW, stale={"zai": Stale(NOW, ("abcd****wxyz",), timeout)})
    assert text.count("request timed out") == 1 and "60% left" in text
    assert text.index("⚠ stale") < text.index("✗ Z.ai") < text.index("60% left")
