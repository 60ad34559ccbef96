"""Regressions found in review: partial refreshes must not invent problems, absurd dates must
not kill the poller, and any keyring failure is `keyring_unavailable`, cached once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import CachedPatStore, MemoryPatStore
from tray_app.engine import Engine
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.poller import CRASH_RETRY, Poller
from tray_app.providers.parse import from_iso
from tray_app.secrets import Secret
from tray_app.simulator import Simulator
from tray_app.tray.settings_box import SettingsBox


def _zai_only(tmp_path: Path, sim: Simulator) -> dict[str, str]:
    env = {"HOME": str(tmp_path)} | sim.environ()
    env["OPENCODE_AUTH_CONTENT"] = json.dumps(
        {"zai-coding-plan": {"type": "api", "key": "zk-abcdefghijkl"}}
    )
    return env


def test_partial_refresh_reports_no_source_problems(tmp_path: Path) -> None:
    """Backing-off providers' siblings are refreshed alone: with none of them configured the
    engine must not say "no configured accounts" (the menu would show it with a "!")."""
    with Simulator() as sim:
        env = _zai_only(tmp_path, sim)
        loader = CredentialLoader(Settings(), environ=env, pat_store=MemoryPatStore())
        with Engine(loader, environ=env) as engine:
            partial = engine.refresh(only={"openai", "zhipu"})
            full = engine.refresh()
    assert partial.providers == () and partial.problems == ()
    assert partial.requested == ("openai", "zhipu")
    assert full.requested is None and [p.id for p in full.providers] == ["zai"]
    assert full.problems == ()  # auth content is fine and zai is configured


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2300-01-01"])
def test_absurd_iso_dates_are_unknown(value: str) -> None:
    assert from_iso(value) is None


def test_a_failing_cycle_does_not_kill_the_poller() -> None:
    """Even if a bug slips through (here: a window reset at datetime.max, which overflows the
    schedule arithmetic), the poller logs it and tries again later instead of dying."""
    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    clock = {"t": now}
    window = Window(
        id="5h",
        label="5-hour",
        used_percent=10.0,
        resets_at=datetime.max.replace(tzinfo=timezone.utc),
    )

    class Engine_:
        calls = 0

        def refresh(self, only: object = None) -> Snapshot:
            Engine_.calls += 1
            usage = ProviderUsage(
                id="zai", name="Z.ai", accounts=(Account(label="k", windows=(window,)),)
            )
            return Snapshot(generated_at=clock["t"], providers=(usage,))

    waits: list[float] = []

    def sleeper(event: object, seconds: float) -> bool:
        waits.append(seconds)
        clock["t"] += timedelta(seconds=seconds)
        if len(waits) > 8:
            poller.stop()
        return False

    poller = Poller(
        Engine_(),
        SettingsBox(Settings()),
        lang=lambda: "en",
        publish=lambda v: None,
        notify=lambda a: None,
        clock=lambda: clock["t"],
        sleeper=sleeper,
    )
    poller.run()  # returns only because stop() was called: the loop survived the errors
    assert Engine_.calls >= 2  # it tried again later
    assert poller.wake_at is not None
    assert any(abs(w - min(CRASH_RETRY, 60.0)) < 1 for w in waits)


def test_any_keyring_exception_is_keyring_unavailable_and_read_once() -> None:
    class Broken(MemoryPatStore):
        reads = 0

        def get(self) -> Secret | None:
            Broken.reads += 1
            raise ValueError("DBusErrorResponse-like failure from a backend")

    store = CachedPatStore(Broken())
    for _ in range(3):
        with pytest.raises(QuotaError) as info:
            store.get()
        assert info.value.kind is ErrorKind.KEYRING_UNAVAILABLE
    assert Broken.reads == 1  # never loop on the keyring
    store.retry_if_failed()  # the user's "Refresh now"
    with pytest.raises(QuotaError):
        store.get()
    assert Broken.reads == 2


def test_retry_if_failed_keeps_a_good_value_cached() -> None:
    class Counting(MemoryPatStore):
        reads = 0

        def get(self) -> Secret | None:
            Counting.reads += 1
            return super().get()

    store = CachedPatStore(Counting(Secret("github_pat_CACHEDCACHED01")))
    store.get()
    store.retry_if_failed()
    store.get()
    assert Counting.reads == 1


def test_keyring_store_maps_foreign_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    from tray_app.credentials import keyring_store

    def boom(*args: object) -> None:
        raise ValueError("org.freedesktop.DBus.Error.ServiceUnknown")

    monkeypatch.setattr(keyring, "get_password", boom)
    monkeypatch.setattr(keyring, "set_password", boom)
    with pytest.raises(QuotaError) as info:
        keyring_store.get_secret("x")
    assert (
        info.value.kind is ErrorKind.KEYRING_UNAVAILABLE
        and "ServiceUnknown" in info.value.info.detail
    )
    with pytest.raises(QuotaError):
        keyring_store.set_secret("x", Secret("github_pat_SETSETSETSET01"))
