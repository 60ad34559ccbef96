"""One usage record as the sources hand it to the store, and the UTC timestamp parsing they share.

Times are kept as UTC epoch **minutes**: fine enough to re-bucket into any zone later (offsets
and daylight-saving changes fall on whole quarter hours, e.g. +05:30, +05:45, Lord Howe's
30-minute shift), whatever zone the run that stored them used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

TOOLS = ("claude-code", "codex", "opencode")
LARGE_CONTEXT = 200_000  # input tokens of one request above which some models bill a higher tier


@dataclass(slots=True)
class Usage:
    minute: int  # UTC epoch minutes
    model: str
    input: int  # input tokens without cached input
    output: int  # output tokens, reasoning included
    cache_read: int
    cache_write: int
    reasoning: int = 0  # part of `output`, also given on its own
    cost: float | None = None  # USD, when the log carries it (OpenCode)
    key: str = ""  # Claude's "message.id:requestId"; "" = counted as is

    @property
    def large(self) -> bool:
        """One request over LARGE_CONTEXT input tokens (priced on a model's upper tier)."""
        return self.input + self.cache_read + self.cache_write > LARGE_CONTEXT


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MINUTES: dict[str, int] = {}  # "YYYY-MM-DDTHH:MM" (UTC) → epoch minute


def as_int(value: object) -> int:
    """A token count as logs write it (int, float, numeric string); anything else is 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, float):
        return max(int(value), 0) if value == value and abs(value) < 1e18 else 0
    if isinstance(value, str):
        try:
            return max(int(float(value)), 0)
        except (ValueError, OverflowError):
            return 0
    return 0


def minute_of(stamp: object) -> int | None:
    """UTC epoch minute of an ISO 8601 timestamp (`2026-12-01T10:00:01.123Z`, or with an
    offset), or of epoch milliseconds; None when it is not one."""
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool):
        return int(stamp // 60_000) if stamp > 0 else None
    if not isinstance(stamp, str) or len(stamp) < 16:
        return None
    if stamp[-1:] == "Z" and stamp[10:11] == "T":
        head = stamp[:16]
        found = _MINUTES.get(head)
        if found is None:
            try:
                found = int((datetime.fromisoformat(head + "+00:00") - _EPOCH).total_seconds()
                            // 60)
            except ValueError:
                return None
            if len(_MINUTES) > 500_000:
                _MINUTES.clear()
            _MINUTES[head] = found
        return found
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int((moment - _EPOCH).total_seconds() // 60)
