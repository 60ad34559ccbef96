"""The History window's spend-per-day panel, as data: one series of daily cost per model
(stacked in the chart), every day of the range present (0 where nothing was spent). Pure; the
plotting belongs to charts/ (the one matplotlib adapter)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tray_app.spend.report import Row

OTHER = "other"


@dataclass(frozen=True)
class SpendSeries:
    days: tuple[date, ...]
    # label ("tool · model", or OTHER) → cost per day, costliest first
    stacks: dict[str, tuple[float, ...]] = field(default_factory=dict)
    unpriced_days: tuple[date, ...] = ()  # days with usage of a model without a price

    @property
    def totals(self) -> tuple[float, ...]:
        return tuple(sum(v[i] for v in self.stacks.values()) for i in range(len(self.days)))


def spend_per_day(rows: Iterable[Row], first: date, last: date, top: int = 6) -> SpendSeries:
    """Daily cost per model over [first, last] from day rows; beyond the `top` costliest
    models the rest is one OTHER stack."""
    days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    index = {d: i for i, d in enumerate(days)}
    per: dict[str, list[float]] = {}
    unpriced: set[date] = set()
    for row in rows:
        if row.date is None:
            continue
        day = date.fromisoformat(row.date)
        if day not in index:
            continue
        if row.cost_usd is None:
            unpriced.add(day)
            continue
        label = f"{row.tool} · {row.model}" if row.model else row.tool
        per.setdefault(label, [0.0] * len(days))[index[day]] += row.cost_usd
    ranked = sorted(per.items(), key=lambda kv: -sum(kv[1]))
    stacks = {label: tuple(values) for label, values in ranked[:top]}
    if len(ranked) > top:
        rest = [0.0] * len(days)
        for _, values in ranked[top:]:
            for i, v in enumerate(values):
                rest[i] += v
        stacks[OTHER] = tuple(rest)
    return SpendSeries(days, stacks, tuple(sorted(unpriced)))


def load(days: int, today: date, zone_name: str | None = None, path: Path | None = None,
         overrides: Mapping[str, Mapping[str, float]] | None = None) -> SpendSeries:
    """The last `days` days from the spend store as it is (no scan: the chart's process only
    reads; the tray's scan child keeps the store fresh)."""
    from tray_app.spend import report, zone
    from tray_app.spend.prices import Book, data_stamp
    from tray_app.spend.store import Store, default_path

    where = zone.named(zone_name) if zone_name else zone.local()
    first = today - timedelta(days=days - 1)
    store = Store(path or default_path())
    try:
        bounds = report.minute_bounds(where, first, today)
        built = report.build(store.groups(*bounds), where, since=first, until=today,
                             book=Book(overrides, store.price_cache(), data_stamp()))
    finally:
        store.close()
    return spend_per_day(built.rows, first, today)


def stored(days: int, today: date, path: Path | None = None) -> SpendSeries | None:
    """The History window's panel from the spend store; None (no panel, no error) when there
    is no store yet, it cannot be read, or nothing was spent in the range. Never creates it."""
    import sqlite3

    from tray_app.spend.store import default_path

    path = path or default_path()
    if not path.is_file():
        return None
    try:
        found = load(days, today, path=path)
    except (sqlite3.Error, OSError, ValueError):
        return None
    return found if any(found.totals) else None


def demo(days: int, today: date) -> SpendSeries:
    """The demo's panel: the logs `spend --demo` generates (spend/synthetic.py), scanned into
    a store in a temporary folder, in the local zone: the same figures `spend --demo` prints."""
    import tempfile

    from tray_app.spend import report, scanner, synthetic, zone
    from tray_app.spend.prices import Book, data_stamp
    from tray_app.spend.store import Store

    where = zone.local()
    first = today - timedelta(days=days - 1)
    with tempfile.TemporaryDirectory(prefix="mystatus-spend-demo-") as tmp:
        root = Path(tmp)
        env = synthetic.demo_logs(root, today, where.info)
        with Store(root / "spend.sqlite3") as store:
            scanner.scan(store, env)
            built = report.build(store.groups(*report.minute_bounds(where, first, today)),
                                 where, since=first, until=today,
                                 book=Book(None, store.price_cache(), data_stamp()))
    return spend_per_day(built.rows, first, today)
