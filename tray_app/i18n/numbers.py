"""Locale-aware numbers, money, percentages and dates for every view: the one formatter.

Numbers, percentages and money come from a small table of CLDR symbols for the app's three
languages (`en`, `zh-TW`, `zh-CN`: see `tray_app.i18n.LANGUAGES`), formatted here in plain
Python: loading Babel costs the long-lived tray ~8 MiB of RSS (`python -m bench.numbers_memory`,
README "Performance"), far above what a menu's numbers are worth. tests/unit/test_numbers.py proves
the table and these functions equal to Babel's output (CLDR patterns `#,##0`, `#,##0.00`,
`#,##0.#`, `¤#,##0.00`, `#,##0%`, half-even rounding of the shortest decimal form) for
thousands of values. Babel (the only importer, lazily) is used for what the table lacks: a
currency not in it, and the dates of the History chart (a separate process).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from babel import Locale

_CLDR = {"en": "en_US", "zh-TW": "zh_Hant_TW", "zh-CN": "zh_Hans_CN"}
# CLDR 4x number symbols of the three locales (decimal, group) and currency symbols; the
# percent pattern is "#,##0%" and the currency pattern "¤#,##0.00" in all three.
DECIMAL = {"en": ".", "zh-TW": ".", "zh-CN": "."}
GROUP = {"en": ",", "zh-TW": ",", "zh-CN": ","}
CURRENCY = {
    "en": {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "CN¥", "JPY": "¥", "TWD": "NT$"},
    "zh-TW": {"USD": "US$", "EUR": "€", "GBP": "£", "CNY": "CN¥", "JPY": "¥", "TWD": "$"},
    "zh-CN": {"USD": "US$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "JP¥", "TWD": "NT$"},
}


def _lang(lang: str) -> str:
    return lang if lang in _CLDR else "en"


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(_CLDR.get(lang, "en_US"))


def _half_even(value: float, digits: int) -> tuple[str, str]:
    """(integer digits, `digits` fraction digits) of |value| rounded half to even from its
    shortest decimal form (what `str()` prints), as Babel rounds a float."""
    text = repr(abs(float(value))).lower()
    mantissa, _, exp = text.partition("e")
    whole, _, frac = mantissa.partition(".")
    scale = len(frac) - (int(exp) if exp else 0)  # |value| = int(whole + frac) / 10**scale
    n = int(whole + frac)
    shift = scale - digits
    if shift <= 0:
        m = n * 10 ** (-shift)
    else:
        m, rest = divmod(n, 10 ** shift)
        half = 5 * 10 ** (shift - 1)
        if rest > half or (rest == half and m % 2 == 1):
            m += 1
    out = str(m).rjust(digits + 1, "0")
    return (out[:-digits], out[-digits:]) if digits else (out, "")


def _group(whole: str, lang: str) -> str:
    sep = GROUP[_lang(lang)]
    head = len(whole) % 3 or 3
    return sep.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])


def _format(value: float, lang: str, low: int, high: int) -> str:
    """`#,##0` with `low` to `high` fraction digits (trailing zeros beyond `low` dropped)."""
    whole, frac = _half_even(value, high)
    frac = frac.rstrip("0").ljust(low, "0") if high > low else frac
    text = _group(whole, lang) + (DECIMAL[_lang(lang)] + frac if frac else "")
    return ("-" if repr(float(value)).startswith("-") else "") + text  # -0.0 too, as CLDR


def number(value: float, lang: str = "en", *, digits: int = 0) -> str:
    """A grouped number with a fixed count of decimals: 1,500 · 786.50 (digits=2)."""
    return _format(value, lang, digits, digits)


def compact(value: float, lang: str = "en", *, digits: int = 1) -> str:
    """Up to `digits` decimals, without trailing zeros: 786.5 · 1,500 · 0.5."""
    return _format(value, lang, 0, digits)


def percent(value: float, lang: str = "en") -> str:
    """A percentage already rounded for display (report.format.percent_number): 46%."""
    return _format(value, lang, 0, 0) + "%"


def money(amount: float, currency: str = "USD", lang: str = "en", *, digits: int = 2) -> str:
    """$4.10 · US$4.10 (zh-TW) · US$4.10 (zh-CN): the currency as the locale writes it."""
    symbol = CURRENCY[_lang(lang)].get(currency.upper())
    if symbol is None:  # not in the table: ask CLDR (never the case for the tray's windows)
        from babel.numbers import format_currency

        pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
        return str(format_currency(amount, currency, format=pattern, locale=_locale(lang),
                                   currency_digits=False))
    text = _format(abs(amount), lang, digits, digits)
    return ("-" if repr(float(amount)).startswith("-") else "") + symbol + text


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
