"""The tray's rotating log file: where it goes, its rotation, the level from --log-level,
and that no secret reaches it (message, arguments, traceback)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tray_app import logfile, paths
from tray_app.secrets import Secret, mask

TOKEN = "github_pat_11LOGFILE0_Zx8Vq2mLr4TnKk7Pz9Ws3Yb6Jc1Fd5Ga0He8Qq"


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield root
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_file_in_the_platform_log_dir_with_rotation(root_logger: logging.Logger) -> None:
    root_logger.setLevel(logging.INFO)
    path = logfile.install()
    assert path == paths.log_dir() / "mystatus-tray.log"
    handler = next(h for h in root_logger.handlers if isinstance(h, logfile._Handler))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    assert "starting" in path.read_text("utf-8")
    assert logfile.install(demo=True) == paths.log_dir() / "mystatus-tray-demo.log"
    # installing again replaces ours (one file handler, never two)
    assert sum(isinstance(h, logfile._Handler) for h in root_logger.handlers) == 1


def test_level_follows_log_level(root_logger: logging.Logger, tmp_path: Path) -> None:
    root_logger.setLevel(logging.WARNING)
    path = logfile.install(directory=tmp_path)
    assert path is not None
    logging.getLogger("tray_app.x").info("quiet info")
    logging.getLogger("tray_app.x").warning("loud warning")
    text = path.read_text("utf-8")
    assert "loud warning" in text and "quiet info" not in text


def test_no_secret_reaches_the_file(root_logger: logging.Logger, tmp_path: Path) -> None:
    root_logger.setLevel(logging.DEBUG)
    Secret(TOKEN)  # known to the scrubber, as every credential read by the app is
    path = logfile.install(directory=tmp_path)
    assert path is not None
    log = logging.getLogger("tray_app.y")
    log.info("token %s in args", TOKEN)
    log.warning(f"token {TOKEN} in the message")
    try:
        raise ValueError(f"bad token {TOKEN}")
    except ValueError:
        log.exception("failed")
    log.error("with stack", stack_info=True, extra={"x": TOKEN})
    text = path.read_text("utf-8")
    assert TOKEN not in text
    assert text.count(mask(TOKEN)) >= 3  # masked forms are there: the lines were written
    assert "ValueError: bad token" in text


def test_unwritable_dir_is_not_fatal(root_logger: logging.Logger, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert logfile.install(directory=blocker / "logs") is None


def test_rotation_keeps_three(root_logger: logging.Logger, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    root_logger.setLevel(logging.INFO)
    path = logfile.install(directory=tmp_path)
    assert path is not None
    for i in range(200):
        logging.getLogger("tray_app.z").info("line %d %s", i, "x" * 50)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["mystatus-tray.log", "mystatus-tray.log.1", "mystatus-tray.log.2",
                     "mystatus-tray.log.3"]
    assert all(p.stat().st_size <= 2_200 for p in tmp_path.iterdir())
