"""An active outage on a provider's status page that concerns the product we query: an
unresolved incident naming it, or a component of it that is not operational. Frozen, like the
usage model; `id` is stable for the life of the incident (the notification key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# worst last; the words are fixed (JSON `severity`), the views translate them
SEVERITIES = ("maintenance", "degraded", "partial_outage", "major_outage")


@dataclass(frozen=True)
class Outage:
    provider: str  # our provider id ("claude", "openai", "copilot")
    id: str  # the incident's id, or "component:<id>" for a degraded component alone
    title: str  # the incident's name as the page words it (or the component's name)
    severity: str  # one of SEVERITIES
    components: tuple[str, ...]  # the products of ours it concerns ("Claude Code")
    since: datetime | None  # when it started
    url: str  # the incident's own page, else the status page
    status: str = ""  # investigating / identified / monitoring ("" for a component alone)


def rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def worst(outages: tuple[Outage, ...] | list[Outage]) -> Outage | None:
    """The most severe (then the most recent) outage; None when there is none."""
    if not outages:
        return None
    return max(outages, key=lambda o: (rank(o.severity), o.since.timestamp() if o.since else 0.0))
