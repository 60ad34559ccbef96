"""Fixtures shared by the integration tests: a running simulator and an empty HOME."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tray_app.simulator import Simulator


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path
