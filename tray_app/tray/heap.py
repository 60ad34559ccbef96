"""The tray process's C heap: one glibc malloc arena instead of one per thread.

glibc gives a thread its own arena (up to 8 per core) the first time it finds the others
busy; the fetch pool's threads (TLS, JSON, HTTP) each grew one, ~50-150 kB, and freed memory
in one is never reused by another, so the long-lived tray grew ~1 MiB per 300 refreshes
(tracemalloc flat: not Python objects; `malloc_trim` gave none back). `mallopt(M_ARENA_MAX)`
is read when the second arena is first needed, so it is set before the tray starts any
thread. The GIL serialises nearly all of our allocations anyway: one arena costs no speed.
`MALLOC_ARENA_MAX` in the environment (the user's or glibc's own knob) wins; so does
`MYSTATUS_ARENA_MAX=0` (leave glibc's default: for measuring). Linux with glibc only.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 1


def limit_arenas(environ: dict[str, str] | None = None) -> int | None:
    """Cap the arenas; the cap set, or None when left to glibc (not Linux, not glibc, or
    the environment decides)."""
    environ = dict(os.environ) if environ is None else environ
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in environ:
        return None
    wanted = environ.get("MYSTATUS_ARENA_MAX", str(ARENAS))
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
