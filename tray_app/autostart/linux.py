"""Linux/BSD start at login: an XDG autostart desktop entry (freedesktop Desktop Application
Autostart spec), `$XDG_CONFIG_HOME/autostart/mystatus-tray.desktop` (~/.config by default).

GNOME, KDE, XFCE, LXQt, Cinnamon, MATE start every entry there at login. `Exec` follows the
Desktop Entry spec's quoting (see `exec_quote`), so install paths with spaces work. The file
name is ours: `disable()` removes it; a user who only wants it off for a while may set `Hidden=true`
(which `status()` honours, as desktops do).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tray_app import APP_NAME, __version__
from tray_app.autostart import AutostartStatus
from tray_app.autostart.command import bundled_icon

FILE_NAME = f"{APP_NAME}.desktop"
MARKER = f"X-{APP_NAME}-Version"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(arg: str) -> str:
    """One Exec argument: quoted when it has reserved characters; inside quotes `"`, `` ` ``,
    `$` and `\\` get a backslash; then the string-level escape doubles every backslash; `%`
    (field codes) is doubled everywhere."""
    if arg and not (set(arg) & _RESERVED):
        out = arg
    else:
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        out = f'"{inner}"'
    out = out.replace("\\", "\\\\").replace("%", "%%")
    return out.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def exec_line(command: tuple[str, ...]) -> str:
    return " ".join(exec_quote(a) for a in command)


def _unescape(value: str) -> str:
    """String-level escapes of a desktop entry value: \\s \\n \\t \\r \\\\."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse_exec(value: str) -> tuple[str, ...]:
    """The inverse of `exec_line`: string unescape, then split on spaces outside quotes
    (inside quotes a backslash escapes `"` `` ` `` `$` `\\`), then `%%` → `%`."""
    s = _unescape(value)
    args: list[str] = []
    cur: list[str] = []
    started = quoted = False
    i = 0
    while i < len(s):
        ch = s[i]
        if quoted and ch == "\\" and i + 1 < len(s) and s[i + 1] in '"`$\\':
            cur.append(s[i + 1])
            i += 1
        elif ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started:
                args.append("".join(cur))
            cur, started = [], False
        else:
            cur.append(ch)
            started = True
        i += 1
    if started:
        args.append("".join(cur))
    return tuple(a.replace("%%", "%") for a in args)


def desktop_entry(command: tuple[str, ...], icon: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "GenericName=AI coding quota monitor",
        "Comment=Shows how much of your AI coding subscriptions is left, in the system tray",
        f"Exec={exec_line(command)}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Utility;",
        "X-GNOME-Autostart-enabled=true",
        # A few seconds for the panel's tray host to come up first.
        "X-GNOME-Autostart-Delay=5",
        f"{MARKER}={__version__}",
        "",
    ])


def read_entry(text: str) -> dict[str, str]:
    """The keys of the [Desktop Entry] group (other groups, comments, locales ignored)."""
    out: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line
            continue
        key, sep, value = line.partition("=")
        if sep and group == "[Desktop Entry]":
            out.setdefault(key.strip(), value.strip())
    return out


def autostart_dir(environ: Mapping[str, str]) -> Path:
    config = environ.get("XDG_CONFIG_HOME", "")
    if config and os.path.isabs(config):  # the spec: a relative value is ignored
        return Path(config) / "autostart"
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / ".config" / "autostart"


class XdgAutostart:
    def __init__(self, command: tuple[str, ...], *, environ: Mapping[str, str] | None = None,
                 icon: str | None = None) -> None:
        self.command = command
        self.path = autostart_dir(os.environ if environ is None else environ) / FILE_NAME
        bundled = bundled_icon()
        self.icon = icon or (str(bundled) if bundled else APP_NAME)

    @property
    def location(self) -> str:
        return str(self.path)

    def status(self) -> AutostartStatus:
        try:
            entry = read_entry(self.path.read_text("utf-8", errors="replace"))
        except OSError:
            return AutostartStatus(False, self.location, None, self.command)
        command = parse_exec(entry["Exec"]) if entry.get("Exec") else None
        enabled = (
            command is not None
            and entry.get("Hidden", "false").lower() != "true"
            and entry.get("X-GNOME-Autostart-enabled", "true").lower() != "false"
        )
        return AutostartStatus(enabled, self.location, command, self.command)

    def enable(self) -> AutostartStatus:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{FILE_NAME}.tmp")
        tmp.write_text(desktop_entry(self.command, self.icon), "utf-8")
        os.replace(tmp, self.path)  # atomic: a login never sees half a file
        return self.status()

    def disable(self) -> bool:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True
