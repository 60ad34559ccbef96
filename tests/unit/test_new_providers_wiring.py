"""OpenCode Go, Kimi for Coding and MiniMax are wired like the others: registered after
Antigravity in display order, their base URLs overridable by MYSTATUS_*_URL, a toggle each in
the tray's Providers menu that the engine honours, and the minimax_region setting validated."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from tray_app import config
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.engine import Engine
from tray_app.monitoring.view import TrayView
from tray_app.net.endpoints import base_url
from tray_app.providers.names import PROVIDER_IDS, PROVIDER_NAMES
from tray_app.providers.registry import REGISTRY
from tray_app.simulator import Simulator
from tray_app.simulator.demo import demo_environment
from tray_app.tray.menu import build_menu

NEW = ("opencode-go", "kimi", "minimax")


def test_registered_after_antigravity_in_this_order() -> None:
    ids = [spec.id for spec in REGISTRY]
    assert ids == list(PROVIDER_IDS)
    positions = [ids.index(pid) for pid in ("antigravity", *NEW)]
    assert positions == sorted(positions)
    assert [PROVIDER_NAMES[p] for p in NEW] == ["OpenCode Go", "Kimi for Coding", "MiniMax"]


def test_base_urls_default_and_env_override() -> None:
    assert base_url("opencode", environ={}) == "https://opencode.ai"
    assert base_url("kimi", environ={}) == "https://api.kimi.com"
    assert base_url("minimax", environ={}) == "https://api.minimax.io"
    env = {"MYSTATUS_OPENCODE_URL": "http://proxy/oc/", "MYSTATUS_KIMI_URL": "http://proxy/k",
           "MYSTATUS_MINIMAX_URL": "http://proxy/mm"}
    assert [base_url(k, environ=env) for k in ("opencode", "kimi", "minimax")] == [
        "http://proxy/oc", "http://proxy/k", "http://proxy/mm"]
    assert base_url("kimi", {"kimi": "http://cfg/k"}, environ={}) == "http://cfg/k"


def test_minimax_region_setting_is_validated_and_saved(tmp_path: Path) -> None:
    settings, rejected = config.parse_mapping({"minimax_region": "cn"})
    assert settings.minimax_region == "cn" and not rejected
    settings, rejected = config.parse_mapping({"minimax_region": "mars"})
    assert settings.minimax_region == "" and rejected == ("minimax_region",)
    path = config.save(Settings(minimax_region="cn"), tmp_path / "config.toml")
    assert config.load(path).settings.minimax_region == "cn"


def test_a_toggle_each_in_the_providers_menu() -> None:
    now = datetime(2026, 12, 2, tzinfo=timezone.utc)
    view = TrayView(providers=(), problems=(), updated_at=None)
    menu = build_menu(view, Settings(disabled_providers=("kimi",)), "zh-TW", now,
                      pat_present=False)
    settings = next(e for e in menu if e.action is None and any(
        c.children and any((g.action or "").startswith("provider:") for g in c.children)
        for c in e.children))
    providers = next(c for c in settings.children
                     if any((g.action or "").startswith("provider:") for g in c.children))
    toggles = {e.action: (e.text, e.checked) for e in providers.children}
    assert toggles["provider:opencode-go"] == ("OpenCode Go", True)
    assert toggles["provider:kimi"] == ("Kimi for Coding", False)
    assert toggles["provider:minimax"] == ("MiniMax", True)


def test_a_disabled_provider_is_not_queried(tmp_path: Path) -> None:
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)
        loader = CredentialLoader(Settings(disabled_providers=("kimi", "minimax")), environ=env,
                                  pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=[s for s in REGISTRY if s.id in NEW]) as engine:
            snap = engine.refresh()
        prefixes = {key.split()[0] for key in sim.counts}
    assert [p.id for p in snap.providers] == ["opencode-go"]
    assert prefixes == {"opencode-go"}


def test_a_changed_key_is_used_at_the_next_refresh(tmp_path: Path) -> None:
    """Credentials are re-read every refresh: a new login (another key in auth.json) is used
    without a restart, for each of the three."""
    entries = {"opencode-go": "opencode-go", "kimi-for-coding": "kimi",
               "minimax-coding-plan": "minimax"}
    with Simulator() as sim:
        env = demo_environment(sim, tmp_path)
        auth = tmp_path / "data" / "opencode" / "auth.json"
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env, providers=[s for s in REGISTRY if s.id in NEW]) as engine:
            engine.refresh()
            data = json.loads(auth.read_text("utf-8"))
            for entry in entries:
                data[entry] = {"type": "key", "key": f"sk-cp-rotated-{entry}-0123456789"}
            auth.write_text(json.dumps(data), "utf-8")
            sim.reset_counts()
            snap = engine.refresh()
        sent = {r.provider: r.headers["authorization"] for r in sim.received}
    assert not snap.any_failed
    assert sent == {prefix: f"Bearer sk-cp-rotated-{entry}-0123456789"
                    for entry, prefix in entries.items()}
