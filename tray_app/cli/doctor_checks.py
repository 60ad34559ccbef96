"""The checks of `mystatus-tray doctor` (the seed's troubleshooting checklist) as data: each
check returns a `Section` of localized `Finding`s, each with a status mark and its fix.

They only read: the same credential readers as the engine, `discover()` (no network), one
quick request per base URL in use and one real refresh (its `Snapshot` is checked here).
No secret is put in a finding: tokens appear masked.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tray_app import paths
from tray_app.credentials import CredentialSet, source_reports
from tray_app.credentials.antigravity import AccountsFile
from tray_app.credentials.entries import RULES
from tray_app.credentials.opencode import AuthFile
from tray_app.credentials.sources import SourceNote, SourceReport
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import error_text, t
from tray_app.model import Snapshot
from tray_app.providers import kimi, minimax, opencode_go
from tray_app.providers.api_keys import entry_key, env_key, find_keys
from tray_app.providers.base import AccountRef, ProviderSpec
from tray_app.providers.openai import jwt_claims
from tray_app.providers.parse import from_epoch_auto, from_epoch_seconds
from tray_app.report.text import iso_utc
from tray_app.secrets import Secret


class Mark(str, enum.Enum):
    OK = "ok"
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Finding:
    mark: Mark
    text: str
    fix: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    findings: tuple[Finding, ...]
    id: str = ""  # stable, for `doctor --json` ("sources", "entries", "accounts"...)


@dataclass
class Covered:
    """Per-account errors an earlier section already explained (not repeated later)."""

    kinds: set[tuple[str, ErrorKind]] = field(default_factory=set)


# auth.json key → (provider id, required type, required non-empty string field)
ENTRY_RULES: dict[str, tuple[str, str, str]] = {
    key: (rule.provider, rule.type, rule.fields[0]) for key, rule in RULES.items()
}


# API-key providers: provider id → (OpenCode entries, in order, and the environment variable
# read last); the providers' own constants, so the doctor looks where they look
API_KEY_SOURCES: dict[str, tuple[str, tuple[str, ...], str]] = {
    opencode_go.SPEC.id: (opencode_go.NAME, (opencode_go.ENTRY,), opencode_go.ENV_VAR),
    kimi.SPEC.id: (kimi.NAME, (kimi.ENTRY,), kimi.ENV_VAR),
    minimax.SPEC.id: (minimax.NAME, (minimax.ENTRY, minimax.CN_ENTRY), minimax.ENV_VAR),
}


def check_api_keys(creds: CredentialSet, lang: str) -> list[Finding]:
    """Where OpenCode Go, Kimi and MiniMax find their keys (entry, else the environment), all
    masked: the key in use, an entry without a usable key, an environment key an entry
    shadows, a MiniMax key that is not a plan key (sk-cp-)."""
    out: list[Finding] = []
    missing: list[str] = []
    for pid, (name, entries, var) in API_KEY_SOURCES.items():
        if pid in creds.settings.disabled_providers:
            continue
        found = find_keys(creds, entries, var)
        for key in found:
            out.append(Finding(Mark.OK, t("doctor.apikey.used", lang, provider=name,
                                          source=key.source, masked=key.secret.masked)))
            if pid == minimax.SPEC.id and not key.secret.reveal().startswith(
                    minimax.PLAN_KEY_PREFIX):
                out.append(Finding(Mark.WARN, t("doctor.apikey.payg", lang, provider=name,
                                                masked=key.secret.masked),
                                   t("fix.minimax_payg", lang)))
        for entry in entries:
            if creds.auth.entry(entry) is not None and entry_key(creds, entry) is None:
                out.append(Finding(Mark.FAIL, t("doctor.entry.missing", lang, entry=entry,
                                                field="key"),
                                   t("doctor.fix.entry", lang, entry=entry, type="api",
                                     field="key")))
        shadowed = env_key(creds, var)
        if shadowed is not None and found and found[0].source != "$" + var:
            out.append(Finding(Mark.INFO, t("doctor.apikey.env_unused", lang, var=var,
                                            masked=shadowed.masked, entry=found[0].source)))
        kimi_code = pid == kimi.SPEC.id and any(login.usable or login.expired
                                                for login in creds.kimi_code.logins)
        if not found and not kimi_code:  # Kimi Code's login: listed under the sources
            missing.append(f"{name} ({' / '.join(entries)} / ${var})")
    if missing:
        out.append(Finding(Mark.INFO, t("doctor.apikey.none", lang, where="; ".join(missing))))
    return out


def error_finding(info: ErrorInfo, lang: str, prefix: str = "", mark: Mark = Mark.FAIL) -> Finding:
    message, fix = error_text(info, lang)
    return Finding(mark, f"{prefix}{message}", fix)


def jwt_expiry(token: str) -> datetime | None:
    """The `exp` claim of a JWT, decoded without verification (display only)."""
    return from_epoch_seconds(jwt_claims(token).get("exp"))


def openai_expiry(entry: Mapping[str, Any], access: str) -> datetime | None:
    """When the OpenAI token stops working: the EARLIER of auth.json `expires` and the JWT
    `exp`, read as the provider reads them (providers/openai.py `discover`)."""
    stamps = (from_epoch_auto(entry.get("expires")), from_epoch_auto(jwt_claims(access).get("exp")))
    known = [d for d in stamps if d is not None]
    return min(known) if known else None


_MARKS = {"ok": Mark.OK, "info": Mark.INFO, "warn": Mark.WARN, "fail": Mark.FAIL}


def note_finding(note: SourceNote, lang: str) -> Finding:
    mark = _MARKS.get(note.level, Mark.INFO)
    if note.problem is not None:
        return error_finding(note.problem, lang, mark=mark)
    params = dict(note.params)
    return Finding(mark, t(note.key, lang, **params),
                   t(note.fix_key, lang, **params) if note.fix_key else "")


def source_findings(n: int, report: SourceReport, lang: str) -> list[Finding]:
    """One source: its header line (where, what kind, found or not), what it holds and
    supplies, its row counts, then its own findings with their fixes."""
    failed = any(note.level == "fail" for note in report.notes)  # said by the note itself
    mark = Mark.OK if report.found and report.used else Mark.INFO
    kind = t(f"doctor.src.kind.{report.kind}", lang)
    key = "doctor.src.found" if report.found else "doctor.src.not_found"
    out = [Finding(mark, t(key, lang, n=n, location=report.location, kind=kind))]
    counts = dict(report.counts)
    if "active_rows" in counts:
        out.append(Finding(Mark.INFO, "   " + t("doctor.src.rows", lang,
                                                  active=counts["active_rows"],
                                                  inactive=counts.get("inactive_rows", 0))))
    for row in report.chosen:  # which row OpenCode uses, and why (active flag or newest)
        out.append(Finding(Mark.INFO, "      " + t(f"doctor.src.row_{row.reason}", lang,
                                                    integration=row.integration,
                                                    label=row.label or "-", id=row.id or "-",
                                                    rows=row.rows)))
    if report.used:
        out.append(Finding(Mark.INFO, "   " + t("doctor.src.used", lang,
                                                  keys=", ".join(report.used))))
    shadowed = [k for k in report.integrations if k not in report.used]
    if shadowed:
        out.append(Finding(Mark.INFO, "   " + t("doctor.src.shadowed", lang,
                                                  keys=", ".join(shadowed))))
    if report.found and not report.integrations and not failed and report.kind != "variable":
        out.append(Finding(Mark.INFO, "   " + t("doctor.src.empty", lang)))
    out.extend(note_finding(note, lang) for note in report.notes)
    return out


def check_sources(creds: CredentialSet, lang: str, covered: Covered) -> list[Finding]:
    """Every place credentials were looked for, in precedence order. A broken entry is
    explained here, under its source (the Accounts section does not repeat it)."""
    for provider, _ in creds.auth.broken:
        covered.kinds.add((provider, ErrorKind.CREDENTIAL_INVALID))
    out: list[Finding] = []
    reports = source_reports(creds)
    for n, report in enumerate(reports, 1):
        out.extend(source_findings(n, report, lang))
    auth = creds.auth
    if auth.problem is not None and not auth.found and not any(r.used for r in reports):
        out.append(error_finding(auth.problem, lang))  # nothing anywhere: seed problem 1
    return out


def check_entry(key: str, entry: Mapping[str, Any], now: datetime, lang: str,
                covered: Covered) -> Finding:
    provider, want_type, want_field = ENTRY_RULES[key]
    fix = t("doctor.fix.entry", lang, entry=key, type=want_type, field=want_field)
    actual = entry.get("type")
    if actual != want_type:
        return Finding(Mark.FAIL, t("doctor.entry.wrong_type", lang, entry=key,
                                    actual=actual if isinstance(actual, str) else "-",
                                    expected=want_type), fix)
    value = entry.get(want_field)
    if not isinstance(value, str) or not value.strip():
        return Finding(Mark.FAIL, t("doctor.entry.missing", lang, entry=key, field=want_field), fix)
    masked = Secret(value.strip()).masked
    if provider != "openai":
        return Finding(Mark.OK, t("doctor.entry.ok", lang, entry=key, masked=masked))
    expires = openai_expiry(entry, value.strip())
    if expires is None:
        return Finding(Mark.OK, t("doctor.entry.ok", lang, entry=key, masked=masked))
    if expires <= now:
        covered.kinds.add((provider, ErrorKind.TOKEN_EXPIRED))
        info = ErrorInfo(ErrorKind.TOKEN_EXPIRED, provider="OpenAI")
        return Finding(Mark.FAIL, t("doctor.entry.expired", lang, entry=key, time=iso_utc(expires)),
                       error_text(info, lang)[1])
    return Finding(Mark.OK, t("doctor.entry.expires", lang, entry=key, masked=masked,
                              time=iso_utc(expires)))


def check_entries(auth: AuthFile, now: datetime, lang: str, covered: Covered) -> list[Finding]:
    """The entry each supported integration uses (the winner of the sources above), whether it
    is usable, and where it came from."""
    out: list[Finding] = []
    used = {e for _, entries, _ in API_KEY_SOURCES.values() for e in entries}
    for key in ENTRY_RULES:
        if key not in auth.entries or key in used:  # API keys: their own section
            continue
        found = check_entry(key, auth.entries[key], now, lang, covered)
        origin = auth.source_of(key)
        text = f"{found.text} · {t('doctor.entry.from', lang, source=origin)}" if origin else \
            found.text
        out.append(Finding(found.mark, text, found.fix))
    ignored = sorted(k for k in auth.entries if k not in ENTRY_RULES and k not in used)
    if ignored:
        out.append(Finding(Mark.INFO, t("doctor.entry.ignored", lang, keys=", ".join(ignored))))
    return out


def check_antigravity(af: AccountsFile, environ: Mapping[str, str], lang: str,
                      covered: Covered) -> list[Finding]:
    if af.problem is not None:
        return [error_finding(af.problem, lang)]
    if not af.path:
        probed = ", ".join(str(p) for p in paths.antigravity_candidates(environ))
        return [Finding(Mark.INFO, t("doctor.ag.not_found", lang, paths=probed))]
    out = [Finding(Mark.OK, t("doctor.ag.found", lang, path=af.path,
                              version=af.version if af.version is not None else "?",
                              count=len(af.accounts), disabled=af.skipped_disabled))]
    if af.version is not None and not 1 <= af.version <= 4:
        out.append(Finding(Mark.WARN, t("doctor.ag.version", lang, version=af.version),
                           t("doctor.fix.ag_version", lang)))
    for account in af.accounts:
        if not account.project_id:
            covered.kinds.add(("antigravity", ErrorKind.MISSING_PROJECT_ID))
            info = ErrorInfo(ErrorKind.MISSING_PROJECT_ID, provider="Google Antigravity",
                             path=af.path)
            out.append(error_finding(info, lang, prefix=f"{account.email}: "))
        if account.refresh_token is None:
            out.append(Finding(Mark.FAIL, t("doctor.ag.no_refresh", lang, email=account.email),
                               t("doctor.fix.ag_relogin", lang)))
        if account.verification_required:
            info = ErrorInfo(ErrorKind.VERIFICATION_REQUIRED, provider="Google Antigravity",
                             extra=(("url", account.verification_url or "-"),))
            out.append(error_finding(info, lang, prefix=f"{account.email}: ", mark=Mark.WARN))
            covered.kinds.add(("antigravity", ErrorKind.VERIFICATION_REQUIRED))
    return out


def discover_all(
    providers: Sequence[ProviderSpec], creds: CredentialSet, now: datetime
) -> list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]]:
    out: list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]] = []
    for spec in providers:
        if spec.id in creds.settings.disabled_providers:
            continue
        try:
            out.append((spec, spec.discover(creds, now)))
        except Exception as exc:  # one provider must not hide the others
            info = getattr(exc, "info", None)
            out.append((spec, info if isinstance(info, ErrorInfo) else ErrorInfo(
                ErrorKind.INVALID_RESPONSE, provider=spec.name, detail=type(exc).__name__)))
    return out


def cover_unreachable(found: list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]],
                      unreachable: set[str], covered: Covered) -> None:
    """An account that failed to connect to a base URL the Network section already reports as
    not reachable is not explained a second time."""
    for spec, _ in found:
        if unreachable.intersection(spec.url_keys):
            covered.kinds.update({(spec.id, ErrorKind.TIMEOUT), (spec.id, ErrorKind.NETWORK_ERROR)})


def check_accounts(snapshot: Snapshot, disabled: Sequence[str], lang: str,
                   covered: Covered) -> list[Finding]:
    """The accounts as one real refresh saw them: working ones with their plan and window
    count, failed ones with the error and its fix (seed problems 4 to 8 only show here)."""
    out: list[Finding] = []
    for usage in snapshot.providers:
        if usage.error is not None and (usage.id, usage.error.kind) not in covered.kinds:
            out.append(error_finding(usage.error, lang, prefix=f"{usage.name}: "))
        for account in usage.accounts:
            if account.error is None:
                plan = f" ({account.plan})" if account.plan else ""
                out.append(Finding(Mark.OK, t("doctor.accounts.ok", lang, provider=usage.name,
                                              label=account.label, plan=plan,
                                              count=len(account.windows))))
            elif (usage.id, account.error.kind) not in covered.kinds:
                out.append(error_finding(account.error, lang,
                                         prefix=f"{usage.name}: {account.label}: "))
    if disabled:
        out.append(Finding(Mark.INFO, t("doctor.accounts.disabled", lang,
                                        ids=", ".join(disabled))))
    if not snapshot.has_accounts:
        out.append(error_finding(ErrorInfo(ErrorKind.NO_ACCOUNTS), lang))
    return out
