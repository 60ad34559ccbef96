"""The chart as drawn: Chinese text with a font that has its glyphs (matplotlib warns
"Glyph ... missing from font(s)" otherwise and draws empty boxes), dates in the language's
own words, titles in the menu's words ("OpenAI · demo.user@… · 5-hour limit"), panels in
columns when wide, an empty state that says what to do; and the window's filter."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from matplotlib import font_manager

from tray_app.charts import plot
from tray_app.charts.labels import known_windows, short_account, title, window_words
from tray_app.charts.series import ChartSeries, Forecast, chart_series
from tray_app.charts.window import chosen, filter_choices
from tray_app.i18n import LANGUAGES, t
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.history import History

NOW = datetime(2026, 12, 6, 22, 0, tzinfo=timezone.utc)


def _series(provider: str = "openai", account: str = "demo.user@example.com",
            window: str = "5h", hours: float = 5) -> ChartSeries:
    points = tuple((NOW - timedelta(minutes=m), 60 - m / 10) for m in range(300, -1, -30))
    out = NOW + timedelta(minutes=50)
    return ChartSeries(provider, account, window, points, (NOW - timedelta(hours=6),),
                       NOW - timedelta(hours=4 * hours), NOW + timedelta(hours=2),
                       NOW + timedelta(hours=2), Forecast(((NOW, 60), (out, 100.0)), out),
                       timedelta(hours=hours))


def _texts(fig: object) -> list[str]:
    found = []
    for artist in fig.findobj():  # type: ignore[attr-defined]
        get = getattr(artist, "get_text", None)
        if get is not None and get():
            found.append(str(get()))
    return found


@pytest.mark.parametrize("lang", ["zh-TW", "zh-CN"])
def test_chinese_draws_without_missing_glyphs(lang: str, tmp_path: Path) -> None:
    series = [_series(), _series(window="weekly", hours=168)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plot.draw(series, now=NOW, lang=lang, threshold=80)
        plot.save_png(fig, tmp_path / "zh.png")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    texts = _texts(fig)
    assert t("chart.title", lang) in texts
    assert any("12月" in text for text in texts)  # month labels in Chinese (CLDR), not Dec


def test_the_font_chosen_covers_the_title() -> None:
    head = title(_series(), "zh-TW", {})
    families = plot.font_families("zh-TW", head + t("chart.title", "zh-TW"))
    assert families[0] == plot.LATIN_FONT and len(families) > 1, families
    path = font_manager.findfont(font_manager.FontProperties(family=families[1]),
                                 fallback_to_default=False)
    charmap = font_manager.get_font(path).get_charmap()
    for ch in head + t("chart.title", "zh-TW"):
        if ord(ch) > 0x2E7F:
            assert ord(ch) in charmap, ch


def test_english_needs_no_cjk_font() -> None:
    assert plot.font_families("en", "Usage history") == [plot.LATIN_FONT]


def test_titles_in_words_in_every_language() -> None:
    for lang in LANGUAGES:
        head = title(_series(), lang, {})
        assert head.startswith("OpenAI · demo.user@… · ")
        assert head.endswith(t("window.5h", lang))
    assert title(_series(window="gemini-weekly", provider="antigravity"), "en", {}) \
        == "Google Antigravity · demo.user@… · Gemini · weekly"
    assert window_words("minimax-m2-5h", "en") == "5-hour limit"
    assert short_account("ada@sim.example") == "ada@sim.example"
    assert short_account("sim-****oKey") == "sim-****oKey"


def test_titles_from_what_the_app_shows() -> None:
    window = Window("weekly-fable", "Weekly limit (Fable)", 40.0)
    usage = ProviderUsage("claude", "Claude", accounts=(Account("c@example.com",
                                                                windows=(window,)),))
    known = known_windows([usage])
    s = _series("claude", "c@example.com", "weekly-fable", 168)
    assert title(s, "en", known) == "Claude · c@example.com · Weekly limit (Fable)"


def test_a_5_hour_panel_reads_in_hours_and_shows_now_and_run_out() -> None:
    fig = plot.draw([_series()], now=NOW, lang="en", threshold=80)
    texts = _texts(fig)
    assert "now" in texts
    assert any(text.startswith("runs out ~") for text in texts)
    local = (NOW + timedelta(minutes=50)).astimezone()
    assert f"runs out ~{local:%H:%M}" in texts


def test_panels_flow_into_columns_when_wide() -> None:
    assert plot.columns_for(900) == 1 and plot.columns_for(1400) == 2
    assert plot.pixel_size(4, 1.0, 1400) == (1400, plot.HEADER + plot.FOOTER + 2 * plot.CELL_H)
    fig = plot.draw([_series()] * 4, now=NOW, lang="en", threshold=80, width=1400)
    lefts = sorted({round(ax.get_position().x0, 2) for ax in fig.axes})
    assert len(lefts) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_empty_state_says_what_to_do(lang: str) -> None:
    texts = _texts(plot.draw([], now=NOW, lang=lang, threshold=80))
    assert t("chart.empty", lang) in texts and t("chart.empty_hint", lang) in texts
    assert "mystatus-tray --demo" in t("chart.empty_hint", lang)


def test_the_filter_offers_providers_and_their_accounts(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    windows = (Window("5h", "5h", 10.0, resets_at=NOW + timedelta(hours=2)),)
    snapshot = Snapshot(NOW, providers=(
        ProviderUsage("openai", "OpenAI", accounts=(Account("a@x.example", windows=windows),
                                                     Account("b@x.example", windows=windows))),
        ProviderUsage("kimi", "Kimi for Coding", accounts=(Account("k", windows=windows),)),
    ))
    History(path).record(snapshot, NOW)
    series = chart_series(path, NOW)
    choices = filter_choices(series, "en")
    assert [label for label, _ in choices] == [
        "All providers", "OpenAI", "OpenAI · a@x.example", "OpenAI · b@x.example",
        "Kimi for Coding"]
    assert len(chosen(series, choices[0][1])) == 3
    assert [s.account for s in chosen(series, choices[1][1])] == ["a@x.example", "b@x.example"]
    assert [s.account for s in chosen(series, choices[3][1])] == ["b@x.example"]
    assert [s.provider for s in chosen(series, choices[4][1])] == ["kimi"]
