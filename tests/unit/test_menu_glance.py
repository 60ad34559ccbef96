"""The menu's top level at a glance, as data, in all three languages: each provider's headline
% with a ▲ when at/over the threshold or running out, the nearest event (run-out or reset),
what runs out soon said first, account rows with the same summary, the sections extension
point, and a width bound so that no submenu covers its parent on a 1024 px screen."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.tray.menu import (
    LINE_COLUMNS,
    SECTIONS,
    URGENT_MARK,
    MenuContext,
    MenuEntry,
    build_menu,
    columns,
    shorten_label,
    shorten_window,
)

NOW = datetime(2026, 5, 4, 14, 0, tzinfo=timezone.utc)
H5 = 5 * 3600


def hhmm(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def five(used: float, reset_in: timedelta) -> Window:
    return Window("5h", "5-hour limit", used, resets_at=NOW + reset_in, label_key="window.5h",
                  window_seconds=H5)


def weekly(used: float) -> Window:
    return Window("weekly", "Weekly limit", used, resets_at=NOW + timedelta(days=3),
                  label_key="window.weekly", window_seconds=7 * 86400)


EXTRA = Window("extra-usage", "Extra usage (monthly)", 69.0, used=34.62, limit=50.0, unit="USD",
               label_key="window.claude_extra_usage")
RUNOUT = five(60.0, timedelta(hours=2, minutes=30))  # runs out in 1 h 40 min, 50 min early
CALM = five(20.0, timedelta(hours=2, minutes=30))
FULL = five(100.0, timedelta(minutes=45))


def status(pid: str, name: str, *accounts: Account) -> ProviderStatus:
    return ProviderStatus(ProviderUsage(pid, name, accounts), last_success=NOW)


def top_line(view: TrayView, name: str, lang: str = "en", **settings: object) -> str:
    menu = build_menu(view, Settings(**settings), lang, NOW, pat_present=False)  # type: ignore[arg-type]
    return next(e.text for e in menu if e.text.startswith(name))


@pytest.mark.parametrize(("windows", "settings", "expected"), [
    # calm: the headline % and its reset
    ((CALM, weekly(5.0)), {}, "OpenAI · 20% used · resets {reset}"),
    # runs out before its reset: the marker and the run-out time instead
    ((RUNOUT, weekly(5.0)), {}, "OpenAI · 60% used ▲ · runs out {runout}"),
    # at the threshold, no run-out: the marker and the reset
    ((five(85.0, timedelta(minutes=10)),), {}, "OpenAI · 85% used ▲ · resets {soon}"),
    # used up: when it comes back
    ((FULL, RUNOUT), {}, "OpenAI · 100% used ▲ · resets {full}"),
    # "remaining" is what the user chose to see
    ((CALM,), {"show": "remaining"}, "OpenAI · 80% left · resets {reset}"),
    # the headline rule: the dollar budget (69 %) is not the provider's headline
    ((CALM, EXTRA), {}, "OpenAI · 20% used · resets {reset}"),
    # a threshold of 50 marks 60 % even without a forecast
    ((five(60.0, timedelta(minutes=10)),), {"threshold": 50},
     "OpenAI · 60% used ▲ · resets {soon}"),
])
def test_provider_line_table(windows: tuple[Window, ...], settings: dict[str, object],
                             expected: str) -> None:
    view = TrayView(providers=(status("openai", "OpenAI", Account("me@example.com",
                                                                   windows=windows)),),
                    updated_at=NOW)
    times = {"reset": hhmm(NOW + timedelta(hours=2, minutes=30)),
             "runout": hhmm(NOW + timedelta(hours=1, minutes=40)),
             "soon": hhmm(NOW + timedelta(minutes=10)),
             "full": hhmm(NOW + timedelta(minutes=45))}
    assert top_line(view, "OpenAI", **settings) == expected.format(**times)


@pytest.mark.parametrize(("lang", "line", "urgent"), [
    ("en", "OpenAI · 60% used ▲ · runs out {t}",
     ["⚡ OpenAI 5-hour limit", "runs out in 1h 40m ({t})", "50m before it resets"]),
    ("zh-TW", "OpenAI · 已用 60% ▲ · {t} 用完",
     ["⚡ OpenAI 5 小時限額", "1小時 40分後用完（{t}）", "比重置早 50分"]),
    ("zh-CN", "OpenAI · 已用 60% ▲ · {t} 用完",
     ["⚡ OpenAI 5 小时限额", "1小时 40分后用完（{t}）", "比重置早 50分"]),
])
def test_what_runs_out_is_said_first_in_every_language(lang: str, line: str,
                                                      urgent: list[str]) -> None:
    view = TrayView(providers=(
        status("zhipu", "Zhipu AI", Account("ab12****cd34", windows=(CALM,))),
        status("openai", "OpenAI", Account("me@example.com", windows=(RUNOUT,))),
    ), updated_at=NOW)
    menu = build_menu(view, Settings(), lang, NOW, pat_present=False)
    t = hhmm(NOW + timedelta(hours=1, minutes=40))
    # the urgent lines come before every provider: what, the time left first, the margin
    first = []
    for entry in menu:
        if entry.children:
            break
        first.append(entry.text.strip())
    assert first == [part.format(t=t) for part in urgent]
    assert next(e.text for e in menu if e.text.startswith("OpenAI")) == line.format(t=t)
    # nothing urgent: no such line
    calm = TrayView(providers=(status("openai", "OpenAI", Account("me", windows=(CALM,))),),
                    updated_at=NOW)
    assert not any("⚡" in e.text for e in build_menu(calm, Settings(), lang, NOW,
                                                      pat_present=False))


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_a_long_urgent_line_wraps_and_keeps_the_whole_window_name(lang: str) -> None:
    """The demo's "⚡ Google Antigravity Gemini · 5-ho…" lost which window runs out: the
    line wraps to the menu's width instead (docs/screenshots/menu.png)."""
    from tray_app.i18n import window_label

    window = Window("gemini-5h", "Gemini · 5-hour limit", 92.0,  # a bucket named by the API
                    resets_at=NOW + timedelta(hours=3), window_seconds=H5)
    view = TrayView(providers=(status("antigravity", "Google Antigravity",
                                      Account("me@example.com", windows=(window,))),),
                    updated_at=NOW)
    menu = build_menu(view, Settings(), lang, NOW, pat_present=False)
    urgent = [e for e in menu if e.severity == "high" and not e.children]
    head = [e.text for e in urgent if not e.text.startswith("    ")]  # before the forecast
    assert head[0].startswith(URGENT_MARK) and len(head) >= 2, head
    assert all(columns(text) <= LINE_COLUMNS for text in head), head
    assert "…" not in "".join(head)
    joined = " ".join(text.strip() for text in head)
    for word in f"Google Antigravity {window_label(window, lang)}".split():
        assert word in joined, (word, head)


