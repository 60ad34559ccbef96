"""The History window's spend panel: the spend store's daily cost per model as stacked bars
(charts/spend_bars.py), the money axis in round steps, the panel read from the store only when
there is one with money in it (never created), the demo's panel equal to `spend --demo`, and
the panel drawn in Chinese without missing glyphs, below the usage panels."""

from __future__ import annotations

import json
import warnings
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.charts import spend_bars
from tray_app.i18n import LANGUAGES, t
from tray_app.spend import series as spend_series
from tray_app.spend.report import Row
from tray_app.spend.series import OTHER, SpendSeries, spend_per_day

TODAY = date(2026, 12, 7)


def _row(day: str, model: str, cost: float | None, tool: str = "claude-code") -> Row:
    return Row(date=day, tool=tool, model=model, input_tokens=1, output_tokens=2,
               cost_usd=cost, cost_source="prices" if cost is not None else "unknown")


def _series() -> SpendSeries:
    rows = [_row("2026-12-05", "claude-opus-4-5-20251101", 3.0),
            _row("2026-12-06", "claude-opus-4-5-20251101", 1.0),
            _row("2026-12-06", "gpt-5-codex", 0.5, "codex"),
            _row("2026-12-07", "gpt-5-codex", 2.25, "codex"),
            _row("2026-12-07", "mystery", None)]
    return spend_per_day(rows, date(2026, 12, 5), TODAY)


def test_stacks_start_where_the_ones_below_end() -> None:
    bars = spend_bars.stacks(_series())
    assert [b.label for b in bars] == ["Claude Code · claude-opus-4-5", "Codex · gpt-5-codex"]
    assert bars[0].heights == (3.0, 1.0, 0.0) and bars[0].bottoms == (0.0, 0.0, 0.0)
    assert bars[1].heights == (0.0, 0.5, 2.25) and bars[1].bottoms == (3.0, 1.0, 0.0)
    tops = [b + h for b, h in zip(bars[-1].bottoms, bars[-1].heights, strict=True)]
    assert tops == list(_series().totals)


def test_model_labels() -> None:
    assert spend_bars.model_label("codex · gpt-5.1-codex") == "Codex · gpt-5.1-codex"
    assert spend_bars.model_label("opencode · kimi-k2") == "OpenCode · kimi-k2"
    assert spend_bars.model_label("claude-code · claude-haiku-4-5-20251001") \
        == "Claude Code · claude-haiku-4-5"
    assert spend_bars.model_label(OTHER) == OTHER


@pytest.mark.parametrize(("highest", "ticks", "digits"), [
    (3.43, [0, 1, 2, 3, 4], 0), (0.18, [0, 0.05, 0.1, 0.15, 0.2], 2),
    (151, [0, 50, 100, 150, 200], 0), (10, [0, 2.5, 5, 7.5, 10], 1),
    (4, [0, 1, 2, 3, 4], 0), (0.004, [0, 0.001, 0.002, 0.003, 0.004], 3)])
def test_money_ticks_are_round_and_reach_the_highest_day(highest: float, ticks: list[float],
                                                         digits: int) -> None:
    found = spend_bars.money_ticks(highest)
    assert found == pytest.approx(ticks) and found[-1] >= highest
    assert spend_bars.money_digits(found) == digits


def test_the_panel_is_shown_only_with_money_in_it() -> None:
    assert spend_bars.shown(_series())
    assert not spend_bars.shown(None)
    assert not spend_bars.shown(spend_per_day([], date(2026, 12, 1), TODAY))
    assert not spend_bars.shown(spend_per_day([_row("2026-12-07", "m", None)],
                                              date(2026, 12, 1), TODAY))


def test_stored_is_none_without_a_store_and_never_creates_one(tmp_path: Path) -> None:
    path = tmp_path / "spend.sqlite3"
    assert spend_series.stored(14, TODAY, path) is None
    assert not path.exists()
    path.write_bytes(b"not a database " * 100)
    assert spend_series.stored(14, TODAY, path) is None  # no panel, no error


