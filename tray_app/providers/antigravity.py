"""antigravity provider (placeholder until it lands)."""

from __future__ import annotations

from datetime import datetime

from tray_app.credentials import CredentialSet
from tray_app.model import Account
from tray_app.providers.base import AccountRef, Context, ProviderSpec


def discover(creds: CredentialSet, now: datetime) -> list[AccountRef]:
    return []


def fetch(ctx: Context, ref: AccountRef) -> Account:
    raise NotImplementedError


SPEC = ProviderSpec(id="antigravity", name="antigravity", dashboard_url="", url_keys=(), discover=discover, fetch=fetch)
