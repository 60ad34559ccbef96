"""Views → the chart's words: each panel's title as the menu says it ("OpenAI ·
demo.user@… · 5-hour limit"), and the menu's order of accounts and windows, from the
windows the app last showed (the saved view beside the history file, or a snapshot) and,
for windows no longer shown, from the window's id. No matplotlib here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from tray_app.charts.series import ChartSeries, Key
from tray_app.i18n import t, window_label
from tray_app.i18n.catalog import CATALOG
from tray_app.model import ProviderUsage, Window
from tray_app.providers.names import PROVIDER_NAMES

ACCOUNT_CHARS = 16  # a longer account label is shortened ("demo.user@…")


def known_windows(providers: Iterable[ProviderUsage]) -> dict[Key, Window]:
    """Every window shown, in the menu's order (the dict's order)."""
    out: dict[Key, Window] = {}
    for usage in providers:
        for account in usage.accounts:
            for w in account.windows:
                out[(usage.id, account.label, w.id)] = w
    return out


def saved_windows(state_dir: Path) -> dict[Key, Window]:
    """The windows of the tray's saved view (last_view.json), read only; {} without one."""
    from tray_app.monitoring.store import VIEW_FILE, view_from_json

    try:
        data = json.loads((state_dir / VIEW_FILE).read_bytes().decode("utf-8"))
        view = view_from_json(data, as_saved=True)
    except (OSError, ValueError, TypeError, RecursionError):  # _Bad is a ValueError too
        return {}
    except Exception:  # a view this version cannot read costs the titles nothing else
        return {}
    return known_windows(status.usage for status in view.providers)


def window_words(window_id: str, lang: str, known: Window | None = None) -> str:
    if known is not None and (known.label_key or known.label):
        return window_label(known, lang)
    key = "window." + window_id.replace("-", "_")
    if key in CATALOG and "{" not in CATALOG[key]["en"]:
        return t(key, lang)
    for suffix, label in (("5h", "window.5h"), ("weekly", "window.weekly"),
                          ("monthly", "window.monthly"), ("daily", "window.daily")):
        if window_id.endswith(suffix):
            return t(label, lang)
    return window_id


def short_account(label: str) -> str:
    if len(label) <= ACCOUNT_CHARS:
        return label
    local, at, _domain = label.partition("@")
    if at and len(local) < ACCOUNT_CHARS:
        return local + "@…"
    return label[:ACCOUNT_CHARS - 1] + "…"


def title(series: ChartSeries, lang: str, known: Mapping[Key, Window]) -> str:
    sep = " · "
    return sep.join((PROVIDER_NAMES.get(series.provider, series.provider),
                     short_account(series.account),
                     window_words(series.window, lang, known.get(series.key))))


def order(known: Mapping[Key, Window]) -> dict[Key, int]:
    return {key: i for i, key in enumerate(known)}
