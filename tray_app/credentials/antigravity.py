"""The opencode-antigravity-auth accounts file (versions 1-4), read only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tray_app import paths
from tray_app.credentials.files import read_json_object
from tray_app.errors import ErrorInfo, QuotaError
from tray_app.secrets import Secret


@dataclass(frozen=True)
class GoogleAccount:
    email: str
    refresh_token: Secret | None
    project_id: str  # managedProjectId, else projectId, else ""
    verification_required: bool = False
    verification_url: str = ""
    rate_limit_reset_ms: Mapping[str, float] = field(default_factory=dict)
    index: int = 0


@dataclass(frozen=True)
class AccountsFile:
    path: str  # "" when no file was found
    accounts: tuple[GoogleAccount, ...] = ()
    problem: ErrorInfo | None = None
    version: int | None = None
    skipped_disabled: int = 0


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _project(raw: Mapping[str, Any]) -> str:
    for key in ("managedProjectId", "projectId"):
        value = raw.get(key)
        if isinstance(value, Mapping):  # some plugin versions stored {"id": ...}
            value = value.get("id")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _resets(raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, float] = {}
    for key, value in raw.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:  # an int of any size parses from JSON; float() of 10**400 overflows
                out[str(key)] = float(value)
            except OverflowError:
                continue
    return out


def parse_accounts(data: Mapping[str, Any], path: str) -> AccountsFile:
    version = data.get("version")
    raw_accounts = data.get("accounts")
    if not isinstance(raw_accounts, list):
        raw_accounts = []
    accounts: list[GoogleAccount] = []
    skipped = 0
    for index, raw in enumerate(raw_accounts):
        if not isinstance(raw, Mapping):
            continue
        if raw.get("enabled") is False:
            skipped += 1
            continue
        token = _str(raw.get("refreshToken"))
        accounts.append(
            GoogleAccount(
                email=_str(raw.get("email")) or f"account {index + 1}",
                refresh_token=Secret(token) if token else None,
                project_id=_project(raw),
                verification_required=raw.get("verificationRequired") is True,
                verification_url=_str(raw.get("verificationUrl")),
                rate_limit_reset_ms=_resets(raw.get("rateLimitResetTimes")),
                index=index,
            )
        )
    return AccountsFile(
        path=path,
        accounts=tuple(accounts),
        version=version if isinstance(version, int) and not isinstance(version, bool) else None,
        skipped_disabled=skipped,
    )


def load_accounts(environ: Mapping[str, str] | None = None) -> AccountsFile:
    environ = os.environ if environ is None else environ
    for path in paths.antigravity_candidates(environ):
        try:
            data = read_json_object(path)
        except FileNotFoundError:
            continue
        except QuotaError as exc:
            return AccountsFile(path=str(path), problem=exc.info)
        return parse_accounts(data, str(path))
    return AccountsFile(path="")


def candidate_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    return paths.antigravity_candidates(environ)
