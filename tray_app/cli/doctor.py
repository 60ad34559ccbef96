"""`mystatus-tray doctor [--json] [--demo]`: the seed's troubleshooting checklist, run for the
user; `--json` prints the same as one document (docs/json-schema.md, "doctor --json").

Sections: every credential source in precedence order (`$OPENCODE_AUTH_CONTENT`, OpenCode 2's
opencode.db, auth.json, environment keys...: found or not, what each holds and supplies, row
counts, stale auth.json entries, broken entries), the entry each integration uses (usable or not),
the Antigravity accounts file, the Copilot PAT (keyring / legacy plaintext), the accounts as
one real refresh of the engine saw them (what `status` would report: a rejected key, a 404
from GitHub... only show there), our settings, and each base URL in use (one quick request;
any HTTP answer = reachable). Exit code 0 when nothing is wrong, 1 when any check failed or
warned.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime

from tray_app.cli.common import TIMEOUT_ENV, Runtime, open_runtime
from tray_app.cli.console import Console
from tray_app.cli.doctor_checks import (
    Covered,
    Finding,
    Mark,
    Section,
    check_accounts,
    check_antigravity,
    check_api_keys,
    check_entries,
    check_sources,
    cover_unreachable,
    discover_all,
    error_finding,
)
from tray_app.cli.doctor_claude import check_claude
from tray_app.cli.doctor_codex import check_codex
from tray_app.cli.doctor_json import doctor_document
from tray_app.config import LoadedSettings
from tray_app.credentials import CredentialSet
from tray_app.credentials.copilot_pat import read_legacy_file
from tray_app.errors import ErrorInfo, QuotaError
from tray_app.i18n import t
from tray_app.net.endpoints import DEFAULT_URLS, base_url, env_var
from tray_app.net.http import HttpClient
from tray_app.paths import legacy_copilot_token_file
from tray_app.providers.base import AccountRef, ProviderSpec
from tray_app.report.text import UNICODE
from tray_app.secrets import Secret

PROBE_TIMEOUT = 5.0  # seconds per reachability request (MYSTATUS_TIMEOUT if shorter)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str,
               parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("doctor", parents=[parent], help=t("cli.help.doctor", lang),
                       description=t("cli.help.doctor_long", lang))
    p.add_argument("--json", action="store_true", help=t("cli.help.doctor_json", lang))
    p.set_defaults(handler=run)


def _backend(rt: Runtime, lang: str) -> str:
    if rt.demo:
        return t("doctor.pat.demo_backend", lang)
    from tray_app.credentials import keyring_store

    try:
        return keyring_store.backend_name()
    except Exception:  # reported by the get() below
        return "?"


def check_pat(rt: Runtime, creds: CredentialSet, lang: str) -> list[Finding]:
    out: list[Finding] = []
    keyring_error = None
    try:
        secret = rt.loader.pat_store.get()
    except QuotaError as exc:
        secret, keyring_error = None, exc.info
    if secret is not None:
        out.append(Finding(Mark.OK, t("doctor.pat.keyring", lang, masked=secret.masked,
                                      backend=_backend(rt, lang))))
    path = legacy_copilot_token_file(rt.environ)
    legacy_token = ""
    try:
        legacy = read_legacy_file(rt.environ)
    except QuotaError as exc:
        legacy = None
        out.append(error_finding(exc.info, lang))
    if legacy is not None and isinstance(legacy.get("token"), str):
        legacy_token = legacy["token"].strip()
    if legacy_token and secret is not None:
        out.append(Finding(Mark.WARN, t("doctor.pat.plaintext_leftover", lang, path=path),
                           t("doctor.fix.delete_plaintext", lang, path=path)))
    elif legacy_token:
        out.append(Finding(Mark.WARN, t("doctor.pat.plaintext", lang, path=path,
                                        masked=Secret(legacy_token).masked),
                           t("doctor.fix.token_import", lang)))
    if keyring_error is not None:
        # only a problem when a token has to live there; otherwise worth knowing
        mark = Mark.WARN if legacy_token else Mark.INFO
        out.append(error_finding(keyring_error, lang, mark=mark))
    elif secret is None and not legacy_token:
        out.append(Finding(Mark.INFO, t("doctor.pat.none", lang, backend=_backend(rt, lang)),
                           t("doctor.fix.pat_optional", lang)))
    pat = creds.copilot_pat
    if pat.token is not None:
        where = rt.config_path or "config.toml"
        if not pat.username:
            out.append(Finding(Mark.WARN, t("doctor.pat.no_username", lang),
                               t("doctor.fix.copilot_username", lang, path=where)))
        if pat.allowance is None:
            out.append(Finding(Mark.INFO, t("doctor.pat.no_plan", lang),
                               t("doctor.fix.copilot_plan", lang, path=where)))
    return out


def check_config(rt: Runtime, lang: str) -> list[Finding]:
    if rt.demo:
        return [Finding(Mark.INFO, t("doctor.config.demo", lang))]
    out: list[Finding] = []
    path = rt.config_path
    if rt.config_notice:
        out.append(Finding(Mark.WARN, t("doctor.config.notice", lang, notice=rt.config_notice),
                           t("doctor.fix.config", lang, path=path)))
    elif path is not None and path.is_file():
        out.append(Finding(Mark.OK, t("doctor.config.found", lang, path=path)))
    else:
        out.append(Finding(Mark.INFO, t("doctor.config.missing", lang, path=path)))
    s = rt.settings
    out.append(Finding(Mark.INFO, t("doctor.config.copilot", lang,
                                    username=s.copilot_username or "-",
                                    plan=s.copilot_plan or "-")))
    for key in DEFAULT_URLS:
        value = rt.environ.get(env_var(key))
        source = env_var(key) if value else f"[urls] {key}"
        value = value or s.urls.get(key)
        if value:
            out.append(Finding(Mark.INFO, t("doctor.config.url", lang, name=key, url=value,
                                            source=source)))
    if rt.environ.get(TIMEOUT_ENV):
        out.append(Finding(Mark.INFO, t("doctor.config.timeout", lang, var=TIMEOUT_ENV,
                                        seconds=f"{rt.http.timeout:g}")))
    return out


def _probe(http: HttpClient, key: str, url: str, lang: str) -> tuple[Finding, bool]:
    """(finding, reachable) for one base URL."""
    started = time.monotonic()
    try:
        resp = http.request("GET", url + "/", provider=key, check=False)
    except QuotaError as exc:
        prefix = t("doctor.net.fail", lang, name=key, url=url)
        return error_finding(exc.info, lang, prefix=prefix), False
    ms = round((time.monotonic() - started) * 1000)
    ok = Finding(Mark.OK, t("doctor.net.ok", lang, name=key, url=url, status=resp.status, ms=ms))
    return ok, True


def check_network(rt: Runtime, found: list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]],
                  lang: str) -> tuple[list[Finding], set[str]]:
    """The probe findings and the url keys that were not reachable. Only the services of
    configured accounts are contacted (nobody else needs to learn that we exist)."""
    keys: list[str] = []
    for spec, refs in found:
        if isinstance(refs, list) and refs:
            keys.extend(k for k in spec.url_keys if k not in keys)
    if not keys:
        return [Finding(Mark.INFO, t("doctor.net.none", lang))], set()
    urls = {k: base_url(k, rt.settings.urls, rt.environ) for k in keys}
    with HttpClient(timeout=min(PROBE_TIMEOUT, rt.http.timeout)) as http, \
            ThreadPoolExecutor(max_workers=len(urls), thread_name_prefix="probe") as pool:
        results = list(pool.map(lambda k: _probe(http, k, urls[k], lang), urls))
    failed = {k for k, (_, ok) in zip(urls, results, strict=True) if not ok}
    return [f for f, _ in results], failed


def check_tray_backend(lang: str, environ: Mapping[str, str] | None = None,
                       platform: str = sys.platform) -> list[Finding]:
    """The tray backend this system would get (predicted: doctor imports no toolkit) and,
    for a fallback, why and its fix; on GNOME Shell, whether the AppIndicator extension runs."""
    # Imported here: the other commands import this module and must not load any tray code.
    from tray_app.tray import backends

    environ = os.environ if environ is None else environ
    choice = backends.predict(environ, platform)
    out = [Finding(Mark.WARN if fix else Mark.OK, text, fix)
           for text, fix in backends.describe(choice, lang)]
    if choice.backend == "xorg" and len(out) > 1:
        out[1] = replace(out[1], mark=Mark.INFO)  # the no-menu note: what to expect
    linux = platform.startswith("linux") or "bsd" in platform
    if linux and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        out.append(Finding(Mark.INFO, t("backend.no_display", lang, backend=choice.backend)))
    elif choice.backend == "appindicator" and backends.gnome_without_watcher(environ):
        out.append(Finding(Mark.WARN, t("backend.gnome_no_watcher", lang),
                           t("backend.fix.gnome", lang)))
    return out


def collect(rt: Runtime, lang: str, now: datetime) -> tuple[CredentialSet, list[Section]]:
    creds = rt.loader.load()
    covered = Covered()
    found = discover_all(rt.engine.providers, creds, now)
    local = [
        Section(t("doctor.section.sources", lang),
                tuple(check_sources(creds, lang, covered)), "sources"),
        Section(t("doctor.section.entries_used", lang),
                tuple(check_entries(creds.auth, now, lang, covered)), "entries"),
        Section(t("doctor.section.antigravity", lang),
                tuple(check_antigravity(creds.antigravity, rt.environ, lang, covered)),
                "antigravity"),
        Section(t("doctor.section.pat", lang), tuple(check_pat(rt, creds, lang)), "pat"),
        Section(t("doctor.section.claude", lang),
                tuple(check_claude(creds.claude, rt.environ, now, lang, covered,
                                   creds.auth.entry("anthropic"))), "claude"),
        Section(t("doctor.section.api_keys", lang), tuple(check_api_keys(creds, lang)),
                "api_keys"),
        Section(t("doctor.section.codex", lang),
                tuple(check_codex(creds, now, lang, keyring_read=not rt.demo)), "codex"),
    ]
    # One real refresh (what `status` does), while the probes run: a slow or dead service
    # costs one timeout, not two.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="doctor-refresh") as pool:
        refreshing = pool.submit(rt.engine.refresh)
        network, unreachable = check_network(rt, found, lang)
        snapshot = refreshing.result()
    cover_unreachable(found, unreachable, covered)
    sections = [
        *local,
        Section(t("doctor.section.accounts", lang),
                tuple(check_accounts(snapshot, creds.settings.disabled_providers, lang,
                                     covered)), "accounts"),
        Section(t("doctor.section.config", lang), tuple(check_config(rt, lang)), "config"),
        Section(t("doctor.section.tray", lang), tuple(check_tray_backend(lang)), "tray"),
        Section(t("doctor.section.network", lang), tuple(network), "network"),
    ]
    return creds, [s for s in sections if s.findings]


def render(sections: list[Section], console: Console, *, demo: bool) -> str:
    style = console.style
    marks = {Mark.OK: "✓" if style is UNICODE else "+", Mark.INFO: style.info,
             Mark.WARN: style.warn, Mark.FAIL: style.fail}
    lines = [console.t("doctor.title")]
    if demo:
        lines.append(f"{style.info} {console.t('report.demo')}")
    for section in sections:
        lines += ["", section.title, style.rule * 8]
        for f in section.findings:
            lines.append(f"  {marks[f.mark]} {f.text}")
            if f.fix:
                lines.append(f"      {style.fix} {console.t('report.fix', fix=f.fix)}")
    fails = sum(f.mark is Mark.FAIL for s in sections for f in s.findings)
    warns = sum(f.mark is Mark.WARN for s in sections for f in s.findings)
    lines.append("")
    if fails or warns:
        lines.append(console.t("doctor.summary.problems", fails=fails, warns=warns))
    else:
        lines.append(console.t("doctor.summary.ok"))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, console: Console, loaded: LoadedSettings | None) -> int:
    demo = bool(getattr(args, "demo", False))
    with open_runtime(loaded, demo=demo) as rt:
        now = rt.engine.clock()
        creds, sections = collect(rt, console.lang, now)
    bad = any(f.mark in (Mark.FAIL, Mark.WARN) for s in sections for f in s.findings)
    if getattr(args, "json", False):
        document = doctor_document(creds, sections, console.lang, now, demo=demo, ok=not bad)
        console.print(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        console.report(render(sections, console, demo=demo))
    return 1 if bad else 0

