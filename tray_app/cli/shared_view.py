"""The saved-or-refreshed view for `status --max-age`, the bar formats and `guard`: the engine
(and with it httpx) is built only when a refresh is really needed, so a bar polling every few
seconds with fresh saved numbers costs a file read. The demo keeps its saved numbers in a
private runtime folder, never in the user's state."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tray_app import paths
from tray_app.cli.console import Console
from tray_app.config import LoadedSettings, Settings
from tray_app.i18n import t
from tray_app.model import Snapshot, utcnow
from tray_app.monitoring.shared_refresh import BAR_WAIT_SECONDS, Current, current_view
from tray_app.report import exit_code
from tray_app.report.json_out import to_json

if TYPE_CHECKING:
    from tray_app.bars.metrics_labels import Labeler

log = logging.getLogger(__name__)


def demo_state_dir() -> Path:
    from tray_app.single_instance import runtime_dir

    return runtime_dir() / "demo-state"


class ViewSource:
    def __init__(self, loaded: LoadedSettings | None, *, demo: bool,
                 on_refresh: Callable[[Snapshot, int], None] | None = None,
                 console: Console | None = None) -> None:
        """`on_refresh(snapshot, history_days)` runs after each real refresh (not the
        demo's): the usage history records it. `console` gets the one-line notices (a
        refresh lock that cannot be had), each once per process."""
        self.loaded, self.demo = loaded, demo
        self.console = console
        self._told: set[str] = set()
        self._on_refresh = None if demo else on_refresh
        if demo:
            from tray_app.simulator.demo import demo_settings

            self.settings = demo_settings()
            self.state_dir = demo_state_dir()
        else:
            self.settings = loaded.settings if loaded else Settings()
            self.state_dir = paths.state_dir()
        self._stack = ExitStack()
        self._runtime: Any = None
        from tray_app.outages.watch import build_watch

        # the providers' status pages, asked beside a refresh (outages/); closed with us
        self.outages = build_watch(lambda: self.settings, self.state_dir)
        self._stack.callback(self.outages.close)

    def __enter__(self) -> ViewSource:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stack.close()

    def _refresh(self) -> Snapshot:
        if self._runtime is None:
            from tray_app.cli.common import open_runtime

            self._runtime = self._stack.enter_context(open_runtime(self.loaded, demo=self.demo))
            self.outages.environ = self._runtime.environ
            self._runtime.engine.on_discovered = self.outages.poke
        snapshot: Snapshot = self._runtime.engine.refresh()
        self.outages.wait()  # a short grace for the status pages, never the quota's time
        if self._on_refresh is not None:
            self._on_refresh(snapshot, self.settings.history_days)
        return snapshot

    def notify(self, key: str, params: dict[str, str]) -> None:
        if key in self._told:
            return
        self._told.add(key)
        if self.console is not None:
            self.console.warn(self.console.t(key, **params))
        else:
            log.warning("%s", t(key, "en", **params))

    def current(self, max_age: float, *, bar: bool = False) -> Current:
        """The view for `max_age`; a `bar` waits only a few seconds for another process's
        refresh when there are saved numbers to show instead (marked stale)."""
        cur = current_view(self._refresh, max_age=max_age, state_dir=self.state_dir,
                           wait_with_saved=BAR_WAIT_SECONDS if bar else None,
                           notify=self.notify)
        shown = self.outages.shown_for(p.usage.id for p in cur.view.providers)
        return replace(cur, view=replace(cur.view, outages=shown)) if shown else cur

    def account_labels(self, mode: str) -> Labeler:
        """How the metrics name accounts (`--metrics-labels`, bars/metrics_labels.py)."""
        from tray_app.bars.metrics_labels import labeler

        return labeler(mode, self.state_dir, lambda path: self.notify(
            "bar.salt_unavailable", {"path": str(path)}))


def view_json(cur: Current, settings: Settings, lang: str, *, demo: bool) -> dict[str, Any]:
    """The schema-1 document of the view, with how old it is (`saved`) and which providers hold
    kept numbers (`stale`, `stale_since`)."""
    view = cur.view
    stale = {p.usage.id: p.last_success for p in view.providers if p.stale or view.from_disk}
    snapshot = view.snapshot()
    if view.updated_at is None:
        snapshot = replace(snapshot, generated_at=utcnow())
    from tray_app.outages.text import incidents_json

    return to_json(snapshot, lang=lang, threshold=settings.threshold, demo=demo, stale=stale,
                   saved={"age_seconds": round(cur.age, 1), "refreshed": cur.refreshed},
                   incidents=incidents_json(view.outages))


def render(fmt: str, cur: Current, settings: Settings, console: Console, *,
           demo: bool, now: datetime | None = None,
           account_label: Labeler | None = None) -> tuple[str, int]:
    """(output, exit code) of one format; the bar formats always exit 0."""
    import json

    from tray_app.bars import formats, metrics

    now = now or utcnow()
    lang = console.lang
    if fmt == "text":
        return (formats.report_text(cur, settings, lang, now, console.style),
                exit_code(cur.view.snapshot()))
    if fmt == "json":
        text = json.dumps(view_json(cur, settings, lang, demo=demo), ensure_ascii=False, indent=2)
        return text, exit_code(cur.view.snapshot())
    if fmt == "waybar":
        return formats.waybar(cur, settings, lang, now), 0
    if fmt == "polybar":
        return formats.polybar(cur, settings, lang, now), 0
    if fmt == "i3blocks":
        return formats.i3blocks(cur, settings, lang, now), 0
    return metrics.openmetrics(cur, account_label or (lambda label: label)).rstrip("\n"), 0


def render_failure(fmt: str, exc: BaseException, lang: str) -> str:
    """What a bar shows when even the saved numbers could not be had."""
    import json

    from tray_app.bars.formats import COLOURS
    from tray_app.i18n import t

    text = "! " + t("bar.failed", lang)
    detail = f"{text}: {type(exc).__name__}"
    if fmt == "waybar":
        return json.dumps({"text": text, "tooltip": detail, "class": "error", "percentage": 0,
                           "alt": "error"}, ensure_ascii=False)
    if fmt == "polybar":
        return f"%{{F{COLOURS['error']}}}{text}%{{F-}}"
    if fmt == "i3blocks":
        return "\n".join((detail, text, COLOURS["error"]))
    return ("# HELP mystatus_up 1 when the numbers came back, 0 on any error.\n"
            "# TYPE mystatus_up gauge\n"
            'mystatus_up{provider="",account="",account_n="0"} 0\n# EOF')
