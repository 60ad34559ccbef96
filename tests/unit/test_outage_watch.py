"""The status-page watch (tray_app/outages/watch.py) with a fake page and clock: only the
providers with accounts and a status page are asked, at most every 3 minutes whoever asks
(the checks are shared through outages.json), a silent page keeps what it said once, the
setting turns it all off; and the engine starts it beside the refresh without waiting."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tray_app.errors import ErrorKind, QuotaError
from tray_app.outages.watch import INTERVAL, KEEP, OutageWatch
from tray_app.simulator.sim_status import summary

T0 = datetime(2026, 9, 20, 14, 0, tzinfo=timezone.utc)


class Pages:
    """A fake status host: scenario per page, requests counted, a failure on demand."""

    def __init__(self) -> None:
        self.scenario = {"status-claude": "degraded", "status-openai": "healthy",
                         "status-github": "healthy"}
        self.asked: list[str] = []
        self.down: set[str] = set()

    def __call__(self, url: str, provider: str) -> Any:
        prefix = url.split("/")[2]
        self.asked.append(prefix)
        if prefix in self.down:
            raise QuotaError(ErrorKind.HTTP_ERROR, provider=provider, status=503)
        return summary(prefix, self.scenario[prefix])


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _watch(tmp_path: Path, pages: Pages, clock: Clock, **kw: Any) -> OutageWatch:
    urls = {k: f"https://{p}" for k, p in (("status_claude", "status-claude"),
                                           ("status_openai", "status-openai"),
                                           ("status_github", "status-github"))}
    return OutageWatch(pages, state_dir=tmp_path, urls=urls, environ={}, clock=clock, **kw)


def test_only_providers_with_a_page_and_an_account(tmp_path: Path) -> None:
    pages, clock = Pages(), Clock()
    found = _watch(tmp_path, pages, clock).check(("claude", "zai", "kimi"))
    assert pages.asked == ["status-claude"]
    assert [o.components for o in found] == [("Claude Code",)]


def test_at_most_every_interval_whoever_asks(tmp_path: Path) -> None:
    pages, clock = Pages(), Clock()
    _watch(tmp_path, pages, clock).check(("claude", "openai"))
    other = _watch(tmp_path, pages, clock)  # another process: the bars, the MCP server
    clock.now += INTERVAL - timedelta(seconds=1)
    assert [o.provider for o in other.check(("claude", "openai"))] == ["claude"]
    assert sorted(pages.asked) == ["status-claude", "status-openai"]
    clock.now += timedelta(seconds=1)
    pages.scenario["status-claude"] = "resolved"
    assert other.check(("claude",)) == ()
    assert pages.asked.count("status-claude") == 2


def test_a_silent_page_keeps_what_it_said_once(tmp_path: Path) -> None:
    pages, clock = Pages(), Clock()
    results: list[frozenset[str]] = []
    watch = _watch(tmp_path, pages, clock, on_result=lambda cur, answered: results.append(
        answered))
    assert watch.check(("claude",))
    pages.down.add("status-claude")
    clock.now += INTERVAL
    assert watch.check(("claude",))  # kept once...
    clock.now += INTERVAL
    assert watch.check(("claude",)) == ()  # ...not for ever
    assert results == [frozenset({"claude"}), frozenset(), frozenset()]  # nothing "resolved"


def test_old_checks_are_not_shown(tmp_path: Path) -> None:
    pages, clock = Pages(), Clock()
    watch = _watch(tmp_path, pages, clock)
    watch.check(("claude",))
    assert watch.shown_for(("claude",))
    assert watch.shown_for(("openai",)) == ()
    clock.now += KEEP + timedelta(seconds=1)
    assert watch.shown_for(("claude",)) == ()


def test_the_setting_turns_it_off(tmp_path: Path) -> None:
    pages, clock = Pages(), Clock()
    on = _watch(tmp_path, pages, clock)
    on.check(("claude",))
    off = _watch(tmp_path, pages, clock, enabled=lambda: False)
    off.poke(("claude", "openai"))
    off.wait()
    assert off.current == () and off.shown_for(("claude",)) == ()
    assert pages.asked == ["status-claude"]


def test_a_broken_saved_file_is_nothing_saved(tmp_path: Path) -> None:
    (tmp_path / "outages.json").write_text("{not json", "utf-8")
    pages, clock = Pages(), Clock()
    assert _watch(tmp_path, pages, clock).check(("claude",))
    assert pages.asked == ["status-claude"]


def test_the_engine_starts_it_beside_the_refresh(tmp_path: Path) -> None:
    """The quota fetch finishes while the status page is still being asked: the refresh
    returns without it; the watch's thread finishes on its own."""
    from tray_app.config import Settings
    from tray_app.credentials import CredentialLoader
    from tray_app.engine import Engine
    from tray_app.model import Account, Snapshot
    from tray_app.providers.base import AccountRef, ProviderSpec

    release = threading.Event()
    pages = Pages()

    def slow_page(url: str, provider: str) -> Any:
        release.wait(30)
        return pages(url, provider)

    spec = ProviderSpec(id="claude", name="Claude", dashboard_url="", url_keys=(),
                        discover=lambda creds, now: [AccountRef(label="me@example.com")],
                        fetch=lambda ctx, ref: Account(label=ref.label))
    watch = _watch(tmp_path, pages, Clock())
    watch._get_json = slow_page  # type: ignore[assignment]
    engine = Engine(CredentialLoader(Settings(), environ={}), providers=(spec,), environ={})
    engine.on_discovered = watch.poke
    try:
        snapshot = engine.refresh()
    finally:
        engine.close()
    assert isinstance(snapshot, Snapshot) and snapshot.providers[0].accounts[0].ok
    assert watch.current == ()  # the page has not answered: the refresh did not wait
    release.set()
    watch.wait(30)
    assert [o.provider for o in watch.current] == ["claude"]


def test_the_poller_shows_the_latest_outages_and_renders_on_a_result(tmp_path: Path) -> None:
    """The tray's hook (monitoring/poller.py): every published view carries the watch's
    latest outages; a check's result asks for a render, which publishes them."""
    from tray_app.config import Settings
    from tray_app.model import Snapshot
    from tray_app.monitoring.poller import Poller
    from tray_app.monitoring.view import TrayView
    from tray_app.tray.settings_box import SettingsBox

    pages, clock = Pages(), Clock()
    published: list[TrayView] = []

    class Engine:
        def refresh(self, only: Any = None) -> Snapshot:
            return Snapshot(generated_at=clock())

    watch = _watch(tmp_path, pages, clock)
    poller = Poller(Engine(), SettingsBox(Settings()), lang=lambda: "en",
                    publish=published.append, notify=lambda alert: None, clock=clock,
                    outages=lambda: watch.current)
    poller.refresh_once(full=True)
    assert all(v.outages == () for v in published)
    watch.check(("claude",))  # the watch's thread, done
    poller.request_render()
    poller._cycle()  # the poller thread's next turn
    assert [o.provider for o in published[-1].outages] == ["claude"]
    assert poller.view.outages == published[-1].outages


def test_the_grace_of_one_shot_commands() -> None:
    from tray_app.outages.watch import GRACE, grace

    assert grace({}) == GRACE
    assert grace({"MYSTATUS_STATUS_WAIT": "30"}) == 30
    assert grace({"MYSTATUS_STATUS_WAIT": "0"}) == 0
    assert grace({"MYSTATUS_STATUS_WAIT": "-1"}) == GRACE
    assert grace({"MYSTATUS_STATUS_WAIT": "soon"}) == GRACE
