"""The one JSON parser for the agents' logs (orjson): `loads(bytes)` and the error it raises.

orjson parses both compact lines and lines written with spaces (Python's default); anything it
rejects is a malformed line, counted and skipped by the scanner."""

from __future__ import annotations

from typing import Any

import orjson

JSONDecodeError = orjson.JSONDecodeError


def loads(data: bytes | str) -> Any:
    return orjson.loads(data)


def dumps(value: Any) -> str:
    """Compact JSON text (for the scanner's own per-file state)."""
    return orjson.dumps(value).decode("utf-8")
