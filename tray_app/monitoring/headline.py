"""The one number a glance shows (the icon's, a status bar's, a guard's): which window of which
account, its percentage as the user chose to see it (used or left) and its severity class.
Toolkit-free, so the CLI and the bars share it with the tray icon's rules.

The headline rule (README "The headline rule"): the pinned window when it still exists; else the
most used *subscription* window (5-hour, daily, weekly, monthly quotas: what blocks the user);
money budgets (a window counted in a currency, such as Claude's "Extra usage (monthly)") only
when no subscription window has a number. Ties go to registry order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tray_app.config import Settings
from tray_app.model import Window
from tray_app.monitoring.state import Located, enabled, is_transient, known_windows
from tray_app.monitoring.view import TrayView
from tray_app.report.format import percent_number

# The classes a status bar styles: ok below 50 % used, warning below the threshold, high at or
# above it; stale when the number is kept from an earlier refresh; error when there is none
# because something failed.
BarClass = Literal["ok", "warning", "high", "stale", "error", "none"]
CALM_BELOW = 50.0
# Windows that are a money budget even when their unit is not a currency code.
BUDGET_IDS = frozenset({"extra-usage"})


def is_budget(window: Window) -> bool:
    """A money budget (spending on top of the plan), not a subscription quota: counted in a
    currency (an ISO 4217 code such as "USD") or one of `BUDGET_IDS`."""
    unit = window.unit or ""
    return window.id in BUDGET_IDS or (len(unit) == 3 and unit.isalpha() and unit.isupper())


@dataclass(frozen=True)
class Headline:
    located: Located | None  # None: no number (nothing configured, or everything failed)
    number: int | None  # what the icon draws (used or left, by the settings), 0..999
    severity: BarClass  # by USED %, whatever is shown: ok | warning | high (| error | none)
    stale: bool
    needs_user: bool  # an error only the user can fix (login, key, file)
    errors: int  # errors in the view (problems, providers, accounts)

    @property
    def classes(self) -> tuple[BarClass, ...]:
        """The severity first, then "stale" when the number is old."""
        return (self.severity, "stale") if self.stale else (self.severity,)


def severity_of(used: float, threshold: float) -> BarClass:
    if used >= threshold:
        return "high"
    return "ok" if used < CALM_BELOW else "warning"


def choose(view: TrayView, settings: Settings) -> Located | None:
    """The pinned window when it still exists, else the most used subscription window, else
    the most used budget (registry order breaks ties: max() keeps the first of equals)."""
    located = list(known_windows(view, settings))
    pinned = next((loc for loc in located if loc.source == settings.pinned), None)
    if pinned is not None:
        return pinned
    return most_used(located)


def most_used(located: list[Located]) -> Located | None:
    """The headline among `located` without a pin: subscription windows before budgets."""
    quotas = [loc for loc in located if not is_budget(loc.window)]
    return max(quotas or located, key=lambda loc: loc.window.used_percent or 0.0, default=None)


def headline(view: TrayView, settings: Settings) -> Headline:
    statuses = enabled(view, settings)
    errors = list(view.problems)
    for s in statuses:
        errors += [e for e in (s.error, *(a.error for a in s.usage.accounts)) if e is not None]
    needs_user = any(not is_transient(e) for e in errors)
    chosen = choose(view, settings)
    if chosen is None:
        return Headline(None, None, "error" if errors else "none", view.from_disk,
                        needs_user, len(errors))
    used = chosen.window.used_percent or 0.0
    shown = used if settings.show == "used" else max(0.0, 100.0 - used)
    return Headline(
        located=chosen,
        number=min(999, max(0, percent_number(shown))),
        severity=severity_of(used, settings.threshold),
        stale=chosen.stale or view.from_disk,
        needs_user=needs_user,
        errors=len(errors),
    )
