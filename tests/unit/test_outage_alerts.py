"""When an incident is announced (tray_app/outages/alerts.py): once at its start, once when
it is resolved, per incident; a page that did not answer resolves nothing; a component
degraded without an incident is shown but not announced. The Announcer keeps what it
announced across restarts."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from tray_app.outages.alerts import Announcer, decide
from tray_app.outages.model import Outage

NOW = datetime(2026, 9, 20, 14, 30, tzinfo=timezone.utc)
A = Outage("claude", "claude:a", "Elevated errors on Claude Code", "partial_outage",
           ("Claude Code",), datetime(2026, 9, 20, 14, 5, tzinfo=timezone.utc),
           "https://stspg.io/a", "investigating")
B = Outage("openai", "openai:b", "Codex unavailable", "major_outage", ("Codex",), None,
           "https://stspg.io/b", "identified")
C = Outage("openai", "openai:component:c", "Codex", "degraded", ("Codex",), None,
           "https://status.openai.com")
BOTH = frozenset({"claude", "openai"})


@pytest.mark.parametrize("announced, current, answered, expected, state", [
    ({}, (), BOTH, [], set()),
    ({}, (A,), BOTH, [("started", "claude:a")], {"claude:a"}),
    ({"claude:a": A}, (A,), BOTH, [], {"claude:a"}),  # still on: nothing new
    ({"claude:a": A}, (), BOTH, [("resolved", "claude:a")], set()),
    ({"claude:a": A}, (), frozenset({"openai"}), [], {"claude:a"}),  # claude's page silent
    ({}, (C,), BOTH, [], set()),  # a component alone: shown, not announced
    ({"claude:a": A}, (B,), BOTH, [("started", "openai:b"), ("resolved", "claude:a")],
     {"openai:b"}),
])
def test_decide(announced: dict[str, Outage], current: tuple[Outage, ...],
                answered: frozenset[str], expected: list[tuple[str, str]],
                state: set[str]) -> None:
    alerts, new = decide(announced, current, answered, NOW, "en")
    assert [(a.kind, a.key) for a in alerts] == expected
    assert set(new) == state


def test_the_words() -> None:
    (started,), state = decide({}, (A,), BOTH, NOW, "en")
    assert started.title == "Claude: Partial outage"
    assert "Claude Code, since" in started.body and "https://stspg.io/a" in started.body
    (resolved,), _ = decide(state, (), BOTH, NOW, "zh-TW")
    assert resolved.title == "Claude:已恢復"
    (zh,), _ = decide({}, (B,), BOTH, NOW, "zh-CN")
    assert zh.title == "OpenAI:严重中断"


def test_the_announcer_notifies_once_across_restarts(tmp_path: Path) -> None:
    sent: list[tuple[str, str]] = []
    path = tmp_path / "outage_alerts.json"

    def announcer() -> Announcer:
        return Announcer(path, lambda title, body: sent.append((title, body)),
                         lambda: "en", lambda: NOW)

    first = announcer()
    first((A,), BOTH)
    first((A,), BOTH)
    again = announcer()  # the tray restarted during the incident
    again((A,), BOTH)
    assert [title for title, _ in sent] == ["Claude: Partial outage"]
    again((), frozenset({"claude"}))
    announcer()((), frozenset({"claude"}))
    assert [title for title, _ in sent] == ["Claude: Partial outage", "Claude: resolved"]
