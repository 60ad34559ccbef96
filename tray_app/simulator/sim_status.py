"""Simulated provider status pages: Atlassian Statuspage's `/api/v2/summary.json` for OpenAI,
Anthropic (Claude) and GitHub, as outages/feed.py reads them (shape: Statuspage's public API
documentation; component names as the real pages have them).

Scenarios (per page): healthy = none (all operational, no incident; OpenAI's page then leaves
`incidents` out, as it does), degraded (the product's component degraded, a minor incident
investigating), major_outage (a major outage with a critical incident, beside an incident of
another component that does not concern us), resolved (the incident is over: operational)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from tray_app.simulator.server import SimRequest, SimResponse

PATH = "/api/v2/summary.json"
PAGES = {  # prefix → (page name, our component, an unrelated component)
    "status-openai": ("OpenAI", "Codex", "Sora"),
    "status-claude": ("Claude", "Claude Code", "claude.ai"),
    "status-github": ("GitHub", "Copilot", "Actions"),
}
PREFIXES = {"status_openai": "status-openai", "status_claude": "status-claude",
            "status_github": "status-github"}
OWN = ("degraded", "major_outage", "resolved")
SCENARIOS = {prefix: OWN for prefix in PAGES}
# what the command-line demo starts with (`status --demo`, the bars, guard, the MCP server):
# Claude's page reports Claude Code degraded. The demo tray starts healthy (its desktop tests
# script the scenarios); MYSTATUS_DEMO_SCENARIOS=status-claude=degraded shows it there.
DEMO_SCENARIOS = {"status-claude": "degraded"}
# one start time per simulator process: the incident keeps its id and its "since"
_STARTED = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=25)


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _component(prefix: str, n: int, name: str, status: str) -> dict[str, Any]:
    return {"id": f"{prefix}-c{n}", "name": name, "status": status, "created_at":
            "2023-01-01T00:00:00Z", "updated_at": _iso(_STARTED), "position": n,
            "description": None, "showcase": True, "start_date": None, "group_id": None,
            "page_id": prefix, "group": False, "only_show_if_degraded": False}


def _incident(prefix: str, ident: str, name: str, impact: str, status: str,
              components: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": f"{prefix}-{ident}", "name": name, "status": status, "impact": impact,
            "created_at": _iso(_STARTED), "updated_at": _iso(_STARTED + timedelta(minutes=5)),
            "started_at": _iso(_STARTED), "monitoring_at": None, "resolved_at": None,
            "shortlink": f"https://stspg.io/sim-{prefix}-{ident}", "page_id": prefix,
            "incident_updates": [{"id": f"{prefix}-{ident}-u1", "status": status,
                                  "body": "We are investigating this issue.",
                                  "created_at": _iso(_STARTED)}],
            "components": components}


def summary(prefix: str, scenario: str) -> dict[str, Any]:
    name, ours, other = PAGES[prefix]
    mine_status = {"degraded": "degraded_performance", "major_outage": "major_outage"}.get(
        scenario, "operational")
    mine = _component(prefix, 1, ours, mine_status)
    theirs = _component(prefix, 2, other, "partial_outage" if scenario == "major_outage"
                        else "operational")
    incidents: list[dict[str, Any]] = []
    if scenario == "degraded":
        incidents.append(_incident(prefix, "inc1", f"Elevated errors on {ours}", "minor",
                                   "investigating", [mine]))
    if scenario == "major_outage":
        incidents.append(_incident(prefix, "inc2", f"{ours} unavailable", "critical",
                                   "identified", [mine]))
        incidents.append(_incident(prefix, "inc3", f"Degraded {other}", "major",
                                   "investigating", [theirs]))
    indicator = {"degraded": "minor", "major_outage": "critical"}.get(scenario, "none")
    body: dict[str, Any] = {
        "page": {"id": prefix, "name": name, "url": f"https://{prefix}.example",
                 "time_zone": "Etc/UTC", "updated_at": _iso(_STARTED)},
        "status": {"indicator": indicator, "description": {
            "none": "All Systems Operational", "minor": "Minor Service Outage",
            "critical": "Major System Outage"}[indicator]},
        "components": [mine, theirs],
        "scheduled_maintenances": [],
    }
    if incidents or prefix != "status-openai":
        body["incidents"] = incidents
    return body


def _handler(prefix: str) -> Any:
    def handle(req: SimRequest, scenario: str) -> SimResponse:
        return SimResponse(200, summary(prefix, scenario))

    return handle


ROUTES = {prefix: {("GET", PATH): _handler(prefix)} for prefix in PAGES}
