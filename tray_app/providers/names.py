"""Every provider's id and display name, in display order. The menu's provider list and the
poller need only these, so they import this module and not the providers (their parsers, the
credential readers and the HTTP client), which keeps them off the tray's launch path. Each
provider's spec takes its name from here; tests check REGISTRY against it."""

from __future__ import annotations

PROVIDER_NAMES: dict[str, str] = {
    "openai": "OpenAI",
    "zhipu": "Zhipu AI",
    "zai": "Z.ai",
    "copilot": "GitHub Copilot",
    "antigravity": "Google Antigravity",
    "claude": "Claude",
    "opencode-go": "OpenCode Go",
    "kimi": "Kimi for Coding",
    "minimax": "MiniMax",
}
PROVIDER_IDS: tuple[str, ...] = tuple(PROVIDER_NAMES)
