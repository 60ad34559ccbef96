"""Menu action ids → effects, with fakes for the poller, clipboard, browser, dialog and the
notifier, and the real credential loader over an in-memory PAT store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tray_app import config
from tray_app.config import Settings
from tray_app.credentials import CredentialLoader
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.errors import ErrorKind, QuotaError
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.secrets import Secret
from tray_app.tray import dialog
from tray_app.tray.actions import Actions, apply_setting
from tray_app.tray.settings_box import SettingsBox

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
PAT = "github_pat_11TESTTOKEN0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


@dataclass
class FakePoller:
    view: TrayView = field(default_factory=TrayView)
    refreshes: int = 0
    renders: int = 0

    def request_refresh(self) -> None:
        self.refreshes += 1

    def request_render(self) -> None:
        self.renders += 1


class BrokenKeyring:
    def get(self) -> Secret | None:
        return None

    def set(self, secret: Secret) -> None:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="InitError: Prompt dismissed")

    def delete(self) -> bool:
        raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="locked")


class World:
    def __init__(self, *, tk: bool = True, token: Secret | None = None, clip: bool = True,
                 store: object | None = None, settings: Settings | None = None) -> None:
        view = TrayView(providers=(ProviderStatus(usage=ProviderUsage(
            id="zhipu", name="Zhipu AI", fetched_at=NOW,
            accounts=(Account(label="zk-****abcd", plan="pro", windows=(
                Window("5h", "5-hour limit", 64.0, resets_at=NOW + timedelta(hours=2)),)),),
        )),), updated_at=NOW)
        self.poller = FakePoller(view=view)
        self.box = SettingsBox(settings or Settings())
        self.loader = CredentialLoader(pat_store=store or MemoryPatStore())  # type: ignore[arg-type]
        self.notes: list[tuple[str, str]] = []
        self.quits = 0
        self.clipboard: list[str] = []
        self.opened: list[str] = []
        self.asked: list[str] = []
        self._token, self._clip, self._tk = token, clip, tk
        self.actions = Actions(
            settings=self.box, poller=self.poller, loader=self.loader,
            notify=lambda title, body: self.notes.append((title, body)),
            quit=self.quit, lang=lambda: "en", clock=lambda: NOW,
            clipboard=self.copy, open_url=self.opened.append, run_bg=lambda work: work(),
            ask_token=self.ask, tk_available=lambda: self._tk,
        )

    def quit(self) -> None:
        self.quits += 1

    def copy(self, text: str) -> bool:
        self.clipboard.append(text)
        return self._clip

    def ask(self, lang: str) -> Secret | None:
        self.asked.append(lang)
        if isinstance(self._token, Exception):
            raise self._token
        return self._token

    def all_text(self) -> str:
        return "\n".join(f"{a}\n{b}" for a, b in self.notes)


@pytest.mark.parametrize(
    ("action", "field_name", "value"),
    [
        ("interval:15", "refresh_minutes", 15),
        ("threshold:90", "threshold", 90),
        ("show:remaining", "show", "remaining"),
        ("pin:zhipu/zk-****abcd/5h", "pinned", "zhipu/zk-****abcd/5h"),
        ("notify:high", "notify_high_usage", False),
        ("notify:exhausted", "notify_exhausted", False),
        ("notify:available", "notify_available", False),
        ("notify:token_expiry", "notify_token_expiry", False),
        ("lang:zh-TW", "language", "zh-TW"),
        ("autostart", "autostart", True),
    ],
)
def test_settings_actions_apply_save_and_rerender(
    action: str, field_name: str, value: object
) -> None:
    w = World()
    w.actions.dispatch(action)
    assert getattr(w.box.get(), field_name) == value
    assert getattr(config.load().settings, field_name) == value  # written to the TOML file
    assert (w.poller.renders, w.poller.refreshes) == (1, 0)


def test_pin_worst_and_language_from_system() -> None:
    w = World(settings=Settings(pinned="a/b/c", language="zh-CN"))
    w.actions.dispatch("pin:")
    w.actions.dispatch("lang:")
    assert (w.box.get().pinned, w.box.get().language) == ("", "")


def test_provider_toggle_updates_loader_and_refreshes() -> None:
    w = World()
    w.box.on_change.append(lambda old, new: setattr(w.loader, "settings", new))
    w.actions.dispatch("provider:zhipu")
    assert w.box.get().disabled_providers == ("zhipu",)
    assert w.loader.settings.disabled_providers == ("zhipu",)
    assert w.poller.refreshes == 1
    w.actions.dispatch("provider:zhipu")
    assert w.box.get().disabled_providers == ()


@pytest.mark.parametrize("action", ["interval:7", "threshold:0", "threshold:101", "show:both",
                                    "lang:fr", "notify:weekly", "provider:", "frobnicate", ""])
def test_invalid_actions_change_nothing(action: str) -> None:
    w = World()
    w.actions.dispatch(action)
    assert w.box.get() == Settings()
    assert not config.load().path.exists()
    assert (w.poller.renders, w.poller.refreshes, w.quits) == (0, 0, 0)


def test_settings_that_cannot_be_saved_still_apply_and_say_so() -> None:
    w = World()

    def fail(settings: Settings) -> Path:
        raise PermissionError(13, "Permission denied")

    w.actions.save_settings = fail
    w.actions.dispatch("interval:10")
    assert w.box.get().refresh_minutes == 10
    assert "Permission denied" in w.all_text()


def test_refresh_and_quit() -> None:
    w = World()
    w.actions.dispatch("refresh")
    w.actions.dispatch("quit")
    assert (w.poller.refreshes, w.quits) == (1, 1)


def test_copy_puts_the_text_report_on_the_clipboard() -> None:
    w = World()
    w.actions.dispatch("copy")
    assert len(w.clipboard) == 1
    text = w.clipboard[0]
    assert "Zhipu AI" in text and "zk-****abcd" in text and "5-hour" in text
    assert w.notes == [("mystatus-tray", "Status copied to the clipboard.")]


def _failing_refreshes(view: TrayView, times: int, start: datetime) -> TrayView:
    """`times` refreshes in which Zhipu times out (transient), through the real merge."""
    from tray_app.errors import ErrorInfo
    from tray_app.model import Snapshot
    from tray_app.monitoring.state import merge

    timeout = ErrorInfo(ErrorKind.TIMEOUT, provider="Zhipu AI", detail="10")
    view = merge(TrayView(), view.snapshot(), NOW)  # as the poller got it: a good fetch at NOW
    for i in range(times):
        when = start + timedelta(minutes=i)
        usage = ProviderUsage(id="zhipu", name="Zhipu AI", fetched_at=when,
                              accounts=(Account(label="zk-****abcd", error=timeout),))
        view = merge(view, Snapshot(when, providers=(usage,)), when)
    return view


def test_copy_marks_kept_numbers_as_stale_with_their_age_and_the_error() -> None:
    w = World()  # numbers fetched at NOW (09:00 UTC)
    later = NOW + timedelta(hours=2)
    w.poller.view = _failing_refreshes(w.poller.view, 2, later)  # 2nd failure: surfaced
    w.actions.clock = lambda: later + timedelta(minutes=1)
    w.actions.dispatch("copy")
    text = w.clipboard[0]
    assert "36% left" in text  # the kept numbers are still shown...
    assert "stale: numbers from 09:00 UTC, 2h 1m old" in text  # ...but not as current ones
    assert "✗ Zhipu AI: request timed out (10 s)." in text  # the surfaced error, too


def test_copy_marks_stale_numbers_before_the_error_is_surfaced() -> None:
    w = World()
    w.poller.view = _failing_refreshes(w.poller.view, 1, NOW + timedelta(minutes=30))
    w.actions.clock = lambda: NOW + timedelta(minutes=31)
    w.actions.dispatch("copy")
    text = w.clipboard[0]
    assert "36% left" in text and "stale: numbers from 09:00 UTC, 31m old" in text


def test_copy_of_fresh_numbers_has_no_stale_mark() -> None:
    w = World()
    w.actions.dispatch("copy")
    assert "stale" not in w.clipboard[0]


def test_copy_without_clipboard_saves_a_file_and_names_it(isolated_env: Path) -> None:
    w = World(clip=False)
    w.actions.dispatch("copy")
    (_title, body), = w.notes
    path = Path(body.rsplit(" ", 1)[-1])
    assert path.is_file() and "Zhipu AI" in path.read_text("utf-8")
    assert str(path).startswith(str(isolated_env))


def test_open_dashboard_only_for_web_urls() -> None:
    w = World()
    w.actions.dispatch("open:https://bigmodel.cn/usercenter/glm-coding/usage")
    w.actions.dispatch("open:file:///etc/passwd")
    w.actions.dispatch("open:javascript:alert(1)")
    assert w.opened == ["https://bigmodel.cn/usercenter/glm-coding/usage"]


def test_token_set_stores_through_the_loader_and_refreshes() -> None:
    w = World(token=Secret(PAT))
    assert w.loader.pat_store.get() is None  # read once at start
    w.actions.dispatch("token:set")
    assert w.asked == ["en"]
    assert w.loader.pat_store.get() == Secret(PAT)
    assert w.poller.refreshes == 1
    assert w.notes == [("GitHub Copilot token",
                        "The GitHub Copilot token is stored in the system keyring.")]
    assert PAT not in w.all_text()


def test_token_set_invalidates_the_cached_read() -> None:
    inner = MemoryPatStore()
    w = World(token=Secret(PAT), store=inner)
    w.loader.pat_store.get()
    reads: list[int] = []
    original = inner.get

    def counting() -> Secret | None:
        reads.append(1)
        return original()

    inner.get = counting  # type: ignore[method-assign]
    w.actions.dispatch("token:set")
    assert w.loader.pat_store.get() == Secret(PAT) and len(reads) == 1  # re-read once


@pytest.mark.parametrize("answer", [None, dialog.DialogUnavailable("no Tk")])
def test_token_set_cancelled_or_dialog_broken(answer: Secret | Exception | None) -> None:
    w = World(token=answer)  # type: ignore[arg-type]
    w.actions.dispatch("token:set")
    assert w.loader.pat_store.get() is None and w.poller.refreshes == 0
    if answer is None:
        assert w.notes == []
    else:
        assert "mystatus-tray token set copilot" in w.all_text()


def test_token_set_without_tk_names_the_cli_command() -> None:
    w = World(tk=False, token=Secret(PAT))
    w.actions.dispatch("token:set")
    assert w.asked == []
    assert "mystatus-tray token set copilot" in w.all_text()


def test_keyring_failure_is_reported_with_its_fix_and_nothing_else_happens() -> None:
    w = World(token=Secret(PAT), store=BrokenKeyring())
    w.actions.dispatch("token:set")
    w.actions.dispatch("token:remove")
    assert w.poller.refreshes == 0
    assert len(w.notes) == 2 and all("keyring" in b.lower() or "keyring" in a.lower()
                                     for a, b in w.notes)
    assert PAT not in w.all_text()


def test_token_remove() -> None:
    w = World(store=MemoryPatStore(Secret(PAT)))
    w.actions.dispatch("token:remove")
    assert w.loader.pat_store.get() is None and w.poller.refreshes == 1
    w.actions.dispatch("token:remove")
    bodies = [b for _, b in w.notes]
    assert bodies == ["The GitHub Copilot token was removed from the system keyring.",
                      "No GitHub Copilot token was stored in the system keyring."]


@pytest.mark.parametrize(
    ("action", "expected"),
    [("interval:1", {"refresh_minutes": 1}), ("interval:60", None), ("threshold:50",
     {"threshold": 50}), ("pin:", {"pinned": ""}), ("show:used", {"show": "used"})],
)
def test_apply_setting_table(action: str, expected: dict[str, object] | None) -> None:
    result = apply_setting(Settings(threshold=80, show="remaining", pinned="x"), action)
    if expected is None:
        assert result is None
    else:
        assert result is not None
        for name, value in expected.items():
            assert getattr(result, name) == value


def test_dispatch_never_blocks_on_the_dialog() -> None:
    # The dialog and the keyring run in run_bg (a worker thread in the app), not in dispatch.
    queued: list[Callable[[], None]] = []
    w = World(token=Secret(PAT))
    w.actions.run_bg = queued.append
    w.actions.dispatch("token:set")
    assert w.asked == [] and len(queued) == 1
    queued[0]()
    assert w.asked == ["en"]


def test_refresh_now_reads_a_failed_keyring_again_once() -> None:
    class LockedAtLogin:
        reads = 0

        def get(self) -> Secret | None:
            LockedAtLogin.reads += 1
            if LockedAtLogin.reads == 1:
                raise QuotaError(ErrorKind.KEYRING_UNAVAILABLE, detail="locked")
            return Secret(PAT)

        def set(self, secret: Secret) -> None: ...

        def delete(self) -> bool:
            return False

    world = World(store=LockedAtLogin())
    assert world.loader.load().copilot_pat.problem is not None
    world.loader.load()
    assert LockedAtLogin.reads == 1  # cached: the poller never loops on the keyring
    world.actions.dispatch("refresh")
    assert world.poller.refreshes == 1
    assert world.loader.load().copilot_pat.token == Secret(PAT)
    world.actions.dispatch("refresh")
    world.loader.load()
    assert LockedAtLogin.reads == 2  # a good value stays cached across later refreshes
