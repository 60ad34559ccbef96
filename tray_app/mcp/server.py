"""The only importer of the `mcp` SDK (the official Python SDK, 2.x: `MCPServer`, stdio): the
read-only tools `quota_status`, `quota_check` and, when the spend package is there,
`spend_summary`. Their answers come from answers.py; nothing here writes anything or exposes a
secret (account labels are e-mails or masked keys, as in `status --json`).

stdout is the protocol channel: nothing else may print to it (logging goes to stderr)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from tray_app import APP_NAME, __version__
from tray_app.i18n import t
from tray_app.mcp.answers import Answers, ToolInputError
from tray_app.secrets import scrub

log = logging.getLogger(__name__)

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                            open_world_hint=False)
SPEND_TIMEOUT = 120.0

Provider = Annotated[str | None, Field(
    description="provider id: openai, zhipu, zai, copilot, antigravity, claude, opencode-go, "
    "kimi or minimax; omit for all")]
Account = Annotated[str | None, Field(
    description="an account's label as quota_status shows it (e-mail, user name or masked "
    "key); omit for all")]
Window = Annotated[str | None, Field(
    description="a window id as quota_status shows it (5h, weekly, monthly...); omit to check "
    "every window of the provider")]
MaxUsed = Annotated[float | None, Field(
    ge=0, le=100, description="the most percent used that still counts as ok; default: the "
    "user's warning threshold (80 unless changed)")]


def _scrubbed(value: Any) -> Any:
    """Every string of an answer through scrub(), as the Console does for the terminal."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


def _answer(call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        answer: dict[str, Any] = _scrubbed(call())
        return answer
    except ToolInputError as exc:
        raise ToolError(str(exc)) from exc
    except Exception as exc:  # logged scrubbed; the SDK sends a generic error
        log.error("tool failed: %s", scrub(repr(exc)))
        raise


def spend_available() -> bool:
    """The spend work (tray_app/spend/, `mystatus-tray spend --json`) exists in this build."""
    import importlib.util

    try:
        return importlib.util.find_spec("tray_app.spend") is not None
    except (ImportError, ValueError):
        return False


def _self_command() -> list[str]:
    if getattr(sys, "frozen", False):  # the PyInstaller bundle is the program itself
        return [sys.executable]
    return [sys.executable, "-m", "tray_app"]


def spend_json(since: str | None, by: str | None, lang: str, *,
               demo: bool = False) -> dict[str, Any]:
    """`mystatus-tray spend --json` in a child process: the very document that command prints
    (and its own reading of the agents' logs; `--demo`'s generated ones for `mcp --demo`),
    never this process's stdout."""
    argv = [*_self_command(), "spend", "--json", "--lang", lang, *(["--demo"] if demo else [])]
    if since:
        argv += ["--since", since]
    if by:
        argv += ["--by", by]
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8",
                          timeout=SPEND_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    try:
        doc = json.loads(done.stdout)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        raise ToolInputError(scrub(done.stderr.strip()) or t("mcp.spend_failed", lang,
                                                              code=done.returncode))
    return doc


def build(answers: Answers, *, spend: bool | None = None) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        name=APP_NAME, version=__version__, log_level="WARNING",
        instructions="Read-only quota of the user's AI coding subscriptions (the numbers "
        "mystatus-tray shows). Call quota_check before a long task; verdict 'over' means the "
        "chosen window is past the limit, 'unavailable' that the number cannot be had.",
    )

    def quota_status(provider: Provider = None, account: Account = None) -> dict[str, Any]:
        """Used and remaining percent of every quota window of the user's AI coding
        subscriptions, with reset times and the pace (runs out before the reset or not), per
        provider and account: the `status --json` document (schema 1) of the shared saved
        numbers."""
        return _answer(lambda: answers.quota_status(provider, account))

    def quota_check(provider: Annotated[str, Field(description=(
                        "provider id: openai, zhipu, zai, copilot, antigravity, claude, "
                        "opencode-go, kimi or minimax"))],
                    window: Window = None, max_used: MaxUsed = None) -> dict[str, Any]:
        """Is there quota left for a long task? `verdict` is "ok" (every checked window is
        within max_used), "over" (one is past it) or "unavailable" (no number: the provider
        failed, is not configured or has no such window), with `exit_code` 0 / 1 / 69 as
        `mystatus-tray guard` exits and the windows that decided."""
        return _answer(lambda: answers.quota_check(provider, window, max_used))

    server.add_tool(quota_status, annotations=READ_ONLY)
    server.add_tool(quota_check, annotations=READ_ONLY)

    if spend_available() if spend is None else spend:
        def spend_summary(
            since: Annotated[str | None, Field(description=(
                "start of the period, as `mystatus-tray spend --since` takes it"))] = None,
            by: Annotated[str | None, Field(description=(
                "grouping, as `mystatus-tray spend --by` takes it"))] = None,
        ) -> dict[str, Any]:
            """What the coding agents' usage would have cost at API prices: the
            `mystatus-tray spend --json` document."""
            return _answer(lambda: spend_json(since, by, answers.lang,
                                                  demo=answers.demo))

        server.add_tool(spend_summary, annotations=READ_ONLY)
    return server


def serve(answers: Answers) -> None:
    """Run over stdio until the client closes the connection."""
    build(answers).run("stdio")
