"""A provider's outages in the tray menu (pure): the provider's line gains "⚠ Partial
outage", its submenu opens with "⚠ Partial outage: Claude Code, since 14:05", the incident's
name and a link to its page, and "Claude reports an outage" when its numbers failed too.
tray/menu.py calls `with_outages` once per provider line."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tray_app.i18n import t
from tray_app.monitoring.view import ProviderStatus
from tray_app.outages.model import Outage
from tray_app.outages.text import WARN, of_provider, outage_line, provider_mark, reports_outage
from tray_app.tray.menu import MenuEntry


def outage_entries(outages: tuple[Outage, ...], lang: str, now: datetime,
                   failed: bool) -> list[MenuEntry]:
    out: list[MenuEntry] = []
    if failed and outages:
        out.append(MenuEntry(f"{WARN} {reports_outage(outages[0].provider, lang)}"))
    for o in outages:
        out.append(MenuEntry(f"{WARN} {outage_line(o, now, lang)}"))
        if o.title and o.title not in o.components:
            out.append(MenuEntry(f"    {o.title}"))
        if o.url.startswith(("https://", "http://")):
            out.append(MenuEntry(f"    {t('outage.open', lang)}", f"open:{o.url}"))
    return out


def with_outages(entry: MenuEntry, status: ProviderStatus, outages: tuple[Outage, ...],
                 lang: str, now: datetime) -> MenuEntry:
    """`entry` (a provider's line) with its outages, or unchanged when it has none."""
    mine = of_provider(outages, status.usage.id)
    if not mine:
        return entry
    failed = status.error is not None or status.stale or status.usage.failed
    mark = provider_mark(mine, status.usage.id, lang)
    children = tuple(outage_entries(mine, lang, now, failed)) + entry.children
    return replace(entry, text=f"{entry.text} · {mark}", children=children)
