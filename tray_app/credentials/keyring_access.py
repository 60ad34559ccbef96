"""How credential readers reach the OS keyring: in this process (the CLI), or through a
short-lived child process (the tray), or not at all (the demo, tests).

Importing `keyring` and resolving its backend costs ~30 MiB that a process keeps for good;
the tray lives for days, so it asks a child (`python -m tray_app.credentials.keyring_store`)
that reads one entry, writes it to its stdout pipe as one JSON line and exits. The secret
travels only through that pipe (a value to store goes in on stdin): never argv, never a
file, never a log line. This module imports neither `keyring` nor `keyring_store`.
"""

from __future__ import annotations

import json
import subprocess
from typing import Protocol

from tray_app import child_process
from tray_app.errors import ErrorKind, QuotaError
from tray_app.secrets import Secret

CHILD_MODULE = "tray_app.credentials.keyring_store"
FROZEN_FLAG = "--keyring"  # `<bundle executable> --keyring get …`: handled first in cli.main
CHILD_TIMEOUT_S = 120.0  # a locked keyring may ask the user to unlock it


class KeyringReader(Protocol):
    def read(self, service: str, account: str) -> Secret | None: ...


class KeyringAccess(KeyringReader, Protocol):
    def write(self, service: str, account: str, secret: Secret) -> None: ...
    def delete(self, service: str, account: str) -> bool: ...


class DirectKeyring:
    """In this process (imports `keyring` on first use): for short-lived commands."""

    def read(self, service: str, account: str) -> Secret | None:
        from tray_app.credentials import keyring_store

        return keyring_store.get_secret(account, service=service)

    def write(self, service: str, account: str, secret: Secret) -> None:
        from tray_app.credentials import keyring_store

        keyring_store.set_secret(account, secret, service=service)

    def delete(self, service: str, account: str) -> bool:
        from tray_app.credentials import keyring_store

        return keyring_store.delete_secret(account, service=service)


class NoKeyring:
    """No keyring at all (the demo): every entry is absent, nothing can be stored."""

    def read(self, service: str, account: str) -> Secret | None:
        return None

    def write(self, service: str, account: str, secret: Secret) -> None:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="no keyring in this mode")

    def delete(self, service: str, account: str) -> bool:
        return False


def child_command(op: str, service: str, account: str) -> list[str]:
    """`python -m tray_app.credentials.keyring_store op service account`; a bundle runs
    itself with FROZEN_FLAG (child_process.py)."""
    return child_process.command(CHILD_MODULE, FROZEN_FLAG, op, service, account)


class ChildKeyring:
    """Each call runs one child process; the tray never imports `keyring` itself."""

    def __init__(self, timeout: float = CHILD_TIMEOUT_S) -> None:
        self.timeout = timeout

    def _run(self, op: str, service: str, account: str, stdin: str = "") -> dict[str, object]:
        try:
            done = child_process.run(child_command(op, service, account), stdin, self.timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE,
                             detail=f"keyring helper: {type(exc).__name__}") from exc
        try:
            answer = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            answer = None
        if not isinstance(answer, dict):
            # stderr is the child's own (never a secret), but keep one short line of it
            tail = (done.stderr.strip().splitlines() or [""])[-1][:120]
            raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE,
                             detail=f"keyring helper exit {done.returncode}: {tail}".rstrip(": "))
        if "error" in answer:
            raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail=str(answer["error"])[:160])
        return answer

    def read(self, service: str, account: str) -> Secret | None:
        value = self._run("get", service, account).get("value")
        return Secret(value) if isinstance(value, str) and value else None

    def write(self, service: str, account: str, secret: Secret) -> None:
        self._run("set", service, account, stdin=secret.reveal() + "\n")

    def delete(self, service: str, account: str) -> bool:
        return bool(self._run("delete", service, account).get("deleted"))
