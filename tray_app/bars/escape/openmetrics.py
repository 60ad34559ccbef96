"""OpenMetrics label values: inside double quotes, with `\\`, `"` and line feed escaped as
`\\\\`, `\\"` and `\\n`. The text is made `plain` first (one line, no control characters), so
what a dashboard shows is what the tray shows."""

from __future__ import annotations

from tray_app.bars.escape import plain


def label_value(value: str) -> str:
    return plain(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
