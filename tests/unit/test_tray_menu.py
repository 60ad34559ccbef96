"""The menu as plain data: sections per provider and account, windows with numbers and
reset times, errors with their fix, stale markers, settings radios/toggles, action ids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import error_text
from tray_app.i18n.catalog import CATALOG
from tray_app.model import Account, Notice, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.secrets import Secret
from tray_app.tray.menu import MenuEntry, build_menu

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
RESET = T0 + timedelta(hours=2, minutes=15)
FAR = T0 + timedelta(days=3, hours=1)
PAT_REQUIRED = ErrorInfo(ErrorKind.COPILOT_PAT_REQUIRED, provider="GitHub Copilot")
UNAUTHORIZED = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Zhipu AI", status=401, detail="bad key")

OPENAI = ProviderStatus(ProviderUsage("openai", "OpenAI", (Account(
    "me@example.com", plan="pro", windows=(
        Window("5h", "5-hour limit", 46.0, used=4.6e6, limit=10e6, unit="tokens",
               resets_at=RESET, label_key="window.5h"),
        Window("weekly", "Weekly limit", 12.0, resets_at=FAR, label_key="window.weekly"),
        Window("spark", "Codex Spark", None),
    ), details=(("Credits", "12.50"),)),), dashboard_url="https://chatgpt.com/codex"),
    last_success=T0)
ANTIGRAVITY = ProviderStatus(ProviderUsage("antigravity", "Antigravity", (
    Account("a@gmail.com", windows=(Window("claude", "Claude", 30.0, label_key="window.claude"),)),
    Account("b@gmail.com", windows=(Window("claude", "Claude", 90.0, label_key="window.claude"),)),
)), stale=True, stale_accounts=("b@gmail.com",), last_success=T0 - timedelta(minutes=12),
    failures=1)
COPILOT = ProviderStatus(ProviderUsage("copilot", "GitHub Copilot", (Account(
    "octocat", error=PAT_REQUIRED, notices=(Notice("notice.legacy_pat"),)),),
    dashboard_url="https://github.com/settings/copilot"), error=PAT_REQUIRED)
ZHIPU = ProviderStatus(ProviderUsage("zhipu", "Zhipu AI", (Account("ab12****cd34",
                                                                   error=UNAUTHORIZED),)),
                       error=UNAUTHORIZED)
VIEW = TrayView(providers=(OPENAI, ZHIPU, COPILOT, ANTIGRAVITY), updated_at=T0,
                next_refresh_at=T0 + timedelta(minutes=5))


def walk(entries: tuple[MenuEntry, ...]) -> Iterator[MenuEntry]:
    for e in entries:
        yield e
        yield from walk(e.children)


def top(menu: tuple[MenuEntry, ...], prefix: str) -> MenuEntry:
    return next(e for e in menu if e.text.startswith(prefix))


def texts(entry: MenuEntry) -> list[str]:
    return [e.text for e in walk(entry.children)]


def joined(entry: MenuEntry) -> str:
    # Long lines are wrapped at spaces: joining the stripped lines restores the text.
    return " ".join(t.strip() for t in texts(entry))


def hhmm(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def menu(view: TrayView = VIEW, settings: Settings | None = None, lang: str = "en",
         **kw: bool) -> tuple[MenuEntry, ...]:
    opts = {"pat_present": False} | kw
    return build_menu(view, settings or Settings(), lang, T0, **opts)


def test_provider_section_lists_plan_windows_amounts_and_resets() -> None:
    openai = top(menu(), "OpenAI")
    assert openai.text == f"OpenAI · 46% used · resets {hhmm(RESET)}"
    lines = texts(openai)
    assert lines[:2] == ["me@example.com", "Plan: pro"]
    assert "5-hour limit: 46% used · 54% left" in lines
    # too long for one line of the menu's width: the amount, then the reset
    at = lines.index("    4.6M / 10.0M tokens")
    assert lines[at + 1] == f"    resets in 2h 15m ({hhmm(RESET)})"
    far = FAR.astimezone()
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")[far.month - 1]
    assert f"    resets in 3d 1h ({month} {far.day}, {hhmm(FAR)})" in lines
    assert "Codex Spark: unknown" in lines
    assert "Credits: 12.50" in lines
    assert all(e.action is None for e in walk(openai.children))


def test_error_with_its_fix_and_a_helpful_action() -> None:
    zhipu = top(menu(), "Zhipu AI")
    assert zhipu.text == "Zhipu AI · ⚠ HTTP 401 error"
    message, fix = error_text(UNAUTHORIZED, "en")
    assert f"⚠ {message}" in joined(zhipu) and fix in joined(zhipu)
    copilot = top(menu(), "GitHub Copilot")
    assert error_text(PAT_REQUIRED, "en")[1] in joined(copilot)
    assert any(e.action == "token:set" for e in walk(copilot.children))
    assert "plain-text file" in joined(copilot) or "ℹ" in joined(copilot)  # the notice


def test_verification_url_becomes_an_open_action() -> None:
    info = ErrorInfo(ErrorKind.VERIFICATION_REQUIRED, provider="Antigravity",
                     extra=(("url", "https://accounts.google.com/verify"),))
    view = TrayView(providers=(ProviderStatus(ProviderUsage("antigravity", "Antigravity", (
        Account("a@gmail.com", error=info),)), error=info),))
    actions = [e.action for e in walk(menu(view))]
    assert "open:https://accounts.google.com/verify" in actions


def test_antigravity_grouped_per_account_with_stale_age() -> None:
    section = top(menu(), "Antigravity")
    # the account rows carry the same summary as a provider line: 90 % ≥ the threshold (80)
    assert [c.text for c in section.children] == ["a@gmail.com · 30% used",
                                                  "b@gmail.com · 90% used ▲"]
    a, b = section.children
    assert "⏱ stale, 12m old" in texts(b)
    assert not any("stale" in line for line in texts(a))


def test_refresh_updated_line_and_fixed_actions() -> None:
    m = menu()
    refresh = next(e for e in m if e.action == "refresh")
    assert refresh.default and refresh.text == "Refresh now"
    assert any(e.text == f"Last updated {hhmm(T0)} · next {hhmm(T0 + timedelta(minutes=5))}"
               for e in m)
    assert m[-1].action == "quit"
    actions = [e.action for e in walk(m)]
    assert "copy" in actions and "token:set" in actions and "token:remove" not in actions
    dash = top(m, "Open dashboard")
    assert [(e.text, e.action) for e in dash.children] == [
        ("OpenAI", "open:https://chatgpt.com/codex"),
        ("GitHub Copilot", "open:https://github.com/settings/copilot")]


def test_saved_and_never_updated_lines() -> None:
    assert any(e.text == "Not updated yet" for e in menu(TrayView()))
    saved = TrayView(providers=(OPENAI,), updated_at=T0, from_disk=True)
    assert any(e.text == f"Showing saved data from {hhmm(T0)}" for e in menu(saved))
    busy = menu(TrayView(refreshing=True))
    assert next(e for e in busy if e.action == "refresh").text == "Refreshing…"


def _settings_menu(m: tuple[MenuEntry, ...], name: str) -> MenuEntry:
    return top(top(m, "Settings").children, name)


def checked(entry: MenuEntry) -> list[str]:
    return [e.action or "" for e in entry.children if e.checked]


def test_settings_radios_reflect_the_settings() -> None:
    s = Settings(refresh_minutes=10, threshold=90, show="remaining", language="zh-TW",
                 pinned="openai/me@example.com/weekly", notify_available=False)
    m = menu(settings=s)
    interval = _settings_menu(m, "Refresh interval")
    assert [e.action for e in interval.children] == [
        "interval:1", "interval:2", "interval:5", "interval:10", "interval:15", "interval:30"]
    assert all(e.radio for e in interval.children) and checked(interval) == ["interval:10"]
    assert checked(_settings_menu(m, "High-usage threshold")) == ["threshold:90"]
    assert checked(_settings_menu(m, "Show used")) == ["show:remaining"]
    assert checked(_settings_menu(m, "Language")) == ["lang:zh-TW"]
    assert [e.text for e in _settings_menu(m, "Language").children] == [
        "System", "English", "繁體中文", "简体中文"]
    pins = _settings_menu(m, "Icon shows")
    assert checked(pins) == ["pin:openai/me@example.com/weekly"]
    pin_actions = [e.action for e in pins.children if e.action]
    assert pin_actions[0] == "pin:" and "pin:antigravity/b@gmail.com/claude" in pin_actions
    assert "pin:openai/me@example.com/spark" not in pin_actions  # unknown: cannot be shown
    notify = _settings_menu(m, "Notifications")
    assert [(e.action, e.checked) for e in notify.children] == [
        ("notify:high", True), ("notify:exhausted", True), ("notify:available", False),
        ("notify:token_expiry", True), ("notify:runout", True)]


def test_pin_falls_back_to_worst_when_gone() -> None:
    pins = _settings_menu(menu(settings=Settings(pinned="zai/x/5h")), "Icon shows")
    assert checked(pins) == ["pin:"]


def test_autostart_token_and_provider_toggles() -> None:
    assert not any(e.action == "autostart" for e in walk(menu()))
    s = Settings(autostart=True, disabled_providers=("zai",))
    m = menu(settings=s, autostart_available=True, pat_present=True, tk_available=False)
    assert next(e for e in walk(m) if e.action == "autostart").checked is True
    assert any(e.action == "token:remove" for e in m)
    token = next(e for e in m if e.action == "token:set")
    assert "mystatus-tray token set copilot" in token.text
    toggles = {e.action: e.checked for e in _settings_menu(m, "Providers").children}
    assert toggles["provider:zai"] is False and toggles["provider:openai"] is True
    assert set(toggles) >= {"provider:openai", "provider:zhipu", "provider:zai",
                            "provider:copilot", "provider:antigravity"}


def test_disabled_provider_has_no_section() -> None:
    m = menu(settings=Settings(disabled_providers=("openai",)))
    assert not any(e.text.startswith("OpenAI") for e in m)
    assert not any((e.action or "").startswith("pin:openai/") for e in walk(m))


def test_problems_and_notices_at_the_top() -> None:
    view = TrayView(problems=(ErrorInfo(ErrorKind.NO_ACCOUNTS),),
                    notices=("config.toml was corrupt, kept aside",))
    m = menu(view)
    assert m[0].text == "⚠ No configured accounts found."
    assert any("config.toml was corrupt" in e.text for e in m)


def test_localized_menu() -> None:
    m = menu(lang="zh-TW")
    assert next(e for e in m if e.action == "refresh").text == "立即重新整理"
    assert "5 小時限額: 已用 46% · 剩餘 54%" in texts(top(m, "OpenAI"))
    assert m[-1].text == "結束"


def test_no_secret_in_any_menu_text() -> None:
    token = "sk-planted-SECRET-0123456789abcdef"
    secret = Secret(token)
    info = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Z.ai", status=500,
                     detail=f"upstream said {token}")
    zai = ProviderStatus(ProviderUsage("zai", "Z.ai", (Account(secret.masked, error=info),)),
                         error=info)
    m = menu(TrayView(providers=(OPENAI, zai)), pat_present=True)
    for lang in ("en", "zh-TW", "zh-CN"):
        assert all(token not in e.text for e in walk(menu(TrayView(providers=(zai,)), lang=lang)))
    assert all(token not in e.text for e in walk(m))
    assert any(secret.masked in e.text for e in walk(m))


@pytest.mark.parametrize("prefix", ["menu.", "short.", "tip.", "alert."])
def test_tray_keys_exist_in_every_language(prefix: str) -> None:
    keys = [k for k in CATALOG if k.startswith(prefix)]
    assert keys
    for key in keys:
        assert set(CATALOG[key]) == {"en", "zh-TW", "zh-CN"}, key
        assert all(CATALOG[key].values()), key


def test_many_pin_choices_are_grouped_per_provider() -> None:
    many = ProviderStatus(ProviderUsage("antigravity", "Antigravity", tuple(
        Account(f"u{i}@gmail.com", windows=(Window("claude", "Claude", 10.0 * i),))
        for i in range(9))))
    pins = _settings_menu(menu(TrayView(providers=(OPENAI, many)),
                               Settings(pinned="antigravity/u3@gmail.com/claude")), "Icon shows")
    groups = [e for e in pins.children if e.children]
    assert [g.text for g in groups] == ["OpenAI", "Antigravity"]
    assert len(groups[1].children) == 9
    assert [e.action for e in walk(pins.children) if e.checked] == [
        "pin:antigravity/u3@gmail.com/claude"]
    assert groups[1].children[3].text == "u3@gmail.com · Claude"
