"""The incremental, streaming scan: every log file is read from where the last run stopped.

Per file the store keeps the offset read up to and a fingerprint (size, inode, the hash of its
first bytes). A later run reads only the bytes appended since, in chunks, up to the last
complete line: a half-written line waits for the next run. A file that shrank, or whose inode or
first bytes changed (replaced), is read again from the start; a file that is gone drops out
with its figures. Memory stays bounded whatever the file size: a chunk, the tail of one line,
and a line longer than MAX_LINE is skipped without being held. Lines that cannot hold usage are
rejected by a bytes substring check before any parsing; malformed lines are skipped and counted.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tray_app.spend import jsonl
from tray_app.spend.records import Usage
from tray_app.spend.sources import claude_code, codex, opencode
from tray_app.spend.store import FileRecord, Store

CHUNK = 4 << 20  # bytes read at a time
HEAD = 4096  # bytes hashed for the fingerprint
MAX_LINE = 16 << 20  # a longer line is skipped (and counted), never held
FLUSH = 5_000  # Claude messages held before they are written to the store
COMMIT_BYTES = 32 << 20  # a transaction spans files until about this much was read


@dataclass
class ScanStats:
    files: int = 0  # log files and databases found
    bytes_read: int = 0
    skipped_lines: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # "path: reason", for the log/doctor
    committed_at: int = 0  # bytes_read at the last commit

    def to_json(self) -> dict[str, object]:
        return {"files": self.files, "bytes_read": self.bytes_read,
                "skipped_lines": self.skipped_lines, "seconds": round(self.seconds, 3)}


def _walk(roots: Iterable[Path], name_pattern: str) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            try:
                found.extend(p for p in root.rglob(name_pattern) if p.is_file())
            except OSError:
                continue
    return sorted(set(found))


def _head_hash(handle: BinaryIO, length: int) -> str:
    handle.seek(0)
    return hashlib.blake2b(handle.read(length), digest_size=16).hexdigest()


class _LineReader:
    """Complete lines from `offset` on, chunk by chunk; `offset` ends after the last one."""

    def __init__(self, handle: BinaryIO, offset: int, stats: ScanStats) -> None:
        self.handle = handle
        self.offset = offset
        self.stats = stats

    def chunks(self) -> Iterator[bytes]:
        """Blocks of whole lines (joined by newlines, without the final one)."""
        handle, stats = self.handle, self.stats
        handle.seek(self.offset)
        pos = self.offset
        parts: list[bytes] = []  # the start of a line not yet complete
        held = 0
        skipping = False  # inside a line longer than MAX_LINE
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                return
            pos += len(chunk)
            stats.bytes_read += len(chunk)
            cut = chunk.rfind(b"\n")
            if cut < 0:
                if skipping:
                    self.offset = pos
                else:
                    parts.append(chunk)
                    held += len(chunk)
                    if held > MAX_LINE:
                        skipping, parts, held = True, [], 0
                        stats.skipped_lines += 1
                        self.offset = pos
                continue
            if skipping:
                block = chunk[chunk.find(b"\n") + 1:cut]
                skipping = False
            elif parts:
                parts.append(chunk[:cut])
                block = b"".join(parts)
                parts, held = [], 0
            else:
                block = chunk[:cut]
            rest = chunk[cut + 1:]
            if rest:
                parts, held = [rest], len(rest)
            self.offset = pos - len(rest)
            yield block


def _claude_lines(block: bytes, stats: ScanStats, keyed: dict[str, Usage],
                  plain: list[Usage]) -> None:
    pre, loads, parse = claude_code.PREFILTER, jsonl.loads, claude_code.parse
    for line in block.split(b"\n"):
        if pre not in line:
            continue
        try:
            entry = loads(line)
        except jsonl.JSONDecodeError:
            stats.skipped_lines += 1
            continue
        usage = parse(entry)
        if usage is None:
            continue
        if not usage.key:
            plain.append(usage)
            continue
        seen = keyed.get(usage.key)
        if seen is None or (usage.input + usage.output + usage.cache_read + usage.cache_write
                            >= seen.input + seen.output + seen.cache_read + seen.cache_write):
            keyed[usage.key] = usage


def _codex_lines(block: bytes, stats: ScanStats, state: codex.FileState,
                 out: list[Usage]) -> None:
    count, context, loads, parse = (codex.PREFILTER_COUNT, codex.PREFILTER_CONTEXT,
                                    jsonl.loads, codex.parse)
    for line in block.split(b"\n"):
        if count not in line and context not in line:
            continue
        try:
            entry = loads(line)
        except jsonl.JSONDecodeError:
            stats.skipped_lines += 1
            continue
        usage = parse(entry, state)
        if usage is not None:
            out.append(usage)


def _scan_file(store: Store, tool: str, path: Path, stats: ScanStats) -> None:
    key = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        stats.problems.append(f"{path}: {exc.strerror or exc}")
        return
    with handle:
        st = os.fstat(handle.fileno())
        head_len = min(st.st_size, HEAD)
        head = _head_hash(handle, head_len)
        # decided inside the write transaction: a second scan running at the same time
        # (the tray's child and a `spend` command) waits and then sees this one's offset
        store.begin()
        try:
            known = store.file(key)
            start, state_text = 0, ""
            if known is not None:
                same = (known.tool == tool and known.inode == st.st_ino
                        and st.st_size >= known.offset
                        and known.head_len <= head_len
                        and _head_hash(handle, known.head_len) == known.head_hash)
                if same and st.st_size == known.size and known.head_len == head_len:
                    return  # unchanged
                if same:
                    start, state_text = known.offset, known.state
                else:
                    store.forget(key)  # shrunk or replaced: read again from the start
            reader = _LineReader(handle, start, stats)
            if tool == codex.TOOL:
                state = codex.FileState.from_json(jsonl.loads(state_text) if state_text
                                                  else None)
                for block in reader.chunks():
                    out: list[Usage] = []
                    _codex_lines(block, stats, state, out)
                    store.add(key, tool, out)
                state_text = jsonl.dumps(state.to_json())
            else:
                keyed: dict[str, Usage] = {}
                for block in reader.chunks():
                    plain: list[Usage] = []
                    _claude_lines(block, stats, keyed, plain)
                    store.add(key, tool, plain)
                    if len(keyed) >= FLUSH:
                        store.keep_largest(key, keyed.values())
                        keyed.clear()
                store.keep_largest(key, keyed.values())
            store.save_file(FileRecord(key, tool, st.st_size, st.st_ino, head_len, head,
                                       reader.offset, state_text, st.st_mtime_ns))
            if stats.bytes_read - stats.committed_at >= COMMIT_BYTES:
                store.commit()  # offsets and figures together, every COMMIT_BYTES
                stats.committed_at = stats.bytes_read
        except BaseException:
            store.rollback()
            raise


def _scan_opencode(store: Store, path: Path, stats: ScanStats) -> None:
    import sqlite3

    key = str(path)
    try:
        size, inode, mtime = opencode.fingerprint(path)
    except OSError as exc:
        stats.problems.append(f"{path}: {exc.strerror or exc}")
        return
    stamp = str(mtime)
    known = store.file(key)
    if known is not None and (known.size, known.inode, known.head_hash) == (size, inode, stamp):
        return
    from tray_app.credentials.foreign_db import QueryDeadline

    try:
        found = opencode.read(path)
    except (sqlite3.Error, OSError, QueryDeadline) as exc:
        stats.problems.append(f"{path}: {str(exc).splitlines()[0][:160]}")
        return
    stats.skipped_lines += found.skipped
    store.begin()
    try:
        store.forget(key)  # a database is read whole: its figures replace the last ones
        store.add(key, opencode.TOOL, found.usages)
        store.save_file(FileRecord(key, opencode.TOOL, size, inode, 0, stamp, size, ""))
        store.commit()
    except BaseException:
        store.rollback()
        raise


def scan(store: Store, environ: Mapping[str, str] | None = None,
         progress: Callable[[Path], None] | None = None) -> ScanStats:
    """Bring the store up to date with every source's files; returns what was read."""
    began = time.perf_counter()
    stats = ScanStats()
    known = store.files()
    present: set[str] = set()
    for tool, roots, name_pattern in (
        (claude_code.TOOL, claude_code.roots(environ), claude_code.pattern()),
        (codex.TOOL, codex.roots(environ), codex.pattern()),
    ):
        for path in _walk(roots, name_pattern):
            key = str(path)
            present.add(key)
            if progress is not None:
                progress(path)
            seen = known.get(key)
            if seen is not None and seen.mtime:
                try:
                    st = os.stat(path)
                except OSError:
                    st = None
                if st is not None and (st.st_size, st.st_ino, st.st_mtime_ns) == (
                        seen.size, seen.inode, seen.mtime):
                    continue  # untouched since it was read: not even opened
            _scan_file(store, tool, path, stats)
    for path in opencode.databases(environ):
        present.add(str(path))
        _scan_opencode(store, path, stats)
    gone = [p for p in known if p not in present]
    try:
        if gone:
            store.begin()
            for gone_path in gone:
                store.forget(gone_path)
        if stats.bytes_read or gone:
            store.begin()
            store.tidy()
        store.commit()
    except BaseException:
        store.rollback()
        raise
    stats.files = len(present)
    stats.seconds = time.perf_counter() - began
    return stats
