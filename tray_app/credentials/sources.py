"""Credentials: what each credential source looked like on the last load, as data for `doctor`.

Every credential module describes the places it looked at as `SourceReport`s (a path or a
variable, found or not, which integrations it holds and which of them it supplied, row counts,
findings with their fixes). `doctor` renders them generically, in precedence order, as text and
as JSON; a new source (Codex, Claude Code...) plugs in by registering one function with
adding one `Reporter` to `tray_app.credentials.REPORTERS`. Nothing here holds a secret:
values appear only masked, in finding parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tray_app.errors import ErrorInfo

if TYPE_CHECKING:
    from tray_app.credentials import CredentialSet


@dataclass(frozen=True)
class SourceNote:
    """One finding about a source: `level` ok / info / warn / fail, an i18n message key with its
    parameters, and an optional fix key; or an `ErrorInfo` rendered with its own fix."""

    level: str
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()
    fix_key: str = ""
    problem: ErrorInfo | None = None


@dataclass(frozen=True)
class ChosenRow:
    """The database row used for one integration, and why (no secret in it)."""

    integration: str
    id: str  # "" when the table has no id column
    label: str
    reason: str  # "active" (its `active` is 1) or "newest" (no active row: time_created, id)
    rows: int  # rows of this integration (the chosen one included)


@dataclass(frozen=True)
class SourceReport:
    """One place credentials were looked for, in precedence order (first wins)."""

    id: str  # stable: "opencode_auth_content", "opencode_db", "opencode_auth_json", "env:ZAI_..."
    kind: str  # "variable" | "database" | "file" | "keyring"
    location: str  # the path, or "$VARIABLE"
    found: bool
    integrations: tuple[str, ...] = ()  # the entries it holds (auth.json keys / integration ids)
    used: tuple[str, ...] = ()  # those it supplied (no higher source had them)
    counts: tuple[tuple[str, int], ...] = ()  # e.g. (("active_rows", 3), ("inactive_rows", 2))
    chosen: tuple[ChosenRow, ...] = ()  # a database: the row used per integration, and why
    notes: tuple[SourceNote, ...] = field(default_factory=tuple)


# A credential module's description of its sources for one load (see credentials.REPORTERS).
Reporter = Callable[["CredentialSet"], list[SourceReport]]
