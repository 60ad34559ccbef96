"""When to notify about an incident (pure, table-tested): once when it starts, once when it is
resolved, per incident. Only incidents count (a component degraded without an incident
is shown but not announced: an incident posted for it later would otherwise notify twice).
An incident "is resolved" only when its provider's page answered and no longer lists it: a
page that does not answer resolves nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from tray_app.i18n import t
from tray_app.outages.model import Outage
from tray_app.outages.text import outage_line, severity_text
from tray_app.providers.names import PROVIDER_NAMES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutageAlert:
    kind: Literal["started", "resolved"]
    key: str  # the outage id
    title: str
    body: str


def is_incident(outage: Outage) -> bool:
    return ":component:" not in outage.id


def decide(announced: Mapping[str, Outage], current: tuple[Outage, ...],
           answered: frozenset[str], now: datetime, lang: str
           ) -> tuple[list[OutageAlert], dict[str, Outage]]:
    """(alerts, the new announced set). `answered`: providers whose page answered now."""
    alerts: list[OutageAlert] = []
    state = dict(announced)
    for o in current:
        if is_incident(o) and o.id not in state:
            name = PROVIDER_NAMES.get(o.provider, o.provider)
            alerts.append(OutageAlert(
                "started", o.id, t("outage.started_title", lang, provider=name,
                                   severity=severity_text(o, lang)),
                f"{outage_line(o, now, lang)} · {o.title} · {o.url}"))
            state[o.id] = o
    live = {o.id for o in current}
    for key, o in announced.items():
        if key not in live and o.provider in answered:
            name = PROVIDER_NAMES.get(o.provider, o.provider)
            alerts.append(OutageAlert("resolved", key,
                                      t("outage.resolved_title", lang, provider=name),
                                      f"{o.title} · {o.url}"))
            del state[key]
    return alerts, state


class Announcer:
    """The tray's side: `decide` over the incidents announced so far (kept in
    outage_alerts.json across restarts), then `notify(title, body)` for each alert."""

    def __init__(self, path: Path, notify: Callable[[str, str], object],
                 lang: Callable[[], str], clock: Callable[[], datetime]) -> None:
        from tray_app.outages.store import load_announced

        self._path = path
        self._notify = notify
        self._lang = lang
        self._clock = clock
        self._announced = load_announced(path)

    def __call__(self, current: tuple[Outage, ...], answered: frozenset[str]) -> None:
        from tray_app.outages.store import save_announced

        alerts, state = decide(self._announced, current, answered, self._clock(), self._lang())
        if state != self._announced:
            self._announced = state  # saved before delivery: at worst one is lost, never twice
            try:
                save_announced(state, self._path)
            except OSError as exc:
                log.warning("cannot save %s: %s", self._path, exc)
        for alert in alerts:
            self._notify(alert.title, alert.body)
