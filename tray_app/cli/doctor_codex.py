"""`doctor`'s Codex CLI section: which source was read (file or keyring), whose ChatGPT
login it is, its expiry, whether it is OpenCode's account too, and why an API-key-only login
shows nothing. Reads only what the loader already read; no secret is put in a finding."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tray_app.cli.doctor_checks import Finding, Mark, error_finding
from tray_app.credentials import CredentialSet
from tray_app.credentials.codex import keyring_account
from tray_app.errors import ErrorKind
from tray_app.i18n import t
from tray_app.providers import openai
from tray_app.report.text import iso_utc


def check_codex(creds: CredentialSet, now: datetime, lang: str, *,
                keyring_read: bool = True) -> list[Finding]:
    """`keyring_read` False: this run does not look in the keyring (the demo)."""
    codex = creds.codex
    home = Path(codex.home) if codex.home else None
    account = keyring_account(home) if home is not None else "?"
    if codex.problem is not None:
        info = codex.problem
        if info.kind is ErrorKind.AUTH_FILE_UNREADABLE and not info.get("fix"):  # Codex's fix
            info = replace(info, extra=(("fix", "fix.codex_file"),))
        return [error_finding(info, lang, mark=Mark.WARN)]
    if codex.api_key_only:
        return [Finding(Mark.INFO, t("doctor.codex.api_key_only", lang, source=codex.source),
                        t("fix.codex_chatgpt_login", lang))]
    if not codex.found:
        if home is not None and not home.is_dir():
            return [Finding(Mark.INFO, t("doctor.codex.none_home", lang, home=home))]
        if not keyring_read:
            return [Finding(Mark.INFO, t("doctor.codex.keyring_skipped", lang, account=account))]
        path = home / "auth.json" if home is not None else "auth.json"
        return [Finding(Mark.INFO, t("doctor.codex.none", lang, path=path, account=account),
                        t("fix.codex_optional", lang))]
    mine = openai.codex_candidate(codex)
    if mine is None:
        return [Finding(Mark.WARN, t("doctor.codex.no_tokens", lang, source=codex.source),
                        t("fix.codex_chatgpt_login", lang))]
    label = mine.email or mine.access.masked
    out = [Finding(Mark.OK, t("doctor.codex.found", lang, source=codex.source, label=label,
                              account=mine.account_id or "-", plan=mine.plan or "-"))]
    if codex.bearer == "personal_access_token":  # no access token, or it has expired
        out.append(Finding(Mark.INFO, t("doctor.codex.pat_used", lang)))
    theirs = openai.opencode_candidate(creds.auth.entry(openai.ENTRY_KEY))
    same = theirs is not None and bool(mine.account_id) and theirs.account_id == mine.account_id
    fresh_elsewhere = False
    if same and theirs is not None:
        best = openai.choose([theirs, mine], now)
        where = codex.source if best is mine else creds.auth.source or "OpenCode"
        out.append(Finding(Mark.INFO, t("doctor.codex.same_account", lang, source=where)))
        fresh_elsewhere = best is theirs and theirs.expires_at is not None \
            and theirs.expires_at > now
    elif theirs is not None:
        out.append(Finding(Mark.INFO, t("doctor.codex.other_account", lang)))
    if mine.expires_at is not None and mine.expires_at <= now:
        # expired here but fresh in OpenCode: nothing to fix, the fresh one is used
        mark = Mark.INFO if fresh_elsewhere else Mark.WARN
        fix = "" if fresh_elsewhere else t("fix.token_expired_codex", lang)
        out.append(Finding(mark, t("doctor.codex.expired", lang,
                                   time=iso_utc(mine.expires_at)), fix))
    elif mine.expires_at is not None:
        out.append(Finding(Mark.OK, t("doctor.codex.expires", lang,
                                      time=iso_utc(mine.expires_at))))
    return out
