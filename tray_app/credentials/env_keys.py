"""Credentials: API keys from environment variables, the last source of a provider's entry.

`ENV_KEYS` maps an integration id to the variables that may hold its key, in order; each set
variable becomes an entry `{"type": "api", "key": ...}` below OpenCode's database and auth.json.
A provider added later lists its variables here (e.g. "kimi-for-coding": ("KIMI_API_KEY",)).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ENV_KEYS: dict[str, tuple[str, ...]] = {
    "zai-coding-plan": ("ZAI_API_KEY",),
    "zhipuai-coding-plan": ("ZHIPU_API_KEY",),
}


def env_layers(environ: Mapping[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """(variable, "$VARIABLE", {integration: entry}) for every variable of `ENV_KEYS`, set or
    not (an unset one has no entry), in precedence order."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for integration, names in ENV_KEYS.items():
        for name in names:
            value = (environ.get(name) or "").strip()
            entries = {integration: {"type": "api", "key": value}} if value else {}
            out.append((name, "$" + name, entries))
    return out
