"""`doctor`'s Claude section: where Claude Code's login was looked for, what was found (the
token masked, the plan, until when it is valid, the e-mail), and the fix when it cannot read
usage. Reads only what the engine reads (`CredentialSet.claude`); no network."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from tray_app.cli.doctor_checks import Covered, Finding, Mark, error_finding
from tray_app.credentials.claude import ClaudeSources, credentials_file, keychain_service
from tray_app.i18n import t
from tray_app.providers import claude
from tray_app.providers.parse import from_epoch_auto
from tray_app.report.text import iso_utc


def check_claude(sources: ClaudeSources, environ: Mapping[str, str], now: datetime, lang: str,
                 covered: Covered, entry: Mapping[str, Any] | None = None) -> list[Finding]:
    """Claude Code's login, then OpenCode's `anthropic` entry (`entry`) when there is one."""
    out = _claude_code(sources, environ, now, lang, covered)
    if entry is not None:
        out.append(_opencode_entry(entry, now, lang))
    return out


def _opencode_entry(entry: Mapping[str, Any], now: datetime, lang: str) -> Finding:
    ref = claude.opencode_ref(entry, now)
    if ref is None:
        return Finding(Mark.INFO, t("doctor.claude.entry_unused", lang))
    if ref.error is not None:
        return error_finding(ref.error, lang, prefix="anthropic: ", mark=Mark.WARN)
    return Finding(Mark.OK, t("doctor.claude.entry_ok", lang, masked=ref.label))


def _claude_code(sources: ClaudeSources, environ: Mapping[str, str], now: datetime, lang: str,
                 covered: Covered) -> list[Finding]:
    searched = list(sources.searched) or [str(credentials_file(environ))]
    out = [Finding(Mark.INFO, t("doctor.claude.probed", lang, paths=", ".join(searched)))]
    if sources.problem is not None:
        ref = claude.discover_login(sources, now)
        assert ref.error is not None
        return [*out, error_finding(ref.error, lang)]
    login = sources.login
    if login is None:
        out.append(Finding(Mark.INFO, t("doctor.claude.none", lang, service=keychain_service(
            environ))))
        return out
    ref = claude.discover_login(sources, now)
    plan = f" · {ref.plan}" if ref.plan else ""
    masked = login.access.masked if login.access is not None else "-"
    if ref.error is not None:
        covered.kinds.add(("claude", ref.error.kind))
        out.append(error_finding(ref.error, lang, prefix=f"{login.source}: "))
        return out
    expires = from_epoch_auto(login.expires_ms)
    until = t("doctor.claude.until", lang, time=iso_utc(expires)) if expires else ""
    out.append(Finding(Mark.OK, t("doctor.claude.found", lang, source=login.source,
                                  masked=masked, plan=plan, until=until)))
    if sources.email:
        out.append(Finding(Mark.OK, t("doctor.claude.email", lang, email=sources.email)))
    else:
        out.append(Finding(Mark.INFO, t("doctor.claude.no_email", lang)))
    return out

