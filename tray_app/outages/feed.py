"""Atlassian Statuspage `summary.json` → the `Outage`s that concern the product we query
(pure; table-tested on transcribed answers, tests/fixtures/status/).

The summary lists the components with their status (`operational`, `degraded_performance`,
`partial_outage`, `major_outage`, `under_maintenance`) and the unresolved incidents, each with
its `impact` (`none`, `minor`, `major`, `critical`), its `status` and the components it
affects. An incident concerns us when it affects one of our components, or names our product
when it lists none; a component of ours that is not operational and that no such incident
covers is an outage of its own. Maintenance is not an outage. Some pages (OpenAI's) leave
`incidents` out when there is none."""

from __future__ import annotations

from typing import Any

from tray_app.outages.model import Outage, rank
from tray_app.outages.pages import StatusPage, concerns
from tray_app.providers.parse import from_iso, items, obj, text

COMPONENT_SEVERITY = {"degraded_performance": "degraded", "partial_outage": "partial_outage",
                      "major_outage": "major_outage"}
IMPACT_SEVERITY = {"none": "degraded", "minor": "degraded", "major": "partial_outage",
                   "critical": "major_outage"}
OVER = ("resolved", "postmortem", "completed")


class FeedError(ValueError):
    """Not a Statuspage summary (an HTML page, another format): the feed is unreadable."""


def _named(page: StatusPage, name: str) -> tuple[str, ...]:
    """Our products named in an incident's title ("Elevated errors on Claude Code")."""
    low = name.lower()
    return tuple(p for p in page.products if p.lower() in low)


def parse_summary(data: Any, page: StatusPage) -> tuple[Outage, ...]:
    """The active outages concerning `page.products`, worst first."""
    if not isinstance(data, dict) or not isinstance(data.get("components", []), list) or \
            not ("status" in data or "components" in data or "incidents" in data):
        raise FeedError("not a Statuspage summary")
    ours: dict[str, dict[str, Any]] = {}
    for raw in items(data.get("components")):
        component = obj(raw)
        name = text(component.get("name"))
        if name and concerns(page, name):
            ours[text(component.get("id")) or name] = dict(component)
    out: list[Outage] = []
    covered: set[str] = set()
    for raw in items(data.get("incidents")):
        incident = obj(raw)
        status = text(incident.get("status")).lower()
        impact = text(incident.get("impact")).lower()
        if status in OVER or impact == "maintenance":
            continue
        affected = [obj(c) for c in items(incident.get("components"))]
        mine = [c for c in affected if concerns(page, text(c.get("name")))]
        names = tuple(dict.fromkeys(text(c.get("name")) for c in mine))
        if not mine and affected:
            continue  # it names its components, and none is ours
        if not names:
            names = _named(page, text(incident.get("name")))
            if not names:
                continue
        covered.update(text(c.get("id")) or text(c.get("name")) for c in mine)
        severities = [COMPONENT_SEVERITY.get(text(c.get("status")).lower(), "") for c in mine]
        severities += [COMPONENT_SEVERITY.get(text(ours.get(text(c.get("id")), {}).get(
            "status")).lower(), "") for c in mine]
        severities = [s for s in severities if s]
        severity = max(severities, key=rank) if severities else IMPACT_SEVERITY.get(
            impact, "degraded")
        ident = text(incident.get("id")) or text(incident.get("name"))
        url = text(incident.get("shortlink"))
        if not url.startswith(("https://", "http://")):
            url = f"{page.page_url}/incidents/{ident}"
        out.append(Outage(
            provider=page.provider, id=f"{page.provider}:{ident}",
            title=text(incident.get("name")) or names[0], severity=severity, components=names,
            since=from_iso(incident.get("started_at")) or from_iso(incident.get("created_at")),
            url=url, status=status))
    for key, component in ours.items():
        state = COMPONENT_SEVERITY.get(text(component.get("status")).lower())
        if state is None or key in covered:
            continue
        name = text(component.get("name"))
        out.append(Outage(
            provider=page.provider, id=f"{page.provider}:component:{key}", title=name,
            severity=state, components=(name,), since=from_iso(component.get("updated_at")),
            url=page.page_url))
    out.sort(key=lambda o: -rank(o.severity))
    return tuple(out)
