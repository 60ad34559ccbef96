"""What the long-lived tray process keeps out of itself: OpenSSL (issue 17 §6).

The tray never opens a TLS connection (its HTTP runs in the engine child, engine_child.py),
yet two imports pulled OpenSSL in: PyGObject's `gi` imports `asyncio`, whose event loop
imports `ssl`; and `hashlib` (Claude Code's keychain entry name is a SHA-256) loads
`_hashlib`. Both are optional to their importers: asyncio runs without TLS and hashlib falls
back to CPython's own SHA-2. Mapping libcrypto and initialising it cost the tray 5.6 MiB of
RSS (bench: 71.3 → 65.6 MiB under trayer, after 20 refreshes).

So before the toolkit is imported, the tray marks `ssl` and `_hashlib` as unavailable in
its own interpreter (`sys.modules[name] = None`: `import ssl` then raises ImportError, which
both importers expect). Linux and the BSDs only: that is where `gi` brings asyncio in and
where it is measured; a module already imported (a user's sitecustomize) is left alone.
The children the tray starts are fresh interpreters and keep both.
"""

from __future__ import annotations

import sys

KEPT_OUT = ("ssl", "_hashlib")


def keep_tls_out(platform: str = sys.platform) -> tuple[str, ...]:
    """Mark the TLS modules unavailable in this interpreter; the names marked."""
    if not (platform.startswith("linux") or "bsd" in platform):
        return ()
    marked = tuple(name for name in KEPT_OUT if name not in sys.modules)
    for name in marked:
        sys.modules[name] = None  # type: ignore[assignment]
    return marked
