"""The README's MCP configuration for OpenCode 2, checked with the real program (the pinned
@opencode/cli from npm, mystatus_testkit.oracles): `opencode mcp add` writes exactly the
config the README shows, and that config's command is one our server answers on."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from mystatus_testkit.oracles import ROOT, require


def _readme_block(after: str, lang: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## For coding agents (MCP)"):text.index("## Provider outages")]
    start = section.index(after)
    match = re.search(rf"```{lang}\n(.*?)```", section[start:], re.S)
    assert match, f"no ```{lang} block after {after!r}"
    return match.group(1)


def test_opencode_mcp_add_writes_the_readme_config(tmp_path: Path) -> None:
    opencode = require("opencode")
    command = _readme_block("**OpenCode 2**", "").strip()
    assert command == "opencode mcp add --global mystatus -- mystatus-tray mcp"
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_STATE_HOME": str(home / ".local" / "state"),
           "XDG_CACHE_HOME": str(home / ".cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([str(opencode), *command.split()[1:]], env=env, cwd=home,
                          capture_output=True, text=True, timeout=120, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    written = json.loads((home / ".config" / "opencode" / "opencode.json").read_text("utf-8"))
    shown = json.loads(_readme_block("which writes", "json"))
    assert written["mcp"] == shown["mcp"]
    server = written["mcp"]["servers"]["mystatus"]
    assert server["type"] == "local" and server["command"][1:] == ["mcp"]


def test_the_other_snippets_run_our_command() -> None:
    claude = _readme_block("**Claude Code:**", "").strip()
    assert claude.endswith("-- mystatus-tray mcp") and claude.startswith("claude mcp add ")
    codex = _readme_block("**Codex**", "toml")
    from tray_app.config import tomllib

    table = tomllib.loads(codex)["mcp_servers"]["mystatus"]
    assert (table["command"], table["args"]) == ("mystatus-tray", ["mcp"])
