"""Codex CLI's ChatGPT login (read only), a second source for the OpenAI provider:
`$CODEX_HOME/auth.json` (default `~/.codex/auth.json`), else the same JSON in the OS keyring
(service `Codex Auth`, account `cli|` + 16 hex of sha256 of the canonical CODEX_HOME).

Never refreshed, never written: OpenAI refresh tokens rotate, so using Codex's would log the
user out of Codex. Since Codex 0.14x auth.json may carry a `personal_access_token` (a ChatGPT
personal access token, accepted as the bearer of `wham/usage`; CodexBar 0.54.0 reads it): it
is the bearer when there is no access token or the access token has expired (`bearer` says
which), so the account is deduplicated with OpenCode's by its account id as before.
An API-key-only login (`auth_mode` apikey, no tokens) has no subscription
quota: it is reported as such (doctor) and skipped. The keyring is read through a
`KeyringReader` (in the tray: a short-lived child process), once per process and again
only when the token read from it has expired.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tray_app.credentials.files import parse_json_object, read_json_object
from tray_app.credentials.keyring_access import KeyringReader
from tray_app.errors import ErrorInfo, QuotaError
from tray_app.secrets import Secret

ENV_HOME = "CODEX_HOME"
KEYRING_SERVICE = "Codex Auth"
RETRY_KEYRING_S = 15 * 60.0  # an expired keyring token is looked up again at most this often


@dataclass(frozen=True)
class CodexAuth:
    """What Codex's login gave. `where` is "file", "keyring" or "" (nothing found);
    `source` the path or "keyring: Codex Auth / cli|…" for messages (never a secret)."""

    where: str = ""
    source: str = ""
    home: str = ""
    access: Secret | None = None
    id_token: Secret | None = None  # a JWT whose claims carry e-mail, plan and account id
    account_id: str = ""
    auth_mode: str = ""
    last_refresh: str = ""
    api_key_only: bool = False
    problem: ErrorInfo | None = None  # file unreadable / invalid, keyring unavailable
    bearer: str = ""  # "access_token" or "personal_access_token": what `access` holds
    has_pat: bool = False  # a personal_access_token is present (used or not)

    @property
    def found(self) -> bool:
        return bool(self.where)

    @property
    def usable(self) -> bool:
        return self.access is not None


def codex_home(environ: Mapping[str, str]) -> Path:
    value = environ.get(ENV_HOME, "").strip()
    if value:
        return Path(value).expanduser()
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return (Path(home) if home else Path.home()) / ".codex"


def keyring_account(home: Path) -> str:
    """Codex's keyring account name for this CODEX_HOME: `cli|` + 16 hex digits of the
    sha256 of the canonical path (the path as given when it cannot be resolved)."""
    try:
        canonical = str(home.resolve(strict=True))
    except OSError:
        canonical = str(home)
    return "cli|" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def parse_auth(data: Mapping[str, Any], *, where: str, source: str, home: str) -> CodexAuth:
    """A CodexAuth from auth.json's object (file or keyring). Secrets are wrapped at once."""
    tokens = data.get("tokens")
    tokens = tokens if isinstance(tokens, Mapping) else {}
    api_key = data.get("OPENAI_API_KEY")
    if isinstance(api_key, str) and api_key.strip():
        Secret(api_key.strip())  # registered for scrubbing only; never used
    refresh = tokens.get("refresh_token")
    if isinstance(refresh, str) and refresh.strip():
        Secret(refresh.strip())  # registered for scrubbing only; never used, never refreshed
    access_raw = tokens.get("access_token")
    access = Secret(access_raw.strip()) if isinstance(access_raw, str) and access_raw.strip() \
        else None
    pat_raw = data.get("personal_access_token")
    if not (isinstance(pat_raw, str) and pat_raw.strip()):
        pat_raw = tokens.get("personal_access_token")
    pat = Secret(pat_raw.strip()) if isinstance(pat_raw, str) and pat_raw.strip() else None
    bearer = "access_token" if access is not None else ""
    if pat is not None and (access is None or _token_expired(access)):
        access, bearer = pat, "personal_access_token"
    id_token = tokens.get("id_token")
    # Older Codex wrote id_token as a parsed object with the raw JWT inside.
    if isinstance(id_token, Mapping):
        id_token = id_token.get("raw_jwt")
    id_token = Secret(id_token.strip()) if isinstance(id_token, str) and id_token.strip() \
        else None
    account_id = tokens.get("account_id")
    mode = data.get("auth_mode")
    mode = mode.strip() if isinstance(mode, str) else ""
    last = data.get("last_refresh")
    return CodexAuth(
        where=where,
        source=source,
        home=home,
        access=access,
        id_token=id_token,
        account_id=account_id.strip() if isinstance(account_id, str) else "",
        auth_mode=mode,
        last_refresh=last if isinstance(last, str) else "",
        api_key_only=access is None and (mode.lower() in ("apikey", "api_key", "api-key")
                                          or (isinstance(api_key, str) and bool(api_key.strip()))),
        bearer=bearer,
        has_pat=pat is not None,
    )


