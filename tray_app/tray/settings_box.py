"""The tray's current settings, shared by the menu actions (UI thread) and the poller, and
their start-at-login flag kept equal to the real login entry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from tray_app.autostart import Autostart
from tray_app.config import Settings

log = logging.getLogger(__name__)


class SettingsBox:
    """The current `Settings`, swapped as one reference; `on_change` callbacks run in `set`."""

    def __init__(self, settings: Settings) -> None:
        self._value = settings
        self.on_change: list[Callable[[Settings, Settings], None]] = []

    def get(self) -> Settings:
        return self._value

    def set(self, settings: Settings) -> None:
        old, self._value = self._value, settings
        for callback in self.on_change:
            callback(old, settings)


def mirror_autostart(settings: SettingsBox, backend: Autostart,
                     save_settings: Callable[[Settings], object]) -> None:
    """Settings.autostart := the real login entry (the file / registry value is the truth;
    the user may have removed it by hand, or enabled it with the CLI)."""
    try:
        real = bool(backend.status().enabled)
    except OSError as exc:
        log.info("start at login: status unknown (%s)", exc)
        return
    if settings.get().autostart != real:
        new = replace(settings.get(), autostart=real)
        settings.set(new)
        try:
            save_settings(new)
        except OSError as exc:
            log.info("settings not saved: %s", exc)
