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
    """The usage of one log entry, or None when it carries none (the hot path of a scan:
    plain lookups first, the tolerant conversions only for odd values)."""
    try:
        message = entry["message"]
        usage = message["usage"]
        fresh = usage["input_tokens"]
        stamp = entry["timestamp"]
    except (KeyError, TypeError, IndexError):
        return None
    if not isinstance(usage, dict):
        return None
    minute = minute_of(stamp)
    if minute is None:
        return None
    out = usage.get("output_tokens", 0)
    read = usage.get("cache_read_input_tokens", 0)
    write = usage.get("cache_creation_input_tokens", 0)
    if type(fresh) is not int or type(out) is not int or type(read) is not int \
            or type(write) is not int or min(fresh, out, read, write) < 0:
        fresh, out, read, write = as_int(fresh), as_int(out), as_int(read), as_int(write)
    model = message.get("model")
    if type(model) is not str or not model:
        model = "unknown"
    msg_id, req_id = message.get("id"), entry.get("requestId")
    key = f"{msg_id}:{req_id}" if type(msg_id) is str and type(req_id) is str else ""
    return Usage(minute, model, fresh, out, read, write, 0, None, key)
