"""Codex CLI: `sessions/**/rollout-*.jsonl` under each `$CODEX_HOME` (comma-separated), else
`~/.codex`.

`event_msg` lines of type `token_count` carry `info.last_token_usage` (this turn) and
`info.total_token_usage` (cumulative); `"info": null` carries no usage; a snapshot repeating
the previous cumulative total is the same usage again (rate-limit updates) and counts nothing.
The model comes from the latest `turn_context` before the event, kept per file across runs
(`FileState`). Reported as ccusage does: `input` without the cached input, `cache_read` = the
cached input, `output` with the reasoning included (also given as `reasoning`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tray_app.spend.records import Usage, as_int, minute_of

TOOL = "codex"
PREFILTER_COUNT = b"token_count"
PREFILTER_CONTEXT = b"turn_context"
_FIELDS = ("input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens")


def roots(environ: Mapping[str, str] | None = None) -> list[Path]:
    environ = os.environ if environ is None else environ
    listed = [p.strip() for p in environ.get("CODEX_HOME", "").split(",") if p.strip()]
    if not listed:
        listed = [str(Path(environ.get("HOME") or Path.home()) / ".codex")]
    out: list[Path] = []
    for base in listed:
        folder = Path(base).expanduser() / "sessions"
        if folder not in out:
            out.append(folder)
    return out


def pattern() -> str:
    return "rollout-*.jsonl"


@dataclass
class FileState:
    """What one rollout file has told so far: kept in the store between runs."""

    model: str = ""
    total: list[int] = field(default_factory=list)  # the last cumulative total seen

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "total": self.total}

    @classmethod
    def from_json(cls, data: Any) -> FileState:
        if not isinstance(data, dict):
            return cls()
        model = data.get("model")
        total = data.get("total")
        return cls(model=model if isinstance(model, str) else "",
                   total=[as_int(v) for v in total] if isinstance(total, list) else [])


def _vector(usage: Any) -> list[int] | None:
    if not isinstance(usage, dict):
        return None
    cached = usage.get("cached_input_tokens", usage.get("cache_read_input_tokens"))
    return [as_int(usage.get("input_tokens")), as_int(cached),
            as_int(usage.get("output_tokens")), as_int(usage.get("reasoning_output_tokens"))]


def _model_of(payload: dict[str, Any]) -> str:
    for candidate in (payload.get("model"), payload.get("model_name"),
                      (payload.get("metadata") or {}).get("model")
                      if isinstance(payload.get("metadata"), dict) else None):
        if isinstance(candidate, str) and candidate:
            return candidate
    return ""


def parse(entry: Any, state: FileState) -> Usage | None:
    """The usage of one rollout line (None for none); `state` follows the file."""
    if not isinstance(entry, dict):
        return None
    payload = entry.get("payload")
    if not isinstance(payload, dict):
        return None
    kind = entry.get("type")
    if kind == "turn_context":
        model = _model_of(payload)
        if model:
            state.model = model
        return None
    if kind != "event_msg" or payload.get("type") != "token_count":
        return None
    info = payload.get("info")
    if not isinstance(info, dict):
        return None  # "info": null, a rate-limit-only snapshot
    total = _vector(info.get("total_token_usage"))
    last = _vector(info.get("last_token_usage"))
    if total is not None:
        if total == state.total:
            return None  # the same cumulative total again: nothing new
        previous = state.total
        state.total = total
        if last is None:
            grew = len(previous) == len(total) and all(
                a >= b for a, b in zip(total, previous, strict=True))
            last = [a - b for a, b in zip(total, previous, strict=True)] if grew else total
    if last is None:
        return None
    minute = minute_of(entry.get("timestamp"))
    if minute is None:
        return None
    model = _model_of(info) or state.model or "unknown"
    fresh, cached, output, reasoning = last
    cached = min(cached, fresh)
    return Usage(minute=minute, model=model, input=fresh - cached, output=output,
                 cache_read=cached, cache_write=0, reasoning=reasoning)
