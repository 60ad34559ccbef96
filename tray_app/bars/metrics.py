"""OpenMetrics text for Prometheus (node_exporter's textfile collector): used percent and reset
time per provider / account / window, `mystatus_up` per provider and account (0 on any error, an
error inside an HTTP 200 included), and the age of the numbers. `account` is the display label (an
e-mail or a masked key, never a secret), its keyed hash or nothing (bars/metrics_labels.py);
`account_n` keeps two accounts with the same label apart, so every series is unique (0 is the
provider's own `mystatus_up` when it failed as a whole). Label values are escaped by
bars/escape/openmetrics.py."""

from __future__ import annotations

from collections.abc import Iterable

from tray_app.bars.escape.openmetrics import label_value
from tray_app.bars.metrics_labels import Labeler, full
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.state import account_stale

_FAMILIES = (
    ("mystatus_used_percent", "Used share of a quota window, in percent (above 100: over quota)."),
    ("mystatus_resets_at_seconds", "When the quota window resets, as Unix time in seconds."),
    ("mystatus_up", "1 when the provider's numbers for the account came back in the latest "
                    "refresh, 0 on any error."),
    ("mystatus_age_seconds", "Seconds since the oldest shown numbers were fetched successfully."),
    ("mystatus_provider_age_seconds", "Seconds since the provider's shown numbers were fetched "
                                      "successfully."),
)


def _labels(**pairs: str) -> str:
    return "{" + ",".join(f'{k}="{label_value(v)}"' for k, v in pairs.items()) + "}"


def _value(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def samples(cur: Current, account_label: Labeler = full) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {name: [] for name, _ in _FAMILIES}
    seen: set[tuple[str, str]] = set()  # (family, labels): a series is written once

    def add(family: str, labels: str, value: str) -> None:
        if (family, labels) not in seen:
            seen.add((family, labels))
            out[family].append(f"{family}{labels} {value}")

    for status in cur.view.providers:
        usage = status.usage
        if status.error is not None or usage.error is not None or not usage.accounts:
            add("mystatus_up", _labels(provider=usage.id, account="", account_n="0"), "0")
        counts: dict[str, int] = {}
        for account in usage.accounts:
            name = account_label(account.label)
            counts[name] = counts.get(name, 0) + 1
            who = {"provider": usage.id, "account": name, "account_n": str(counts[name])}
            up = account.error is None and not account_stale(status, account)
            add("mystatus_up", _labels(**who), "1" if up else "0")
            for window in account.windows:
                wl = _labels(**who, window=window.id)
                if window.used_percent is not None and not window.unlimited:
                    add("mystatus_used_percent", wl, _value(round(window.used_percent, 2)))
                if window.resets_at is not None:
                    add("mystatus_resets_at_seconds", wl,
                        _value(round(window.resets_at.timestamp())))
        if usage.id in cur.ages:
            add("mystatus_provider_age_seconds", _labels(provider=usage.id),
                _value(round(cur.ages[usage.id], 1)))
    out["mystatus_age_seconds"].append(f"mystatus_age_seconds {_value(round(cur.age, 1))}")
    return out


def openmetrics(cur: Current, account_label: Labeler = full) -> str:
    return "".join(_family_lines(samples(cur, account_label))) + "# EOF\n"


def _family_lines(found: dict[str, list[str]]) -> Iterable[str]:
    for name, help_text in _FAMILIES:
        yield f"# HELP {name} {help_text}\n"
        yield f"# TYPE {name} gauge\n"
        for line in found[name]:
            yield line + "\n"
