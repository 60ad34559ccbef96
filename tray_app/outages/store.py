"""The last status-page check of each provider, shared by every process (the tray, `status`,
the bars, the MCP server) in `outages.json` beside the saved view, so that the pages are asked
at most every few minutes whoever asks; and the incidents already announced by the tray
(`outage_alerts.json`, the tray's alone). Atomic writes, tolerant reads (a bad file is
nothing saved)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tray_app.outages.model import SEVERITIES, Outage
from tray_app.own_files import atomic_write
from tray_app.providers.parse import from_iso, items, obj, text

log = logging.getLogger(__name__)
OUTAGES_FILE, ANNOUNCED_FILE = "outages.json", "outage_alerts.json"
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Checked:
    """One provider's latest check: when, what it found, and whether the page answered."""

    checked_at: datetime
    outages: tuple[Outage, ...]
    ok: bool = True


def _iso(when: datetime | None) -> str | None:
    return when.isoformat().replace("+00:00", "Z") if when is not None else None


def outage_to_json(o: Outage) -> dict[str, Any]:
    return {"provider": o.provider, "id": o.id, "title": o.title, "severity": o.severity,
            "components": list(o.components), "since": _iso(o.since), "url": o.url,
            "status": o.status}


def outage_from_json(raw: Any) -> Outage | None:
    d = obj(raw)
    severity = text(d.get("severity"))
    if not text(d.get("id")) or severity not in SEVERITIES:
        return None
    return Outage(provider=text(d.get("provider")), id=text(d.get("id")),
                  title=text(d.get("title")), severity=severity,
                  components=tuple(text(c) for c in items(d.get("components")) if text(c)),
                  since=from_iso(d.get("since")), url=text(d.get("url")),
                  status=text(d.get("status")))


def _read(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.warning("%s unusable (%s): ignored", path, type(exc).__name__)
        return None


def load_checks(path: Path) -> dict[str, Checked]:
    out: dict[str, Checked] = {}
    for provider, raw in obj(obj(_read(path)).get("providers")).items():
        d = obj(raw)
        when = from_iso(d.get("checked_at"))
        if when is None:
            continue
        found = tuple(o for o in (outage_from_json(x) for x in items(d.get("outages"))) if o)
        out[str(provider)] = Checked(when, found, d.get("ok") is not False)
    return out


def save_checks(checks: dict[str, Checked], path: Path) -> None:
    data = {"schema": 1, "providers": {
        pid: {"checked_at": _iso(c.checked_at), "ok": c.ok,
              "outages": [outage_to_json(o) for o in c.outages]}
        for pid, c in checks.items()}}
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def load_announced(path: Path) -> dict[str, Outage]:
    found = (outage_from_json(x) for x in items(obj(_read(path)).get("announced")))
    return {o.id: o for o in found if o is not None}


def save_announced(announced: dict[str, Outage], path: Path) -> None:
    data = {"schema": 1, "announced": [outage_to_json(o) for o in announced.values()]}
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
