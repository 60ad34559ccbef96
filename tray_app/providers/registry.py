"""The provider registry: a plain tuple in display order (PyInstaller sees plain imports).
Adding a provider = its module, one line here and in names.py, its tests, its simulator
fixtures."""

from __future__ import annotations

from tray_app.providers import (
    antigravity,
    claude,
    copilot,
    kimi,
    minimax,
    openai,
    opencode_go,
    zhipu,
)
from tray_app.providers.base import ProviderSpec

REGISTRY: tuple[ProviderSpec, ...] = (
    openai.SPEC,
    zhipu.ZHIPU,
    zhipu.ZAI,
    copilot.SPEC,
    antigravity.SPEC,
    claude.SPEC,
    opencode_go.SPEC,
    kimi.SPEC,
    minimax.SPEC,
)

