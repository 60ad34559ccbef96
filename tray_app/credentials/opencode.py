"""Credentials: OpenCode's logins, merged per integration from every place they live (read only).

Precedence, per integration (auth.json key / OpenCode 2 `integration_id`), first found wins:
1. `$OPENCODE_AUTH_CONTENT` (JSON text; when set, auth.json itself is not read),
2. the active row of OpenCode 2's `opencode.db` `credential` table (`opencode_db.py`),
3. OpenCode 1.x's `auth.json` (OpenCode 2 imports it once and never updates it again: when the
   database has a different credential, the file's entry is reported as stale),
4. environment keys such as `ZAI_API_KEY` (`env_keys.py`): one rule for every provider, the
   variable is used when none of the provider's OpenCode entries is usable (missing or broken).
Database values are normalized to the auth.json shape, so providers keep reading
`creds.auth.entry(key)`; `creds.auth.source_of(key)` says where the entry came from. A winning
entry that a supported provider cannot use (`entries.check`) is not returned by `entry()` but
listed in `broken`, and the engine shows it as an error account of that provider.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tray_app import paths, safe_open
from tray_app.credentials.entries import RULES, check, normalize_v2, same_secret
from tray_app.credentials.env_keys import ENV_KEYS, env_value
from tray_app.credentials.files import parse_json_object, read_json_object
from tray_app.credentials.opencode_db import DbCredentials, read_credentials
from tray_app.credentials.sources import ChosenRow, SourceNote, SourceReport
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.secrets import Secret

ENV_CONTENT = "OPENCODE_AUTH_CONTENT"


@dataclass(frozen=True)
class AuthFile:
    """What was found. `entries` maps integration → its winning, usable, normalized entry;
    `source`, `found` and `problem` describe auth.json (or `$OPENCODE_AUTH_CONTENT`)."""

    source: str  # a path, or "$OPENCODE_AUTH_CONTENT", or "" when nothing was found
    entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    problem: ErrorInfo | None = None  # unreadable / invalid (or missing, with source = path)
    found: bool = False
    origins: Mapping[str, str] = field(default_factory=dict)  # integration → where it came from
    broken: tuple[tuple[str, ErrorInfo], ...] = ()  # (provider id, why) per unusable entry
    stale: tuple[str, ...] = ()  # auth.json entries the database replaced with another login
    db: DbCredentials | None = None
    sources: tuple[SourceReport, ...] = ()  # every place looked at, in precedence order
    env_vars: Mapping[str, str] = field(default_factory=dict)  # integration → variable used

    def entry(self, key: str) -> Mapping[str, Any] | None:
        value = self.entries.get(key)
        return value if isinstance(value, Mapping) else None

    def source_of(self, key: str) -> str:
        """The file path, database path or "$VARIABLE" the entry for `key` came from ("" if
        there is none)."""
        return self.origins.get(key, "")

    def env_var_of(self, key: str) -> str:
        """The environment variable the entry for `key` came from ("" if not one)."""
        return self.env_vars.get(key, "")


@dataclass
class _Layer:
    id: str
    kind: str
    location: str
    found: bool
    raw: dict[str, Any] = field(default_factory=dict)
    counts: tuple[tuple[str, int], ...] = ()
    notes: list[SourceNote] = field(default_factory=list)
    chosen: tuple[ChosenRow, ...] = ()


def _read_auth_json(environ: Mapping[str, str]) -> AuthFile:
    """auth.json alone (or `$OPENCODE_AUTH_CONTENT`), its raw top-level object in `entries`."""
    content = environ.get(ENV_CONTENT)
    if content:
        try:
            data = parse_json_object(content, source="$" + ENV_CONTENT)
        except QuotaError as exc:
            return AuthFile(source="$" + ENV_CONTENT, problem=exc.info, found=True)
        return AuthFile(source="$" + ENV_CONTENT, entries=data, found=True)
    candidates = paths.opencode_auth_candidates(environ)
    for path in candidates:
        try:
            data = read_json_object(path)
        except FileNotFoundError:
            continue
        except QuotaError as exc:
            return AuthFile(source=str(path), problem=exc.info, found=True)
        return AuthFile(source=str(path), entries=data, found=True)
    primary = candidates[0] if candidates else Path("auth.json")
    return AuthFile(
        source=str(primary),
        problem=ErrorInfo(
            kind=ErrorKind.AUTH_FILE_UNREADABLE,
            path=str(primary),
            detail="ENOENT: no such file or directory",
        ),
    )


def _read_db(environ: Mapping[str, str]) -> DbCredentials:
    candidates = paths.opencode_db_candidates(environ)
    for path in candidates:
        if safe_open.exists(path):  # also when a folder on the way cannot be entered
            return read_credentials(path)
    return DbCredentials(path=str(candidates[0]) if candidates else "")


def _db_layer(db: DbCredentials, environ: Mapping[str, str]) -> _Layer:
    layer = _Layer("opencode_db", "database", db.path, db.found)
    if not db.found:
        probed = ", ".join(str(p) for p in paths.opencode_db_candidates(environ))
        layer.notes.append(SourceNote("info", "doctor.src.db_absent", (("paths", probed),)))
        return layer
    if db.problem is not None:
        layer.notes.append(SourceNote("fail", problem=db.problem))
        return layer
    if not db.has_table:
        layer.notes.append(SourceNote("info", "doctor.src.db_v1"))
        return layer
    layer.raw = {k: normalize_v2(v) for k, v in db.values.items()}
    layer.counts = (("active_rows", db.active_rows), ("inactive_rows", db.inactive_rows))
    layer.chosen = db.chosen
    if "active" not in db.columns:
        layer.notes.append(SourceNote("info", "doctor.src.db_no_active"))
    if db.stale_wal:
        layer.notes.append(SourceNote("warn", "doctor.src.db_stale_wal", (("path", db.path),),
                                      "doctor.fix.db_stale_wal"))
    return layer


def _auth_layer(auth: AuthFile, environ: Mapping[str, str]) -> _Layer:
    content = auth.source == "$" + ENV_CONTENT
    layer = _Layer("opencode_auth_content" if content else "opencode_auth_json",
                   "variable" if content else "file", auth.source, auth.found,
                   raw=dict(auth.entries))
    if auth.problem is not None and auth.found:
        layer.notes.append(SourceNote("fail", problem=auth.problem))
    elif not auth.found:
        probed = ", ".join(str(p) for p in paths.opencode_auth_candidates(environ))
        layer.notes.append(SourceNote("info", "doctor.src.auth_absent", (("paths", probed),)))
    return layer


def load_auth(environ: Mapping[str, str] | None = None) -> AuthFile:
    environ = os.environ if environ is None else environ
    auth = _read_auth_json(environ)
    db = _read_db(environ)
    layers: list[_Layer] = []
    auth_layer = _auth_layer(auth, environ)
    if auth_layer.kind == "variable":
        layers.append(auth_layer)
    db_layer = _db_layer(db, environ)
    layers.append(db_layer)
    if auth_layer.kind == "file":
        layers.append(auth_layer)
    else:
        file_note = SourceNote("info", "doctor.src.auth_replaced", (("var", ENV_CONTENT),))
        primary = str(paths.opencode_auth_candidates(environ)[0])
        layers.append(_Layer("opencode_auth_json", "file", primary, False, notes=[file_note]))
    for layer in layers:  # one shape for every source: "key" → "api", metadata flattened
        layer.raw = {k: normalize_v2(v) for k, v in layer.raw.items()}

    winners: dict[str, tuple[Any, str]] = {}
    used: dict[str, list[str]] = {}
    for layer in layers:
        for key, value in layer.raw.items():
            if key not in winners:
                winners[key] = (value, layer.location)
                used.setdefault(layer.id, []).append(key)

    entries: dict[str, Mapping[str, Any]] = {}
    broken: list[tuple[str, ErrorInfo]] = []
    failed: dict[str, ErrorInfo] = {}
    for key, (value, origin) in winners.items():
        problem = check(key, value, origin)
        if problem is not None:
            broken.append((RULES[key].provider, problem))
            failed[key] = problem
        elif isinstance(value, Mapping):
            entries[key] = value
    origins = {key: origin for key, (_, origin) in winners.items()}

    # environment keys: used when none of the provider's OpenCode entries is usable
    env_vars: dict[str, str] = {}
    for env_key in ENV_KEYS:
        value = env_value(environ, env_key.var)
        layer = _Layer("env:" + env_key.var, "variable", "$" + env_key.var, bool(value))
        if value:
            layer.raw = {env_key.integration: {"type": "api", "key": value}}
            layer.notes.append(SourceNote("ok", "doctor.src.env_key", (
                ("var", env_key.var), ("masked", Secret(value).masked))))
            if not any(e in entries for e in env_key.entries):
                entries[env_key.integration] = layer.raw[env_key.integration]
                origins[env_key.integration] = layer.location
                env_vars[env_key.integration] = env_key.var
                used[layer.id] = [env_key.integration]
                beside = [e for e in env_key.entries if e in failed]
                if beside:
                    layer.notes.append(SourceNote("info", "doctor.src.env_beside_broken", (
                        ("var", env_key.var), ("entries", ", ".join(beside)))))
        layers.append(layer)

    stale: list[str] = []
    if auth.found and auth_layer.kind == "file":
        for key, old in auth.entries.items():
            new = db_layer.raw.get(key)
            if new is None:
                continue
            if not (isinstance(old, Mapping) and isinstance(new, Mapping)
                    and same_secret(old, new)):
                stale.append(key)
        only_file = [k for k in used.get(auth_layer.id, []) if k in RULES]
        if db.has_table and only_file:
            auth_layer.notes.append(SourceNote(
                "info", "doctor.src.only_in_file", (("keys", ", ".join(only_file)),),
                "doctor.fix.only_in_file"))
        if stale:
            auth_layer.notes.append(SourceNote(
                "info", "doctor.src.stale", (("keys", ", ".join(stale)), ("db", db.path)),
                "doctor.fix.stale"))

    reports: list[SourceReport] = []
    for layer in layers:
        notes = list(layer.notes)
        for key in used.get(layer.id, []):
            if key in failed and not layer.id.startswith("env:"):
                notes.append(SourceNote("fail", problem=failed[key]))
        reports.append(SourceReport(
            id=layer.id, kind=layer.kind, location=layer.location, found=layer.found,
            integrations=tuple(layer.raw), used=tuple(used.get(layer.id, [])),
            counts=layer.counts, chosen=layer.chosen, notes=tuple(notes)))

    return AuthFile(
        source=auth.source,
        entries=entries,
        problem=auth.problem,
        found=auth.found,
        origins=origins,
        env_vars=env_vars,
        broken=tuple(broken),
        stale=tuple(stale),
        db=db,
        sources=tuple(reports),
    )


def _entries(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(k): v for k, v in data.items() if isinstance(v, Mapping)}
