"""Which of our providers publish a machine-readable status feed, and which components of it
are the product we query. Only Atlassian Statuspage's `/api/v2/summary.json` is read.

Researched (README "Provider outages" keeps the list): OpenAI (status.openai.com, its
Statuspage-compatible API), Anthropic (status.claude.com, formerly status.anthropic.com) and
GitHub (www.githubstatus.com) publish one. Zhipu AI, Kimi and MiniMax publish none we could
verify; Z.ai's status.z.ai is not a verified Statuspage; OpenCode's status.opencode.ai does not
resolve; Google (Antigravity) has its own incident feeds (Google Cloud / Workspace), not a
Statuspage, and no component for Antigravity: not polled.

The feed's base URL is overridable like the quota endpoints: `MYSTATUS_STATUS_<ID>_URL` or
config `[urls]` `status_<id>` (net/endpoints.py), which is how the simulator serves them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tray_app.net.endpoints import base_url

SUMMARY_PATH = "/api/v2/summary.json"


@dataclass(frozen=True)
class StatusPage:
    provider: str
    url_key: str  # key in net/endpoints.DEFAULT_URLS
    page_url: str  # the page people open (the link when an incident has none of its own)
    products: tuple[str, ...]  # component names (or their start) that are what we query


STATUS_PAGES: dict[str, StatusPage] = {
    "openai": StatusPage("openai", "status_openai", "https://status.openai.com",
                         ("Codex", "ChatGPT")),
    "claude": StatusPage("claude", "status_claude", "https://status.claude.com",
                         ("Claude Code", "Claude API")),
    "copilot": StatusPage("copilot", "status_github", "https://www.githubstatus.com",
                          ("Copilot",)),
}


def summary_url(page: StatusPage, overrides: Mapping[str, str] | None = None,
                environ: Mapping[str, str] | None = None) -> str:
    return base_url(page.url_key, overrides, environ) + SUMMARY_PATH


def concerns(page: StatusPage, component_name: str) -> bool:
    """A component is ours when its name starts with one of the products (case aside):
    "Claude API (api.anthropic.com)", "Codex in ChatGPT Desktop", "Copilot"."""
    name = component_name.strip().lower()
    return any(name.startswith(p.lower()) for p in page.products)
