"""What formatting numbers costs the tray's memory: `python -m bench.numbers_memory`.

Each measurement is a fresh interpreter that imports what the tray imports (its menu, icon,
alerts and notifier modules), then formats the menu's numbers, money and percentages in the
three languages — once with the table of tray_app/i18n/numbers.py (what the tray does), once
through Babel (what it would cost to call Babel there). Prints the RSS added by the formatting,
median of 5 runs each (issue 18: keep Babel out of the tray if it costs more than ~0.5 MiB).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

PROBE = """
import sys
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0
import tray_app.tray.menu, tray_app.tray.icon, tray_app.monitoring.alerts, tray_app.tray.notifier
before = rss()
if sys.argv[1] == "babel":
    from babel.numbers import format_currency, format_decimal, format_percent
    for loc in ("en_US", "zh_Hant_TW", "zh_Hans_CN"):
        format_decimal(786.5, "#,##0.##", locale=loc); format_decimal(1500, "#,##0", locale=loc)
        format_currency(34.62, "USD", "¤#,##0.00", locale=loc, currency_digits=False)
        format_percent(0.46, locale=loc)
else:
    from tray_app.i18n import numbers
    for lang in ("en", "zh-TW", "zh-CN"):
        numbers.compact(786.5, lang, digits=2); numbers.number(1500, lang)
        numbers.money(34.62, "USD", lang); numbers.percent(46, lang)
print(rss() - before, "babel" in sys.modules)
"""


def measure(kind: str, runs: int = 5) -> tuple[float, bool]:
    found = []
    loaded = False
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE, kind], capture_output=True,
                             text=True, check=True, timeout=120).stdout.split()
        found.append(float(out[0]))
        loaded = out[1] == "True"
    return statistics.median(found), loaded


def main() -> int:
    for kind in ("table", "babel"):
        mib, loaded = measure(kind)
        print(f"numbers via {kind:5}: +{mib:.2f} MiB RSS (Babel loaded: {loaded})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
