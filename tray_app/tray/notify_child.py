"""`python -m tray_app.tray.notify_child` (a frozen bundle: `<exe> --notify-child`): one
desktop notification, sent for the tray by a short-lived process (tray/notifier.py says why).

Reads `{"title", "body", "urgency", "app_name", "icon", "timeout"}` as JSON on stdin, picks
the path as the tray used to (portal in a Flatpak, D-Bus, notify-send), and sends it. Exit 0
with the path's name on stdout, or 1 with one line on stderr saying what failed; the tray
logs that line. The texts arrive already scrubbed and are scrubbed again on the way out.
"""

from __future__ import annotations

import json
import sys

from tray_app.errors import one_line
from tray_app.secrets import scrub
from tray_app.tray.notifier import Notifier


def main(argv: list[str] | None = None) -> int:
    del argv
    notifier: Notifier | None = None
    try:
        request = json.loads(sys.stdin.read())
        notifier = Notifier(str(request["app_name"]), int(request["timeout"]),
                            icon=str(request["icon"]))
        notifier.send(str(request["title"]), str(request["body"]), str(request["urgency"]))
    except Exception as exc:  # every failure is reported, in one line
        backend = notifier.backend if notifier is not None and notifier.backend else "?"
        print(f"{backend}: {scrub(one_line(exc))}"[:500], file=sys.stderr)
        return 1
    print(notifier.backend)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
