"""A folder on the credential search path (or our state folder) that the user cannot enter
(issue 17 §3): OpenCode's data folder owned by root after a `sudo opencode`, Codex's or Claude
Code's folder likewise, our own state folder made root's. That source gets a clear, localized
error naming the folder and the fix; every other source and provider still works; no command
prints a traceback.

CI runs as root, who enters every folder: the CLI runs as `nobody` in a forked child
(mystatus_testkit.as_nobody), never skipped. The real CLI, the real loopback simulator."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mystatus_testkit.as_nobody import NOBODY, run_cli_as_nobody
from mystatus_testkit.cli import cli_env

from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(os, "geteuid")
                                or os.geteuid() != 0,
                                reason="needs root to hand folders to nobody (CI is root); "
                                "as an ordinary user the permission test is the same")

Where = Callable[[dict[str, str]], Path]
FOLDERS: dict[str, Where] = {
    "opencode data": lambda e: Path(e["XDG_DATA_HOME"]) / "opencode",
    "opencode config": lambda e: Path(e["OPENCODE_CONFIG_DIR"]),
    "codex home": lambda e: Path(e["CODEX_HOME"]),
    "claude config": lambda e: Path(e["CLAUDE_CONFIG_DIR"]),
    "state": lambda e: Path(e["XDG_STATE_HOME"]) / "mystatus-tray",
}
# what still shows its numbers when that folder is closed
SURVIVOR = {"opencode data": "claude.demo@example.com", "opencode config": "Kimi for Coding",
            "codex home": "Kimi for Coding", "claude config": "Kimi for Coding",
            "state": "Kimi for Coding"}
COMMANDS = (["status"], ["doctor"], ["history"], ["status", "--json"],
            ["guard", "--provider", "kimi", "--max-used", "99", "--max-age", "0"],
            ["status", "--format", "polybar", "--max-age", "0"],
            ["status", "--format", "waybar", "--max-age", "0"],
            ["status", "--format", "i3blocks", "--max-age", "0"],
            ["status", "--format", "prometheus", "--max-age", "0"])


@pytest.fixture
def demo() -> Iterator[dict[str, str]]:
    work = Path(tempfile.mkdtemp(prefix="mystatus-nobody-"))  # /tmp: nobody can reach it
    try:
        with Simulator() as sim:
            env = demo_environment(sim, work)
            full = cli_env(Path(env["HOME"]), sim, **env)
            Path(full["XDG_STATE_HOME"], "mystatus-tray").mkdir(parents=True)
            for path in [work, *work.rglob("*")]:
                os.chown(path, NOBODY, NOBODY)
            work.chmod(0o755)
            yield full
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _close(folder: Path) -> None:
    """As `sudo opencode` leaves it: root's, and closed to everyone else."""
    os.chown(folder, 0, 0)
    folder.chmod(0o700)


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_a_folder_nobody_can_enter(demo: dict[str, str], name: str) -> None:
    folder = FOLDERS[name](demo)
    _close(folder)
    outputs = {}
    for args in COMMANDS:
        code, out, err = run_cli_as_nobody(args, demo)
        assert "Traceback" not in out + err, (args, err[-3000:])
        assert code != 98, (args, err[-3000:])
        if args[0] == "guard":  # 1 means over the limit (99 %): never a fault of ours
            assert code in (0, 69), (args, code, out, err[-2000:])
        outputs[" ".join(args)] = (code, out, err)
    code, out, err = outputs["status"]
    assert SURVIVOR[name] in out, out[-2000:]
    if name == "codex home":  # OpenAI has another login: Codex's file is doctor's finding
        code, out, err = outputs["doctor"]
    if name != "state":
        assert f"You cannot enter the folder {folder}" in out + err, (out + err)[-2000:]
        assert f'sudo chown -R "$USER" "{folder}"' in out + err
    else:  # our own folder: the history says it cannot be written, the numbers are shown
        assert "history cannot be written" in err, err[-2000:]
        code, out, err = outputs["history"]
        assert f"cannot enter {folder}" in out + err
    if name == "opencode data":
        code, out, err = outputs["doctor"]
        assert f"You cannot enter the folder {folder}" in out
        assert out.count("You cannot enter the folder") >= 2  # auth.json and opencode.db


@pytest.mark.parametrize(("lang", "said"), [
    ("zh-TW", "無法進入資料夾"), ("zh-CN", "无法进入文件夹"),
    ("en", "You cannot enter the folder")])
def test_the_folder_error_is_localized(demo: dict[str, str], lang: str, said: str) -> None:
    folder = FOLDERS["opencode data"](demo)
    _close(folder)
    _, out, _ = run_cli_as_nobody(["--lang", lang, "status"], demo)
    assert f"{said} {folder}" in out, out[-2000:]
