"""The log file is private (issue 17 §3): 0600 when created, narrowed to 0600 when an earlier
version left it 0644, and so is every rotated file; whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tray_app import logfile

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual desktop umask: new files 0644 unless we say otherwise
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    root.setLevel(logging.INFO)
    yield root
    root.setLevel(level)
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_a_new_log_file_is_0600(tmp_path: Path, loose_umask: None,
                                root_logger: logging.Logger) -> None:
    path = logfile.install(logging.INFO, directory=tmp_path)
    assert path is not None and path.exists()
    assert mode(path) == 0o600


def test_an_existing_wider_log_file_is_narrowed(tmp_path: Path, loose_umask: None,
                                                root_logger: logging.Logger) -> None:
    path = logfile.log_file(directory=tmp_path)
    path.write_text("an older line\n", "utf-8")
    path.chmod(0o644)
    assert logfile.install(logging.INFO, directory=tmp_path) == path
    assert mode(path) == 0o600
    assert path.read_text("utf-8").startswith("an older line\n")  # appended, not replaced


def test_rotated_files_stay_0600(tmp_path: Path, loose_umask: None,
                                 root_logger: logging.Logger,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    path = logfile.install(logging.INFO, directory=tmp_path)
    assert path is not None
    log = logging.getLogger("tray_app.test_rotation")
    for i in range(200):
        log.info("line %d %s", i, "x" * 40)
    files = sorted(tmp_path.glob(path.name + "*"))
    assert len(files) > 1  # rotated at least once
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
