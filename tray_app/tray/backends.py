"""Which pystray backend the tray gets and why not a better one, toolkit-free: the tray's
start log (tray/pystray_adapter.py records each backend that failed to import) and `doctor`
(which predicts it from the installed Python packages and typelib files, importing nothing).

Linux order (pystray's): appindicator (a real menu, on SNI hosts and XEmbed trays), gtk
(GtkStatusIcon, XEmbed only), xorg (plain X11: no menu, no notifications).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tray_app.i18n import t

LINUX_ORDER = ("appindicator", "gtk", "xorg")
ENV = "PYSTRAY_BACKEND"
WATCHER = "org.kde.StatusNotifierWatcher"
# Which typelibs each GTK backend needs (pystray._appindicator accepts either indicator).
TYPELIBS = {
    "gtk": (("Gtk-3.0",),),
    "appindicator": (("Gtk-3.0",), ("AyatanaAppIndicator3-0.1", "AppIndicator3-0.1")),
}
_TYPELIB_DIRS = (
    "/usr/lib/girepository-1.0", "/usr/lib64/girepository-1.0",
    "/usr/local/lib/girepository-1.0", "/usr/lib/*/girepository-1.0",
    "/usr/local/lib/*/girepository-1.0",
)


@dataclass(frozen=True)
class Choice:
    """The backend in use (or predicted) and every better one that could not be used."""

    backend: str
    forced: bool = False  # PYSTRAY_BACKEND chose it
    failures: Mapping[str, str] = field(default_factory=dict)  # backend → why (error text)

    @property
    def fallback(self) -> bool:
        return bool(self.failures) and not self.forced


def fix_key(detail: str) -> str:
    """The catalog key of the fix for one backend's import error."""
    if "No module named 'gi'" in detail or "No module named 'cairo'" in detail:
        return "backend.fix.extra"
    if "Namespace" in detail or "typelib" in detail.lower():
        return "backend.fix.typelibs"
    if "could not be initialised" in detail:
        return "backend.fix.gtk_init"
    return "backend.fix.other"


def describe(choice: Choice, lang: str) -> list[tuple[str, str]]:
    """(text, fix) lines for the log and doctor: the backend, and why not a better one."""
    if choice.forced:
        return [(t("backend.forced", lang, backend=choice.backend), "")]
    if not choice.fallback:
        return [(t("backend.in_use", lang, backend=choice.backend), "")]
    wanted = next(iter(choice.failures))
    detail = choice.failures[wanted]
    out = [(t("backend.fallback", lang, backend=choice.backend, wanted=wanted, detail=detail),
            t(fix_key(detail), lang))]
    if choice.backend == "xorg":
        out.append((t("backend.no_menu", lang), ""))
    return out


# ------------------------------------------------------------------------------ doctor
def _typelib_dirs(environ: Mapping[str, str]) -> list[Path]:
    dirs = [Path(p) for p in environ.get("GI_TYPELIB_PATH", "").split(os.pathsep) if p]
    for pattern in _TYPELIB_DIRS:
        if "*" in pattern:
            head, _, tail = pattern.partition("*")
            base = Path(head)
            if base.is_dir():
                dirs += sorted(d / tail.lstrip("/") for d in base.iterdir() if d.is_dir())
        else:
            dirs.append(Path(pattern))
    return [d for d in dirs if d.is_dir()]


def missing_typelibs(backend: str, environ: Mapping[str, str]) -> list[str]:
    """Typelibs `backend` needs that no typelib directory holds (first of each group)."""
    dirs = _typelib_dirs(environ)
    missing = []
    for group in TYPELIBS.get(backend, ()):
        if not any((d / f"{name}.typelib").is_file() for name in group for d in dirs):
            missing.append(group[0])
    return missing


def predict(environ: Mapping[str, str] | None = None, platform: str = sys.platform,
            has_module: Sequence[str] | None = None) -> Choice:
    """The backend the tray would get here, without importing any toolkit (for `doctor`).
    `has_module`: the importable modules among gi and cairo (tests); found with find_spec."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        return Choice(environ[ENV], forced=True)
    if platform == "darwin" or platform == "win32":
        return Choice(platform)
    present = (has_module if has_module is not None
               else [m for m in ("gi", "cairo") if importlib.util.find_spec(m) is not None])
    failures: dict[str, str] = {}
    for backend in LINUX_ORDER[:-1]:
        if "gi" not in present:
            failures[backend] = "No module named 'gi'"
            continue
        missing = missing_typelibs(backend, environ)
        if missing:
            failures[backend] = f"Namespace {missing[0].split('-')[0]} not available"
            continue
        return Choice(backend, failures=failures)
    return Choice("xorg", failures=failures)


def gnome_without_watcher(environ: Mapping[str, str] | None = None) -> bool:
    """True on GNOME Shell when nothing owns the StatusNotifierWatcher name: the AppIndicator
    extension is off and no tray icon shows. False when unknown (no gdbus, no bus)."""
    environ = os.environ if environ is None else environ
    if "GNOME" not in environ.get("XDG_CURRENT_DESKTOP", "").upper():
        return False
    gdbus = shutil.which("gdbus")
    if gdbus is None or not environ.get("DBUS_SESSION_BUS_ADDRESS", "x"):
        return False
    try:
        out = subprocess.run(
            [gdbus, "call", "--session", "--timeout", "2", "--dest", "org.freedesktop.DBus",
             "--object-path", "/org/freedesktop/DBus", "--method",
             "org.freedesktop.DBus.NameHasOwner", WATCHER],
            capture_output=True, text=True, timeout=5, check=False, env=dict(environ))
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and "false" in out.stdout
