"""Credentials: API keys from environment variables, one mechanism for every key provider.

`ENV_KEYS` names, per provider, the variable that may hold its key, the OpenCode entries
(auth.json keys / OpenCode 2 integration ids) it stands in for, and the entry it is filed
under. The rule is the same for every provider: the variable is used when none of the
provider's OpenCode entries is usable, whether the entries are missing or broken (a broken
entry is still reported, as a named error account of its provider: never dropped silently);
an OpenCode login that works is the user's current choice and wins over a shell variable,
which may be an old one (the variable is then listed by `doctor` as not used).
The variable is filed as `{"type": "api", "key": ...}` under `integration`, with its origin
"$VARIABLE" (`AuthFile.env_var_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvKey:
    var: str  # the environment variable
    provider: str  # provider id
    integration: str  # the entry it is filed under
    entries: tuple[str, ...]  # the provider's OpenCode entries: any usable one wins


ENV_KEYS: tuple[EnvKey, ...] = (
    EnvKey("ZAI_API_KEY", "zai", "zai-coding-plan", ("zai-coding-plan",)),
    EnvKey("ZHIPU_API_KEY", "zhipu", "zhipuai-coding-plan", ("zhipuai-coding-plan",)),
    EnvKey("OPENCODE_API_KEY", "opencode-go", "opencode-go", ("opencode-go",)),
    EnvKey("KIMI_API_KEY", "kimi", "kimi-for-coding", ("kimi-for-coding",)),
    EnvKey("MINIMAX_API_KEY", "minimax", "minimax-coding-plan",
           ("minimax-coding-plan", "minimax-cn-coding-plan")),
)


def env_value(environ: Mapping[str, str], var: str) -> str:
    """The variable's key, stripped; "" when unset or blank."""
    value = environ.get(var)
    return value.strip() if isinstance(value, str) else ""


def for_var(var: str) -> EnvKey | None:
    return next((k for k in ENV_KEYS if k.var == var), None)
