"""The command line's `--help` epilog, built from the code it describes: the nine providers
(providers/names.py), every base-URL variable (net/endpoints.py), the other environment
variables the app reads and every exit code, so the help cannot fall behind the program.

Also the help formatter: catalog texts are plain text, so a `%` in them ("N %") is escaped
before argparse applies its `%(default)s` formatting (a bare `%` used to crash
`guard --help`)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from tray_app.i18n import t
from tray_app.net.endpoints import DEFAULT_URLS, env_var
from tray_app.providers.names import PROVIDER_NAMES

# The environment variables a user may set (internal and test-only ones are left out), each
# with its catalog key. The base URLs (MYSTATUS_<KEY>_URL) are listed from DEFAULT_URLS.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("MYSTATUS_TIMEOUT", "cli.env.timeout"),
    ("OPENCODE_AUTH_CONTENT", "cli.env.opencode_auth"),
    ("OPENCODE_CONFIG_DIR", "cli.env.opencode_config"),
    ("OPENCODE_API_KEY", "cli.env.key"),
    ("ZHIPU_API_KEY", "cli.env.key"),
    ("ZAI_API_KEY", "cli.env.key"),
    ("KIMI_API_KEY", "cli.env.key"),
    ("MINIMAX_API_KEY", "cli.env.key"),
    ("CLAUDE_CODE_OAUTH_TOKEN", "cli.env.claude_token"),
    ("CLAUDE_CONFIG_DIR", "cli.env.claude_config"),
    ("CODEX_HOME", "cli.env.codex_home"),
    ("KIMI_CODE_HOME", "cli.env.kimi_code_home"),
    ("MYSTATUS_STATUS_WAIT", "cli.env.status_wait"),
    ("XDG_CONFIG_HOME", "cli.env.xdg"),
    ("XDG_DATA_HOME", "cli.env.xdg"),
    ("XDG_STATE_HOME", "cli.env.xdg"),
    ("NO_COLOR", "cli.env.no_color"),
    ("COLUMNS", "cli.env.columns"),
)
EXIT_CODES = (0, 1, 2, 3, 69, 130)


def epilog(lang: str) -> str:
    """Providers, environment and exit codes, one item a line (the parser keeps the lines)."""
    providers = t("cli.help.providers", lang, names=", ".join(PROVIDER_NAMES.values()))
    urls = "MYSTATUS_<KEY>_URL"
    keys = ", ".join(k.upper() for k in DEFAULT_URLS)
    lines = [providers, "", t("cli.help.environment", lang)]
    lines.append(f"  {urls}  " + t("cli.env.url", lang, keys=keys))
    for name, key in ENVIRONMENT:
        lines.append(f"  {name}  {t(key, lang)}")
    lines += ["", t("cli.help.exit_codes", lang)]
    lines += [f"  {code:>3}  {t(f'cli.exit.{code}', lang)}" for code in EXIT_CODES]
    return "\n".join(lines)


def url_variables() -> list[str]:
    return [env_var(k) for k in DEFAULT_URLS]


_BARE_PERCENT = re.compile(r"%(?!\()")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, with a catalog text's bare `%` kept as text, and lines wrapped
    by display width (a Chinese character takes two columns; textwrap counts one)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        return None if text is None else _BARE_PERCENT.sub("%%", text)

    _in_usage = False

    def _format_usage(self, *args: Any, **kwargs: Any) -> str:
        self._in_usage = True  # long choice lists are named, not listed, in the usage line
        try:
            return str(super()._format_usage(*args, **kwargs))
        finally:
            self._in_usage = False

    def _metavar_formatter(self, action: argparse.Action, default_metavar: str) -> Any:
        if (self._in_usage and action.metavar is None and action.choices is not None
                and len(",".join(map(str, action.choices))) > 24):
            return super()._metavar_formatter(
                argparse.Action(action.option_strings, action.dest,
                                metavar=action.dest.upper()), default_metavar)
        return super()._metavar_formatter(action, default_metavar)

    def _split_lines(self, text: str, width: int) -> list[str]:
        from tray_app.cli.console import wrap_line

        return wrap_line(" ".join(text.split()), max(width, 10))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from tray_app.cli.console import wrap_line

        lines = wrap_line(" ".join(text.split()), max(width - len(indent), 10))
        return "\n".join(indent + line for line in lines)


class RawEpilogFormatter(HelpFormatter):
    """The top-level help: its description and epilog are lists, kept line by line (each
    line wrapped on its own, continuation lines under its text)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from tray_app.cli.console import wrap_line

        out: list[str] = []
        for line in text.splitlines():
            body = line.lstrip(" ")
            lead = indent + line[:len(line) - len(body)]
            name, gap, rest = body.partition("  ")  # "NAME  text": the text wraps under itself
            if not gap:
                name, rest = "", body
            prefix = lead + (name + "  " if gap else "")
            hang = " " * (len(prefix) if len(prefix) <= 28 else len(lead) + 4)
            room = max(width - max(len(prefix), len(hang)), 20)
            pieces = wrap_line(" ".join(rest.split()), room) if rest else [""]
            out.append((prefix + pieces[0]).rstrip())
            out += [hang + piece for piece in pieces[1:]]
        return "\n".join(out)
