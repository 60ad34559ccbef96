"""Helpers for the OpenAI provider tests: a fixed clock, JWTs, credential sets, a mocked
HTTP context and `wham/usage` payload builders with deterministic reset times."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.net.http import HttpClient
from tray_app.providers import openai
from tray_app.providers.base import Context
from tray_app.simulator.sim_openai import make_jwt

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
NOW_S = int(NOW.timestamp())
BASE = "https://chatgpt.test"
PROFILE = "https://api.openai.com/profile"
AUTH = "https://api.openai.com/auth"


def token(profile_email: str | None = "dev@example.com", *, exp: int | None = NOW_S + 3600,
          account: str | None = "acct-from-jwt", **extra: Any) -> str:
    claims: dict[str, Any] = dict(extra)
    if profile_email is not None:
        claims[PROFILE] = {"email": profile_email}
    if account is not None:
        claims[AUTH] = {"chatgpt_account_id": account, "chatgpt_plan_type": "plus"}
    if exp is not None:
        claims["exp"] = exp
    return make_jwt(claims)


def entry(access: Any, **extra: Any) -> dict[str, Any]:
    refresh = "rt_TEST-refresh-never-used-0001"
    return {"type": "oauth", "access": access, "refresh": refresh, **extra}


def creds(openai_entry: Any, home: Path) -> CredentialSet:
    return loader({"openai": openai_entry}, home).load()


def loader(auth: dict[str, Any], home: Path) -> CredentialLoader:
    env = {"HOME": str(home), "OPENCODE_AUTH_CONTENT": json.dumps(auth)}
    return CredentialLoader(environ=env, pat_store=MemoryPatStore())


Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler) -> HttpClient:
    return HttpClient(transport=httpx.MockTransport(handler))


def context(handler: Handler) -> Context:
    return Context(http=client(handler), base_url=lambda key: BASE, now=lambda: NOW)


def answer(body: Any, status: int = 200, seen: list[httpx.Request] | None = None,
           headers: dict[str, str] | None = None) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return handle


def engine(auth: dict[str, Any], home: Path, handler: Handler) -> Engine:
    env = {"HOME": str(home), "OPENCODE_AUTH_CONTENT": json.dumps(auth)}
    return Engine(loader(auth, home), client(handler), providers=(openai.SPEC,),
                  clock=lambda: NOW, environ=env)


def win(used: Any = None, seconds: Any = 18000, *, reset_at: Any = None,
        reset_after: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if used is not None:
        out["used_percent"] = used
    if seconds is not None:
        out["limit_window_seconds"] = seconds
    if reset_at is not None:
        out["reset_at"] = reset_at
    if reset_after is not None:
        out["reset_after_seconds"] = reset_after
    return out


def usage(primary: Any = None, secondary: Any = None, *, reached: bool = False,
          plan: str = "plus", **extra: Any) -> dict[str, Any]:
    return {
        "plan_type": plan,
        "rate_limit": {"allowed": not reached, "limit_reached": reached,
                       "primary_window": primary, "secondary_window": secondary},
        **extra,
    }
