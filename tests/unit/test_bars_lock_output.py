"""The parts of the bar faults that need no subprocess: a refresh lock that cannot be opened
(done without, told once), guard's exit for a fault of ours (69, never 1 or a traceback), the
metrics hash key (made once, 0600, stable), and `--output`'s file modes."""

from __future__ import annotations

import argparse
import io
import json
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tray_app.bars import metrics_labels
from tray_app.cli import guard
from tray_app.cli.console import Console
from tray_app.cli.output_file import names_accounts, write_output
from tray_app.model import Account, ProviderUsage, Snapshot, Window
from tray_app.monitoring.shared_refresh import LOCK_FILE, current_view, refresh_lock

T0 = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)


def _snapshot() -> Snapshot:
    usage = ProviderUsage(id="zai", name="Z.ai", fetched_at=T0, accounts=(
        Account("k", windows=(Window(id="5h", label="5h", used_percent=10.0),)),))
    return Snapshot(generated_at=T0, providers=(usage,))


def test_a_lock_that_cannot_be_opened_yields_none(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).mkdir()
    with refresh_lock(tmp_path, 0.1) as held:
        assert held is None
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with refresh_lock(not_a_folder, 0.1) as held:
        assert held is None


def test_without_a_lock_the_view_is_refreshed_and_the_user_told(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).mkdir()
    told: list[tuple[str, dict[str, str]]] = []
    calls: list[int] = []
    cur = current_view(lambda: calls.append(1) or _snapshot(), max_age=0, state_dir=tmp_path,
                       now=lambda: T0, notify=lambda key, params: told.append((key, params)))
    assert calls == [1] and cur.refreshed and not cur.stale
    assert [key for key, _ in told] == ["bar.lock_unavailable"]
    assert told[0][1]["path"].endswith(LOCK_FILE)


def _guard_args(**extra: object) -> argparse.Namespace:
    values: dict[str, object] = {"provider": "zai", "window": None, "max_used": 90.0,
                                 "min_left": None, "max_age": 60.0, "json": False,
                                 "demo": False}
    values.update(extra)
    return argparse.Namespace(**values)


@pytest.mark.parametrize("as_json", [False, True])
def test_a_fault_of_ours_in_guard_is_69_never_1(monkeypatch: pytest.MonkeyPatch,
                                                 as_json: bool) -> None:
    from tray_app.cli import shared_view

    def broken(self: object, max_age: float, *, bar: bool = False) -> object:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(shared_view.ViewSource, "current", broken)
    out, err = io.StringIO(), io.StringIO()
    code = guard.run(_guard_args(json=as_json), Console("en", out, err), None)
    assert code == guard.EXIT_UNAVAILABLE
    text = out.getvalue()
    if as_json:
        doc = json.loads(text)
        assert doc["exit"] == 69 and doc["within"] is False and doc["windows"] == []
        text = doc["message"]
    assert text.startswith("UNAVAILABLE zai") and "doctor" in text
    assert "Traceback" not in out.getvalue() + err.getvalue()


def test_the_metrics_key_is_made_once_private_and_reused(tmp_path: Path) -> None:
    key = metrics_labels.load_key(tmp_path)
    assert key is not None and len(key) == metrics_labels.KEY_BYTES
    path = tmp_path / metrics_labels.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert metrics_labels.load_key(tmp_path) == key
    label = metrics_labels.labeler("hashed", tmp_path)
    assert label("me@example.com") == label("me@example.com") != "me@example.com"


def test_no_key_means_no_account_in_the_labels(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("x")
    told: list[Path] = []
    label = metrics_labels.labeler("hashed", not_a_folder, told.append)
    assert label("me@example.com") == "" and told == [not_a_folder / "metrics.key"]


@pytest.mark.parametrize(("fmt", "labels", "private"), [
    ("prometheus", "full", True), ("prometheus", "hashed", False),
    ("prometheus", "none", False), ("polybar", "full", False), ("i3blocks", "full", False),
    ("waybar", "full", True), ("json", "none", True), ("text", "none", True)])
def test_which_outputs_name_accounts(fmt: str, labels: str, private: bool) -> None:
    assert names_accounts(fmt, labels) is private


def test_output_modes_new_and_existing(tmp_path: Path) -> None:
    told: list[str] = []
    public = tmp_path / "a.prom"
    assert write_output(public, "x", private=False) == 0o644
    assert stat.S_IMODE(public.stat().st_mode) == 0o644 and public.read_text() == "x\n"
    private = tmp_path / "b.prom"
    write_output(private, "x", private=True, notify=lambda key, _: told.append(key))
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and told == ["bar.output_private"]
    private.chmod(0o644)  # the user made it readable for node_exporter
    write_output(private, "y", private=True, notify=lambda key, _: told.append(key))
    assert stat.S_IMODE(private.stat().st_mode) == 0o644 and told == ["bar.output_private"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.prom", "b.prom"]


def test_what_a_bar_shows_when_everything_failed_parses_too() -> None:
    import xml.etree.ElementTree as ET

    from prometheus_client.openmetrics.parser import text_string_to_metric_families

    from tray_app.cli.shared_view import render_failure

    failure = RuntimeError("x")
    metrics = render_failure("prometheus", failure, "en") + "\n"
    assert [f.name for f in text_string_to_metric_families(metrics)] == ["mystatus_up"]
    doc = json.loads(render_failure("waybar", failure, "zh-TW"))
    for field in ("text", "tooltip"):
        ET.fromstring(f"<markup>{doc[field]}</markup>")
    assert len(render_failure("i3blocks", failure, "en").split("\n")) == 3
    assert render_failure("polybar", failure, "en").count("%{") == 2
