"""Simulated antigravity API (placeholder until the provider lands)."""

from __future__ import annotations

from typing import Any

PREFIXES: dict[str, str] = {}
SCENARIOS: dict[str, tuple[str, ...]] = {}
ROUTES: dict[str, dict[tuple[str, str], Any]] = {}


def demo_auth_entries() -> dict[str, dict[str, Any]]:
    return {}
