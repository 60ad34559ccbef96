"""Persistence of the tray's own state in the platform state dir: the last TrayView (shown,
marked stale, at the next launch before the first refresh returns) and the alert state.

Writes are atomic (temp file in the same dir + fsync + os.replace): a crash leaves the old
file or the new one, never half of one. Loads are tolerant: a missing file is "nothing
saved"; an unreadable, corrupt, huge or wrong-shaped one is moved aside as
`<name>.corrupt-<time>` and treated as empty. Nothing secret is ever in a view (labels are
masked, error details scrubbed); the text is passed through `scrub` once more anyway.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tray_app import paths
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, Notice, ProviderUsage, Window
from tray_app.monitoring.alerts import AlertState
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.own_files import atomic_write, set_aside
from tray_app.safe_open import read_regular
from tray_app.secrets import scrub

log = logging.getLogger(__name__)
SCHEMA = 1
MAX_BYTES = 4 * 1024 * 1024  # far above any real view; a bigger file is not ours to trust
VIEW_FILE, ALERTS_FILE = "last_view.json", "alerts.json"


class _Bad(ValueError):
    """The saved data does not have the expected shape."""


def state_file(name: str) -> Path:
    return paths.state_dir() / name


def atomic_write_json(path: Path, data: object) -> None:
    atomic_write(path, scrub(json.dumps(data, ensure_ascii=False, indent=1)).encode("utf-8"))


def _read_json(path: Path) -> Any:
    """The parsed file, or None (missing, or moved aside because it was not usable)."""
    try:
        raw = read_regular(path, MAX_BYTES)  # a FIFO or device in its place fails at once
        if len(raw) > MAX_BYTES:
            raise _Bad("too large")
        return json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        _set_aside(path, exc)
        return None


def _set_aside(path: Path, exc: BaseException) -> None:
    aside = set_aside(path)
    if aside is not None:
        log.warning("%s unusable (%s); kept as %s", path, type(exc).__name__, aside.name)
    else:
        log.warning("%s unusable (%s) and cannot be moved", path, type(exc).__name__)


# ------------------------------------------------------------------------------ encode
def _dt(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def _error(e: ErrorInfo | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"kind": e.kind.value, "provider": e.provider, "status": e.status, "detail": e.detail,
            "retry_after": e.retry_after, "path": e.path, "extra": [list(p) for p in e.extra]}


def _window(w: Window) -> dict[str, Any]:
    return {"id": w.id, "label": w.label, "used_percent": w.used_percent, "used": w.used,
            "limit": w.limit, "unit": w.unit, "resets_at": _dt(w.resets_at), "known": w.known,
            "label_key": w.label_key, "label_params": [list(p) for p in w.label_params],
            "unlimited": w.unlimited, "window_seconds": w.window_seconds}


def _account(a: Account) -> dict[str, Any]:
    return {"label": a.label, "plan": a.plan, "windows": [_window(w) for w in a.windows],
            "details": [list(p) for p in a.details], "error": _error(a.error),
            "notices": [{"key": n.key, "params": [list(p) for p in n.params]} for n in a.notices],
            "token_expires_at": _dt(a.token_expires_at)}


def _status(s: ProviderStatus) -> dict[str, Any]:
    u = s.usage
    return {"id": u.id, "name": u.name, "dashboard_url": u.dashboard_url,
            "fetched_at": _dt(u.fetched_at), "error": _error(u.error),
            "accounts": [_account(a) for a in u.accounts], "last_success": _dt(s.last_success),
            "surfaced": _error(s.error), "stale": s.stale,
            "stale_accounts": list(s.stale_accounts)}


def view_to_json(view: TrayView) -> dict[str, Any]:
    return {"schema": SCHEMA, "updated_at": _dt(view.updated_at),
            "providers": [_status(s) for s in view.providers],
            "problems": [_error(e) for e in view.problems]}


# ------------------------------------------------------------------------------ decode
def _str(v: Any, default: str = "") -> str:
    if v is None:
        return default
    if not isinstance(v, str):
        raise _Bad("string expected")
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _num(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Bad("number expected")
    return float(v)


def _time(v: Any) -> datetime | None:
    if v is None:
        return None
    try:
        when = datetime.fromisoformat(_str(v))
    except ValueError as exc:
        raise _Bad("bad date-time") from exc
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _list(v: Any) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Bad("list expected")
    return v


def _obj(v: Any) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise _Bad("object expected")
    return v


def _pairs(v: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for item in _list(v):
        pair = _list(item)
        if len(pair) != 2:
            raise _Bad("pair expected")
        out.append((_str(pair[0]), _str(pair[1])))
    return tuple(out)


def _error_from(v: Any) -> ErrorInfo | None:
    if v is None:
        return None
    d = _obj(v)
    try:
        kind = ErrorKind(_str(d.get("kind")))
    except ValueError as exc:
        raise _Bad("unknown error kind") from exc
    status = _num(d.get("status"))
    return ErrorInfo(kind, provider=_str(d.get("provider")),
                     status=None if status is None else int(status), detail=_str(d.get("detail")),
                     retry_after=_num(d.get("retry_after")), path=_str(d.get("path")),
                     extra=_pairs(d.get("extra")))


def _window_from(v: Any) -> Window:
    d = _obj(v)
    return Window(id=_str(d.get("id")), label=_str(d.get("label")),
                  used_percent=_num(d.get("used_percent")), used=_num(d.get("used")),
                  limit=_num(d.get("limit")), unit=_opt_str(d.get("unit")),
                  resets_at=_time(d.get("resets_at")), known=d.get("known") is not False,
                  label_key=_str(d.get("label_key")), label_params=_pairs(d.get("label_params")),
                  unlimited=d.get("unlimited") is True,
                  window_seconds=_seconds(d.get("window_seconds")))


def _seconds(v: Any) -> int | None:
    """A window's length (the pace needs it); anything but a positive whole number: unknown."""
    return v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else None


