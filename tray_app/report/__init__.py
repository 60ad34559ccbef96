"""Views of a `Snapshot` for the terminal: the text report and the JSON document (schema 1),
plus the exit code that `mystatus-tray status` derives from a snapshot.

The views load on first use: the tray process imports `report.format` (the shared percent
numbers) but renders no report, and keeps none of these modules in memory.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tray_app.model import Snapshot

if TYPE_CHECKING:
    from tray_app.report.json_out import SCHEMA_VERSION, render_json, to_json
    from tray_app.report.text import ASCII, UNICODE, TextStyle, render_text

_LAZY = {"SCHEMA_VERSION": "json_out", "render_json": "json_out", "to_json": "json_out",
         "ASCII": "text", "UNICODE": "text", "TextStyle": "text", "render_text": "text"}

EXIT_OK = 0
EXIT_FAILED = 1  # some account or provider failed, or a source-level problem
EXIT_NO_ACCOUNTS = 2  # nothing is configured (the problems say why)


def exit_code(snapshot: Snapshot) -> int:
    if not snapshot.has_accounts:
        return EXIT_NO_ACCOUNTS
    return EXIT_FAILED if snapshot.any_failed else EXIT_OK


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "ASCII",
    "EXIT_FAILED",
    "EXIT_NO_ACCOUNTS",
    "EXIT_OK",
    "SCHEMA_VERSION",
    "UNICODE",
    "TextStyle",
    "exit_code",
    "render_json",
    "render_text",
    "to_json",
]
