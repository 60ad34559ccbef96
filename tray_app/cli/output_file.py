"""`status --output FILE`: the output written atomically (a temp file beside it, fsync,
rename), so a scrape never reads half of it, with a mode that fits the file's reader:

- an existing file keeps its mode (a textfile collector's `*.prom` made world-readable for
  node_exporter stays so; a file the user made private stays private);
- a new file is 0644 when it holds only numbers and names no account (the prometheus format
  with `--metrics-labels hashed|none`, polybar, i3blocks), else 0600 (text and JSON, waybar's
  tooltip, prometheus with e-mails in its labels), with a one-line notice saying how to
  make it 0644.

The umask is not applied: the mode is what the reader needs, and is documented."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from tray_app.own_files import atomic_write

PUBLIC, PRIVATE = 0o644, 0o600


def names_accounts(fmt: str, labels_mode: str) -> bool:
    """Does this format's output name accounts (e-mails, user names, masked keys)?"""
    if fmt == "prometheus":
        return labels_mode == "full"
    return fmt not in ("polybar", "i3blocks")


def write_output(path: Path, text: str, *, private: bool,
                 notify: Callable[[str, dict[str, str]], None] | None = None) -> int:
    """Write `text` (a final newline added) atomically; the file's mode is returned."""
    payload = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    new = mode is None
    if mode is None:
        mode = PRIVATE if private else PUBLIC
    atomic_write(path, payload, mode)
    if new and private and notify is not None:
        notify("bar.output_private", {"path": str(path)})
    return mode
