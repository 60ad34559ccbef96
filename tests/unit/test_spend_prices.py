"""Spend prices: genai-prices for known models (with the upper tier of large requests), the
config's [prices] overrides, and unknown models as unknown, never a guess."""

from __future__ import annotations

import pytest

from tray_app import config
from tray_app.spend import prices, report, zone
from tray_app.spend.store import Group


def group(model: str, *, large: bool = False, cost: float | None = None, inp: int = 1_000_000,
          out: int = 0, read: int = 0, write: int = 0, tool: str = "claude-code") -> Group:
    return Group(quarter=1_960_000 * 4, tool=tool, model=model, large=large, input=inp,
                 output=out, cache_read=read, cache_write=write, reasoning=0, cost=cost,
                 count=1)


def test_known_model_is_priced_per_kind() -> None:
    price = prices.price_of("claude-sonnet-4-5-20250929")
    assert price is not None
    # a million of each kind at Anthropic's list prices for Sonnet 4.5
    assert price.cost(False, 1_000_000, 0, 0, 0) == pytest.approx(3.0)
    assert price.cost(False, 0, 1_000_000, 0, 0) == pytest.approx(15.0)
    assert price.cost(False, 0, 0, 1_000_000, 0) == pytest.approx(0.3)
    assert price.cost(False, 0, 0, 0, 1_000_000) == pytest.approx(3.75)
    # requests over 200k input tokens are billed on the upper tier
    assert price.cost(True, 1_000_000, 0, 0, 0) == pytest.approx(6.0)


def test_unknown_model_is_unknown_never_guessed() -> None:
    assert prices.price_of("my-local-model-7b") is None
    assert prices.price_of("unknown") is None
    built = report.build([group("my-local-model-7b"), group("claude-sonnet-4-5-20250929")],
                         zone.named("UTC"))
    by_model = {r.model: r for r in built.rows}
    assert by_model["my-local-model-7b"].cost_usd is None
    assert by_model["my-local-model-7b"].cost_source == "unknown"
    assert by_model["claude-sonnet-4-5-20250929"].cost_source == "prices"
    assert built.totals["cost_usd"] == pytest.approx(3.0)  # the known part only


def test_config_override_wins_and_matches_by_prefix() -> None:
    overrides = {"claude-sonnet-4-5": {"input": 1.0, "output": 2.0},
                 "my-local-model": {"input": 0.5}}
    built = report.build([group("claude-sonnet-4-5-20250929", out=1_000_000),
                          group("my-local-model-7b")], zone.named("UTC"), overrides=overrides)
    by_model = {r.model: r for r in built.rows}
    assert by_model["claude-sonnet-4-5-20250929"].cost_usd == pytest.approx(3.0)
    assert by_model["my-local-model-7b"].cost_usd == pytest.approx(0.5)
    assert by_model["my-local-model-7b"].cost_source == "prices"


def test_log_cost_is_used_as_is() -> None:
    built = report.build([group("glm-4.6", cost=0.42, tool="opencode")], zone.named("UTC"))
    assert (built.rows[0].cost_usd, built.rows[0].cost_source) == (0.42, "log")


def test_by_tool_with_an_unpriced_model_is_unknown() -> None:
    built = report.build([group("my-local-model-7b"), group("claude-sonnet-4-5-20250929")],
                         zone.named("UTC"), by="tool")
    assert [(r.tool, r.model, r.cost_usd, r.cost_source) for r in built.rows] == [
        ("claude-code", None, None, "unknown")]


@pytest.mark.parametrize(("table", "rejected"), [
    ({"m": {"input": 1, "output": 2.5}}, ()),
    ({"m": {"input": -1}}, ("prices.m.input",)),
    ({"m": {"inptu": 1}}, ("prices.m.inptu",)),
    ({"m": "3 dollars"}, ("prices.m",)),
    ({"m": {"input": True}}, ("prices.m.input",)),
])
def test_prices_table_in_the_config(table: dict[str, object], rejected: tuple[str, ...]) -> None:
    settings, bad = config.parse_mapping({"prices": table, "spend_daily_budget": 12})
    assert bad == rejected
    assert settings.spend_daily_budget == 12.0
    if not rejected:
        assert settings.prices == {"m": {"input": 1.0, "output": 2.5}}
    else:
        assert settings.prices == {}


def test_budget_must_be_a_sane_number() -> None:
    assert config.parse_mapping({"spend_daily_budget": -3})[1] == ("spend_daily_budget",)
    assert config.parse_mapping({"spend_daily_budget": "lots"})[1] == ("spend_daily_budget",)
