"""Claude Code: `projects/**/*.jsonl` under each `$CLAUDE_CONFIG_DIR` (comma-separated), else
`~/.config/claude/projects` and `~/.claude/projects`.

An assistant entry carries `message.model`, `message.usage{input_tokens, output_tokens,
cache_creation_input_tokens, cache_read_input_tokens}` and `timestamp`. One answer is streamed
as several lines with the same (`message.id`, `requestId`) and a growing `output_tokens`, and a
resumed session repeats entries in a new file: the pair is the dedupe key (the store keeps its
largest figures), as ccusage counts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tray_app.spend.records import Usage, as_int, minute_of

TOOL = "claude-code"
PREFILTER = b'"usage"'  # a line without it cannot hold usage: not parsed at all


def roots(environ: Mapping[str, str] | None = None) -> list[Path]:
    environ = os.environ if environ is None else environ
    listed = [p.strip() for p in environ.get("CLAUDE_CONFIG_DIR", "").split(",") if p.strip()]
    if listed:
        bases = [Path(p).expanduser() for p in listed]
    else:
        home = Path(environ.get("HOME") or Path.home())
        xdg = environ.get("XDG_CONFIG_HOME")
        bases = [Path(xdg) / "claude" if xdg else home / ".config" / "claude", home / ".claude"]
    out: list[Path] = []
    for base in bases:
        folder = base / "projects"
        if folder not in out:
            out.append(folder)
    return out


def pattern() -> str:
    return "*.jsonl"


def parse(entry: Any) -> Usage | None:
    """The usage of one log entry, or None when it carries none."""
    if not isinstance(entry, dict):
        return None
    message = entry.get("message")
    if not isinstance(message, dict):
        return None
    usage = message.get("usage")
    if not isinstance(usage, dict) or "input_tokens" not in usage:
        return None
    minute = minute_of(entry.get("timestamp"))
    if minute is None:
        return None
    model = message.get("model")
    if not isinstance(model, str) or not model:
        model = "unknown"
    msg_id, req_id = message.get("id"), entry.get("requestId")
    key = f"{msg_id}:{req_id}" if isinstance(msg_id, str) and isinstance(req_id, str) else ""
    return Usage(
        minute=minute, model=model,
        input=as_int(usage.get("input_tokens")),
        output=as_int(usage.get("output_tokens")),
        cache_read=as_int(usage.get("cache_read_input_tokens")),
        cache_write=as_int(usage.get("cache_creation_input_tokens")),
        key=key,
    )
