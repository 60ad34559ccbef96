"""Prices per model: the only importer of genai-prices (Pydantic's maintained, offline price
database), imported lazily; a `[prices]` table in the config overrides a model's price.

Prices are USD per million tokens, per kind (input without cache, output with reasoning, cache
read, cache write) and per request size: some models bill a request over 200k input tokens at
a higher tier, so the store keeps those requests apart (records.LARGE_CONTEXT). An unknown model
has no price (None, reported as "unknown"): never a guess.

Config (`config.toml`), USD per million tokens; a key matches the model exactly or as its
longest prefix (`claude-sonnet-4-5` covers `claude-sonnet-4-5-20250929`); a kind left out
costs 0:

    [prices."claude-sonnet-4-5"]
    input = 3.0
    output = 15.0
    cache_read = 0.3
    cache_write = 3.75
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

KINDS = ("input", "output", "cache_read", "cache_write")
_GENAI_FIELDS = {"input": "input_mtok", "output": "output_mtok",
                 "cache_read": "cache_read_mtok", "cache_write": "cache_write_mtok"}


@dataclass(frozen=True)
class Price:
    """USD per million tokens; `*_large` for a request over LARGE_CONTEXT input tokens."""

    input: float
    output: float
    cache_read: float
    cache_write: float
    input_large: float
    output_large: float
    cache_read_large: float
    cache_write_large: float
    source: str = "genai-prices"  # or "config"

    def cost(self, large: bool, input: int, output: int, cache_read: int,
             cache_write: int) -> float:
        if large:
            rates = (self.input_large, self.output_large, self.cache_read_large,
                     self.cache_write_large)
        else:
            rates = (self.input, self.output, self.cache_read, self.cache_write)
        return (input * rates[0] + output * rates[1] + cache_read * rates[2]
                + cache_write * rates[3]) / 1_000_000


def _rates(value: Any) -> tuple[float, float]:
    """(base, over LARGE_CONTEXT) of one genai-prices field: a number or tiered prices."""
    from tray_app.spend.records import LARGE_CONTEXT

    if value is None:
        return 0.0, 0.0
    base = getattr(value, "base", None)
    if base is None:
        return float(value), float(value)
    large = float(base)
    for tier in sorted(getattr(value, "tiers", ()) or (), key=lambda t: t.start):
        if int(tier.start) <= LARGE_CONTEXT:
            large = float(tier.price)
    return float(base), large


@lru_cache(maxsize=512)
def _genai(model: str) -> Price | None:
    try:
        from genai_prices import Usage, calc_price
    except ImportError:  # pragma: no cover - a dependency of the app
        return None
    try:
        found = calc_price(Usage(input_tokens=0, output_tokens=0), model_ref=model)
    except (LookupError, ValueError):
        return None
    prices = found.model_price
    pairs = {kind: _rates(getattr(prices, field, None)) for kind, field in _GENAI_FIELDS.items()}
    if not any(pairs["input"]) and not any(pairs["output"]):
        return None  # a model without token prices (a free or image-only model): unknown
    return Price(pairs["input"][0], pairs["output"][0], pairs["cache_read"][0],
                 pairs["cache_write"][0], pairs["input"][1], pairs["output"][1],
                 pairs["cache_read"][1], pairs["cache_write"][1])


def parse_overrides(table: Any) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The usable `[prices]` entries and the names of the rejected ones."""
    good: dict[str, dict[str, float]] = {}
    bad: list[str] = []
    if not isinstance(table, dict):
        return good, ["prices"] if table is not None else []
    for model, entry in table.items():
        if not isinstance(entry, dict) or not entry:
            bad.append(str(model))
            continue
        rates: dict[str, float] = {}
        for kind, value in entry.items():
            if (kind not in KINDS or isinstance(value, bool)
                    or not isinstance(value, (int, float))
                    or not 0 <= value < 1_000_000 or value != value):
                bad.append(f"{model}.{kind}")
                break
            rates[kind] = float(value)
        else:
            good[str(model)] = rates
    return good, bad


def _override(model: str, overrides: Mapping[str, Mapping[str, float]]) -> Price | None:
    entry = overrides.get(model)
    if entry is None:
        keys = [k for k in overrides if model.startswith(k)]
        if not keys:
            return None
        entry = overrides[max(keys, key=len)]
    i, o, cr, cw = (float(entry.get(kind, 0.0)) for kind in KINDS)
    return Price(i, o, cr, cw, i, o, cr, cw, source="config")


def price_of(model: str, overrides: Mapping[str, Mapping[str, float]] | None = None
             ) -> Price | None:
    """The price of `model`: the config's, else genai-prices', else None (unknown)."""
    if overrides:
        found = _override(model, overrides)
        if found is not None:
            return found
    if not model or model == "unknown":
        return None
    return _genai(model)


def data_stamp() -> str:
    """Identifies the installed genai-prices data without importing it (importing costs a
    few hundred ms): the sizes and times of its files."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("genai_prices")
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = Path(next(iter(spec.submodule_search_locations)))
    parts = []
    for name in ("__init__.py", "data.py", "data_snapshot.py"):
        try:
            st = (folder / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _decode(body: str) -> Price | None:
    """A price as Book caches it: its eight rates, comma-separated ("" = no price)."""
    if not body:
        return None
    try:
        i, o, cr, cw, il, ol, crl, cwl = (float(x) for x in body.split(","))
    except ValueError:
        return None
    return Price(i, o, cr, cw, il, ol, crl, cwl)


class Book:
    """Prices per model for one report: the config's overrides, else genai-prices' through a
    cache (`cache`: model → encoded price, kept in the spend store and valid while the
    installed genai-prices data is the same), so a rescan does not import genai-prices."""

    def __init__(self, overrides: Mapping[str, Mapping[str, float]] | None = None,
                 cache: MutableMapping[str, str] | None = None, stamp: str = "") -> None:
        self.overrides = overrides or {}
        self.cache = cache if cache is not None else {}
        self.stamp = stamp
        self.found: dict[str, Price | None] = {}

    def price(self, model: str) -> Price | None:
        if model in self.found:
            return self.found[model]
        found = _override(model, self.overrides) if self.overrides else None
        if found is None and model and model != "unknown":
            cached = self.cache.get(model)
            prefix = f"{self.stamp}#"
            if self.stamp and cached is not None and cached.startswith(prefix):
                body = cached[len(prefix):]
                found = _decode(body)
            else:
                found = _genai(model)
                if self.stamp:
                    body = ",".join(repr(float(x)) for x in astuple(found)[:8]) if found else ""
                    self.cache[model] = prefix + body
        self.found[model] = found
        return found
