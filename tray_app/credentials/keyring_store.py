"""The OS keyring adapter (sole importer of `keyring`). Our service is `mystatus-tray`;
other programs' entries (Codex CLI's `Codex Auth`) are read with their own service name.

Every keyring failure (no backend, locked, prompt dismissed, and whatever a backend's own
D-Bus or OS layer raises, e.g. jeepney's DBusErrorResponse, which is no KeyringError) becomes
`QuotaError(keyring_unavailable)`; nothing ever falls back to plain text.

Run as `python -m tray_app.credentials.keyring_store get|set|delete SERVICE ACCOUNT` it is
the tray's keyring child (credentials/keyring_access.py): one JSON line on stdout,
{"value": ...} / {"deleted": ...} / {"error": "..."}; a value to store is all of stdin
(less the one newline the parent adds).
"""

from __future__ import annotations

import json
import sys

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


def get_secret(key: str, *, service: str = SERVICE) -> Secret | None:
    try:
        value = keyring.get_password(service, key)
    except Exception as exc:
        raise _unavailable(exc) from exc
    return Secret(value) if value else None


def set_secret(key: str, secret: Secret, *, service: str = SERVICE) -> None:
    try:
        keyring.set_password(service, key, secret.reveal())
    except Exception as exc:
        raise _unavailable(exc) from exc


def delete_secret(key: str, *, service: str = SERVICE) -> bool:
    """True if something was deleted, False if there was nothing to delete."""
    try:
        keyring.delete_password(service, key)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:
        raise _unavailable(exc) from exc
    return True


def main(argv: list[str] | None = None) -> int:
    """The keyring child: one operation, one JSON line on stdout (a pipe read by the tray
    only). Nothing else is ever printed: not the value, not a traceback that could hold it."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] not in ("get", "set", "delete"):
        print(json.dumps({"error": "usage: get|set|delete SERVICE ACCOUNT"}), flush=True)
        return 2
    op, service, account = args
    answer: dict[str, object]
    try:
        if op == "get":
            secret = get_secret(account, service=service)
            answer = {"value": secret.reveal() if secret is not None else None}
        elif op == "set":
            value = sys.stdin.read()  # all of it: a value may span lines (a JSON document)
            value = value[:-1] if value.endswith("\n") else value  # the one the parent added
            if not value.strip():
                answer = {"error": "nothing to store"}
            else:
                set_secret(account, Secret(value), service=service)
                answer = {"stored": True}
        else:
            answer = {"deleted": delete_secret(account, service=service)}
    except QuotaError as exc:
        answer = {"error": exc.info.detail or exc.info.kind.value}
    except Exception as exc:  # the parent reports it; no traceback here
        answer = {"error": type(exc).__name__}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0 if "error" not in answer else 1


if __name__ == "__main__":
    raise SystemExit(main())
