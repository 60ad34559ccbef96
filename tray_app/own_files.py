"""Our own files only (config, saved view, alert state, lock files): atomic writes, setting
aside a corrupt file, an OS file lock. Never used on another program's files, which we only
read."""

from __future__ import annotations

import importlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def atomic_write(path: Path, payload: bytes, mode: int | None = None) -> None:
    """Write `payload` to `path` so that readers see the old or the new file, never a part:
    a temp file in the same directory, fsync, then os.replace. With `mode`, the file has that
    mode before the rename, so it is never seen with another (else mkstemp's 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:
                os.chmod(tmp, mode)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def aside_name(path: Path) -> Path:
    """`<name>.corrupt-<date>-<time>-<pid>-<n>`: unique even when two processes (or two
    files of one) are set aside within the same second, so no set-aside file replaces
    another."""
    global _asides
    _asides += 1
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.corrupt-{stamp}-{os.getpid()}-{_asides}")


_asides = 0


def set_aside(path: Path) -> Path | None:
    """Rename an unusable file to a unique `<name>.corrupt-<time>-...` (kept for the user, not
    deleted). Returns the new path, or None if it could not be moved."""
    aside = aside_name(path)
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def try_lock(fh: IO[bytes]) -> bool:
    """Take an exclusive lock on our open lock file without waiting; False if another process
    holds it. fcntl.flock on POSIX, msvcrt.locking on Windows: the kernel releases it when the
    process ends, however it ends."""
    try:
        if os.name == "nt":
            msvcrt: Any = importlib.import_module("msvcrt")  # stubs exist for win32 only
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _open_lock_file(path: Path) -> IO[bytes] | None:
    """The lock file, opened; None when it cannot be created or opened (a read-only state
    folder, a lock file of another user): the caller goes on without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+b")  # closed by file_lock
    except OSError:
        pass
    try:
        return open(path, "rb")  # flock works on a read-only descriptor too
    except OSError:
        return None


@contextmanager
def file_lock(path: Path, wait: float,
              clock: Callable[[], float] = time.monotonic) -> Iterator[bool | None]:
    """Hold the OS lock on our lock file `path` (yields True), yield False when `wait`
    seconds ran out, or None when there is no lock to take (it cannot be created or opened).
    Closing the file releases the lock; the kernel does when the process ends."""
    fh = _open_lock_file(path)
    if fh is None:
        yield None
        return
    with fh:
        deadline = clock() + wait
        held = try_lock(fh)
        while not held and clock() < deadline:
            time.sleep(0.01)
            held = try_lock(fh)
        yield held
