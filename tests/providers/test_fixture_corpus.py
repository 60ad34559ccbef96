"""The fixture corpus (tests/fixtures/<provider>/): response shapes as providers answer them
now, written by us from public captures and API docs (sources in tests/fixtures/README.md).

Every parser runs over every fixture. Its own provider's fixtures give exactly the windows in
that directory's `expected.json` (a number = used %, null = unknown, "unlimited" = no bar);
any other parser either refuses the shape (`QuotaError`) or finds no known figure in it:
nothing crashes, and no foreign shape turns into a false 0 % or 100 %."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.config import COPILOT_TIERS
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Window
from tray_app.net.http import Response, raise_for_status
from tray_app.providers import (
    antigravity,
    claude,
    copilot_parse,
    kimi,
    minimax,
    openai,
    opencode_go,
    zhipu,
)
from tray_app.secrets import Secret

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
NOW = datetime(2026, 9, 20, 12, 0, tzinfo=timezone.utc)
PROVIDERS = ("openai", "zhipu", "copilot", "antigravity", "claude", "kimi", "minimax",
             "opencode-go")

Parsed = tuple[str | None, Sequence[Window], Sequence[tuple[str, str]]]


def _zhipu(data: Any, spec: dict[str, Any]) -> Parsed:
    plan, windows = zhipu.parse_response(data, "Z.ai")
    return plan, windows, ()


def _openai(data: Any, spec: dict[str, Any]) -> Parsed:
    return openai.parse_usage(data, NOW)


def _copilot_user(data: Any, spec: dict[str, Any]) -> Parsed:
    account = copilot_parse.parse_user(data, provider="GitHub Copilot")
    return account.plan, account.windows, account.details


def _copilot_billing(data: Any, spec: dict[str, Any]) -> Parsed:
    """The allowance as `copilot.py` picks it for the configured plan."""
    credits = bool(spec.get("credits", True))
    plan = str(spec.get("configured_plan", "pro"))
    allowance = copilot_parse.credit_allowance(plan) if credits else COPILOT_TIERS.get(plan)
    account = copilot_parse.parse_billing(data, credits=credits, allowance=allowance, now=NOW,
                                          provider="GitHub Copilot")
    return account.plan, account.windows, account.details


def _summary(data: Any, spec: dict[str, Any]) -> Parsed:
    production = spec.get("host", "production") == "production"
    return None, antigravity.parse_summary(data, production=production), ()


def _models(data: Any, spec: dict[str, Any]) -> Parsed:
    return None, antigravity.parse_models(data, {}, NOW), ()


def _claude(data: Any, spec: dict[str, Any]) -> Parsed:
    windows, details = claude.parse_usage(data)
    return None, windows, details


def _kimi(data: Any, spec: dict[str, Any]) -> Parsed:
    return kimi.parse_account(data, NOW)


def _minimax(data: Any, spec: dict[str, Any]) -> Parsed:
    key = minimax.MiniMaxKey(Secret("sk-cp-fixture-key-0000"), "global")
    plan, windows = minimax.parse_response(data, key, NOW)
    return plan, windows, ()


def _opencode_go(data: Any, spec: dict[str, Any]) -> Parsed:
    return "Go", opencode_go.parse_response(data, NOW), ()


PARSERS: dict[str, Callable[[Any, dict[str, Any]], Parsed]] = {
    "zhipu": _zhipu,
    "openai": _openai,
    "copilot_user": _copilot_user,
    "copilot_billing": _copilot_billing,
    "antigravity_summary": _summary,
    "antigravity_models": _models,
    "claude": _claude,
    "kimi": _kimi,
    "minimax": _minimax,
    "opencode_go": _opencode_go,
}
# the variants a foreign shape is also tried with (both hosts, both billing endpoints)
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("zhipu", {}), ("openai", {}), ("copilot_user", {}),
    ("copilot_billing", {"credits": True}), ("copilot_billing", {"credits": False}),
    ("antigravity_summary", {"host": "daily"}), ("antigravity_summary", {"host": "production"}),
    ("antigravity_models", {}), ("claude", {}), ("kimi", {}), ("minimax", {}),
    ("opencode_go", {}),
]


def _expected(provider: str) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((ROOT / provider / "expected.json").read_text())
    return data


CASES = [(p, name, spec) for p in PROVIDERS for name, spec in _expected(p).items()]
# "parser": "none" marks a file that is not a response (Claude Code's credential files):
# its own provider's tests read it
JSON_CASES = [c for c in CASES if c[1].endswith(".json") and c[2].get("parser") != "none"]


def _load(provider: str, name: str) -> Any:
    return json.loads((ROOT / provider / name).read_text("utf-8"))


def _sane(windows: Sequence[Window]) -> None:
    for w in windows:
        assert w.used_percent is None or (math.isfinite(w.used_percent)
                                          and 0 <= w.used_percent <= 1000), w
        assert not (w.unlimited and w.used_percent is not None), w
    assert len({w.id for w in windows}) == len(windows), [w.id for w in windows]


def test_every_fixture_has_an_expectation_and_a_documented_source() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for provider in PROVIDERS:
        files = {p.name for p in (ROOT / provider).iterdir() if p.name != "expected.json"}
        assert files == set(_expected(provider)), provider
        for name in files:
            assert f"`{provider}/{name}`" in readme, f"{provider}/{name} has no source noted"


@pytest.mark.parametrize(("provider", "name", "spec"), JSON_CASES,
                         ids=[f"{c[0]}/{c[1]}" for c in JSON_CASES])
def test_own_parser_gives_the_expected_windows(
    provider: str, name: str, spec: dict[str, Any]
) -> None:
    data = _load(provider, name)
    parse = PARSERS[spec["parser"]]
    if "error" in spec:
        with pytest.raises(QuotaError) as info:
            parse(data, spec)
        assert info.value.kind is ErrorKind(spec["error"])
        return
    plan, windows, details = parse(data, spec)
    _sane(windows)
    got = {w.id: w for w in windows}
    assert set(got) == set(spec["windows"]), sorted(got)
    for wid, want in spec["windows"].items():
        window = got[wid]
        if want is None:  # unknown: never shown as 0 % or 100 %
            assert window.used_percent is None and not window.known and not window.unlimited
        elif want == "unlimited":
            assert window.unlimited and window.used_percent is None
        else:
            assert window.known and window.used_percent == pytest.approx(want, abs=0.01), wid
    if "plan" in spec:
        assert plan == spec["plan"]
    assert set(spec.get("details", {}).items()) <= set(details)
    for wid, when in spec.get("resets", {}).items():  # ISO text, or null = no reset known
        want_at = datetime.fromisoformat(when) if when else None
        assert got[wid].resets_at == want_at, (wid, got[wid].resets_at)
    for wid, seconds in spec.get("seconds", {}).items():  # null = unknown length, no pace
        assert got[wid].window_seconds == seconds, (wid, got[wid].window_seconds)
    for wid, (used, limit) in spec.get("counts", {}).items():
        assert (got[wid].used, got[wid].limit) == (used, limit), wid


@pytest.mark.parametrize(("provider", "name", "spec"), JSON_CASES,
                         ids=[f"{c[0]}/{c[1]}" for c in JSON_CASES])
@pytest.mark.parametrize(("parser", "options"), VARIANTS,
                         ids=[f"{p}{'-' + '-'.join(map(str, o.values())) if o else ''}"
                              for p, o in VARIANTS])
def test_every_parser_over_every_fixture(
    provider: str, name: str, spec: dict[str, Any], parser: str, options: dict[str, Any]
) -> None:
    data = _load(provider, name)
    own = parser == spec.get("parser")
    try:
        _, windows, details = PARSERS[parser](data, {**spec, **options} if own else options)
    except QuotaError:
        return  # refused: an error state, never a number
    _sane(windows)
    assert all(isinstance(v, str) for _, v in details)
    if not own:  # a foreign shape never yields a figure
        assert not [w for w in windows if w.known and not w.unlimited], (parser, windows)


HTML_CASES = [c for c in CASES if not c[1].endswith(".json")]


@pytest.mark.parametrize(("provider", "name", "spec"), HTML_CASES,
                         ids=[f"{c[0]}/{c[1]}" for c in HTML_CASES])
def test_challenge_pages_are_a_blocked_path_for_every_provider(
    provider: str, name: str, spec: dict[str, Any]
) -> None:
    body = (ROOT / provider / name).read_bytes()
    resp = Response(status=spec["http_status"], headers=spec.get("headers", {}), body=body)
    for shown_as in ("OpenAI", "Z.ai", "GitHub Copilot", "Google Antigravity"):
        with pytest.raises(QuotaError) as info:
            raise_for_status(resp, shown_as)
        assert info.value.kind is ErrorKind(spec["error"]) and info.value.info.status == 403
    with pytest.raises(QuotaError) as info:  # and never read as a payload
        resp.json("OpenAI")
    assert info.value.kind is ErrorKind.INVALID_RESPONSE
