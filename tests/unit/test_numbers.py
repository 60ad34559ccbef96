"""The one formatter: numbers, percentages and money from the small CLDR table in
tray_app/i18n/numbers.py equal Babel's output (the CLDR reference) in all three languages for
thousands of values, so the tray never needs to load Babel (~7.8 MiB); the tray's import path
stays free of Babel even when it formats amounts and money."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
from hypothesis import given
from hypothesis import strategies as st
from mystatus_testkit.cli import ROOT

from tray_app.i18n import LANGUAGES, numbers

CLDR = {"en": "en_US", "zh-TW": "zh_Hant_TW", "zh-CN": "zh_Hans_CN"}
rng = random.Random(18)
VALUES = ([0.0, 0.5, 1.5, 2.5, 2.675, 0.125, 0.05, 0.15, 999.995, 1000, 1500, 786.5, 786.505,
           1e-05, 1.5e16, 123456789.125, -4.1, -0.001, -1234.5]
          + [round(rng.uniform(0, 10 ** rng.randint(0, 9)), rng.randint(0, 6))
             for _ in range(600)])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_is_cldr(lang: str) -> None:
    loc = Locale.parse(CLDR[lang])
    assert numbers.DECIMAL[lang] == get_decimal_symbol(loc)
    assert numbers.GROUP[lang] == get_group_symbol(loc)
    for code, symbol in numbers.CURRENCY[lang].items():
        assert symbol == get_currency_symbol(code, loc), (lang, code)
    assert loc.percent_formats[None].pattern == "#,##0%"
    assert loc.currency_formats["standard"].pattern.split(";")[0] == "¤#,##0.00"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_equal_babel(lang: str) -> None:
    loc = Locale.parse(CLDR[lang])
    for v in VALUES:
        assert numbers.number(v, lang) == format_decimal(v, "#,##0", locale=loc), v
        assert numbers.number(v, lang, digits=2) == format_decimal(v, "#,##0.00", locale=loc), v
        assert numbers.compact(v, lang) == format_decimal(v, "#,##0.#", locale=loc), v
        assert numbers.compact(v, lang, digits=2) == format_decimal(v, "#,##0.##", locale=loc), v
        for code in numbers.CURRENCY[lang]:
            assert numbers.money(v, code, lang) == format_currency(
                v, code, "¤#,##0.00", locale=loc, currency_digits=False), (v, code)
    for pct in range(0, 1001):
        assert numbers.percent(pct, lang) == format_percent(pct / 100, locale=loc)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_any_float_equals_babel(value: float) -> None:
    loc = Locale.parse("en_US")
    assert numbers.number(value, "en", digits=2) == format_decimal(value, "#,##0.00", locale=loc)
    assert numbers.compact(value, "en") == format_decimal(value, "#,##0.#", locale=loc)


def test_a_currency_outside_the_table_still_formats() -> None:
    assert numbers.money(4.1, "CHF", "en") == format_currency(
        4.1, "CHF", "¤#,##0.00", locale="en_US", currency_digits=False)


PROBE = """
import json, sys
from datetime import datetime, timedelta, timezone
import tray_app.tray.app, tray_app.tray.services, tray_app.tray.icon
from tray_app.tray.menu import build_menu
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.model import Account, ProviderUsage, Window
from tray_app.config import Settings
now = datetime.now(timezone.utc)
windows = (Window("extra-usage", "Extra", 69.0, used=34.62, limit=50.0, unit="USD"),
           Window("credits", "Credits", 52.4, used=786.5, limit=1500, unit="credits"),
           Window("5h", "5h", 46.0, used=4.6e6, limit=1e7, unit="tokens",
                  resets_at=now + timedelta(hours=2), window_seconds=18000))
view = TrayView(providers=(ProviderStatus(ProviderUsage("claude", "Claude",
                (Account("me", windows=windows),))),), updated_at=now)
texts = []
for lang in ("en", "zh-TW", "zh-CN"):
    def walk(es):
        for e in es:
            texts.append(e.text); walk(e.children)
    walk(build_menu(view, Settings(), lang, now, pat_present=False))
print(json.dumps([any("$34.62" in t or "US$34.62" in t for t in texts),
                  any("1,500" in t for t in texts),
                  sorted(m for m in sys.modules if m == "babel" or m.startswith("babel."))]))
"""


def test_the_tray_formats_amounts_without_babel() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == [True, True, []]
