"""Base URL of every remote service: env `MYSTATUS_<KEY>_URL` > config `[urls]` > default.

Fetchers append the real API paths to these bases, so proxies, GitHub Enterprise and the
simulator only change the base.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_URLS: dict[str, str] = {
    "openai": "https://chatgpt.com",
    "zhipu": "https://open.bigmodel.cn",
    "zai": "https://api.z.ai",
    "github": "https://api.github.com",
    "google_oauth": "https://oauth2.googleapis.com",
    "antigravity": "https://cloudcode-pa.googleapis.com",
    "anthropic": "https://api.anthropic.com",
    # the daily host answers the real Gemini quota summary; production a sentinel 1.0
    "antigravity_daily": "https://daily-cloudcode-pa.googleapis.com",
    "opencode": "https://opencode.ai",
    "kimi": "https://api.kimi.com",
    "minimax": "https://api.minimax.io",
    # providers' status pages (outages/pages.py): Atlassian Statuspage's /api/v2/summary.json
    "status_openai": "https://status.openai.com",
    "status_claude": "https://status.claude.com",
    "status_github": "https://www.githubstatus.com",
}


def env_var(key: str) -> str:
    return f"MYSTATUS_{key.upper()}_URL"


def base_url(
    key: str,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(env_var(key)) or (overrides or {}).get(key) or DEFAULT_URLS[key]
    return value.rstrip("/")
