"""Views of a `Snapshot` for the terminal: the text report and the JSON document (schema 1),
plus the exit code that `mystatus-tray status` derives from a snapshot."""

from __future__ import annotations

from tray_app.model import Snapshot
from tray_app.report.json_out import SCHEMA_VERSION, render_json, to_json
from tray_app.report.text import ASCII, UNICODE, TextStyle, render_text

EXIT_OK = 0
EXIT_FAILED = 1  # some account or provider failed, or a source-level problem
EXIT_NO_ACCOUNTS = 2  # nothing is configured (the problems say why)


def exit_code(snapshot: Snapshot) -> int:
    if not snapshot.has_accounts:
        return EXIT_NO_ACCOUNTS
    return EXIT_FAILED if snapshot.any_failed else EXIT_OK


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
