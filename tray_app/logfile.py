"""The tray's log file: `<platform log dir>/mystatus-tray.log` (demo: `mystatus-tray-demo.log`),
rotated at 1 MB with 3 old files kept, at the level of `--log-level` (the root logger's).

Platform log dirs (platformdirs): Linux `~/.local/state/mystatus-tray/log`, macOS
`~/Library/Logs/mystatus-tray`, Windows `%LOCALAPPDATA%\\mystatus-tray\\Logs`.
Every record passes `ScrubFilter` first: message, arguments, traceback and stack text go
through `secrets.scrub`, so no token reaches the file (nor any other handler).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

from tray_app import APP_NAME, __version__, paths
from tray_app.secrets import scrub

MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


class ScrubFilter(logging.Filter):
    """Replaces a record's text by its scrubbed form (records are shared by all handlers,
    so the scrubbed text is what every handler sees)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class _Handler(logging.FileHandler):
    """A size-rotated file (`name`, `name.1` … `name.<backupCount>`), as the stdlib's
    RotatingFileHandler does; ours because `logging.handlers` pulls `pickle`, `socket` and
    `queue` into the long-lived tray (~0.2 MiB) for one method. Also the marker class:
    `install` replaces an earlier handler of ours, never another's."""

    def __init__(self, filename: Path, maxBytes: int, backupCount: int,
                 encoding: str = "utf-8") -> None:
        super().__init__(filename, mode="a", encoding=encoding)
        self.maxBytes, self.backupCount = maxBytes, backupCount

    def _open(self) -> io.TextIOWrapper:
        """The file opened for appending, private (0600): created so, and an older file
        of ours left readable by others (an earlier version made it 0644) is narrowed too:
        the log names accounts and providers, which are nobody else's business."""
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        try:
            if os.name == "posix" and os.fstat(fd).st_mode & 0o077:
                with contextlib.suppress(OSError):  # not ours to change (another owner)
                    os.fchmod(fd, 0o600)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._rotate()
        except Exception:  # as logging does: report, never raise
            self.handleError(record)
            return
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        return self.stream.tell() + len(self.format(record)) + 1 >= self.maxBytes

    def _rotate(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        for i in range(self.backupCount - 1, 0, -1):
            older = f"{self.baseFilename}.{i}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{i + 1}")
        if self.backupCount > 0:
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def log_file(demo: bool = False, directory: Path | None = None) -> Path:
    name = f"{APP_NAME}-demo.log" if demo else f"{APP_NAME}.log"
    return (directory or paths.log_dir()) / name


def install(level: int | None = None, *, demo: bool = False,
            directory: Path | None = None) -> Path | None:
    """Add the rotating file handler to the root logger; the file's path, or None when the
    directory cannot be written (then the app logs to stderr only; never fatal)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(old)
        old.close()
    path = log_file(demo, directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _Handler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file (%s): %s", path, exc)
        return None
    handler.setLevel(root.level if level is None else level)
    handler.addFilter(ScrubFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    logging.getLogger(__name__).info(
        "%s %s starting (Python %s, %s, %s)", APP_NAME, __version__,
        sys.version.split()[0], sys.platform,
        "frozen" if getattr(sys, "frozen", False) else "from source or pip")
    return path
