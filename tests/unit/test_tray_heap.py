"""The tray's heap knobs (issue 17 §6): the malloc arena cap is off unless asked for
(`MYSTATUS_ARENA_MAX`; glibc's own `MALLOC_ARENA_MAX` wins), and the tray has no fetch pool
of its own (the engine child fetches). The figures behind the choice are bench/'s (README →
Performance), not timed here."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mystatus_testkit.cli import ROOT

from tray_app.tray import heap


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


def test_the_tray_has_no_fetch_pool_of_its_own() -> None:
    source = (ROOT / "tray_app" / "tray" / "services.py").read_text("utf-8")
    assert "ThreadPoolExecutor" not in source and "Engine(" not in source.replace(
        "ChildEngine(", "")
    assert source.count("ChildEngine(") == 2  # the real and the demo one
