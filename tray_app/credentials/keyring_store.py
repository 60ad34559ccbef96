"""The OS keyring adapter (sole importer of `keyring`). Service `mystatus-tray`.

Every keyring failure (no backend, locked, prompt dismissed, and whatever a backend's own
D-Bus or OS layer raises, e.g. jeepney's DBusErrorResponse, which is no KeyringError) becomes
`QuotaError(keyring_unavailable)`; nothing ever falls back to plain text.
"""

from __future__ import annotations

import keyring
import keyring.errors

from tray_app import APP_NAME
from tray_app.errors import ErrorKind, QuotaError
from tray_app.secrets import Secret

SERVICE = APP_NAME
COPILOT_PAT_KEY = "github-copilot-pat"


def _unavailable(exc: Exception) -> QuotaError:
    reason = type(exc).__name__
    text = str(exc).split("\n")[0][:120]
    return QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail=f"{reason}: {text}" if text else reason)


def backend_name() -> str:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return f"unavailable ({type(exc).__name__})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def get_secret(key: str) -> Secret | None:
    try:
        value = keyring.get_password(SERVICE, key)
    except Exception as exc:
        raise _unavailable(exc) from exc
    return Secret(value) if value else None


def set_secret(key: str, secret: Secret) -> None:
    try:
        keyring.set_password(SERVICE, key, secret.reveal())
    except Exception as exc:
        raise _unavailable(exc) from exc


def delete_secret(key: str) -> bool:
    """True if something was deleted, False if there was nothing to delete."""
    try:
        keyring.delete_password(SERVICE, key)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:
        raise _unavailable(exc) from exc
    return True
