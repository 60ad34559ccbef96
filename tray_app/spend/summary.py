"""What the tray shows of spend: today, 7 days and 30 days (local days, today included), and
the 30 days per tool and model; pure functions on report rows, plus the texts in every
language (rendered by the scan child, so the tray formats nothing and loads no Babel)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tray_app.spend.report import Row

PERIODS = {"today": 1, "week": 7, "month": 30}
TOOL_NAMES = {"claude-code": "Claude Code", "codex": "Codex", "opencode": "OpenCode"}


@dataclass
class Summary:
    day: str  # today, YYYY-MM-DD in the zone
    today: float = 0.0
    week: float = 0.0
    month: float = 0.0
    unknown: bool = False  # some usage in the 30 days has no price (left out of the sums)
    # tool → model → (30-day cost or None when unpriced, 30-day tokens)
    models: dict[str, dict[str, tuple[float | None, int]]] = field(default_factory=dict)


def summarize(rows: Iterable[Row], today: date) -> Summary:
    """Costs of the last 1, 7 and 30 local days from day rows (by="day")."""
    out = Summary(day=today.isoformat())
    starts = {name: today - timedelta(days=n - 1) for name, n in PERIODS.items()}
    for row in rows:
        if row.date is None:
            continue
        day = date.fromisoformat(row.date)
        if day > today or day < starts["month"]:
            continue
        cost = row.cost_usd
        if cost is None:
            out.unknown = True
        for name, start in starts.items():
            if day >= start and cost is not None:
                setattr(out, name, getattr(out, name) + cost)
        per_tool = out.models.setdefault(row.tool, {})
        seen_cost, seen_tokens = per_tool.get(row.model or "unknown", (0.0, 0))
        tokens = row.input_tokens + row.output_tokens + row.cache_read_tokens \
            + row.cache_write_tokens
        per_tool[row.model or "unknown"] = (
            None if seen_cost is None or cost is None else seen_cost + cost,
            seen_tokens + tokens)
    return out


def _money(value: float, lang: str) -> str:
    from tray_app.i18n.numbers import money

    return money(value, "USD", lang, digits=2 if value < 100 else 0)


def texts(summary: Summary, lang: str) -> dict[str, Any]:
    """The menu's words for `lang`: the line, and per tool its title and model lines."""
    from tray_app.i18n import t

    line = t("menu.spend", lang, today=_money(summary.today, lang),
             week=_money(summary.week, lang), month=_money(summary.month, lang))
    tools = []
    for tool, models in sorted(summary.models.items()):
        known = [c for c, _ in models.values() if c is not None]
        title = f"{TOOL_NAMES.get(tool, tool)}: {_money(sum(known), lang)}"
        lines = []
        for model, (cost, _tokens) in sorted(models.items(),
                                             key=lambda kv: -(kv[1][0] or 0.0)):
            if cost is None:
                lines.append(t("menu.spend_unknown", lang, model=model))
            else:
                lines.append(t("menu.spend_model", lang, model=model,
                               month=_money(cost, lang)))
        tools.append({"title": title, "models": lines})
    return {"line": line, "tools": tools}
