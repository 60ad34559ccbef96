"""`spend_summary` (tray_app/mcp/server.py): registered only when the spend report is part of
the build, it answers the document `mystatus-tray spend --json` prints, run as a child with the
agent's `since` / `by` (never this process's stdout, the protocol channel); a failing child is
a tool error with its message, scrubbed. Driven in-process by the SDK's own Client."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client

from tray_app.config import Settings
from tray_app.mcp import server as mcp_server
from tray_app.mcp.answers import Answers
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.view import TrayView

FAKE_SPEND = """
import json, sys
args = sys.argv[1:]
if "--since" in args and args[args.index("--since") + 1] == "broken":
    print("spend: no such period: broken; token ghp_PLANTEDsecret0123456789", file=sys.stderr)
    sys.exit(2)
print(json.dumps({"schema": 1, "argv": args}))
"""


class Source:
    settings = Settings()

    def current(self, max_age: float) -> Current:
        return Current(TrayView(), refreshed=False, age=0.0, stale=False)


def _calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spend: bool,
           calls: list[dict[str, Any]]) -> tuple[set[str], list[Any]]:
    script = tmp_path / "fake_spend.py"
    script.write_text(FAKE_SPEND, "utf-8")
    monkeypatch.setattr(mcp_server, "_self_command", lambda: [sys.executable, str(script)])
    built = mcp_server.build(Answers(Source(), lang="en"), spend=spend)
    results: list[Any] = []

    async def main() -> set[str]:
        async with Client(built) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            for args in calls:
                results.append(await client.call_tool("spend_summary", args))
            return names

    return anyio.run(main), results


def test_not_registered_without_the_spend_report(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    names, _ = _calls(monkeypatch, tmp_path, False, [])
    assert names == {"quota_status", "quota_check"}


def test_the_spend_document_with_the_agents_options(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    names, (plain, narrowed, broken) = _calls(
        monkeypatch, tmp_path, True, [{}, {"since": "7d", "by": "model"}, {"since": "broken"}])
    assert "spend_summary" in names
    assert plain.structured_content == {"schema": 1, "argv": ["spend", "--json", "--lang", "en"]}
    assert narrowed.structured_content["argv"][-4:] == ["--since", "7d", "--by", "model"]
    assert broken.is_error
    text = broken.content[0].text
    assert "no such period: broken" in text and "ghp_PLANTEDsecret0123456789" not in text
    assert json.dumps(plain.structured_content)
