"""Open the store (rebuilding it when it is unusable: it is only a cache of the logs), scan, and
report: what the CLI and the tray's scan child share."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tray_app.spend import report, scanner
from tray_app.spend.store import Store, default_path
from tray_app.spend.zone import Zone


class StoreUnusable(Exception):
    """The store could not be opened nor rebuilt (a folder that is not writable)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Opened:
    store: Store
    set_aside: Path | None = None  # the unusable file kept for the user, when rebuilt
    reason: str = ""


def open_store(path: Path | None = None) -> Opened:
    from tray_app.own_files import set_aside

    path = path or default_path()
    try:
        return Opened(Store(path))
    except sqlite3.DatabaseError as exc:
        reason = str(exc).splitlines()[0][:160]
        aside = set_aside(path)
        if aside is None:
            raise StoreUnusable(path, reason) from exc
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as exc:
        raise StoreUnusable(path, str(exc).splitlines()[0][:160]) from exc
    try:
        return Opened(Store(path), aside, reason)
    except (sqlite3.Error, OSError) as exc:
        raise StoreUnusable(path, str(exc).splitlines()[0][:160]) from exc


def scan_and_report(store: Store, zone: Zone, *, by: str = "day", since: date | None = None,
                    until: date | None = None,
                    overrides: Mapping[str, Mapping[str, float]] | None = None,
                    environ: Mapping[str, str] | None = None
                    ) -> tuple[report.Report, scanner.ScanStats]:
    from tray_app.spend.prices import Book, data_stamp

    stats = scanner.scan(store, environ)
    start, end = report.minute_bounds(zone, since, until)
    book = Book(overrides, store.price_cache(), data_stamp())
    built = report.build(store.groups(start, end), zone, by=by, since=since, until=until,
                         book=book)
    return built, stats
