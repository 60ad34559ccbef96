"""Credentials: Kimi Code's own login (read only, never refreshed), a source for the Kimi provider.

Kimi Code (`kimi login`) keeps an OAuth token file per environment in
`$KIMI_CODE_HOME/credentials/` (default `~/.kimi-code/credentials/`): `kimi-code.json` for the
default pairing (auth.kimi.com + api.kimi.com/coding/v1) and `kimi-code-env-<16 hex>.json` for
any other, the hex being the start of sha256 of the JSON text `{"oauthHost":...,"baseUrl":...}`
(the global region, `kimi login --region global`, is auth.kimi.ai + api.kimi.ai/coding/v1).
A file holds `access_token`, `refresh_token`, `expires_at` (epoch seconds, a float),
`scope`, `token_type`, `expires_in` (about 15 minutes: Kimi Code refreshes it while it runs).
Sources: MoonshotAI/kimi-cli `src/kimi_cli/auth/oauth.py` (OAuthToken.to_dict) and peers'
readers (see tests/fixtures/README.md).

The refresh token is never used (refreshing rotates it and would log Kimi Code out): an expired
access token is not sent; it is reported with the fix "run `kimi` to log in again". An env slot
whose hash names no known pairing (a custom KIMI_CODE_BASE_URL) is listed but not used: where
its token belongs is not known here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from tray_app.credentials.files import read_json_object
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.secrets import Secret

ENV_HOME = "KIMI_CODE_HOME"
DEFAULT_FILE = "kimi-code.json"
ENV_PREFIX = "kimi-code-env-"
DEFAULT_API = "https://api.kimi.com"  # the default pairing (and the Kimi provider's default)
# known (oauthHost, baseUrl) pairings of the env slots → the API host their token is for
PAIRINGS = {("https://auth.kimi.ai", "https://api.kimi.ai/coding/v1"): "https://api.kimi.ai"}
MARGIN_S = 60  # a token expiring within this many seconds counts as expired (as peers do)


def slot_hash(oauth_host: str, base_url: str) -> str:
    """Kimi Code's env-slot name for an (OAuth host, API base) pairing."""
    text = json.dumps({"oauthHost": oauth_host, "baseUrl": base_url}, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_KNOWN = {slot_hash(*pair): host for pair, host in PAIRINGS.items()}


@dataclass(frozen=True)
class KimiCodeLogin:
    """One token file. `access` is None when it cannot be used (`problem`, `expired` or
    `unknown_slot` says why); `api` is the host its token belongs to."""

    path: str
    api: str = DEFAULT_API
    access: Secret | None = None
    expires_at: datetime | None = None
    expired: bool = False
    unknown_slot: bool = False
    problem: ErrorInfo | None = None

    @property
    def usable(self) -> bool:
        return self.access is not None and not self.expired and not self.unknown_slot


@dataclass(frozen=True)
class KimiCodeAuth:
    folder: str = ""  # the credentials folder looked in
    logins: tuple[KimiCodeLogin, ...] = ()
    skipped: bool = False  # the Kimi provider is turned off: nothing was read


def credentials_folder(environ: Mapping[str, str]) -> Path:
    value = (environ.get(ENV_HOME) or "").strip()
    if value:
        return Path(value).expanduser() / "credentials"
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return (Path(home) if home else Path.home()) / ".kimi-code" / "credentials"


def _files(folder: Path) -> list[Path]:
    try:
        scoped = sorted(p for p in folder.glob(ENV_PREFIX + "*.json"))
    except OSError:
        scoped = []
    return [folder / DEFAULT_FILE, *scoped]


def invalid(path: Path, detail: str) -> ErrorInfo:
    return ErrorInfo(ErrorKind.AUTH_FILE_UNREADABLE, provider="Kimi Code", path=str(path),
                     detail=detail, extra=(("fix", "fix.kimi_code_login"),))


def parse_login(path: Path, data: Mapping[str, object], now: datetime) -> KimiCodeLogin:
    api = DEFAULT_API
    unknown = False
    if path.name != DEFAULT_FILE:
        known = _KNOWN.get(path.stem.removeprefix(ENV_PREFIX))
        api, unknown = (known, False) if known else ("", True)
    refresh = data.get("refresh_token")
    if isinstance(refresh, str) and refresh.strip():
        Secret(refresh.strip())  # registered for scrubbing only; never used, never refreshed
    raw = data.get("access_token")
    if not isinstance(raw, str) or not raw.strip():
        return KimiCodeLogin(str(path), api, problem=invalid(path, "no access_token"),
                             unknown_slot=unknown)
    access = Secret(raw.strip())
    stamp = data.get("expires_at")
    expires = None
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and 0 < stamp < 1e11:
        expires = datetime.fromtimestamp(float(stamp), timezone.utc)
    elif stamp is not None:
        return KimiCodeLogin(str(path), api, problem=invalid(path, "expires_at is not a number"),
                             unknown_slot=unknown)
    expired = expires is not None and (expires - now).total_seconds() <= MARGIN_S
    return KimiCodeLogin(str(path), api, access, expires, expired, unknown)


def load_kimi_code(environ: Mapping[str, str], now: datetime | None = None) -> KimiCodeAuth:
    now = now or datetime.now(timezone.utc)
    folder = credentials_folder(environ)
    logins: list[KimiCodeLogin] = []
    for path in _files(folder):
        try:
            data = read_json_object(path)
        except FileNotFoundError:
            continue
        except QuotaError as exc:  # Kimi Code's file: Kimi Code's fix
            logins.append(KimiCodeLogin(str(path), problem=replace(
                exc.info, provider="Kimi Code", extra=(("fix", "fix.kimi_code_login"),))))
            continue
        logins.append(parse_login(path, data, now))
    return KimiCodeAuth(folder=str(folder), logins=tuple(logins))
