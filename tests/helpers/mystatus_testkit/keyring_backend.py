"""A file-backed keyring backend for tests: one JSON object {service: {user: password}}.

Not for real use (it stores secrets in plain text); it exists so that real-CLI subprocess
tests can check what the `token` commands wrote, without a desktop Secret Service.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "MYSTATUS_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    priority = 0.01  # type: ignore[assignment]  # never auto-selected, only by name

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self._path().read_text("utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        self._path().write_text(json.dumps(data), "utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError("not found")
        del data[service][username]
        self._save(data)
