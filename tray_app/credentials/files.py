"""Read another program's JSON credential file, read-only, tolerating every way it can be bad.

Each failure becomes `QuotaError(auth_file_unreadable)` with the path and a short reason
(the OS error, "not UTF-8", "invalid JSON at line 3", "empty", "too large"), never the
file's content. A missing file raises `FileNotFoundError` so callers can try the next path.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

from tray_app.errors import ErrorKind, QuotaError
from tray_app.safe_open import fix_extra, open_regular

MAX_CREDENTIAL_FILE = 2 * 1024 * 1024


def _os_detail(exc: OSError) -> str:
    name = errno.errorcode.get(exc.errno or 0, "")
    reason = exc.strerror or type(exc).__name__
    return f"{name}: {reason}" if name else reason


def read_json_object(path: Path, *, what: str = "") -> dict[str, Any]:
    """The file's top-level JSON object. Raises FileNotFoundError or QuotaError."""
    try:
        if path.is_dir():
            raise QuotaError(
                ErrorKind.AUTH_FILE_UNREADABLE, path=str(path), detail="EISDIR: is a directory"
            )
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_CREDENTIAL_FILE:
                raise QuotaError(
                    ErrorKind.AUTH_FILE_UNREADABLE,
                    path=str(path),
                    detail=f"file too large ({size // 1024} KiB)",
                )
            raw = fh.read(MAX_CREDENTIAL_FILE + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise QuotaError(
            ErrorKind.AUTH_FILE_UNREADABLE, path=str(path), detail=_os_detail(exc),
            extra=fix_extra(path, exc)) from exc
    return parse_json_object(raw, source=str(path))


def parse_json_object(raw: bytes | str, *, source: str) -> dict[str, Any]:
    if isinstance(raw, bytes):
        if len(raw) > MAX_CREDENTIAL_FILE:
            raise QuotaError(ErrorKind.AUTH_FILE_UNREADABLE, path=source, detail="too large")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise QuotaError(
                ErrorKind.AUTH_FILE_UNREADABLE, path=source, detail="not UTF-8 text"
            ) from exc
    else:
        text = raw
    if not text.strip():
        raise QuotaError(ErrorKind.AUTH_FILE_UNREADABLE, path=source, detail="empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Position only: the message of JSONDecodeError never includes file content.
        raise QuotaError(
            ErrorKind.AUTH_FILE_UNREADABLE,
            path=source,
            detail=f"invalid JSON at line {exc.lineno} column {exc.colno}",
        ) from exc
    except RecursionError as exc:
        raise QuotaError(
            ErrorKind.AUTH_FILE_UNREADABLE, path=source, detail="JSON nested too deeply"
        ) from exc
    if not isinstance(data, dict):
        raise QuotaError(
            ErrorKind.AUTH_FILE_UNREADABLE,
            path=source,
            detail=f"top level is {type(data).__name__}, expected an object",
        )
    return data