def test_stored_reads_the_store(tmp_path: Path) -> None:
    from tray_app.spend import scanner
    from tray_app.spend.store import Store

    logs = tmp_path / "claude" / "projects" / "p"
    logs.mkdir(parents=True)
    line = {"type": "assistant", "timestamp": "2026-12-06T12:00:00.000Z", "requestId": "r",
            "message": {"id": "m", "model": "claude-sonnet-4-5-20250929",
                        "usage": {"input_tokens": 100_000, "output_tokens": 0}}}
    (logs / "s.jsonl").write_text(json.dumps(line) + "\n")
    path = tmp_path / "spend.sqlite3"
    with Store(path) as store:
        assert spend_series.stored(14, TODAY, path) is None  # a store, nothing spent yet
        scanner.scan(store, {"CLAUDE_CONFIG_DIR": str(tmp_path / "claude"),
                             "CODEX_HOME": str(tmp_path / "x"), "HOME": str(tmp_path)})
    found = spend_series.stored(14, TODAY, path)
    assert found is not None and len(found.days) == 14 and found.days[-1] == TODAY
    assert sum(found.totals) == pytest.approx(0.3)  # 100k input tokens × $3/M (Sonnet 4.5)


def test_the_demo_panel_is_what_spend_demo_prints(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from zoneinfo import ZoneInfo

    from tray_app.cli import main

    monkeypatch.setenv("TZ", "Asia/Taipei")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    today = datetime.now(ZoneInfo("Asia/Taipei")).date()
    panel = spend_series.demo(spend_bars.DAYS, today)
    assert main(["spend", "--demo", "--json", "--tz", "Asia/Taipei"]) == 0
    doc = json.loads(capsys.readouterr().out)
    if datetime.now(ZoneInfo("Asia/Taipei")).date() != today:
        pytest.skip("midnight passed between the two")  # pragma: no cover
    per_day: dict[str, float] = {}
    for r in doc["rows"]:
        per_day[r["date"]] = per_day.get(r["date"], 0.0) + (r["cost_usd"] or 0.0)
    assert len(panel.days) == spend_bars.DAYS and panel.days[-1] == today
    assert {d.isoformat(): v for d, v in zip(panel.days, panel.totals, strict=True)
            if v} == pytest.approx(per_day, abs=1e-5)  # the JSON rounds to 6 decimals
    assert sum(panel.totals) == pytest.approx(doc["totals"]["cost_usd"], abs=1e-5)
    assert len(panel.stacks) >= 4  # Claude and Codex models, stacked


# ------------------------------------------------------------------------- drawn (matplotlib)
def _texts(fig: object) -> list[str]:
    return [str(a.get_text()) for a in fig.findobj()  # type: ignore[attr-defined]
            if getattr(a, "get_text", None) is not None and a.get_text()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_panel_draws_in_every_language_without_missing_glyphs(lang: str,
                                                                   tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from tray_app.charts import plot

    now = datetime(2026, 12, 7, 12, tzinfo=timezone.utc)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plot.draw([], now=now, lang=lang, threshold=80, spend=_series())
        size = plot.save_png(fig, tmp_path / "spend.png")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    texts = _texts(fig)
    assert t("spend.chart_title", lang) in texts
    symbol = "$" if lang == "en" else "US$"
    assert f"{symbol}0" in texts and f"{symbol}3" in texts  # money() on the axis
    status = t("spend.chart_total", lang, days=3, total=f"{symbol}6.75")
    assert f"{status} · {t('spend.chart_unpriced', lang)}" in texts  # "mystery" has no price
    assert "Codex · gpt-5-codex" in texts
    assert ("12月7日" if lang != "en" else "Dec 7") in texts
    assert size == plot.pixel_size(0, 1.0, plot.CELL_W, spend=True)
    assert len(fig.axes) == 1


def test_no_panel_without_spend() -> None:
    pytest.importorskip("matplotlib")
    from tray_app.charts import plot

    now = datetime(2026, 12, 7, 12, tzinfo=timezone.utc)
    empty = spend_per_day([], TODAY - timedelta(days=13), TODAY)
    for spend in (None, empty):
        fig = plot.draw([], now=now, lang="en", threshold=80, spend=spend)
        assert fig.axes == [] and t("spend.chart_title", "en") not in _texts(fig)
