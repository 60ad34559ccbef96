"""`mystatus-tray simulator`: serves in the foreground, prints the variables that point the
app at it (used here by a second, real `status` run), stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import queue
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli, write_auth

ZAI_KEY = "zk-PLANTED-simcmd-zai-0123456789abcdef"
ZHIPU_KEY = "zk-PLANTED-simcmd-zhipu-0123456789abcdef"


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        lines.put(line)


def _check_instructions_and_use_them(lines: queue.Queue[str], tmp_path: Path) -> None:
    printed: list[str] = []
    while not any("Ctrl+C" in line for line in printed):
        printed.append(lines.get(timeout=20))
    text = "".join(printed)
    assert re.search(r"Simulator listening on http://127\.0\.0\.1:\d+", text)
    urls = dict(re.findall(r"export (MYSTATUS_\w+_URL)=(\S+)", text))
    assert {"MYSTATUS_ZHIPU_URL", "MYSTATUS_ZAI_URL"} <= set(urls)
    assert all(u.startswith("http://127.0.0.1:") for u in urls.values())
    assert re.search(r"env .*XDG_DATA_HOME=\S+ .*mystatus-tray status", text)

    client_home = tmp_path / "client"
    client_home.mkdir()
    write_auth(client_home, {"zai-coding-plan": {"type": "api", "key": ZAI_KEY},
                             "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY}})
    client_env = cli_env(client_home, **{k: shlex.split(v)[0] for k, v in urls.items()})
    result = run_cli(["status"], client_env)
    assert result.returncode == 1
    assert "Z.ai API request failed (200): code 401, Invalid API key" in result.stdout
    assert "14.8M / 40.0M tokens" in result.stdout  # Zhipu stays healthy


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM and export syntax are POSIX")
def test_serves_prints_variables_and_stops_on_sigterm(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = cli_env(home)
    with subprocess.Popen(
        [sys.executable, "-m", "tray_app", "simulator", "--scenario", "zai=envelope_error"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        encoding="utf-8", cwd=home,
    ) as proc:
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True)
        reader.start()
        try:
            _check_instructions_and_use_them(lines, tmp_path)
        finally:
            proc.terminate()
            code = proc.wait(timeout=15)
            reader.join(timeout=5)
    assert code == 0


def test_unknown_scenario_is_rejected_with_the_valid_ones(tmp_path: Path) -> None:
    result = run_cli(["simulator", "--scenario", "zai=nonsense"], cli_env(tmp_path))
    assert result.returncode == 2
    assert "Unknown provider prefix or scenario: zai=nonsense" in result.stderr
    assert re.search(r"  zai: healthy, .*envelope_error", result.stderr)
    bad_port = run_cli(["simulator", "--port", "70000"], cli_env(tmp_path))
    assert bad_port.returncode == 2