def test_several_accounts_carry_the_same_summary_and_stay_short() -> None:
    long_mail = "a.very.long.name.of.someone@subsidiary.example.com"
    view = TrayView(providers=(status("openai", "OpenAI",
                                      Account(long_mail, windows=(RUNOUT,)),
                                      Account("b@example.com", windows=(CALM,))),),
                    updated_at=NOW)
    menu = build_menu(view, Settings(), "en", NOW, pat_present=False)
    openai = next(e for e in menu if e.text.startswith("OpenAI"))
    runout = hhmm(NOW + timedelta(hours=1, minutes=40))
    rows = [c.text for c in openai.children]
    assert rows == [f"{shorten_label(long_mail, 22)} · 60% used ▲ · runs out {runout}",
                    f"b@example.com · 20% used · resets {hhmm(RUNOUT.resets_at)}"]  # type: ignore[arg-type]
    assert rows[0].startswith("a.very.long.name.of.s… · ")  # its domain alone is too long
    # an e-mail keeps its domain: two accounts of one person usually differ there
    assert shorten_label("firstname.lastname@example.com", 22) == "firstname…@example.com"
    assert shorten_label("short@example.com", 22) == "short@example.com"
    assert shorten_label("someone@a-very-long-company-domain.example", 22).endswith("…")
    # three levels at most: provider → account → lines without submenus
    assert all(not line.children for row in openai.children for line in row.children)


