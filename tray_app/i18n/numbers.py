"""Locale-aware numbers, money, percentages and dates for every view: the one formatter.

The only importer of Babel (CLDR data), and lazily: nothing is loaded until a function here is
first called, so importing this module costs the tray nothing. Languages are the app's own
(`en`, `zh-TW`, `zh-CN`, see `tray_app.i18n.LANGUAGES`); each maps to one CLDR locale.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from babel import Locale

_CLDR = {"en": "en_US", "zh-TW": "zh_Hant_TW", "zh-CN": "zh_Hans_CN"}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(_CLDR.get(lang, "en_US"))


def number(value: float, lang: str = "en", *, digits: int = 0) -> str:
    """A grouped number with a fixed count of decimals: 1,500 · 786.50 (digits=2)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(format_decimal(value, format=pattern, locale=_locale(lang)))


def compact(value: float, lang: str = "en") -> str:
    """Up to one decimal, without trailing zeros: 786.5 · 1,500 · 0.5."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 1), format="#,##0.#", locale=_locale(lang)))


def money(amount: float, currency: str = "USD", lang: str = "en", *, digits: int = 2) -> str:
    """$4.10 · US$4.10 (zh-TW) · US$4.10 (zh-CN): the currency as the locale writes it."""
    from babel.numbers import format_currency

    pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(
        format_currency(amount, currency, format=pattern, locale=_locale(lang),
                        currency_digits=False)
    )


def month_day(day: date | datetime, lang: str = "en") -> str:
    """A short date without the year: Dec 6 · 12月6日."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMd", day, locale=_locale(lang)))


def weekday_short(day: date | datetime, lang: str = "en") -> str:
    """Sun · 週日 · 周日."""
    from babel.dates import format_date

    return str(format_date(day, "EEE", locale=_locale(lang)))


def month_name(day: date | datetime, lang: str = "en") -> str:
    """A month on its own for axis labels: Dec · 12月."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMM", day, locale=_locale(lang)))


# ------------------------------------------------------------------ chart axes (charts/plot.py)
# Added by the chart work: the History chart's tick labels and times, in the language's own
# words (12月6日, not Dec 6), from the same CLDR data.


def clock(when: datetime, lang: str = "en") -> str:
    """A time of day on the 24-hour clock: 21:52 (every language)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("Hm", when, locale=_locale(lang)))


def axis_date(when: datetime, lang: str = "en", *, with_time: bool = False) -> str:
    """A tick label: Dec 6 · 12月6日; with the time: Dec 6, 21:00 · 12月6日 21:00."""
    from babel.dates import format_skeleton

    day = str(format_skeleton("MMMd", when, locale=_locale(lang)))
    return f"{day} {clock(when, lang)}" if with_time else day


def axis_weekday(when: datetime, lang: str = "en") -> str:
    """A tick label with the weekday: Sun 6 · 6日 週日 (a two-week axis)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMEd", when, locale=_locale(lang)))
