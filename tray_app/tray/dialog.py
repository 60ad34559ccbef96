"""The "Set GitHub Copilot token…" dialog (Tk, masked entry) → a `Secret` for the keyring.

The dialog runs in a child process (`python -m tray_app.tray.dialog`): Tk then has a main
thread of its own, which macOS requires and which keeps it away from the GTK loop of the
tray. The child writes the token to its stdout pipe (never argv, never a file); the caller
stores it through the credential loader's store. Where Tk is missing `ask_token` raises
`DialogUnavailable` and the tray tells the user the CLI command instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tray_app.i18n import detect_language, t
from tray_app.secrets import Secret

EXIT_OK, EXIT_CANCEL, EXIT_NO_TK = 0, 1, 3
FROZEN_FLAG = "--token-dialog"  # `<bundle executable> --token-dialog`: see dialog_command
TIMEOUT_S = 600.0  # a forgotten dialog does not keep a worker thread forever


class DialogUnavailable(RuntimeError):
    """No Tk (or no display for it): use `mystatus-tray token set copilot`."""


def tk_available(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if importlib.util.find_spec("tkinter") is None:
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(environ.get("DISPLAY"))  # Tk speaks X11 only (XWayland sets DISPLAY)
    return True


def dialog_command(lang: str) -> tuple[list[str], int]:
    """(argv, Windows creation flags) of the dialog process. A frozen bundle cannot run
    `-m`: it starts its own executable with FROZEN_FLAG (handled first thing in cli.main). On
    Windows that is the console sibling `mystatus-tray-cli.exe` (the windowed exe has no
    stdout to hand the token back on) with CREATE_NO_WINDOW, so no console window flashes."""
    if not getattr(sys, "frozen", False):
        return [sys.executable, "-m", "tray_app.tray.dialog", "--lang", lang], 0
    exe, flags = Path(sys.executable), 0
    if sys.platform == "win32" and exe.with_name("mystatus-tray-cli.exe").is_file():
        exe, flags = exe.with_name("mystatus-tray-cli.exe"), 0x08000000  # CREATE_NO_WINDOW
    return [str(exe), FROZEN_FLAG, "--lang", lang], flags


def ask_token(lang: str, *, timeout: float = TIMEOUT_S) -> Secret | None:
    """Show the dialog and wait; the token, or None if the user cancelled. Blocks: call it
    from a worker thread, never from the toolkit's thread."""
    if not tk_available():
        raise DialogUnavailable("tkinter is not available")
    cmd, flags = dialog_command(lang)
    try:
        result = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
            creationflags=flags,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DialogUnavailable(type(exc).__name__) from exc
    if result.returncode == EXIT_NO_TK:
        raise DialogUnavailable(result.stderr.strip()[-200:] or "Tk could not start")
    token = result.stdout.strip()
    if result.returncode != EXIT_OK or not token:
        return None
    return Secret(token)


def _dialog(lang: str) -> str | None:
    """The Tk window itself (child process only). Returns the entered token or None."""
    import tkinter as tk

    root = tk.Tk()
    root.title(t("tray.token.title", lang))
    root.resizable(False, False)
    root.attributes("-topmost", True)
    result: list[str] = []
    frame = tk.Frame(root, padx=14, pady=12)
    frame.pack(fill="both", expand=True)
    tk.Label(frame, text=t("tray.token.prompt", lang), justify="left", wraplength=420).pack(
        anchor="w"
    )
    value = tk.StringVar()
    entry = tk.Entry(frame, textvariable=value, show="•", width=52)
    entry.pack(fill="x", pady=(10, 10))
    buttons = tk.Frame(frame)
    buttons.pack(anchor="e")

    def save(_event: object = None) -> None:
        if value.get().strip():
            result.append(value.get().strip())
            root.destroy()

    def cancel(_event: object = None) -> None:
        root.destroy()

    tk.Button(buttons, text=t("tray.token.cancel", lang), command=cancel).pack(side="right")
    tk.Button(buttons, text=t("tray.token.save", lang), command=save, default="active").pack(
        side="right", padx=(0, 8)
    )
    root.bind("<Return>", save)
    root.bind("<KP_Enter>", save)
    root.bind("<Escape>", cancel)
    root.protocol("WM_DELETE_WINDOW", cancel)
    root.after(50, entry.focus_force)
    root.mainloop()
    return result[0] if result else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tray_app.tray.dialog")
    parser.add_argument("--lang", default=None)
    args = parser.parse_args(argv)
    lang = detect_language(args.lang)
    try:
        token = _dialog(lang)
    except Exception as exc:  # TclError (no display), ImportError (no _tkinter)
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_NO_TK
    if not token:
        return EXIT_CANCEL
    sys.stdout.write(token + "\n")
    sys.stdout.flush()
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
