"""Claude Code's login, read only and re-read on every refresh (Claude Code rotates its tokens):
`$CLAUDE_CONFIG_DIR/.credentials.json` or `~/.claude/.credentials.json`, else (macOS) the login
keychain item `Claude Code-credentials[-<8 hex>]`; the e-mail from `.claude.json`.

Nothing here refreshes, writes or creates a file. The keychain is read through a
`KeychainReader` (service, account) → JSON text or None, injected so that the tray process
never imports `keyring` (see `default_keychain_reader`).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tray_app.credentials.files import parse_json_object, read_json_object
from tray_app.credentials.keyring_access import KeyringReader
from tray_app.errors import ErrorInfo, QuotaError
from tray_app.secrets import Secret

KEYCHAIN_SERVICE = "Claude Code-credentials"
ENV_CONFIG_DIR = "CLAUDE_CONFIG_DIR"
ENV_OAUTH_TOKEN = "CLAUDE_CODE_OAUTH_TOKEN"  # `claude setup-token`: no user:profile scope

# (service, account) → the item's text, None when there is no such item; raises QuotaError
# (keyring_unavailable) when the keychain cannot be asked.
KeychainReader = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class ClaudeLogin:
    """One `claudeAiOauth` login (or a login that cannot read usage: `access` None)."""

    source: str  # a path, "keychain:<service>" or "$CLAUDE_CODE_OAUTH_TOKEN"
    access: Secret | None
    expires_ms: Any = None  # raw `expiresAt` (epoch ms), parsed by the provider
    subscription_type: str = ""
    rate_limit_tier: str = ""
    scopes: tuple[str, ...] | None = None  # None = the source does not say
    mcp_only: bool = False  # the item holds `mcpOAuth` and no `claudeAiOauth`


@dataclass(frozen=True)
class ClaudeSources:
    login: ClaudeLogin | None = None
    email: str = ""
    problem: ErrorInfo | None = None  # the credentials file exists but cannot be read
    searched: tuple[str, ...] = ()  # where we looked (for doctor)


def config_dir(environ: Mapping[str, str]) -> Path:
    custom = environ.get(ENV_CONFIG_DIR)
    if custom:
        return Path(custom).expanduser()
    return _home(environ) / ".claude"


def credentials_file(environ: Mapping[str, str]) -> Path:
    return config_dir(environ) / ".credentials.json"


def global_config_candidates(environ: Mapping[str, str]) -> list[Path]:
    """Where Claude Code keeps `.claude.json` (the account's e-mail), in probe order."""
    out: list[Path] = []
    if environ.get(ENV_CONFIG_DIR):
        out.append(config_dir(environ) / ".claude.json")
    out.append(_home(environ) / ".claude.json")
    return out


def keychain_service(environ: Mapping[str, str]) -> str:
    """`Claude Code-credentials`, or with CLAUDE_CONFIG_DIR the per-directory item name."""
    custom = environ.get(ENV_CONFIG_DIR)
    if not custom:
        return KEYCHAIN_SERVICE
    digest = hashlib.sha256(custom.encode("utf-8")).hexdigest()[:8]
    return f"{KEYCHAIN_SERVICE}-{digest}"


def keychain_account(environ: Mapping[str, str]) -> str:
    for var in ("USER", "LOGNAME"):
        if environ.get(var):
            return environ[var]
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _home(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return Path(home) if home else Path.home()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_login(data: Mapping[str, Any], source: str) -> ClaudeLogin | None:
    """The `claudeAiOauth` login of one credentials object; None when there is none at all."""
    oauth = data.get("claudeAiOauth")
    if not isinstance(oauth, Mapping):
        if isinstance(data.get("mcpOAuth"), Mapping):
            return ClaudeLogin(source=source, access=None, mcp_only=True)
        return None
    token = _text(oauth.get("accessToken"))
    refresh = oauth.get("refreshToken")
    if isinstance(refresh, str) and refresh.strip():
        Secret(refresh.strip())  # registered for scrubbing only; never used, never refreshed
    raw_scopes = oauth.get("scopes")
    scopes: tuple[str, ...] | None = None
    if isinstance(raw_scopes, list):
        scopes = tuple(s for s in raw_scopes if isinstance(s, str))
    elif isinstance(raw_scopes, str):  # a space-separated OAuth scope string
        scopes = tuple(raw_scopes.split())
    return ClaudeLogin(
        source=source,
        access=Secret(token) if token else None,
        expires_ms=oauth.get("expiresAt"),
        subscription_type=_text(oauth.get("subscriptionType")),
        rate_limit_tier=_text(oauth.get("rateLimitTier")),
        scopes=scopes,
    )


def read_email(environ: Mapping[str, str]) -> str:
    """`oauthAccount.emailAddress` from `.claude.json`; "" when absent or unreadable (the
    e-mail is only a label: a masked token does as well)."""
    for path in global_config_candidates(environ):
        try:
            data = read_json_object(path)
        except (FileNotFoundError, QuotaError):
            continue
        account = data.get("oauthAccount")
        email = _text(account.get("emailAddress")) if isinstance(account, Mapping) else ""
        if "@" in email:
            return email
    return ""


def _from_keychain(
    environ: Mapping[str, str], reader: KeychainReader
) -> tuple[ClaudeLogin | None, ErrorInfo | None]:
    service = keychain_service(environ)
    source = f"keychain:{service}"
    try:
        raw = reader(service, keychain_account(environ))
    except QuotaError as exc:
        return None, exc.info
    if not raw:
        return None, None
    try:
        data = parse_json_object(raw, source=source)
    except QuotaError as exc:
        return None, exc.info
    return parse_login(data, source), None


def load_claude(
    environ: Mapping[str, str] | None = None,
    keychain: KeychainReader | None = None,
) -> ClaudeSources:
    """Claude Code's login as Claude Code itself picks it: the credentials file when it exists
    (it wins on macOS too), else the keychain item, else a `CLAUDE_CODE_OAUTH_TOKEN`."""
    environ = os.environ if environ is None else environ
    path = credentials_file(environ)
    searched = [str(path)]
    login: ClaudeLogin | None = None
    problem: ErrorInfo | None = None
    try:
        data = read_json_object(path)
    except FileNotFoundError:
        data = None
    except QuotaError as exc:
        data, problem = None, exc.info
    if data is not None:
        login = parse_login(data, str(path))
    if login is None and problem is None and keychain is not None:
        searched.append(f"keychain:{keychain_service(environ)}")
        login, problem = _from_keychain(environ, keychain)
    if login is None and problem is None and _text(environ.get(ENV_OAUTH_TOKEN)):
        Secret(_text(environ.get(ENV_OAUTH_TOKEN)))  # never sent: registered for scrubbing
        login = ClaudeLogin(source="$" + ENV_OAUTH_TOKEN, access=None)
    email = read_email(environ) if login is not None else ""
    return ClaudeSources(login=login, email=email, problem=problem, searched=tuple(searched))


class HeldKeychain:
    """A keychain reader that, after a failure (locked, the prompt denied), gives the same
    error without asking again for `hold` seconds or until `retry()` (the user's Refresh):
    a denied prompt must not come back at every refresh."""

    def __init__(self, reader: KeychainReader, hold: float = 1800.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.reader, self.hold, self.clock = reader, hold, clock
        self._failed: tuple[float, QuotaError] | None = None
        self.asked = 0

    def __call__(self, service: str, account: str) -> str | None:
        if self._failed is not None and self.clock() - self._failed[0] < self.hold:
            raise self._failed[1]
        self.asked += 1
        try:
            value = self.reader(service, account)
        except QuotaError as exc:
            self._failed = (self.clock(), exc)
            raise
        self._failed = None
        return value

    def retry(self) -> None:
        self._failed = None


def default_keychain_reader(keyring: KeyringReader,
                            platform: str = sys.platform) -> KeychainReader | None:
    """The keychain is Claude Code's store on macOS only; elsewhere there is nothing to ask.
    Read through `keyring` (macOS: the login keychain), in whatever way the loader reaches it:
    the tray's `ChildKeyring` (a short-lived child process, so `keyring` never loads in the
    tray), the CLI's own process, or the demo's `NoKeyring`."""
    if platform != "darwin":
        return None

    def read(service: str, account: str) -> str | None:
        found = keyring.read(service, account)
        return found.reveal() if found is not None else None

    return read
