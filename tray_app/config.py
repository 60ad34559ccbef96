"""User settings: one TOML file in the platform config dir (sole importer of tomllib/tomli_w).

Loading is tolerant: unknown keys are ignored, a wrong-typed value falls back to its default,
and a file that is not valid TOML is moved aside (`config.toml.corrupt-<time>`) and defaults
are used, with a notice for the user. Saving is atomic (temp file + os.replace).
"""

from __future__ import annotations

import math
import sys
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tray_app import paths
from tray_app.own_files import atomic_write, set_aside
from tray_app.safe_open import describe, read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

REFRESH_CHOICES = (1, 2, 5, 10, 15, 30)
MAX_CONFIG_BYTES = 1024 * 1024  # a settings file is a few hundred bytes
MINIMAX_REGIONS = ("", "global", "cn")
COPILOT_TIERS = {"free": 50, "pro": 300, "pro+": 1500, "business": 300, "enterprise": 1000}


@dataclass(frozen=True)
class Settings:
    language: str = ""  # "" = from the locale; "en" | "zh-TW" | "zh-CN"
    refresh_minutes: int = 5
    threshold: int = 80  # % used at which a window is "high"
    show: str = "used"  # icon shows "used" or "remaining" percent
    pinned: str = ""  # "" = worst window; else "provider/account/window-id"
    notify_high_usage: bool = True
    notify_exhausted: bool = True
    notify_available: bool = True
    notify_token_expiry: bool = True
    notify_runout: bool = True  # "at this pace, ... runs out at 16:40, 50 min before it resets"
    expiry_warning_hours: int = 24
    disabled_providers: tuple[str, ...] = ()
    copilot_username: str = ""
    copilot_plan: str = ""  # a tier name (free, pro, pro+, business, enterprise) or a number
    # MiniMax region: "" = global unless the key is OpenCode's minimax-cn-coding-plan entry;
    # "cn" = api.minimaxi.com (mainland China), "global" = api.minimax.io
    minimax_region: str = ""
    autostart: bool = False
    history_days: int = 90  # usage history kept this many days; 0 = keep none
    metrics_labels: str = "full"  # account labels in the metrics: full | hashed | none
    provider_status: bool = True  # read the providers' status pages (outages/); false = never
    urls: dict[str, str] = field(default_factory=dict)
    # spend (tray_app/spend): a daily budget in USD (0 = none; one notification per day when
    # crossed) and `[prices."model"]` overrides in USD per million tokens (spend/prices.py)
    spend_daily_budget: float = 0.0
    prices: dict[str, dict[str, float]] = field(default_factory=dict)

    def copilot_allowance(self) -> float | None:
        plan = self.copilot_plan.strip().lower()
        if not plan:
            return None
        if plan in COPILOT_TIERS:
            return float(COPILOT_TIERS[plan])
        try:
            value = float(plan)
        except ValueError:
            return None
        return value if value > 0 else None


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    path: Path
    notice: str = ""  # set when the file was unreadable or corrupt (already moved aside)


class _Invalid(ValueError):
    """A value of the wrong type or out of range; the default is used and the user told."""


def _coerce(default: Any, value: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int):
        # TOML has two number types; `threshold = 85.0` or `85.5` means a number all the same
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return round(value)
    elif isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    elif isinstance(default, str):
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**15:
            return str(value)  # copilot_plan = 300 is as good as "300"
        if isinstance(value, float) and math.isfinite(value):
            return f"{value:g}"
    elif isinstance(default, tuple):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
    elif isinstance(default, dict) and isinstance(value, dict):
        return {str(k): v for k, v in value.items() if isinstance(v, str)}
    raise _Invalid


_VALID: dict[str, Any] = {
    "refresh_minutes": lambda v: v in REFRESH_CHOICES,
    "threshold": lambda v: 1 <= v <= 100,
    "show": lambda v: v in ("used", "remaining"),
    "expiry_warning_hours": lambda v: 0 <= v <= 24 * 30,
    "minimax_region": lambda v: v.strip().lower() in MINIMAX_REGIONS,
    "history_days": lambda v: 0 <= v <= 3650,
    "metrics_labels": lambda v: v in ("full", "hashed", "none"),
    "spend_daily_budget": lambda v: 0 <= v <= 1_000_000,
}


def parse_mapping(data: dict[str, Any]) -> tuple[Settings, tuple[str, ...]]:
    """Settings from a TOML table, and the names of the values that were not usable."""
    base = Settings()
    values: dict[str, Any] = {}
    rejected: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        if f.name == "prices":  # a table of tables, checked entry by entry
            from tray_app.spend.prices import parse_overrides

            good, bad = parse_overrides(data[f.name])
            values[f.name] = good
            rejected += [f"prices.{name}" if name != "prices" else name for name in bad]
            continue
        try:
            value = _coerce(getattr(base, f.name), data[f.name])
            if not _VALID.get(f.name, lambda v: True)(value):
                raise _Invalid
        except (_Invalid, OverflowError, ValueError):  # also inf, nan and 10**400
            rejected.append(f.name)
            continue
        values[f.name] = value
    return replace(base, **values), tuple(rejected)


def from_mapping(data: dict[str, Any]) -> Settings:
    return parse_mapping(data)[0]


def load(path: Path | None = None) -> LoadedSettings:
    path = path or paths.config_file()
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES)  # a FIFO in its place fails at once
    except FileNotFoundError:
        return LoadedSettings(Settings(), path)
    except OSError as exc:
        return LoadedSettings(Settings(), path, notice=f"{path}: {describe(path, exc)}")
    if len(raw) > MAX_CONFIG_BYTES:
        aside = set_aside(path) or path
        return LoadedSettings(Settings(), path,
                              notice=f"{path}: larger than 1 MiB; kept as {aside}")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        aside = set_aside(path) or path
        return LoadedSettings(Settings(), path, notice=f"{path}: {exc}; kept as {aside}")
    settings, rejected = parse_mapping(data)
    notice = ""
    if rejected:
        notice = f"{path}: invalid value for {', '.join(rejected)}; using the default"
    return LoadedSettings(settings, path, notice=notice)


def to_mapping(settings: Settings) -> dict[str, Any]:
    data = asdict(settings)
    data["disabled_providers"] = list(settings.disabled_providers)
    return data


def save(settings: Settings, path: Path | None = None) -> Path:
    path = path or paths.config_file()
    import tomli_w  # here, not at the top: only a settings change writes (not the launch)

    atomic_write(path, tomli_w.dumps(to_mapping(settings)).encode("utf-8"))
    return path
