"""`mystatus-tray token set|status|remove copilot` and `token import`: the Copilot PAT in the
OS keyring (service `mystatus-tray`, key `github-copilot-pat`).

The token is read from the TTY (getpass) or from stdin, never from argv (argv is visible to
other users in the process list). Every write is read back to verify it; a keyring failure
prints the keyring_unavailable message + fix, writes nothing anywhere and exits 3.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import replace
from typing import TextIO

from tray_app import config, paths
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings
from tray_app.credentials.copilot_pat import KeyringPatStore, PatStore, read_legacy_file
from tray_app.errors import ErrorKind, QuotaError
from tray_app.i18n import t
from tray_app.secrets import Secret

TOKEN_PREFIXES = ("github_pat_", "ghp_")
EXIT_KEYRING = 3  # the keyring is unavailable; nothing was written


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("token", parents=[parent], help=t("cli.help.token", lang),
                       description=t("cli.help.token_long", lang))
    actions = p.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    for name in ("set", "status", "remove"):
        a = actions.add_parser(name, parents=[parent], help=t(f"cli.help.token_{name}", lang))
        a.add_argument("provider", choices=["copilot"], help=t("cli.help.token_provider", lang))
        if name == "set":
            a.add_argument("--username", help=t("cli.help.token_username", lang))
            a.add_argument("--plan", help=t("cli.help.token_plan", lang))
        a.set_defaults(handler=run)
    i = actions.add_parser("import", parents=[parent], help=t("cli.help.token_import", lang))
    i.add_argument("provider", nargs="?", choices=["copilot"], default="copilot",
                   help=t("cli.help.token_provider", lang))
    i.add_argument("--delete-plaintext", action="store_true",
                   help=t("cli.help.token_delete_plaintext", lang))
    i.set_defaults(handler=run)


def validate(token: str) -> tuple[str | None, bool]:
    """(error key or None, looks like a GitHub PAT)."""
    if not token:
        return "cli.token.empty", False
    if any(ch.isspace() for ch in token):
        return "cli.token.whitespace", False
    return None, token.startswith(TOKEN_PREFIXES)


def read_token(console: Console, stdin: TextIO | None = None) -> str:
    stdin = stdin or sys.stdin
    if stdin.isatty():
        return getpass.getpass(console.t("cli.token.prompt") + " ").strip()
    return stdin.readline().strip()


def _backend() -> str:
    from tray_app.credentials import keyring_store

    try:
        return keyring_store.backend_name()
    except Exception:  # a broken keyring config; the operation itself reports the error
        return "?"


def _store_verified(store: PatStore, secret: Secret) -> None:
    """Write and read back; a keyring that silently drops the value counts as unavailable."""
    store.set(secret)
    back = store.get()
    if back != secret:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE,
                         detail=f"the token was not kept by {_backend()}")


def _save_copilot_settings(console: Console, loaded: LoadedSettings | None,
                           username: str | None, plan: str | None, *, only_empty: bool) -> None:
    if loaded is None or not (username or plan):
        return
    s = loaded.settings
    new = s
    if username and not (only_empty and s.copilot_username):
        new = replace(new, copilot_username=username.strip())
    if plan and not (only_empty and s.copilot_plan):
        new = replace(new, copilot_plan=plan.strip())
    if new == s:
        return
    try:
        config.save(new, loaded.path)
    except OSError as exc:
        console.warn(console.t("cli.token.config_not_saved", path=loaded.path,
                               reason=exc.strerror or type(exc).__name__))
        return
    console.print(console.t("cli.token.config_saved", path=loaded.path))


def cmd_set(args: argparse.Namespace, console: Console, store: PatStore,
            loaded: LoadedSettings | None, stdin: TextIO | None = None) -> int:
    token = read_token(console, stdin)
    problem, looks_right = validate(token)
    if problem:
        console.error(f"{console.style.fail} {console.t(problem)}")
        return 1
    if not looks_right:
        console.warn(console.t("cli.token.prefix"))
    secret = Secret(token)
    _store_verified(store, secret)
    console.print(console.t("cli.token.stored", masked=secret.masked, backend=_backend()))
    _save_copilot_settings(console, loaded, args.username, args.plan, only_empty=False)
    username = args.username or (loaded.settings.copilot_username if loaded else "")
    if not username:
        where = loaded.path if loaded else paths.config_file()
        console.print(f"{console.style.info} {console.t('cli.token.need_username', path=where)}")
    return 0


def cmd_status(console: Console, store: PatStore, loaded: LoadedSettings | None) -> int:
    secret = store.get()
    found = False
    if secret is not None:
        found = True
        console.print(console.t("cli.token.in_keyring", masked=secret.masked, backend=_backend()))
    legacy_path = paths.legacy_copilot_token_file(os.environ)
    legacy = read_legacy_file(os.environ)
    raw = legacy.get("token") if legacy else None
    if isinstance(raw, str) and raw.strip():
        masked = Secret(raw.strip()).masked
        console.print(console.t("cli.token.in_plaintext", masked=masked, path=legacy_path))
        console.warn(console.t("cli.token.import_hint"))
        found = True
    if not found:
        console.print(console.t("cli.token.none"))
    if loaded is not None:
        s = loaded.settings
        console.print(console.t("cli.token.settings", path=loaded.path,
                                username=s.copilot_username or "-", plan=s.copilot_plan or "-"))
    return 0 if found else 1


def cmd_remove(console: Console, store: PatStore) -> int:
    removed = store.delete()
    console.print(console.t("cli.token.removed" if removed else "cli.token.nothing_to_remove"))
    legacy_path = paths.legacy_copilot_token_file(os.environ)
    if legacy_path.exists():
        console.warn(console.t("cli.token.plaintext_remains", path=legacy_path))
    return 0


def cmd_import(args: argparse.Namespace, console: Console, store: PatStore,
               loaded: LoadedSettings | None) -> int:
    path = paths.legacy_copilot_token_file(os.environ)
    try:
        data = read_legacy_file(os.environ)
    except QuotaError as exc:
        console.problem(exc.info)
        return 1
    if data is None:
        console.error(f"{console.style.fail} {console.t('cli.token.import_none', path=path)}")
        return 1
    raw = data.get("token")
    token = raw.strip() if isinstance(raw, str) else ""
    problem, looks_right = validate(token)
    if problem:
        console.error(f"{console.style.fail} {console.t('cli.token.import_invalid', path=path)}")
        return 1
    if not looks_right:
        console.warn(console.t("cli.token.prefix"))
    secret = Secret(token)
    _store_verified(store, secret)
    console.print(console.t("cli.token.imported", masked=secret.masked, path=path,
                            backend=_backend()))
    username = data.get("username") if isinstance(data.get("username"), str) else None
    tier = data.get("tier") if isinstance(data.get("tier"), str) else None
    _save_copilot_settings(console, loaded, username, tier, only_empty=True)
    if args.delete_plaintext:
        try:
            path.unlink()
        except OSError as exc:
            console.error(console.t("cli.token.delete_failed", path=path,
                                    reason=exc.strerror or type(exc).__name__))
            return 1
        console.print(console.t("cli.token.plaintext_deleted", path=path))
    else:
        console.print(f"{console.style.info} {console.t('cli.token.plaintext_safe', path=path)}")
    return 0


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None,
        store: PatStore | None = None) -> int:
    store = store or KeyringPatStore()
    try:
        if args.token_action == "set":
            return cmd_set(args, console, store, loaded)
        if args.token_action == "status":
            return cmd_status(console, store, loaded)
        if args.token_action == "remove":
            return cmd_remove(console, store)
        return cmd_import(args, console, store, loaded)
    except QuotaError as exc:
        console.problem(exc.info)
        if exc.kind is ErrorKind.KEYRING_UNAVAILABLE:
            return EXIT_KEYRING
        return 1
