"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
