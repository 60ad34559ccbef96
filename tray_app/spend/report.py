"""Rows and totals for a zone, a date range and a grouping, from the store's quarter-hour UTC
groups: each group's local date is computed in the zone asked for (any zone, whatever zone the
scan ran in), then costs are added (log → prices → unknown)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from tray_app.spend.prices import Book
from tray_app.spend.store import Group
from tray_app.spend.zone import Zone

BY = ("day", "model", "tool")
TOKEN_FIELDS = ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                "reasoning_tokens")
FAR = 2**40  # minutes: beyond any log


@dataclass
class Row:
    date: str | None  # YYYY-MM-DD in the zone; None when grouped by model or tool
    tool: str
    model: str | None  # None when grouped by tool
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    reasoning_tokens: int = 0
    cost_usd: float | None = 0.0
    cost_source: str = "prices"  # "log" | "prices" | "unknown"
    _sources: set[str] = field(default_factory=set, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "tool": self.tool, "model": self.model,
                **{name: getattr(self, name) for name in TOKEN_FIELDS},
                "cost_usd": _money(self.cost_usd), "cost_source": self.cost_source}


@dataclass
class Report:
    zone: Zone
    rows: list[Row]
    totals: dict[str, Any]
    since: date | None = None
    until: date | None = None
    by: str = "day"


def _money(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def minute_bounds(zone: Zone, since: date | None, until: date | None) -> tuple[int, int]:
    """UTC epoch minutes [start, end) of the local days since..until (inclusive)."""
    def start_of(day: date) -> int:
        moment = datetime.combine(day, time(0), tzinfo=zone.info)
        return int(moment.timestamp() // 60)

    start = start_of(since) if since is not None else -FAR
    end = start_of(until + timedelta(days=1)) if until is not None else FAR
    return start, end


def local_dates(zone: Zone) -> Any:
    """A cached quarter-hour → local date function for `zone`."""
    cache: dict[int, date] = {}

    def of(quarter: int) -> date:
        found = cache.get(quarter)
        if found is None:
            found = datetime.fromtimestamp(quarter * 900, zone.info).date()
            cache[quarter] = found
        return found

    return of


def build(groups: Iterable[Group], zone: Zone, *, by: str = "day",
          since: date | None = None, until: date | None = None,
          overrides: Mapping[str, Mapping[str, float]] | None = None,
          book: Book | None = None) -> Report:
    day_of = local_dates(zone)
    rows: dict[tuple[Any, ...], Row] = {}
    book = book or Book(overrides)
    for g in groups:
        day = day_of(g.quarter)
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        if by == "tool":
            key: tuple[Any, ...] = (None, g.tool, None)
        elif by == "model":
            key = (None, g.tool, g.model)
        else:
            key = (day.isoformat(), g.tool, g.model)
        row = rows.get(key)
        if row is None:
            row = rows[key] = Row(*key)
        row.input_tokens += g.input
        row.output_tokens += g.output
        row.cache_read_tokens += g.cache_read
        row.cache_write_tokens += g.cache_write
        row.reasoning_tokens += g.reasoning
        if g.cost is not None:
            cost: float | None = g.cost
            row._sources.add("log")
        else:
            price = book.price(g.model)
            if price is None:
                cost = None
                row._sources.add("unknown")
            else:
                cost = price.cost(g.large, g.input, g.output, g.cache_read, g.cache_write)
                row._sources.add("prices")
        if cost is None or row.cost_usd is None:
            row.cost_usd = None
        else:
            row.cost_usd += cost
    ordered = sorted(rows.values(), key=lambda r: (r.date or "", r.tool, r.model or ""))
    totals: dict[str, Any] = {name: 0 for name in TOKEN_FIELDS}
    total_cost = 0.0
    for row in ordered:
        if "unknown" in row._sources:
            row.cost_source, row.cost_usd = "unknown", None
        elif row._sources == {"log"}:
            row.cost_source = "log"
        else:
            row.cost_source = "prices"
        for name in TOKEN_FIELDS:
            totals[name] += getattr(row, name)
        total_cost += round(row.cost_usd or 0.0, 6)  # the rows as printed add up
    totals["cost_usd"] = _money(total_cost)
    return Report(zone, ordered, totals, since, until, by)


def to_json(report: Report, scan: Mapping[str, Any]) -> dict[str, Any]:
    return {"schema": 1, "timezone": report.zone.name, "currency": "USD",
            "rows": [row.to_json() for row in report.rows], "totals": report.totals,
            "scan": dict(scan)}
