"""The real `status --demo` in a subprocess at 60 and 200 columns (COLUMNS) in every
language: every line fits, no word is cut ("res|ets"), nothing is lost; and colour on a real
terminal (a pty), none with NO_COLOR or when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli

from tray_app.cli.console import display_width
from tray_app.i18n import LANGUAGES

ANSI = "\x1b["


def _words(text: str) -> set[str]:
    return {w for w in text.split() if not any(ch.isdigit() for ch in w)}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("columns", [60, 200])
def test_status_wraps_to_columns(home: Path, lang: str, columns: int) -> None:
    wide = run_cli(["status", "--demo", "--lang", lang], cli_env(home, COLUMNS="1000"))
    narrow = run_cli(["status", "--demo", "--lang", lang], cli_env(home, COLUMNS=str(columns)))
    assert narrow.returncode in (0, 1), narrow.stderr
    lines = narrow.stdout.splitlines()
    assert max(display_width(ln) for ln in lines) <= columns
    assert ANSI not in narrow.stdout  # piped: no colour
    if lang == "en":  # every word whole: none is a piece of a longer one
        assert _words(narrow.stdout) <= _words(wide.stdout)
    else:  # Chinese: the same characters in the same order (numbers may tick)
        def letters(text: str) -> str:
            return "".join(ch for ch in text if not ch.isspace() and not ch.isdigit())

        assert letters(narrow.stdout) == letters(wide.stdout)
        assert not any(ln.strip()[:1] in ("。", ",", "、", ")", ":") for ln in lines)
    if columns == 60:
        assert len(lines) > len(wide.stdout.splitlines())  # something did wrap
    else:
        assert len(lines) == len(wide.stdout.splitlines())


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tray_app", *args], env=env,
                            stdin=subprocess.DEVNULL, stdout=child, stderr=child,
                            cwd=env["HOME"])
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    assert proc.wait(timeout=60) in (0, 1)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_and_not_with_no_color(home: Path) -> None:
    env = cli_env(home, TERM="xterm-256color")
    coloured = _on_a_terminal(["status", "--demo"], env)
    assert "\x1b[32m█" in coloured or "\x1b[33m█" in coloured  # bars in severity colours
    assert "\x1b[2m░" in coloured
    plain = _on_a_terminal(["status", "--demo"], {**env, "NO_COLOR": "1"})
    assert ANSI not in plain and "█" in plain
