"""Run the real CLI as an ordinary user (`nobody`) although the tests run as root (CI does):
a forked child drops its privileges, then calls `tray_app.cli.main` in-process.

Why not a subprocess with `user=`: the interpreter may live where nobody can go (pyenv under
/root), so the child must be this already-running interpreter; what the CLI imports later is
imported here first (`preload`), while still root."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import pkgutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence

NOBODY = 65534
# imported lazily by the CLI or by httpx: loaded before the privileges go
_STDLIB = ("importlib.readers", "importlib.resources.readers", "encodings.idna",
           "encodings.utf_8_sig", "sqlite3", "tomllib", "json", "argparse", "email.utils",
           "locale", "gettext", "uuid", "hashlib", "zlib", "unicodedata", "ssl", "csv",
           "fcntl", "decimal", "statistics", "shutil", "httpx", "certifi", "h11", "httpcore",
           "idna", "platformdirs", "keyring", "tomli_w", "babel", "babel.numbers",
           "babel.dates")
_PACKAGES = ("tray_app.cli", "tray_app.credentials", "tray_app.providers",
             "tray_app.monitoring", "tray_app.bars", "tray_app.i18n", "tray_app.net",
             "tray_app.report", "tray_app.simulator")


def preload() -> None:
    for name in _STDLIB:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    try:
        import certifi

        certifi.where()  # resolved through importlib.resources, once
    except Exception:
        pass
    for package in _PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            with contextlib.suppress(Exception):
                importlib.import_module(info.name)


def run_cli_as_nobody(args: Sequence[str], env: Mapping[str, str], *,
                      timeout: float = 90.0) -> tuple[int, str, str]:
    """(exit code, stdout, stderr). An exception escaping `main` is printed as a traceback
    and gives exit code 98."""
    preload()
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the child
    err = tempfile.TemporaryFile()  # noqa: SIM115
    pid = os.fork()
    if pid == 0:  # the child
        code = 97
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8")
            os.environ.clear()
            os.environ.update(env)
            os.chdir("/")
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            from tray_app.cli import main

            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 98
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise TimeoutError(f"{list(args)} still running after {timeout:g} s")
        time.sleep(0.05)  # polling a child's exit, not synchronising on time
    with out, err:
        out.seek(0)
        err.seek(0)
        return (os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"))
