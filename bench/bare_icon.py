"""The launch-time baseline: the smallest pystray icon app (one solid image, a Quit item).

`python -m bench.bare_icon` — run with the same interpreter, environment and backend as the
tray app, so the two launches differ only by what the app itself does before its icon shows.
"""

from __future__ import annotations

from typing import Any

COLOUR = (200, 30, 200)  # magenta: no severity colour of the app's icon is near it


def main() -> int:
    import pystray
    from PIL import Image

    image = Image.new("RGBA", (64, 64), (*COLOUR, 255))

    def quit_app(icon: Any, item: Any) -> None:
        icon.stop()

    def setup(icon: Any) -> None:
        icon.visible = True

    menu = pystray.Menu(pystray.MenuItem("Quit", quit_app))
    pystray.Icon("bench-bare", image, "bench bare icon", menu=menu).run(setup=setup)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
