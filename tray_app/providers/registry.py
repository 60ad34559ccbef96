"""The provider registry: a plain tuple in display order (PyInstaller sees plain imports).
Adding a provider = its module, one line here and in names.py, its tests, its simulator
fixtures."""

from __future__ import annotations

from tray_app.providers import antigravity, copilot, openai, zhipu
from tray_app.providers.base import ProviderSpec

REGISTRY: tuple[ProviderSpec, ...] = (
    openai.SPEC,
    zhipu.ZHIPU,
    zhipu.ZAI,
    copilot.SPEC,
    antigravity.SPEC,
)

PROVIDER_IDS = tuple(spec.id for spec in REGISTRY)


def by_id(provider_id: str) -> ProviderSpec | None:
    return next((s for s in REGISTRY if s.id == provider_id), None)
