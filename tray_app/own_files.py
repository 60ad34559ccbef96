"""Our own files only (config, saved view, alert state): atomic writes and setting aside a
corrupt file. Never used on another program's files, which we only read."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that readers see the old or the new file, never a part:
    a temp file in the same directory, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_aside(path: Path) -> Path | None:
    """Rename an unusable file to `<name>.corrupt-<time>` (kept for the user, not deleted).
    Returns the new path, or None if it could not be moved."""
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside
