"""The tray's heap knobs (issue 17 §6): its fetch pool is small and long-lived (4 threads;
`MYSTATUS_FETCH_WORKERS` for measuring), and the malloc arena cap is off unless asked for
(`MYSTATUS_ARENA_MAX`; glibc's own `MALLOC_ARENA_MAX` wins). The figures behind the choice
are bench/'s (README → Performance), not timed here."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mystatus_testkit.cli import ROOT

from tray_app.tray import heap


def test_the_tray_fetch_pool_is_small_unless_asked() -> None:
    assert heap.fetch_workers({}) == heap.FETCH_WORKERS == 4
    assert heap.fetch_workers({"MYSTATUS_FETCH_WORKERS": "12"}) == 12
    assert heap.fetch_workers({"MYSTATUS_FETCH_WORKERS": "0"}) == 4
    assert heap.fetch_workers({"MYSTATUS_FETCH_WORKERS": "many"}) == 4


def test_the_arena_cap_is_off_by_default_and_glibcs_knob_wins() -> None:
    assert heap.limit_arenas({}) is None
    assert heap.limit_arenas({"MYSTATUS_ARENA_MAX": "0"}) is None
    assert heap.limit_arenas({"MALLOC_ARENA_MAX": "2", "MYSTATUS_ARENA_MAX": "1"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_arena_cap_when_asked_keeps_ctypes_out_otherwise() -> None:
    code = ("import sys; from tray_app.tray import heap; "
            "print(heap.limit_arenas({}), 'ctypes' in sys.modules, "
            "heap.limit_arenas({'MYSTATUS_ARENA_MAX': '2'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, check=True).stdout.split()
    assert out[:2] == ["None", "False"]  # off: ctypes (~0.4 MiB) never imported
    assert out[2] in ("2", "None")  # 2 with glibc; None where there is no mallopt (musl)


def test_the_tray_engine_uses_the_small_pool() -> None:
    source = (ROOT / "tray_app" / "tray" / "services.py").read_text("utf-8")
    assert source.count("max_workers=heap.fetch_workers()") == 2  # the real and the demo one
