"""The words every view shares for an outage (pure): the one line ("⚠ Partial outage: Claude
Code, since 14:05"), the provider error's note ("Claude reports an outage"), the lines of the
`status` text report and the bar tooltip, and the `incidents` JSON (docs/json-schema.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from tray_app.i18n import t
from tray_app.monitoring.wording import clock
from tray_app.outages.model import Outage, worst
from tray_app.outages.store import outage_to_json
from tray_app.providers.names import PROVIDER_NAMES

WARN = "⚠"


def severity_text(outage: Outage, lang: str) -> str:
    return t(f"outage.{outage.severity}", lang)


def outage_line(outage: Outage, now: datetime, lang: str) -> str:
    """"Partial outage: Claude Code, since 14:05" (no mark)."""
    what = ", ".join(outage.components) or outage.title
    if outage.since is None:
        return t("outage.line_nosince", lang, severity=severity_text(outage, lang), what=what)
    return t("outage.line", lang, severity=severity_text(outage, lang), what=what,
             time=clock(outage.since, now, lang))


def of_provider(outages: Iterable[Outage], provider: str) -> tuple[Outage, ...]:
    return tuple(o for o in outages if o.provider == provider)


def reports_outage(provider: str, lang: str) -> str:
    """"OpenAI reports an outage": beside a provider's error while its page shows one."""
    return t("outage.reports", lang, provider=PROVIDER_NAMES.get(provider, provider))


def report_lines(outages: Iterable[Outage], now: datetime, lang: str,
                 failed: Iterable[str] = ()) -> list[str]:
    """The lines `status` prints after the report, and the bar tooltip shows: one per
    outage, the provider first; "reports an outage" for a provider whose numbers failed."""
    failed = set(failed)
    lines = []
    for o in outages:
        name = PROVIDER_NAMES.get(o.provider, o.provider)
        head = reports_outage(o.provider, lang) if o.provider in failed else name
        lines.append(f"{WARN} {head}: {outage_line(o, now, lang)} · {o.title} · {o.url}")
    return lines


def provider_mark(outages: Iterable[Outage], provider: str, lang: str) -> str:
    """What the provider's menu line gains: "⚠ Partial outage" (worst), or ""."""
    found = worst(of_provider(outages, provider))
    return f"{WARN} {severity_text(found, lang)}" if found is not None else ""


def incidents_json(outages: Iterable[Outage]) -> list[dict[str, Any]]:
    return [outage_to_json(o) for o in outages]
