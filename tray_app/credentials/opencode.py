"""OpenCode's auth.json (read only): `OPENCODE_AUTH_CONTENT` > the first existing file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tray_app import paths
from tray_app.credentials.files import parse_json_object, read_json_object
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError

ENV_CONTENT = "OPENCODE_AUTH_CONTENT"


@dataclass(frozen=True)
class AuthFile:
    """What was found: `entries` maps provider key → its object (non-dict entries dropped)."""

    source: str  # a path, or "$OPENCODE_AUTH_CONTENT", or "" when nothing was found
    entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    problem: ErrorInfo | None = None  # unreadable / invalid (or missing, with source = path)
    found: bool = False

    def entry(self, key: str) -> Mapping[str, Any] | None:
        value = self.entries.get(key)
        return value if isinstance(value, Mapping) else None


def load_auth(environ: Mapping[str, str] | None = None) -> AuthFile:
    environ = os.environ if environ is None else environ
    content = environ.get(ENV_CONTENT)
    if content:
        try:
            data = parse_json_object(content, source="$" + ENV_CONTENT)
        except QuotaError as exc:
            return AuthFile(source="$" + ENV_CONTENT, problem=exc.info, found=True)
        return AuthFile(source="$" + ENV_CONTENT, entries=_entries(data), found=True)
    candidates = paths.opencode_auth_candidates(environ)
    for path in candidates:
        try:
            data = read_json_object(path)
        except FileNotFoundError:
            continue
        except QuotaError as exc:
            return AuthFile(source=str(path), problem=exc.info, found=True)
        return AuthFile(source=str(path), entries=_entries(data), found=True)
    primary = candidates[0] if candidates else Path("auth.json")
    return AuthFile(
        source=str(primary),
        problem=ErrorInfo(
            kind=ErrorKind.AUTH_FILE_UNREADABLE,
            path=str(primary),
            detail="ENOENT: no such file or directory",
        ),
    )


def _entries(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(k): v for k, v in data.items() if isinstance(v, Mapping)}
