"""Opening a file we only read (another program's credentials, our settings, saved view,
history) without ever blocking on something that is not a file, and saying why it failed.

- `open_regular(path)`: opened with `O_NONBLOCK` (a FIFO opens at once instead of waiting for
  a writer; a socket fails with ENXIO), then `fstat` on the open descriptor: anything but a
  regular file (FIFO, socket, character or block device, folder) raises `NotRegularFile`
  before a single byte is read. Symbolic links are followed (dotfile managers link them).
- `check_regular(path)`: the same check by `stat`, for files SQLite opens itself.
- `exists(path)`: False only when the file is really absent; a file we may not even look at
  (a folder on the way we cannot enter) counts as present, so the reader reports why.
- `fix_key(path, exc)`: the catalog key of the fix for an OS error: a folder we cannot enter
  (`fix.folder_unreadable`: OpenCode's data folder owned by root after a `sudo opencode`),
  something that is not a regular file (`fix.not_regular_file`), else "".
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0) | getattr(
    os, "O_BINARY", 0)
_ABSENT = (errno.ENOENT, errno.ENOTDIR)


class NotRegularFile(OSError):
    """The path names a FIFO, socket, device or folder where a file was expected."""

    def __init__(self, path: Path | str, what: str) -> None:
        super().__init__(f"not a regular file ({what})")
        self.strerror = f"not a regular file ({what})"
        self.filename = str(path)
        self.what = what


def file_type(mode: int) -> str:
    """A short English name of a file type (for the detail of an error, like an OS error)."""
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"


def _check(path: Path | str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, file_type(mode))


def check_regular(path: Path | str) -> os.stat_result:
    """`stat` of a regular file; FileNotFoundError, NotRegularFile, IsADirectoryError or the
    OS error (PermissionError for a folder on the way we cannot enter)."""
    info = os.stat(path)
    _check(path, info.st_mode)
    return info


def open_regular(path: Path | str) -> IO[bytes]:
    """`path` opened for binary reading, proven a regular file before anything is read;
    never blocks on a FIFO or a device. Raises OSError subclasses as `check_regular`."""
    if not _NONBLOCK:  # Windows: no FIFOs in the file system; a stat first is enough
        check_regular(path)
    try:
        fd = os.open(path, _FLAGS | _NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a UNIX socket: nobody can open it as a file
            raise NotRegularFile(path, "socket") from exc
        raise
    try:
        _check(path, os.fstat(fd).st_mode)
        if _NONBLOCK:  # back to ordinary reads (no effect on a regular file, but tidy)
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_NONBLOCK)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (the caller tells "too large")."""
    with open_regular(path) as fh:
        return fh.read(limit + 1)


def exists(path: Path | str) -> bool:
    """False only when nothing is there; True also when it cannot be looked at."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno not in _ABSENT and not isinstance(exc, FileNotFoundError)
    return True


def unreadable_folder(path: Path | str) -> Path | None:
    """The first folder above `path` this user cannot enter (or list), if any."""
    target = Path(path).absolute()
    for folder in reversed(target.parents):
        if folder.is_dir() and not os.access(folder, os.X_OK):
            return folder
    return None


def fix_key(path: Path | str, exc: BaseException) -> str:
    if isinstance(exc, NotRegularFile):
        return "fix.not_regular_file"
    if isinstance(exc, PermissionError) and unreadable_folder(path) is not None:
        return "fix.folder_unreadable"
    return ""


def fix_extra(path: Path | str, exc: BaseException) -> dict[str, str]:
    """The `extra` of an ErrorInfo: the fix key, and the folder to hand back to the user."""
    key = fix_key(path, exc)
    if key == "fix.folder_unreadable":
        return {"fix": key, "folder": str(unreadable_folder(path))}
    return {"fix": key, "folder": str(Path(path).parent)} if key else {}


def describe(path: Path | str, exc: OSError) -> str:
    """A short English reason (like an OS error's text) naming the folder we cannot enter."""
    reason = exc.strerror or str(exc)
    folder = unreadable_folder(path) if isinstance(exc, PermissionError) else None
    return f"{reason}: cannot enter {folder}" if folder is not None else reason
