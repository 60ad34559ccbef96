"""Windows start at login: the value `mystatus-tray` under
`HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run` (no admin rights needed;
Explorer runs it at logon; Task Manager → Startup lists it and can switch it off).

`winreg` exists on Windows only, so it is imported inside `WinregRunKey`; the writer takes any
`RunKey` (a dict-backed fake in tests). The value is one command line in the MS C runtime's
quoting (`subprocess.list2cmdline`), read back with `split_cmdline`.
"""

from __future__ import annotations

import importlib
import subprocess
from typing import Any, Protocol

from tray_app import APP_NAME
from tray_app.autostart import AutostartStatus

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = APP_NAME


class RunKey(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> bool: ...


def _winreg() -> Any:
    # Through importlib: winreg's stubs only exist for win32, and mypy runs on Linux too.
    return importlib.import_module("winreg")


class WinregRunKey:
    """HKCU\\...\\Run through winreg (Windows only)."""

    def get(self, name: str) -> str | None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        ok = kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(value, str)
        return value if ok else None

    def set(self, name: str, value: str) -> None:
        winreg = _winreg()
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> bool:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            return False
        return True


def split_cmdline(line: str) -> tuple[str, ...]:
    """CommandLineToArgvW's rules (the inverse of list2cmdline): 2n backslashes + quote →
    n backslashes and a quote toggle; 2n+1 + quote → n and a literal quote."""
    args: list[str] = []
    cur: list[str] = []
    started = quoted = False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            n = 0
            while i < len(line) and line[i] == "\\":
                n, i = n + 1, i + 1
            if i < len(line) and line[i] == '"':
                cur.append("\\" * (n // 2))
                if n % 2:
                    cur.append('"')
                    i += 1
            else:
                cur.append("\\" * n)
            started = True
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch in " \t" and not quoted:
            if started:
                args.append("".join(cur))
            cur, started = [], False
        else:
            cur.append(ch)
            started = True
        i += 1
    if started:
        args.append("".join(cur))
    return tuple(args)


class RunKeyAutostart:
    def __init__(self, command: tuple[str, ...], *, key: RunKey | None = None) -> None:
        self.command = command
        self.key: RunKey = key or WinregRunKey()

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{VALUE_NAME}"

    def status(self) -> AutostartStatus:
        value = self.key.get(VALUE_NAME)
        command = split_cmdline(value) if value else None
        return AutostartStatus(bool(command), self.location, command or None, self.command)

    def enable(self) -> AutostartStatus:
        self.key.set(VALUE_NAME, subprocess.list2cmdline(self.command))
        return self.status()

    def disable(self) -> bool:
        return self.key.delete(VALUE_NAME)
