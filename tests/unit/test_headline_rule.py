"""The headline rule, one table: subscription windows before money budgets, a pin before both,
the same answer for the icon, the status bars and `guard` without --window."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tray_app.bars import formats
from tray_app.cli.guard import EXIT_OVER, EXIT_WITHIN, judge
from tray_app.config import Settings
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.headline import headline, is_budget
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.tray.icon import icon_state

NOW = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)


def w(wid: str, used: float | None, unit: str | None = None) -> Window:
    return Window(id=wid, label=wid, used_percent=used, unit=unit,
                  resets_at=NOW + timedelta(hours=3))


def status(pid: str, *windows: Window) -> ProviderStatus:
    usage = ProviderUsage(pid, pid.title(), (Account("me@example.com", windows=windows),),
                          fetched_at=NOW)
    return ProviderStatus(usage=usage, last_success=NOW)


CLAUDE = status("claude", w("5h", 34.0), w("weekly", 21.0), w("extra-usage", 69.0, "USD"))
CLAUDE_EUR = status("claude", w("5h", 12.0), w("extra-usage", 99.0, "EUR"))
BUDGET_ONLY = status("claude", w("5h", None), w("extra-usage", 69.0, "USD"))
COPILOT = status("copilot", w("ai-credits", 52.0, "credits"))
OPENAI = status("openai", w("5h", 40.0), w("weekly", 8.0))


@pytest.mark.parametrize(("window", "budget"), [
    (w("extra-usage", 10.0, "USD"), True),        # Claude's extra usage, by id and currency
    (w("extra-usage", 10.0), True),               # by id alone (currency missing)
    (w("spend", 10.0, "EUR"), True),              # any ISO 4217 currency
    (w("5h", 10.0), False),
    (w("monthly", 10.0, "tokens"), False),
    (w("ai-credits", 10.0, "credits"), False),    # Copilot's included monthly credit pool
    (w("premium", 10.0, "requests"), False),
    (w("five", 10.0, "usd"), False),              # lower case: not a currency code we write
])
def test_what_counts_as_a_money_budget(window: Window, budget: bool) -> None:
    assert is_budget(window) is budget


@pytest.mark.parametrize(("statuses", "pinned", "source"), [
    # a Claude user's icon shows the 5-hour limit (34 %), not the 69 % dollar budget
    ((CLAUDE,), "", "claude/me@example.com/5h"),
    ((CLAUDE_EUR,), "", "claude/me@example.com/5h"),
    # across providers: the most used subscription window, budgets never compete
    ((CLAUDE, OPENAI), "", "openai/me@example.com/5h"),
    ((CLAUDE, COPILOT), "", "copilot/me@example.com/ai-credits"),
    # only a budget has a number: it is the headline rather than none
    ((BUDGET_ONLY,), "", "claude/me@example.com/extra-usage"),
    # a pinned budget stays pinned
    ((CLAUDE, OPENAI), "claude/me@example.com/extra-usage", "claude/me@example.com/extra-usage"),
    # a pin that no longer exists falls back to the rule
    ((CLAUDE,), "claude/old@example.com/5h", "claude/me@example.com/5h"),
])
def test_headline_table(statuses: tuple[ProviderStatus, ...], pinned: str, source: str) -> None:
    view = TrayView(providers=statuses, updated_at=NOW)
    settings = Settings(pinned=pinned)
    head = headline(view, settings)
    assert head.located is not None and head.located.source == source
    # the icon draws the same window
    assert icon_state(view, settings, "en", NOW).source == source


def test_the_bars_show_the_subscription_number() -> None:
    view = TrayView(providers=(CLAUDE,), updated_at=NOW)
    cur = Current(view=view, refreshed=False, age=5.0, stale=False)
    text, head = formats.short_text(cur, Settings(), "en")
    assert "34" in text and "69" not in text
    assert head.located is not None and head.located.window.id == "5h"


@pytest.mark.parametrize(("window", "max_used", "code", "decisive"), [
    (None, 50.0, EXIT_WITHIN, "5h"),          # the budget's 69 % does not fail the default check
    (None, 30.0, EXIT_OVER, "5h"),
    ("extra-usage", 50.0, EXIT_OVER, "extra-usage"),  # asked for by name: it counts
])
def test_guard_default_leaves_budgets_out(window: str | None, max_used: float, code: int,
                                          decisive: str) -> None:
    cur = Current(view=TrayView(providers=(CLAUDE,), updated_at=NOW), refreshed=False, age=5.0,
                  stale=False)
    verdict = judge(cur, "claude", window, max_used=max_used, min_left=None, lang="en", now=NOW)
    assert verdict.code == code
    assert decisive in verdict.reason
    assert all(c.window != "extra-usage" for c in verdict.checked) is (window is None)