def test_one_account_is_two_levels_deep() -> None:
    view = TrayView(providers=(status("openai", "OpenAI", Account("me", windows=(RUNOUT,))),),
                    updated_at=NOW)
    openai = next(e for e in build_menu(view, Settings(), "en", NOW, pat_present=False)
                  if e.text.startswith("OpenAI"))
    assert openai.children and all(not c.children for c in openai.children)


def test_a_section_plugs_in_where_it_belongs() -> None:
    def spend(ctx: MenuContext) -> list[MenuEntry]:
        return [MenuEntry(f"Spend today ({ctx.lang})")]

    sections = ((*SECTIONS[0], spend), *SECTIONS[1:])
    view = TrayView(providers=(status("openai", "OpenAI", Account("me", windows=(CALM,))),),
                    updated_at=NOW)
    menu = build_menu(view, Settings(), "zh-TW", NOW, pat_present=False, sections=sections)
    texts = [e.text for e in menu]
    at = texts.index("Spend today (zh-TW)")
    assert texts[at - 1].startswith("OpenAI") and menu[at + 1].separator


# ------------------------------------------------------------------------------ widths
# Measured on the real GTK menu of the demo (tests/desktop/test_tray_app.py, 1024×768, GTK's
# default font DejaVu Sans 13 px): a menu is its widest line plus about 84 px (the check or
# radio column, the margins, the submenu arrow); DejaVu's Latin text averages 7.0-7.2 px per
# character, a CJK glyph 13 px (two columns). With 7.3 px per column this bound is a little
# wider than GTK draws. A submenu can open beside its parent on a 1024 px screen when the two
# widths add up to at most 1024 (GTK then flips it to the parent's free side).
PX_PER_COLUMN = 7.3
PX_PER_MENU = 84
SCREEN = 1024


def pairs(entries: tuple[MenuEntry, ...]
          ) -> Iterator[tuple[tuple[MenuEntry, ...], tuple[MenuEntry, ...]]]:
    """Every (menu, one of its submenus), at every depth."""
    for entry in entries:
        if entry.children:
            yield entries, entry.children
            yield from pairs(entry.children)


def width(entries: tuple[MenuEntry, ...]) -> float:
    return max(columns(e.text) for e in entries) * PX_PER_COLUMN + PX_PER_MENU


def busy_view() -> TrayView:
    """Long labels everywhere: two accounts with long e-mails, errors, budgets, a notice."""
    err = ErrorInfo(ErrorKind.HTTP_ERROR, provider="Zhipu AI", status=401, detail="bad key")
    return TrayView(providers=(
        status("openai", "OpenAI",
               Account("demo.user.with.a.long.address@example.com", plan="pro",
                       windows=(RUNOUT, weekly(12.0),
                                Window("spark", "GPT-5.3-Codex-Spark weekly limit", 30.0))),
               Account("codex.user@example.com", windows=(CALM, weekly(40.0)))),
        status("claude", "Claude", Account("claude.user@example.com", plan="max",
                                           windows=(CALM, weekly(20.0), EXTRA),
                                           details=(("Extra usage", "$34.62 of $50.00"),))),
        ProviderStatus(ProviderUsage("zhipu", "Zhipu AI", (Account("ab12****cd34", error=err),)),
                       error=err),
    ), updated_at=NOW, next_refresh_at=NOW + timedelta(minutes=5))


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_every_submenu_fits_beside_its_parent_on_a_1024_px_screen(lang: str) -> None:
    menu = build_menu(busy_view(), Settings(), lang, NOW, pat_present=True, tk_available=True,
                      autostart_available=True)
    widest = max((width(parent) + width(child), [e.text for e in child][:2])
                 for parent, child in pairs(menu))
    assert widest[0] <= SCREEN, widest


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_status_lines_keep_to_the_menu_width(lang: str) -> None:
    menu = build_menu(busy_view(), Settings(), lang, NOW, pat_present=False)
    for entry in menu:
        if entry.children and not entry.action:
            for line in entry.children:
                if not line.children:
                    assert columns(line.text) <= LINE_COLUMNS or " " not in line.text.strip(), \
                        line.text


