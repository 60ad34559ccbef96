"""OpenMetrics text for Prometheus (node_exporter's textfile collector): used percent and reset
time per provider / account / window, `mystatus_up` per provider and account (0 on any error, an
error inside an HTTP 200 included), and the age of the numbers. Labels are display labels (an
e-mail or a masked key), never a secret."""

from __future__ import annotations

from collections.abc import Iterable

from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.state import account_stale

_FAMILIES = (
    ("mystatus_used_percent", "Used share of a quota window, in percent (above 100: over quota)."),
    ("mystatus_resets_at_seconds", "When the quota window resets, as Unix time in seconds."),
    ("mystatus_up", "1 when the provider's numbers for the account came back in the latest "
                    "refresh, 0 on any error."),
    ("mystatus_age_seconds", "Seconds since the numbers were fetched."),
)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(**pairs: str) -> str:
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in pairs.items()) + "}"


def _value(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def samples(cur: Current) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {name: [] for name, _ in _FAMILIES}
    for status in cur.view.providers:
        usage = status.usage
        if status.error is not None or usage.error is not None or not usage.accounts:
            out["mystatus_up"].append(f"mystatus_up{_labels(provider=usage.id, account='')} 0")
        for account in usage.accounts:
            up = account.error is None and not account_stale(status, account)
            labels = _labels(provider=usage.id, account=account.label)
            out["mystatus_up"].append(f"mystatus_up{labels} {1 if up else 0}")
            for window in account.windows:
                wl = _labels(provider=usage.id, account=account.label, window=window.id)
                if window.used_percent is not None and not window.unlimited:
                    out["mystatus_used_percent"].append(
                        f"mystatus_used_percent{wl} {_value(round(window.used_percent, 2))}")
                if window.resets_at is not None:
                    out["mystatus_resets_at_seconds"].append(
                        f"mystatus_resets_at_seconds{wl} "
                        f"{_value(round(window.resets_at.timestamp()))}")
    out["mystatus_age_seconds"].append(f"mystatus_age_seconds {_value(round(cur.age, 1))}")
    return out


def openmetrics(cur: Current) -> str:
    return "".join(_family_lines(samples(cur))) + "# EOF\n"


def _family_lines(found: dict[str, list[str]]) -> Iterable[str]:
    for name, help_text in _FAMILIES:
        yield f"# HELP {name} {help_text}\n"
        yield f"# TYPE {name} gauge\n"
        for line in found[name]:
            yield line + "\n"
