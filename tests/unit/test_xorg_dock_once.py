"""xorg_icon.dock_once: the xorg icon asks the tray host to dock it only when it is not
docked in the current host (pystray 0.19 asked on every icon change; the real trayer side is
tests/desktop/test_every_backend.py::test_xorg_icon_docks_once_...). A fake icon stands in
for pystray's: only the three attributes `_dock_once` uses."""

from __future__ import annotations

from dataclasses import dataclass

from tray_app.tray.xorg_icon import dock_once as _dock_once


@dataclass
class Host:
    id: int


class FakeIcon:
    def __init__(self) -> None:
        self.owner: Host | None = Host(1)  # the window owning _NET_SYSTEM_TRAY_S0 now
        self._systray_manager: Host | None = None
        self.dock_requests = 0

    def _get_systray_manager(self) -> Host | None:
        return self.owner

    def _assert_docked(self) -> None:  # pystray's: a dock request whenever called
        self.dock_requests += 1
        if self.owner is not None:
            self._systray_manager = self.owner


def test_the_first_show_docks_and_icon_changes_do_not_dock_again() -> None:
    icon = FakeIcon()
    _dock_once(icon)
    for _ in range(5):  # show, then four icon changes
        icon._assert_docked()
    assert icon.dock_requests == 1


def test_a_new_tray_host_gets_the_icon_at_the_next_change() -> None:
    icon = FakeIcon()
    _dock_once(icon)
    icon._assert_docked()
    icon.owner = Host(2)  # another tray took the selection (trayer restarted)
    icon._assert_docked()
    icon._assert_docked()
    assert icon.dock_requests == 2 and icon._systray_manager == Host(2)


def test_without_a_tray_host_every_change_tries_again() -> None:
    icon = FakeIcon()
    icon.owner = None
    _dock_once(icon)
    icon._assert_docked()
    icon._assert_docked()
    assert icon.dock_requests == 2 and icon._systray_manager is None


def test_another_pystray_without_these_methods_is_left_alone() -> None:
    class Other:
        pass

    icon = Other()
    _dock_once(icon)
    assert not hasattr(icon, "_assert_docked")
