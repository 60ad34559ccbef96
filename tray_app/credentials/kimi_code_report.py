"""Credentials → doctor: how Kimi Code's login looked on the last load (one `SourceReport` per
token file, or one saying where it looked), and whether the Kimi provider uses it (it is the
last source: OpenCode's `kimi-for-coding` entry and `$KIMI_API_KEY` come first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tray_app.credentials.sources import SourceNote, SourceReport

if TYPE_CHECKING:
    from tray_app.credentials import CredentialSet

INTEGRATION = "kimi-code"  # how the login is named in doctor's lists


def kimi_code_reports(creds: CredentialSet) -> list[SourceReport]:
    auth = creds.kimi_code
    if auth.skipped:
        return []
    if not auth.logins:
        note = SourceNote("info", "doctor.src.kimi_code_absent", (("folder", auth.folder),))
        return [SourceReport(id="kimi_code", kind="file", location=auth.folder, found=False,
                             notes=(note,))]
    keys_first = any(creds.auth.entry(e) is not None for e in ("kimi-for-coding",))
    reports = []
    for login in auth.logins:
        notes: list[SourceNote] = []
        used: tuple[str, ...] = ()
        if login.problem is not None:
            notes.append(SourceNote("fail", problem=login.problem))
        elif login.unknown_slot:
            notes.append(SourceNote("info", "doctor.src.kimi_code_unknown_slot"))
        elif keys_first:
            notes.append(SourceNote("info", "doctor.src.kimi_code_shadowed"))
        elif login.expired:
            when = login.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ") if login.expires_at else "-"
            notes.append(SourceNote("warn", "doctor.src.kimi_code_expired", (("time", when),),
                                    "fix.kimi_code_expired"))
        else:
            used = (INTEGRATION,)
            assert login.access is not None
            when = login.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ") if login.expires_at else "-"
            notes.append(SourceNote("ok", "doctor.src.kimi_code_used", (
                ("masked", login.access.masked), ("api", login.api), ("time", when))))
        reports.append(SourceReport(
            id="kimi_code", kind="file", location=login.path, found=True,
            integrations=(INTEGRATION,) if login.problem is None else (), used=used,
            notes=tuple(notes)))
    return reports
