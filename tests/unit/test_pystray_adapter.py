"""MenuEntry → real pystray objects. Run in a child process with PYSTRAY_BACKEND=dummy:
pystray picks its backend once per process at import, and the desktop tests in this pytest
process must still get the real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json
from PIL import Image
from tray_app.tray.menu import MenuEntry, SEPARATOR
from tray_app.tray.pystray_adapter import TrayIcon

calls = []
updates = []
import pystray
# the dummy backend has no native side: record what the adapter asks it to update
for name in ("_update_icon", "_update_title", "_update_menu"):
    setattr(pystray.Icon, name, lambda self, name=name: updates.append(name))
entries = (
    MenuEntry("Refresh now", "refresh", default=True),
    SEPARATOR,
    MenuEntry("Zhipu AI", children=(MenuEntry("5-hour: 37 % used"),
                                    MenuEntry("Open dashboard", "open:https://bigmodel.cn/"))),
    MenuEntry("Settings", children=(
        MenuEntry("5 min", "interval:5", checked=True, radio=True),
        MenuEntry("10 min", "interval:10", checked=False, radio=True),
        MenuEntry("High usage", "notify:high", checked=True),
        MenuEntry("Disabled", "quit", enabled=False),
    )),
)
icon = TrayIcon("t", Image.new("RGBA", (64, 64)), "tip", entries, calls.append)

def dump(menu):
    out = []
    for item in menu.items:
        if item.text == "- - - -" or item is type(menu).SEPARATOR:
            out.append("---")
            continue
        d = {"text": item.text, "checked": item.checked, "radio": item.radio,
             "enabled": item.enabled, "default": item.default}
        if item.submenu is not None:
            d["children"] = dump(item.submenu)
        out.append(d)
    return out

menu = icon.icon.menu
tree = dump(menu)
menu.items[0](icon.icon)                       # click "Refresh now"
menu.items[2].submenu.items[1](icon.icon)      # click Zhipu AI > Open dashboard
menu.items[3].submenu.items[1](icon.icon)      # click Settings > 10 min
menu(icon.icon)                                # the default action (left click on gtk/xorg)
before = id(icon.icon.menu)
icon.update(Image.new("RGBA", (64, 64)), "tip", entries)       # unchanged: menu kept
same = id(icon.icon.menu) == before
icon.update(Image.new("RGBA", (64, 64), "red"), "tip 2", entries[:1])
print(json.dumps({"updates": updates, "backend": icon.backend, "size": icon.size,
                  "tree": tree, "calls": calls, "same": same, "title": icon.icon.title,
                  "after": [i.text for i in icon.icon.menu.items]}))
"""


def test_menu_conversion_and_callbacks() -> None:
    env = dict(os.environ, PYSTRAY_BACKEND="dummy")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parents[2]),
                                                      env.get("PYTHONPATH")]))
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["backend"] == "dummy" and data["size"] == 64
    tree = data["tree"]
    assert tree[0] == {"text": "Refresh now", "checked": None, "radio": False, "enabled": True,
                       "default": True}
    assert tree[1] == "---"
    assert [c["text"] for c in tree[2]["children"]] == ["5-hour: 37 % used", "Open dashboard"]
    settings = tree[3]["children"]
    assert [(c["checked"], c["radio"]) for c in settings[:3]] == [(True, True), (False, True),
                                                                  (True, False)]
    assert settings[3]["enabled"] is False
    assert data["calls"] == ["refresh", "open:https://bigmodel.cn/", "interval:10", "refresh"]
    assert data["same"] is True
    assert data["updates"].count("_update_menu") == 1  # only the changed menu was rebuilt
    assert data["title"] == "tip 2" and data["after"] == ["Refresh now"]
