"""Process figures read from /proc (Linux): RSS, threads, sockets, CPU time, context switches.

Every reader returns None where /proc is missing (macOS, Windows): the bench then says
"not measured" instead of guessing. CPU time comes from every thread's
/proc/PID/task/TID/schedstat (nanoseconds on the CPU), far finer than the 10 ms clock ticks
of /proc/PID/stat; a context switch counted in .../status is one wake-up. Both are read per
thread and compared with `delta`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024


def _proc(pid: int | str) -> Path:
    return Path("/proc") / str(pid)


def rss_mib(pid: int | str = "self") -> float | None:
    """Resident set size (VmRSS) in MiB."""
    try:
        for line in (_proc(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / MIB
    except OSError:
        return None
    return None


def threads(pid: int | str = "self") -> int | None:
    try:
        return len(os.listdir(_proc(pid) / "task"))
    except OSError:
        return None


def sockets(pid: int | str = "self") -> int | None:
    """Open file descriptors that are sockets."""
    fd_dir = _proc(pid) / "fd"
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return None
    count = 0
    for name in names:
        try:
            if os.readlink(fd_dir / name).startswith("socket:"):
                count += 1
        except OSError:  # closed between listdir and readlink
            continue
    return count


def _per_thread(pid: int | str, read: Callable[[str], int | None]) -> dict[str, int] | None:
    try:
        tids = os.listdir(_proc(pid) / "task")
    except OSError:
        return None
    out: dict[str, int] = {}
    for tid in tids:
        try:
            value = read((_proc(pid) / "task" / tid).as_posix())
        except (OSError, ValueError, IndexError):
            continue  # the thread ended meanwhile
        if value is not None:
            out[tid] = value
    return out or None


def _schedstat(task: str) -> int:
    return int(Path(task, "schedstat").read_text().split()[0])


def _switches(task: str) -> int | None:
    total = None
    for line in Path(task, "status").read_text().splitlines():
        if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
            total = (total or 0) + int(line.split()[1])
    return total


def cpu_ns(pid: int | str = "self") -> dict[str, int] | None:
    """Nanoseconds on the CPU per thread id (see `delta`)."""
    return _per_thread(pid, _schedstat)


def context_switches(pid: int | str = "self") -> dict[str, int] | None:
    """Voluntary + involuntary context switches per thread id: each one is a wake-up."""
    return _per_thread(pid, _switches)


def delta(before: dict[str, int] | None, after: dict[str, int] | None) -> int | None:
    """Growth summed over the threads alive at the end (a thread born meanwhile counts from 0;
    one that ended meanwhile is lost, so this never goes negative)."""
    if before is None or after is None:
        return None
    return sum(value - before.get(tid, 0) for tid, value in after.items())
