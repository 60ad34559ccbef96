"""The one exception tree of the engine; every user-facing failure is a leaf kind.

    QuotaError(kind, provider=..., status=..., detail=..., retry_after=..., path=...)
      kind ∈ ErrorKind:
        auth_file_unreadable   seed problem 1 (path + OS error; install / log in to OpenCode)
        no_accounts            seed problem 2 (lists the supported account types)
        token_expired          seed problem 3 (use a model once in OpenCode to refresh)
        http_error             seed problem 4 (provider, status, short body)
        rate_limited           seed problem 4, 429 (wait; honours Retry-After)
        timeout                seed problem 5 (check network and proxy)
        network_error          seed problem 5 (connection refused / DNS / TLS)
        network_blocked        a 403 challenge page from a CDN (HTML or cf-mitigated): the
                               network path is blocked, not the token (retry later)
        invalid_response       the API answered something we cannot read
        api_error              seed problem 8 (Zhipu / Z.ai envelope error on HTTP 200)
        copilot_pat_required   seed problem 6 (create a fine-grained PAT, store it in the keyring)
        missing_project_id     seed problem 7 (add projectId / managedProjectId)
        verification_required  Antigravity 403: verify the account in a browser
        keyring_unavailable    the OS keyring is locked, missing or the prompt was dismissed
        not_logged_in          a login that cannot read usage (Claude: MCP-only, setup token)
        credential_invalid     seed problem 2, per entry: an entry of a supported provider is not
                               an object, has the wrong type or lacks its field (names the source)
        credential_db_unreadable  OpenCode 2's opencode.db is corrupt, unreadable or stays locked

Exceptions are translated at the boundary (`raise QuotaError(...) from exc`); the message is
rendered later, in the user's language, by `tray_app.i18n.error_message`. No secret is ever put
into an error: `detail` is passed through `tray_app.secrets.scrub` on construction.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from tray_app.secrets import scrub


class ErrorKind(str, enum.Enum):
    AUTH_FILE_UNREADABLE = "auth_file_unreadable"
    NO_ACCOUNTS = "no_accounts"
    TOKEN_EXPIRED = "token_expired"
    HTTP_ERROR = "http_error"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    NETWORK_ERROR = "network_error"
    NETWORK_BLOCKED = "network_blocked"
    INVALID_RESPONSE = "invalid_response"
    API_ERROR = "api_error"
    COPILOT_PAT_REQUIRED = "copilot_pat_required"
    MISSING_PROJECT_ID = "missing_project_id"
    VERIFICATION_REQUIRED = "verification_required"
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    NOT_LOGGED_IN = "not_logged_in"
    CREDENTIAL_INVALID = "credential_invalid"
    CREDENTIAL_DB_UNREADABLE = "credential_db_unreadable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ErrorInfo:
    """A failure as data (stored in the frozen model; rendered per language later)."""

    kind: ErrorKind
    provider: str = ""  # display name of the provider, for messages
    status: int | None = None  # HTTP status, or the API's own code for api_error
    detail: str = ""  # short, scrubbed: OS error, response body excerpt, API msg
    retry_after: float | None = None  # seconds, for rate_limited
    path: str = ""  # file (or "$VARIABLE") concerned: auth_file_unreadable, credential_* ...
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # e.g. verification URL

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", readable_detail(scrub(self.detail))[:300])

    def get(self, key: str, default: str = "") -> str:
        return dict(self.extra).get(key, default)


class QuotaError(Exception):
    """Raised by credential readers and provider fetchers; carries an `ErrorInfo`."""

    def __init__(
        self,
        kind: ErrorKind,
        *,
        provider: str = "",
        status: int | None = None,
        detail: str = "",
        retry_after: float | None = None,
        path: str = "",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.info = ErrorInfo(
            kind=kind,
            provider=provider,
            status=status,
            detail=detail,
            retry_after=retry_after,
            path=path,
            extra=tuple(sorted((extra or {}).items())),
        )
        super().__init__(f"{kind.value}: {self.info.detail}" if self.info.detail else kind.value)

    @property
    def kind(self) -> ErrorKind:
        return self.info.kind


_MESSAGE_KEYS = ("message", "msg", "error_description", "detail", "error_msg", "errmsg",
                 "error", "reason", "title")
_MEMBERSHIP = ("membership", "会员", "會員", "subscription expired", "plan expired")


def _message_in(value: object, depth: int = 0) -> str:
    """The first human message in a decoded JSON body: {"error": {"message": "..."}} → "..."."""
    if isinstance(value, str):
        return value.strip()
    if depth > 3:
        return ""
    if isinstance(value, dict):
        for key in _MESSAGE_KEYS:
            found = _message_in(value.get(key), depth + 1)
            if found:
                return found
        return ""
    if isinstance(value, list):
        return next((m for m in (_message_in(v, depth + 1) for v in value[:3]) if m), "")
    return ""


def readable_detail(detail: str) -> str:
    """A response body excerpt as a person reads it: a JSON body becomes its message (the
    views never show raw JSON); text that is not JSON stays as it is."""
    text = detail.strip()
    if not text.startswith(("{", "[")):
        return detail
    import json  # here: most errors are not JSON, and the tray imports this module

    try:
        decoded = json.loads(text)
    except ValueError:
        # cut short ("…") or not JSON after all: the quoted message, if one can be seen
        import re

        found = re.search(r'"(?:message|msg|error_description|detail)"\s*:\s*"([^"]{1,200})',
                          text)
        return found.group(1) if found else "(unreadable response)"
    message = _message_in(decoded) or "(no message in the response)"
    code = decoded.get("error") if isinstance(decoded, dict) else None
    if isinstance(code, str) and code and " " not in code and code != message:
        return f"{code}: {message}"  # OAuth's "invalid_grant" is read by the views
    return message


def better_fix(info: ErrorInfo, fix_key: str) -> str:
    """The fix that fits what happened, where the kind alone says too little: a Kimi plan
    whose membership expired needs renewing, not a new key."""
    detail = info.detail.lower()
    if info.provider.startswith("Kimi") and any(word in detail for word in _MEMBERSHIP):
        return "fix.kimi_membership"
    return fix_key


def one_line(exc: BaseException, limit: int = 200) -> str:
    """"Type: message", first line only, at most `limit` characters, secrets scrubbed: an
    unexpected exception as a user-facing detail."""
    return scrub(f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:limit])
