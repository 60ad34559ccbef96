"""polybar's formatting tags (`%{F#rrggbb}`, `%{A1:command:}` …) open with `%{` and close at the
next `}`; polybar has no escape for them (lemonbar's `%%` is not implemented), and an action tag
runs a command on click. Outside text therefore never carries `%{`: it becomes `% {`. The
module's output is one line, so no line break either."""

from __future__ import annotations

from tray_app.bars.escape import plain


def text(value: str) -> str:
    """Outside (or composed) text made safe between our own tags."""
    return plain(value).replace("%{", "% {")
