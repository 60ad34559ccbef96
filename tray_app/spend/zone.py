"""The time zone a report uses: `--tz`, else the local zone, by its IANA name.

The local zone comes from `TZ` where set (an IANA name, or a path into a zoneinfo folder), else
the `/etc/localtime` symlink; tzlocal is not used. Without either (Windows, a copied
/etc/localtime), reports fall back to UTC and say so."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class UnknownZone(ValueError):
    """`--tz` named no zone this machine knows."""


@dataclass(frozen=True)
class Zone:
    info: ZoneInfo
    name: str  # IANA name, "UTC" for the fallback
    fallback: bool = False  # the local zone could not be found: UTC instead


def _from_path(text: str) -> str | None:
    marker = "zoneinfo/"
    if marker in text:
        return text.split(marker, 1)[1].strip("/") or None
    return None


def _load(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def named(name: str) -> Zone:
    """The zone called `name`; UnknownZone when there is none."""
    found = _load(name.strip())
    if found is None:
        raise UnknownZone(name)
    return Zone(found, name.strip())


def local(environ: Mapping[str, str] | None = None, localtime: Path = Path("/etc/localtime")
          ) -> Zone:
    environ = os.environ if environ is None else environ
    tz = environ.get("TZ", "").strip().lstrip(":")
    if tz:
        name = _from_path(tz) if "/" in tz and tz.startswith("/") else tz
        found = _load(name) if name else None
        if found is not None and name:
            return Zone(found, name)
    try:
        target = os.readlink(localtime)
    except OSError:
        target = ""
    name = _from_path(str(target)) if target else None
    if name:
        found = _load(name)
        if found is not None:
            return Zone(found, name)
    return Zone(ZoneInfo("UTC"), "UTC", fallback=True)