def _account_from(v: Any) -> Account:
    d = _obj(v)
    notices = tuple(Notice(_str(_obj(n).get("key")), _pairs(_obj(n).get("params")))
                    for n in _list(d.get("notices")))
    return Account(label=_str(d.get("label")), plan=_opt_str(d.get("plan")),
                   windows=tuple(_window_from(w) for w in _list(d.get("windows"))),
                   details=_pairs(d.get("details")), error=_error_from(d.get("error")),
                   notices=notices, token_expires_at=_time(d.get("token_expires_at")))


def _status_from(v: Any, *, as_saved: bool = False) -> ProviderStatus:
    d = _obj(v)
    accounts = tuple(_account_from(a) for a in _list(d.get("accounts")))
    usage = ProviderUsage(id=_str(d.get("id")), name=_str(d.get("name")), accounts=accounts,
                          error=_error_from(d.get("error")),
                          dashboard_url=_str(d.get("dashboard_url")),
                          fetched_at=_time(d.get("fetched_at")))
    if not usage.id:
        raise _Bad("provider without id")
    if as_saved and isinstance(d.get("stale"), bool):
        # As it was saved (status --max-age): only the numbers kept then are stale.
        kept = tuple(_str(x) for x in _list(d.get("stale_accounts")))
        return ProviderStatus(usage=usage, stale=bool(d["stale"]),
                              last_success=_time(d.get("last_success")),
                              error=_error_from(d.get("surfaced")), stale_accounts=kept)
    # Everything from disk is stale until refreshed; backoff starts afresh.
    return ProviderStatus(usage=usage, stale=True, last_success=_time(d.get("last_success")),
                          error=_error_from(d.get("surfaced")),
                          stale_accounts=tuple(a.label for a in accounts))


def view_from_json(data: Any, *, as_saved: bool = False) -> TrayView:
    d = _obj(data)
    if d.get("schema") != SCHEMA:
        raise _Bad("unknown schema")
    return TrayView(providers=tuple(_status_from(p, as_saved=as_saved)
                                    for p in _list(d.get("providers"))),
                    problems=tuple(e for e in map(_error_from, _list(d.get("problems"))) if e),
                    updated_at=_time(d.get("updated_at")), from_disk=True)


# ------------------------------------------------------------------------------ public
def save_view(view: TrayView, path: Path | None = None) -> None:
    atomic_write_json(path or state_file(VIEW_FILE), view_to_json(view))


def load_view(path: Path | None = None, *, as_saved: bool = False) -> TrayView | None:
    """The last saved view (from_disk=True, every provider stale), or None. `as_saved` keeps
    each provider's stale flags as they were saved (for viewers of fresh saved numbers)."""
    path = path or state_file(VIEW_FILE)
    data = _read_json(path)
    if data is None:
        return None
    try:
        return view_from_json(data, as_saved=as_saved)
    except (_Bad, TypeError, ValueError, OverflowError) as exc:
        _set_aside(path, exc)
        return None


def save_alert_state(state: AlertState, path: Path | None = None) -> None:
    atomic_write_json(path or state_file(ALERTS_FILE), state.to_json())


def load_alert_state(path: Path | None = None) -> AlertState:
    path = path or state_file(ALERTS_FILE)
    data = _read_json(path)
    if not isinstance(data, dict):
        if data is not None:
            _set_aside(path, _Bad("object expected"))
        return AlertState()
    return AlertState.from_json(data)
