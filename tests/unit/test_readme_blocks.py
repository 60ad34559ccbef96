"""Every ```toml and ```json block of the README parses (a key twice once made the
config.toml example invalid: copying it set the user's settings aside), and the
Configuration example loads through tray_app/config.py without a notice, every key of it a
real setting."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
import tomllib

from tray_app import config

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(toml|json)\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str, str]]:
    out = []
    for doc in DOCS:
        for i, m in enumerate(BLOCK.finditer(doc.read_text("utf-8"))):
            out.append((f"{doc.name}#{m.group(1)}{i}", m.group(1), m.group(2)))
    return out


def test_the_readme_has_toml_and_json_blocks() -> None:
    kinds = {kind for name, kind, _ in _blocks() if name.startswith("README")}
    assert kinds == {"toml", "json"}


@pytest.mark.parametrize(("name", "kind", "text"), _blocks(), ids=lambda v: str(v)[:30])
def test_every_block_parses(name: str, kind: str, text: str) -> None:
    if kind == "toml":
        tomllib.loads(text)
    else:
        json.loads(text)


def _config_example() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Configuration"):]
    match = BLOCK.search(section)
    assert match is not None and match.group(1) == "toml"
    return match.group(2)


def test_the_config_example_loads_without_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_config_example(), "utf-8")
    loaded = config.load(path)
    assert loaded.notice == ""
    assert path.exists()  # not set aside
    names = {f.name for f in fields(config.Settings)}
    data = tomllib.loads(_config_example())
    assert set(data) - {"urls"} <= names  # no key that is not a setting
    assert {"threshold", "history_days", "refresh_minutes"} <= set(data)
