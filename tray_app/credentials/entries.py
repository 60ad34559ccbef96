"""Credentials: what a usable entry of each supported integration looks like, and OpenCode 2's
value shape normalized to the auth.json 1.x shape the providers read.

`RULES` maps an integration id (the auth.json key / OpenCode 2 `integration_id`) to the provider
that reads it, the `type` it must have and the fields of which one must be a non-empty string
(the seed's troubleshooting guide, problem 2). `check()` says what is wrong with one entry as an
`ErrorInfo(credential_invalid)` naming the source, the entry and what is missing; the engine
shows it as an error account of that provider instead of dropping the entry silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.providers.names import PROVIDER_NAMES
from tray_app.secrets import scrub


@dataclass(frozen=True)
class Rule:
    provider: str  # provider id
    type: str  # the `type` the entry must have
    fields: tuple[str, ...]  # one of these must be a non-empty string
    type_optional: bool = False  # an entry without `type` is accepted (the provider does)


RULES: dict[str, Rule] = {
    "openai": Rule("openai", "oauth", ("access",)),
    "zhipuai-coding-plan": Rule("zhipu", "api", ("key",), type_optional=True),
    "zai-coding-plan": Rule("zai", "api", ("key",), type_optional=True),
    "github-copilot": Rule("copilot", "oauth", ("refresh", "access"), type_optional=True),
    "github-copilot-enterprise": Rule("copilot", "oauth", ("refresh", "access"),
                                      type_optional=True),
    # the API-key providers: the same checks and the same named error (issue 16 §3)
    "opencode-go": Rule("opencode-go", "api", ("key",), type_optional=True),
    "kimi-for-coding": Rule("kimi", "api", ("key",), type_optional=True),
    "minimax-coding-plan": Rule("minimax", "api", ("key",), type_optional=True),
    "minimax-cn-coding-plan": Rule("minimax", "api", ("key",), type_optional=True),
}


def json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages ("string", "number", "array"...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _invalid(source: str, entry: str, reason: str, **params: str) -> ErrorInfo:
    rule = RULES[entry]
    fields = {"msg": f"error.credential_invalid.{reason}", "entry": entry, "source": source,
              "expected": rule.type, "field": " / ".join(rule.fields), **params}
    return ErrorInfo(ErrorKind.CREDENTIAL_INVALID, provider=PROVIDER_NAMES.get(rule.provider, ""),
                     path=source, extra=tuple(sorted(fields.items())))


def check(integration: str, value: Any, source: str) -> ErrorInfo | None:
    """None when the entry is usable (or not one we read), else why not. `value` is already
    normalized to the auth.json shape."""
    rule = RULES.get(integration)
    if rule is None:
        return None
    if not isinstance(value, Mapping):
        return _invalid(source, integration, "not_object", actual=json_type(value))
    kind = value.get("type")
    if kind is None and rule.type_optional:
        pass
    elif kind != rule.type:
        # the `type` text is echoed (scrubbed, short): never a secret, but be sure
        actual = scrub(kind)[:24] if isinstance(kind, str) else json_type(kind)
        return _invalid(source, integration, "type", actual=actual)
    present = [value.get(f) for f in rule.fields]
    if any(isinstance(v, str) and v.strip() for v in present):
        return None
    wrong = [(f, v) for f, v in zip(rule.fields, present, strict=True)
             if v is not None and not isinstance(v, str)]
    if wrong:
        name, bad = wrong[0]
        return _invalid(source, integration, "field_type", field=name, actual=json_type(bad))
    return _invalid(source, integration, "missing")


def normalize_v2(value: Any) -> Any:
    """An OpenCode 2 `credential.value` in the 1.x auth.json shape: type "key" → "api",
    `metadata.accountID` → `accountId`, `metadata.enterpriseURL` → `enterpriseUrl`. Anything
    that is not an object is returned as is (and reported by `check`)."""
    if not isinstance(value, Mapping):
        return value
    out = {k: v for k, v in value.items() if k != "metadata"}
    if out.get("type") == "key":
        out["type"] = "api"
    meta = value.get("metadata")
    if isinstance(meta, Mapping):
        for new, old in (("accountID", "accountId"), ("enterpriseURL", "enterpriseUrl")):
            if meta.get(new) is not None and old not in out:
                out[old] = meta[new]
    return out


SECRET_FIELDS = ("access", "refresh", "key", "token")


def same_secret(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two entries carry the same credential (the auth.json one is not stale)."""
    return all(a.get(f) == b.get(f) for f in SECRET_FIELDS)
