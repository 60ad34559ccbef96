"""The tray process's C heap: a cap on glibc's malloc arenas, for measuring (off by default).

glibc gives a thread its own arena (up to 8 per core) the first time it finds the others
busy; the fetch pool's threads (TLS, JSON, HTTP) each grew one, ~50-150 kB, and freed memory
in one is never reused by another, so the long-lived tray grew ~1 MiB per 300 refreshes
(tracemalloc flat: not Python objects; `malloc_trim` gave none back). `mallopt(M_ARENA_MAX)`
is read when the second arena is first needed, so it is set before the tray starts any
thread. Measured (bench, 300 forced refreshes of the real tray): one arena grew MORE (+2.5
MiB vs +0.9 MiB with glibc's default: the one brk heap fragments between the GTK thread and
the fetch threads and can only shrink from its top), so the default stays glibc's and the cap
is a knob: `MYSTATUS_ARENA_MAX=N` (0 = glibc's default). `MALLOC_ARENA_MAX` in the environment
(glibc's own knob, read at process start) wins. Linux with glibc only.

The fetch threads themselves now run in the engine child (engine_child.py), one short-lived
process per refresh, so their arenas end with it; the tray's own threads are the toolkit's,
the poller, the status-page watch, the spend child's waiter and, on xorg, the signal reader
(signals.py).
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 0  # 0: glibc's default (measured best: see README → Performance, figure 4)


def limit_arenas(environ: dict[str, str] | None = None) -> int | None:
    """Cap the arenas; the cap set, or None when left to glibc (not Linux, not glibc, or
    the environment decides)."""
    environ = dict(os.environ) if environ is None else environ
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in environ:
        return None
    wanted = environ.get("MYSTATUS_ARENA_MAX", str(ARENAS))
    if wanted == "0":
        return None  # before importing ctypes (~0.4 MiB): nothing to do
    if not wanted.isdigit() or int(wanted) == 0:
        return None
    import ctypes  # ~0.4 MiB, once; the arenas it saves grow without bound

    try:
        mallopt = ctypes.CDLL(None).mallopt  # musl has none: nothing to cap there
    except (OSError, AttributeError):
        return None
    if not mallopt(M_ARENA_MAX, int(wanted)):
        log.info("mallopt(M_ARENA_MAX) refused")
        return None
    return int(wanted)
