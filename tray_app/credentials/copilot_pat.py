"""The GitHub Copilot PAT: OS keyring first, then the original plugin's plaintext file
(honoured with a notice naming `mystatus-tray token import`). Username and plan allowance
come from our config, else from that legacy file."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tray_app import APP_NAME, paths
from tray_app.config import COPILOT_TIERS, Settings
from tray_app.credentials.files import read_json_object
from tray_app.credentials.keyring_access import DirectKeyring, KeyringAccess
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Notice
from tray_app.secrets import Secret

COPILOT_PAT_KEY = "github-copilot-pat"  # = keyring_store.COPILOT_PAT_KEY (not imported here)


class PatStore(Protocol):
    def get(self) -> Secret | None: ...
    def set(self, secret: Secret) -> None: ...
    def delete(self) -> bool: ...


class KeyringPatStore:
    """The real store, service `mystatus-tray`, key `github-copilot-pat`, through `access`:
    in this process by default (the CLI), through a keyring child in the tray."""

    def __init__(self, access: KeyringAccess | None = None) -> None:
        self.access: KeyringAccess = access or DirectKeyring()

    def get(self) -> Secret | None:
        return self.access.read(APP_NAME, COPILOT_PAT_KEY)

    def set(self, secret: Secret) -> None:
        self.access.write(APP_NAME, COPILOT_PAT_KEY, secret)

    def delete(self) -> bool:
        return self.access.delete(APP_NAME, COPILOT_PAT_KEY)


class MemoryPatStore:
    """In-memory store for the demo and unit tests."""

    def __init__(self, secret: Secret | None = None) -> None:
        self._secret = secret

    def get(self) -> Secret | None:
        return self._secret

    def set(self, secret: Secret) -> None:
        self._secret = secret

    def delete(self) -> bool:
        existed = self._secret is not None
        self._secret = None
        return existed


class CachedPatStore:
    """Reads the underlying store once per process (never loops on the keyring)."""

    def __init__(self, inner: PatStore) -> None:
        self.inner = inner
        self._lock = threading.Lock()
        self._loaded = False
        self._value: Secret | None = None
        self._error: QuotaError | None = None

    def get(self) -> Secret | None:
        with self._lock:
            if not self._loaded:
                try:
                    self._value = self.inner.get()
                    self._error = None
                except QuotaError as exc:
                    self._error = exc
                except Exception as exc:  # a store bug must not escape into every refresh
                    self._error = QuotaError(
                        ErrorKind.KEYRING_UNAVAILABLE, detail=type(exc).__name__
                    )
                self._loaded = True
            if self._error is not None:
                raise self._error
            return self._value

    def set(self, secret: Secret) -> None:
        self.inner.set(secret)
        with self._lock:
            self._value, self._error, self._loaded = secret, None, True

    def delete(self) -> bool:
        deleted = self.inner.delete()
        with self._lock:
            self._value, self._error, self._loaded = None, None, True
        return deleted

    def invalidate(self) -> None:
        with self._lock:
            self._loaded = False

    def retry_if_failed(self) -> None:
        """Forget a cached keyring *failure* (not a value): on the user's "Refresh now", a
        keyring that was still locked at login is read again, once."""
        with self._lock:
            if self._error is not None:
                self._loaded = False


@dataclass(frozen=True)
class CopilotPat:
    token: Secret | None = None
    source: str = ""  # "keyring" | "plaintext" | ""
    username: str = ""
    allowance: float | None = None
    problem: ErrorInfo | None = None  # keyring unavailable, legacy file unreadable
    notices: tuple[Notice, ...] = ()


def read_legacy_file(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The legacy plaintext file's object, None if absent. Raises QuotaError if unreadable."""
    try:
        return read_json_object(paths.legacy_copilot_token_file(environ))
    except FileNotFoundError:
        return None


def load_copilot_pat(
    settings: Settings, store: PatStore, environ: Mapping[str, str] | None = None
) -> CopilotPat:
    problem: ErrorInfo | None = None
    token: Secret | None = None
    source = ""
    try:
        token = store.get()
        source = "keyring" if token else ""
    except QuotaError as exc:
        problem = exc.info
    username = settings.copilot_username.strip()
    allowance = settings.copilot_allowance()
    notices: tuple[Notice, ...] = ()
    try:
        legacy = read_legacy_file(environ)
    except QuotaError as exc:
        legacy = None
        problem = problem or exc.info
    if legacy is not None:
        raw_token = legacy.get("token")
        if token is None and isinstance(raw_token, str) and raw_token.strip():
            token, source = Secret(raw_token.strip()), "plaintext"
            notices = (
                Notice(
                    "notice.legacy_pat", (("path", str(paths.legacy_copilot_token_file(environ))),)
                ),
            )
        if not username and isinstance(legacy.get("username"), str):
            username = legacy["username"].strip()
        tier = legacy.get("tier")
        if allowance is None and isinstance(tier, str):
            allowance = COPILOT_TIERS.get(tier.strip().lower())
            allowance = float(allowance) if allowance is not None else None
    return CopilotPat(
        token=token,
        source=source,
        username=username,
        allowance=allowance,
        problem=problem if token is None else None,
        notices=notices,
    )
