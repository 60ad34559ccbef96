"""The MCP tools' answers as plain JSON data, read from the shared saved view exactly like the
status bars: `ViewSource.current(max_age)` prints the saved numbers while they are young enough
and otherwise makes (or waits for) the one shared refresh, so any number of agents asking costs
no more provider requests than one status bar. No SDK import here (server.py has it).

The documents are those of `status --json` and `guard --json` (docs/json-schema.md, "MCP
tools"): the same builders, so the numbers cannot drift apart."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from tray_app.config import Settings
from tray_app.i18n import t
from tray_app.model import utcnow
from tray_app.monitoring.shared_refresh import Current
from tray_app.providers.names import PROVIDER_IDS

DEFAULT_MAX_AGE = 60.0  # as the bar formats and guard
VERDICTS = {0: "ok", 1: "over", 69: "unavailable"}


class ToolInputError(Exception):
    """A tool argument that cannot be answered; the message (localized) names the fix."""


class ViewSourceLike(Protocol):
    settings: Settings

    def current(self, max_age: float, *, bar: bool = False) -> Current: ...


class Answers:
    """One per server process. Tools run on the SDK's worker threads; the source (and its
    engine) is used by one call at a time."""

    def __init__(self, source: ViewSourceLike, *, lang: str, max_age: float = DEFAULT_MAX_AGE,
                 demo: bool = False, clock: Callable[[], datetime] = utcnow) -> None:
        self._source = source
        self.lang = lang
        self.max_age = max_age
        self.demo = demo
        self._clock = clock
        self._lock = threading.Lock()

    def current(self) -> Current:
        with self._lock:
            # as a status bar: a stuck refresh elsewhere shows the saved numbers as stale
            return self._source.current(self.max_age, bar=True)

    def _provider_id(self, provider: str | None) -> str | None:
        if provider is None or not provider.strip():
            return None
        wanted = provider.strip().lower()
        if wanted not in PROVIDER_IDS:
            raise ToolInputError(t("mcp.unknown_provider", self.lang, provider=provider,
                                   ids=", ".join(PROVIDER_IDS)))
        return wanted

    def quota_status(self, provider: str | None = None,
                     account: str | None = None) -> dict[str, Any]:
        """The `status --json` document of the shared view, narrowed to one provider and/or
        one account (its label: e-mail, user name or masked key)."""
        from tray_app.cli.shared_view import view_json

        wanted = self._provider_id(provider)
        cur = self.current()
        doc = view_json(cur, self._source.settings, self.lang, demo=self.demo)
        providers: list[dict[str, Any]] = doc["providers"]
        if wanted is not None:
            providers = [p for p in providers if p["id"] == wanted]
        if account is not None and account.strip():
            label = account.strip().lower()
            known = sorted({a["label"] for p in providers for a in p["accounts"]})
            narrowed = [{**p, "accounts": [a for a in p["accounts"]
                                           if a["label"].lower() == label]} for p in providers]
            providers = [p for p in narrowed if p["accounts"]]
            if not providers:
                raise ToolInputError(t("mcp.unknown_account", self.lang, account=account,
                                       labels=", ".join(known) or "-"))
        doc["providers"] = providers
        if wanted is not None:
            doc["incidents"] = [i for i in doc["incidents"] if i["provider"] == wanted]
        return doc

    def quota_check(self, provider: str, window: str | None = None,
                    max_used: float | None = None) -> dict[str, Any]:
        """guard's answer: `verdict` ok / over / unavailable and `exit_code` 0 / 1 / 69, with
        the windows that were checked. `max_used` defaults to the warning threshold."""
        from tray_app.cli.guard import judge, verdict_json

        wanted = self._provider_id(provider)
        if wanted is None:
            raise ToolInputError(t("mcp.provider_required", self.lang,
                                   ids=", ".join(PROVIDER_IDS)))
        limit = float(self._source.settings.threshold if max_used is None else max_used)
        if not 0 <= limit <= 100:
            raise ToolInputError(t("mcp.bad_percent", self.lang, value=max_used))
        window_id = window.strip() if window is not None and window.strip() else None
        cur = self.current()
        verdict = judge(cur, wanted, window_id, max_used=limit, min_left=None, lang=self.lang,
                        now=self._clock())
        doc = verdict_json(verdict, cur, wanted)
        from tray_app.outages.text import incidents_json, of_provider, reports_outage

        outages = of_provider(cur.view.outages, wanted)
        if outages and verdict.code != 0:  # the provider's own page explains it
            doc["message"] += f" ({reports_outage(wanted, self.lang)})"
        return {
            **doc,
            "incidents": incidents_json(outages),
            "verdict": VERDICTS.get(verdict.code, "unavailable"),
            "exit_code": verdict.code,
            "provider": wanted,
            "window": window_id,
            "max_used": limit,
        }
