"""Credential loading on a large OpenCode 2 database (issue 9): the time of one `load_auth()`
(what every refresh does: OPENCODE_AUTH_CONTENT, opencode.db's credential table, auth.json,
environment keys) on an `opencode.db` of ~200 MB of sessions, checkpointed (read `immutable`)
and while a running "OpenCode" holds fresh rows in its write-ahead log (read `mode=ro`), and
this process's RSS before and after many loads (no growth). The database is built by the bench
in its temp dir (simulator/opencode_db.py), never a real OpenCode folder."""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path

from bench.procstat import rss_mib
from bench.report import Figure, median, p95
from tray_app.credentials.opencode import load_auth
from tray_app.simulator.opencode_db import (
    OpenCodeWriter,
    create_db,
    credential_row,
    key_value,
    oauth_value,
)

TARGET_MS = 5.0
MIB = 1024 * 1024


def _times(env: dict[str, str], loads: int) -> list[float]:
    out: list[float] = []
    for _ in range(loads):
        started = time.perf_counter()
        auth = load_auth(env)
        out.append((time.perf_counter() - started) * 1000)
        assert auth.entry("openai") is not None  # the load really read the database
    return out


def measure(workdir: Path, size_mib: int, loads: int) -> list[Figure]:
    home = workdir / "credentials-home"
    data = home / ".local" / "share" / "opencode"
    data.mkdir(parents=True, exist_ok=True)
    (data / "auth.json").write_text(json.dumps({
        "openai": {"type": "oauth", "access": "oa-bench-stale", "refresh": "r", "expires": 1},
        "zai-coding-plan": {"type": "api", "key": "zk-bench-stale"}}), "utf-8")
    db = data / "opencode.db"
    built = time.perf_counter()
    create_db(db, [
        credential_row("openai", oauth_value("oa-bench-inactive"), active=False),
        credential_row("openai", oauth_value("oa-bench-fresh-0000000000")),
        credential_row("zai-coding-plan", key_value("zk-bench-fresh-000000000")),
        credential_row("github-copilot", oauth_value("gho_bench_000000000000")),
    ], filler_bytes=size_mib * MIB)
    build_s = time.perf_counter() - built
    db_mib = db.stat().st_size / MIB
    env = {"HOME": str(home)}

    _times(env, 5)  # warm the page cache and imports
    gc.collect()
    rss_before = rss_mib()
    immutable = _times(env, loads)
    gc.collect()
    rss_after = rss_mib()
    with OpenCodeWriter(db) as opencode:
        opencode.activate("openai", credential_row("openai", oauth_value("oa-bench-in-wal-0000")))
        _times(env, 5)
        wal = _times(env, loads)
        seen = load_auth(env).entry("openai") or {}
        assert seen.get("access") == "oa-bench-in-wal-0000"  # the WAL's row was read
    growth = None if rss_before is None or rss_after is None else rss_after - rss_before
    how = (f"{loads} loads of {db_mib:.0f} MB opencode.db (built in {build_s:.1f} s) + auth.json "
           "beside it")
    return [
        Figure("credentials.db_mib", "9. opencode.db size for the credential bench", db_mib,
               "MB", note="sessions/messages filler + the credential table, WAL mode"),
        Figure("credentials.load_ms_median", "9. credential load, median (db checkpointed)",
               median(immutable), "ms", target=TARGET_MS, note=how + "; immutable open"),
        Figure("credentials.load_ms_p95", "9. credential load, p95 (db checkpointed)",
               p95(immutable), "ms", note=how),
        Figure("credentials.load_wal_ms_median",
               "9. credential load, median (OpenCode running, rows in the WAL)", median(wal),
               "ms", target=TARGET_MS, note=how + "; mode=ro with a read-only -shm"),
        Figure("credentials.rss_mib", "9. bench process RSS after the loads", rss_after, "MiB",
               note="in-process, after gc"),
        Figure("credentials.rss_growth_mib", f"9. RSS growth over {loads} loads", growth, "MiB",
               target=1.0, note="after 5 warm-up loads; gc before each sample"),
    ]
