"""Credential sources, read only: OpenCode's logins (`$OPENCODE_AUTH_CONTENT`, OpenCode 2's
opencode.db, auth.json, environment keys), Codex CLI's login (file or keyring), Kimi Code's
login (its token files, never refreshed), the Antigravity
accounts file, the Copilot PAT (keyring, then the legacy plaintext file), Claude Code's login
(file, else the macOS keychain). `CredentialLoader.load()` re-reads the files on every refresh
(OpenCode, Codex and Claude Code rotate their tokens), and Claude Code's keychain item too, but
our keyring only once per process (Codex's again once its token expired). The tray passes a
`ChildKeyring` so that `keyring` is never imported in its long-lived process.
`source_reports()` describes every place looked at, for `doctor` (a new source adds its
`Reporter` to REPORTERS)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from tray_app.config import Settings
from tray_app.credentials.antigravity import AccountsFile, load_accounts
from tray_app.credentials.claude import (
    ClaudeSources,
    HeldKeychain,
    KeychainReader,
    default_keychain_reader,
    load_claude,
)
from tray_app.credentials.codex import CodexAuth, CodexSource
from tray_app.credentials.copilot_pat import (
    CachedPatStore,
    CopilotPat,
    KeyringPatStore,
    PatStore,
    load_copilot_pat,
)
from tray_app.credentials.keyring_access import DirectKeyring, KeyringAccess
from tray_app.credentials.kimi_code import KimiCodeAuth, load_kimi_code
from tray_app.credentials.opencode import AuthFile, load_auth
from tray_app.credentials.sources import Reporter, SourceReport


@dataclass(frozen=True)
class CredentialSet:
    auth: AuthFile
    antigravity: AccountsFile
    copilot_pat: CopilotPat
    settings: Settings
    # the environment this load saw (keys such as ZAI_API_KEY are a provider's last source)
    environ: Mapping[str, str] = field(default_factory=dict)
    claude: ClaudeSources = field(default_factory=ClaudeSources)  # Claude Code's own login
    # Codex CLI's ChatGPT login: a second source for OpenAI accounts
    codex: CodexAuth = field(default_factory=CodexAuth)
    # Kimi Code's own login: the Kimi provider's last source
    kimi_code: KimiCodeAuth = field(default_factory=KimiCodeAuth)


class CredentialLoader:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        pat_store: PatStore | None = None,
        claude_keychain: KeychainReader | None = None,
        keyring: KeyringAccess | None = None,
    ) -> None:
        """`keyring`: how the OS keyring is reached (default: in this process); the tray
        passes a ChildKeyring, the demo a NoKeyring."""
        keyring = keyring or DirectKeyring()
        self.settings = settings or Settings()
        self.environ = environ
        self.pat_store = CachedPatStore(pat_store or KeyringPatStore(keyring))
        self.codex = CodexSource(keyring)
        reader = claude_keychain or default_keychain_reader(keyring)
        self.claude_keychain = HeldKeychain(reader) if reader is not None else None

    def load(self) -> CredentialSet:
        environ = os.environ if self.environ is None else self.environ
        return CredentialSet(
            auth=load_auth(environ),
            antigravity=load_accounts(environ),
            copilot_pat=load_copilot_pat(self.settings, self.pat_store, environ),
            settings=self.settings,
            environ=environ,
            claude=(  # turned off: not even the keychain is asked
                ClaudeSources()
                if "claude" in self.settings.disabled_providers
                else load_claude(environ, self.claude_keychain)
            ),
            codex=self.codex.load(environ),
            kimi_code=(KimiCodeAuth(skipped=True)
                       if "kimi" in self.settings.disabled_providers
                       else load_kimi_code(environ)),
        )

    def invalidate_pat(self) -> None:
        """Re-read the keyring on the next load (after the user set or removed the PAT)."""
        self.pat_store.invalidate()

    def retry_pat_if_failed(self) -> None:
        """Re-read the keyring (and Claude Code's keychain item) on the next load only if the
        last read failed (user action)."""
        self.pat_store.retry_if_failed()
        self.codex.forget_if_failed()
        if self.claude_keychain is not None:
            self.claude_keychain.retry()


def _opencode_sources(creds: CredentialSet) -> list[SourceReport]:
    return list(creds.auth.sources)


def _kimi_code_sources(creds: CredentialSet) -> list[SourceReport]:
    from tray_app.credentials.kimi_code_report import kimi_code_reports

    return kimi_code_reports(creds)


# Every credential module's sources, in precedence order (doctor lists them in this order).
REPORTERS: list[Reporter] = [_opencode_sources, _kimi_code_sources]


def source_reports(creds: CredentialSet) -> list[SourceReport]:
    return [report for reporter in REPORTERS for report in reporter(creds)]