class CodexSource:
    """Loads Codex's login on every refresh: the file is re-read each time (Codex rewrites
    it when it refreshes its token); the keyring is read once, and again only when the token
    it gave has expired (at most every RETRY_KEYRING_S), so the keyring is never polled."""

    def __init__(self, reader: KeyringReader | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.reader = reader
        self._clock = clock
        self._lock = threading.Lock()
        self._cached: tuple[str, CodexAuth, float] | None = None  # (account, auth, read at)

    def load(self, environ: Mapping[str, str]) -> CodexAuth:
        home = codex_home(environ)
        path = home / "auth.json"
        try:
            data = read_json_object(path)
        except FileNotFoundError:
            pass
        except QuotaError as exc:
            return CodexAuth(where="file", source=str(path), home=str(home), problem=exc.info)
        else:
            return parse_auth(data, where="file", source=str(path), home=str(home))
        if self.reader is None or not home.is_dir():
            # no Codex here (it creates CODEX_HOME for its config and sessions even when the
            # login lives in the keyring): nobody's keyring is asked about a program not in use
            return CodexAuth(home=str(home))
        return self._from_keyring(home)

    def _from_keyring(self, home: Path) -> CodexAuth:
        account = keyring_account(home)
        source = f"keyring: {KEYRING_SERVICE} / {account}"
        with self._lock:
            cached = self._cached
            if cached is not None and cached[0] == account and not self._stale(cached):
                return cached[1]
            assert self.reader is not None
            try:
                raw = self.reader.read(KEYRING_SERVICE, account)
            except QuotaError as exc:
                auth = CodexAuth(where="", source=source, home=str(home), problem=exc.info)
            else:
                auth = self._parse_keyring(raw, source, home)
            self._cached = (account, auth, self._clock())
            return auth

    def _stale(self, cached: tuple[str, CodexAuth, float]) -> bool:
        _account, auth, read_at = cached
        if self._clock() - read_at < RETRY_KEYRING_S:
            return False
        return auth.problem is not None or not auth.usable or _expired(auth)

    @staticmethod
    def _parse_keyring(raw: Secret | None, source: str, home: Path) -> CodexAuth:
        if raw is None:
            return CodexAuth(source=source, home=str(home))
        try:
            data = parse_json_object(raw.reveal(), source=source)
        except QuotaError as exc:
            return CodexAuth(where="keyring", source=source, home=str(home), problem=exc.info)
        return parse_auth(data, where="keyring", source=source, home=str(home))

    def forget_if_failed(self) -> None:
        """On the user's "Refresh now": a keyring read that failed (still locked at login)
        or gave an expired token is tried again on the next load, once."""
        with self._lock:
            if self._cached is not None:
                auth = self._cached[1]
                if auth.problem is not None or (auth.usable and _expired(auth)):
                    self._cached = None


def _expired(auth: CodexAuth) -> bool:
    if auth.access is None:
        return True
    return _token_expired(auth.access)


def _token_expired(token: Secret) -> bool:
    """A JWT whose `exp` has passed; a token without a readable expiry (a personal access
    token) is not known to be expired."""
    exp = jwt_payload(token.reveal()).get("exp")
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return False
    return float(exp) <= datetime.now(timezone.utc).timestamp()


def jwt_payload(token: str) -> Mapping[str, Any]:
    """A JWT's claims, decoded without verification; {} when not a readable JWT."""
    import base64
    import json

    parts = token.split(".")
    if len(parts) < 2 or not parts[1]:
        return {}
    segment = parts[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (ValueError, RecursionError):
        return {}
    return claims if isinstance(claims, Mapping) else {}