# ------------------------------------------------------------------------------ glyphs
def _walk(entries: tuple[MenuEntry, ...]) -> Iterator[MenuEntry]:
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_every_symbol_in_the_menu_has_a_glyph_in_dejavu_sans(lang: str) -> None:
    """GTK's and Tk's default font on a Debian desktop is DejaVu Sans (fonts-dejavu-core;
    matplotlib ships the same font): a symbol outside it draws as a hex box, as ⏳ did in the
    urgent line (docs/screenshots/menu.png). CJK text comes from fonts-wqy-microhei."""
    ft2font = pytest.importorskip("matplotlib.ft2font")
    from matplotlib import font_manager

    dejavu = ft2font.FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    urgent = status("claude2", "Claude", Account("me@example.com", windows=(RUNOUT,)))
    view = TrayView(providers=(*busy_view().providers, urgent), updated_at=NOW,
                    next_refresh_at=NOW + timedelta(minutes=5))
    menu = build_menu(view, Settings(), lang, NOW, pat_present=True, tk_available=True,
                      autostart_available=True)
    texts = [e.text for e in _walk(menu)]
    assert any(t.startswith(URGENT_MARK) for t in texts)  # the urgent line is among them
    symbols = {ch for text in texts for ch in text
               if ord(ch) > 0x7F and unicodedata.category(ch)[0] == "S"}
    missing = sorted(f"U+{ord(ch):04X} {ch}" for ch in symbols
                     if not dejavu.get_char_index(ord(ch)))
    assert symbols and not missing, missing


def scoped(model: str, used: float) -> Window:
    """A Claude-style weekly model cap, named as the provider names it."""
    return Window(f"weekly-{model.lower()}", "Weekly limit", used,
                  resets_at=NOW + timedelta(days=3), label_key="window.claude_weekly_model",
                  label_params=(("model", model),), window_seconds=7 * 86400)


@pytest.mark.parametrize("lang", ["en", "zh-TW", "zh-CN"])
def test_sibling_windows_stay_apart_when_their_names_are_shortened(lang: str) -> None:
    """Three weekly caps of one account used to read "Weekly limit (…" three times: the
    shortened name keeps the part that tells them apart (the model)."""
    models = ("Sonnet", "Opus", "Fable")
    account = Account("claude.demo@example.com", windows=tuple(
        scoped(m, u) for m, u in zip(models, (12.0, 27.5, 40.0), strict=True)))
    view = TrayView(providers=(status("anthropic", "Claude", account),), updated_at=NOW)
    menu = build_menu(view, Settings(), lang, NOW, pat_present=False)
    claude = next(e for e in menu if e.text.startswith("Claude"))
    lines = [e.text for e in _walk(claude.children) if ("%" in e.text and ":" in e.text)
             or ("%" in e.text and "：" in e.text)]
    for model in models:
        assert sum(model in line for line in lines) == 1, (model, lines)
    assert all(columns(line) <= LINE_COLUMNS for line in lines), lines


def test_shorten_window_keeps_the_distinguishing_tail() -> None:
    assert shorten_window("Weekly limit (Sonnet)", 15) == "Weekl… (Sonnet)"
    assert shorten_window("每週限額（Opus）", 15) == "每週限…（Opus）"
    assert shorten_window("Gemini · 5-hour", 40) == "Gemini · 5-hour"  # fits: unchanged
    assert shorten_window("Weekly limit (Sonnet)", 8) == "Weekly …"  # no room: a plain cut
