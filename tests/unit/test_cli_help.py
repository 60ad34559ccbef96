"""Every command's and subcommand's `--help` renders in every language (a bare `%` in a
catalog text once crashed `guard --help`), and the top-level help lists the nine providers,
the environment variables the app reads and every exit code, 69 included."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from tray_app.cli import build_parser, main
from tray_app.cli.help_text import ENVIRONMENT, EXIT_CODES, url_variables
from tray_app.i18n import LANGUAGES
from tray_app.providers.names import PROVIDER_NAMES


def _commands(parser: argparse.ArgumentParser,
              path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                            argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


def test_the_parser_has_commands_and_subcommands() -> None:
    paths = [p for p, _ in _commands(build_parser("en"))]
    assert ("guard",) in paths and ("history",) in paths
    assert any(len(p) == 2 for p in paths)  # token set/status/... are walked too


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_renders(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = 0
    for path, _parser in _commands(build_parser(lang)):
        code = main([*path, "--help", "--lang", lang])
        out = capsys.readouterr()
        assert code == 0, (path, out.err)
        assert "usage:" in out.out and "Traceback" not in out.err, path
        seen += 1
    assert seen >= 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guard_help_keeps_its_percent_signs(lang: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guard", "--help", "--lang", lang]) == 0
    assert "N %" in capsys.readouterr().out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_top_help_lists_providers_environment_and_exit_codes(
        lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help", "--lang", lang]) == 0
    out = capsys.readouterr().out
    for name in PROVIDER_NAMES.values():
        assert name in out
    for var, _key in ENVIRONMENT:
        assert f"  {var}  " in out
    assert "MYSTATUS_<KEY>_URL" in out
    for var in url_variables():  # every base-URL key is named
        key = var.removeprefix("MYSTATUS_").removesuffix("_URL")
        assert key in out
    for code in EXIT_CODES:
        assert f"  {code:>3}  " in out
    assert "  69  " in out


def test_guards_exit_code_is_the_one_listed() -> None:
    from tray_app.cli.guard import EXIT_UNAVAILABLE

    assert EXIT_UNAVAILABLE in EXIT_CODES


def test_the_environment_list_names_variables_the_code_reads() -> None:
    """Each listed variable is read somewhere in tray_app (the help names no stale one)."""
    from pathlib import Path

    import tray_app

    root = Path(tray_app.__file__).parent
    source = "\n".join(p.read_text("utf-8") for p in root.rglob("*.py")
                       if p.name != "help_text.py")
    for var, _key in ENVIRONMENT:
        if var in ("NO_COLOR", "COLUMNS", "XDG_STATE_HOME"):
            continue  # read by cli/console.py and paths.py via helpers
        assert f'"{var}"' in source or f"'{var}'" in source, var


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("columns", [60, 200])
def test_every_help_fits_the_terminal(lang: str, columns: int,
                                      capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Help wraps by display width (a Chinese character is two columns wide)."""
    from tray_app.cli.console import display_width

    monkeypatch.setenv("COLUMNS", str(columns))
    for path, _parser in _commands(build_parser(lang)):
        assert main([*path, "--help", "--lang", lang]) == 0
        out = capsys.readouterr().out
        widest = max(out.splitlines(), key=display_width)
        assert display_width(widest) <= columns, (path, widest)
