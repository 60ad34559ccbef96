"""The Statuspage summary reader (tray_app/outages/feed.py) on transcribed answers
(tests/fixtures/status/): only what concerns the product we query, incidents before bare
components, maintenance and resolved incidents left out, a foreign shape refused."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.outages.feed import FeedError, parse_summary
from tray_app.outages.model import worst
from tray_app.outages.pages import STATUS_PAGES, concerns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "status"


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def test_an_incident_on_claude_code_and_the_api() -> None:
    found = parse_summary(_load("claude_partial_outage.json"), STATUS_PAGES["claude"])
    assert len(found) == 1  # the degraded components are covered by the incident
    o = found[0]
    assert o.id == "claude:p3v8q1x7c2rm" and o.provider == "claude"
    assert o.components == ("Claude API (api.anthropic.com)", "Claude Code")
    assert o.severity == "partial_outage"  # the worst affected component, not the impact word
    assert o.since == datetime(2026, 9, 20, 14, 5, tzinfo=timezone.utc)
    assert o.url == "https://stspg.io/p3v8q1x7c2rm" and o.status == "identified"


def test_copilot_named_in_the_title_and_other_products_ignored() -> None:
    found = parse_summary(_load("github_copilot_named_incident.json"), STATUS_PAGES["copilot"])
    assert [o.id for o in found] == ["copilot:h8d2n5k4s6yj"]  # not Actions, not the resolved
    assert found[0].components == ("Copilot",)
    assert found[0].severity == "degraded"  # impact minor, no component status to go by


def test_a_degraded_component_without_incidents_key() -> None:
    found = parse_summary(_load("openai_component_only.json"), STATUS_PAGES["openai"])
    assert [(o.id, o.severity, o.status) for o in found] == [
        ("openai:component:01JMXBRMFE6N2NNT7DG6XZQ6PW", "degraded", "")]
    assert found[0].url == "https://status.openai.com"  # no incident page: the status page


def test_maintenance_is_not_an_outage() -> None:
    assert parse_summary(_load("claude_maintenance.json"), STATUS_PAGES["claude"]) == ()


@pytest.mark.parametrize("data", [[], "x", None, {"page": {}}, {"components": "no"},
                                  {"data": {"attributes": {}}}])
def test_a_foreign_shape_is_refused(data: Any) -> None:
    with pytest.raises(FeedError):
        parse_summary(data, STATUS_PAGES["claude"])


@pytest.mark.parametrize("impact, states, severity", [
    ("critical", [], "major_outage"),
    ("major", [], "partial_outage"),
    ("minor", ["major_outage"], "major_outage"),
    ("none", ["degraded_performance"], "degraded"),
])
def test_severity_table(impact: str, states: list[str], severity: str) -> None:
    components = [{"id": f"c{i}", "name": "Claude Code", "status": s}
                  for i, s in enumerate(states)]
    data = {"components": [], "incidents": [
        {"id": "i", "name": "Claude Code trouble", "status": "investigating", "impact": impact,
         "components": components}]}
    (o,) = parse_summary(data, STATUS_PAGES["claude"])
    assert o.severity == severity


def test_garbage_inside_a_summary_is_skipped() -> None:
    data = {"components": [None, 3, {"name": 5}, {"id": "x", "name": "Codex", "status": 7}],
            "incidents": [None, {"status": "investigating"}, {"name": "Codex down",
                                                              "components": "all"}]}
    found = parse_summary(data, STATUS_PAGES["openai"])
    assert [o.title for o in found] == ["Codex down"]
    assert found[0].since is None


@pytest.mark.parametrize("provider, name, ours", [
    ("claude", "Claude API (api.anthropic.com)", True), ("claude", "claude.ai", False),
    ("claude", "Claude Code", True), ("openai", "Codex in ChatGPT Desktop", True),
    ("openai", "ChatGPT", True), ("openai", "Sora", False), ("copilot", "Copilot", True),
    ("copilot", "Git Operations", False),
])
def test_which_components_are_ours(provider: str, name: str, ours: bool) -> None:
    assert concerns(STATUS_PAGES[provider], name) is ours


def test_worst_first() -> None:
    found = parse_summary(_load("openai_component_only.json"), STATUS_PAGES["openai"])
    assert worst(found) == found[0]
    assert worst(()) is None
