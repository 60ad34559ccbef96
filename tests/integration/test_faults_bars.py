"""Fault suite, status bars: the real `status --format …` and `guard` in subprocesses against the
simulator, with hostile text in the saved numbers, views stamped in the future, a refresh lock
that cannot be opened, a lock holder that is stopped (SIGSTOP), twenty bar calls at once, and
`--output` files' modes. Each test waits on state (the simulator's counters, the children's
open files), never on time; a bounded subprocess timeout only turns a hang into a failure."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from mystatus_testkit.cli import cli_env, run_cli, write_auth
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring import store
from tray_app.monitoring.shared_refresh import LOCK_FILE
from tray_app.monitoring.view import ProviderStatus, TrayView
from tray_app.simulator import Simulator

ZHIPU_KEY = "zk-PLANTED-zhipu-4c1d9e8f7a6b5c4d3e2f1a0b"
ZAI_KEY = "zk-PLANTED-zai-9a8b7c6d5e4f3a2b1c0d9e8f"
AUTH = {
    "zhipuai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
    "zai-coding-plan": {"type": "api", "key": ZAI_KEY},
}
HOSTILE = '%{A1:rm -rf ~:}x%{A}\n<b>&"\\\x07\x1b[31m\u202eevil'
BAR_FORMATS = ("waybar", "polybar", "i3blocks", "prometheus")


def _state(home: Path) -> Path:
    return home / ".local" / "state" / "mystatus-tray"


def _one_refresh_requests(sim: Simulator, tmp_path: Path) -> int:
    other = tmp_path / "other-home"
    other.mkdir()
    write_auth(other, AUTH)
    sim.reset_counts()
    assert run_cli(["status", "--json"], cli_env(other, sim)).returncode == 0
    count = sim.total_requests
    sim.reset_counts()
    assert count >= 2
    return count


def _restamp(home: Path, when: datetime) -> None:
    """The saved view as a clock at `when` would have saved it (every time in it moved)."""
    path = _state(home) / store.VIEW_FILE
    data = json.loads(path.read_text("utf-8"))
    data["updated_at"] = when.isoformat()
    for provider in data["providers"]:
        provider["fetched_at"] = provider["last_success"] = when.isoformat()
    path.write_text(json.dumps(data), "utf-8")


def _check_output(fmt: str, out: str) -> None:
    """Each consumer's own rules (see tests/unit/test_bars_hostile.py for the grammar)."""
    assert "Traceback" not in out
    if fmt == "polybar":
        assert "\n" not in out.rstrip("\n")
        tags = re.findall(r"%\{([^}]*)\}", out)
        assert len(tags) == 2 and all(re.fullmatch(r"F#[0-9A-F]{6}|F-", t) for t in tags), out
    elif fmt == "i3blocks":
        lines = out.rstrip("\n").split("\n")
        assert len(lines) == 3 and re.fullmatch(r"#[0-9A-F]{6}", lines[2]), lines
        assert not any(ch in line for line in lines for ch in "\x07\x1b\u202e\r")
    elif fmt == "waybar":
        doc = json.loads(out)
        for field in ("text", "tooltip"):
            root = ET.fromstring(f"<markup>{doc[field]}</markup>")
            assert all(e.tag == "b" for e in list(root.iter())[1:]), doc[field]
    else:
        families = list(text_string_to_metric_families(out))
        for family in families:
            keys = [tuple(sorted(s.labels.items())) for s in family.samples]
            assert len(keys) == len(set(keys)), family.name


def test_hostile_text_in_the_saved_numbers_in_every_format(sim: Simulator, home: Path) -> None:
    """Provider text (names, model and bucket names, plan, errors) and local text (labels) as
    the tray saved them, printed by the real CLI; the same label twice makes two series."""
    error = ErrorInfo(ErrorKind.API_ERROR, provider=HOSTILE, status=200, detail=HOSTILE)
    windows = (Window(id="%{A:x:}\n<", label=HOSTILE, used_percent=60.0),
               Window(id=HOSTILE, label=HOSTILE, used_percent=30.0,
                      label_key="window.model_5h", label_params=(("model", HOSTILE),)))
    now = datetime.now(timezone.utc)
    usage = ProviderUsage(id="antigravity", name=HOSTILE, fetched_at=now, accounts=(
        Account(HOSTILE, plan=HOSTILE, windows=windows),
        Account(HOSTILE, plan=HOSTILE, windows=windows), Account("x", error=error)))
    view = TrayView(providers=(ProviderStatus(usage=usage, last_success=now, error=error),),
                    problems=(error,), updated_at=now)
    _state(home).mkdir(parents=True)
    store.save_view(view, _state(home) / store.VIEW_FILE)
    env = cli_env(home, sim)
    sim.reset_counts()
    for fmt in BAR_FORMATS:
        result = run_cli(["status", "--format", fmt, "--max-age", "3600"], env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        _check_output(fmt, result.stdout)
    assert sim.total_requests == 0  # the saved numbers were printed


def test_the_demo_waybar_tooltip_is_valid_markup(home: Path) -> None:
    result = run_cli(["--demo", "status", "--format", "waybar", "--max-age", "0"], cli_env(home))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    _check_output("waybar", result.stdout)
    assert "Claude &amp; GPT" in doc["tooltip"]
    assert len(doc["tooltip"].split("\n")) < 60  # a few lines per provider, not the report


def test_a_saved_view_stamped_in_the_future_is_refreshed(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    _restamp(home, datetime.now(timezone.utc) + timedelta(days=2))  # the clock ran ahead
    sim.reset_counts()
    result = run_cli(["status", "--format", "waybar"], env)  # --max-age 60 by default
    assert result.returncode == 0 and sim.total_requests >= 2  # not frozen: refreshed
    assert "stale" not in json.loads(result.stdout)["class"]
    saved = json.loads((_state(home) / store.VIEW_FILE).read_text("utf-8"))
    assert datetime.fromisoformat(saved["updated_at"]) <= datetime.now(timezone.utc)
    sim.reset_counts()
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    assert sim.total_requests == 0  # and the corrected view is used again as usual


def test_a_future_view_with_a_failed_refresh_is_stale_and_guard_says_69(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    _restamp(home, datetime.now(timezone.utc) + timedelta(days=2))
    sim.set_scenario("zai", "http_500")
    sim.set_scenario("zhipu", "http_500")
    doc = json.loads(run_cli(["status", "--format", "waybar"], env).stdout)
    assert "stale" in doc["class"], doc
    guard = run_cli(["guard", "--provider", "zai", "--max-used", "99"], env)
    assert guard.returncode == 69, guard.stdout + guard.stderr


def test_the_age_shown_is_the_numbers_age_when_a_provider_is_down(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    _restamp(home, datetime.now(timezone.utc) - timedelta(minutes=42))
    sim.set_scenario("zai", "http_500")
    sim.set_scenario("zhipu", "http_500")
    doc = json.loads(run_cli(["status", "--format", "waybar", "--max-age", "0"], env).stdout)
    assert "(42m old)" in doc["text"] or "(43m old)" in doc["text"], doc
    polybar = run_cli(["status", "--format", "polybar"], env).stdout
    assert re.search(r"\(4[23]m old\)", polybar), polybar
    metrics = run_cli(["status", "--format", "prometheus"], env).stdout
    (age,) = [s.value for f in text_string_to_metric_families(metrics)
              if f.name == "mystatus_age_seconds" for s in f.samples]
    assert age >= 42 * 60
    as_json = json.loads(run_cli(["status", "--json", "--max-age", "60"], env).stdout)
    assert as_json["saved"]["age_seconds"] >= 42 * 60


def test_guard_is_69_never_0_when_the_provider_failed(sim: Simulator, home: Path) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["guard", "--provider", "zai", "--max-used", "99"], env).returncode == 0
    sim.set_scenario("zai", "http_500")
    failed = run_cli(["guard", "--provider", "zai", "--max-used", "99", "--max-age", "0",
                      "--json"], env)
    assert failed.returncode == 69, failed.stdout + failed.stderr
    verdict = json.loads(failed.stdout)
    assert verdict["exit"] == 69 and verdict["within"] is False
    assert verdict["message"].startswith("UNAVAILABLE")
    assert ZAI_KEY not in failed.stdout + failed.stderr


def test_a_lock_that_cannot_be_opened_refreshes_without_it(sim: Simulator, home: Path) -> None:
    """A directory where the lock file should be: no lock for anyone (root included)."""
    write_auth(home, AUTH)
    (_state(home) / LOCK_FILE).mkdir(parents=True)
    env = cli_env(home, sim)
    for args in (["status", "--format", "waybar", "--max-age", "0"],
                 ["status", "--json", "--max-age", "0"],
                 ["guard", "--provider", "zhipu", "--max-used", "99", "--max-age", "0"]):
        sim.reset_counts()
        result = run_cli(args, env)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        notices = [line for line in result.stderr.splitlines() if "refresh lock" in line]
        assert len(notices) == 1, result.stderr  # one line that names the fix
        assert sim.total_requests >= 2  # refreshed all the same
    waybar = json.loads(run_cli(["status", "--format", "waybar", "--max-age", "0"], env).stdout)
    assert waybar["class"] != "error" and waybar["text"].endswith("% weekly")


def _hold_lock(state: Path) -> subprocess.Popen[str]:
    code = textwrap.dedent(f"""
        import fcntl, sys
        fh = open({str(state / LOCK_FILE)!r}, "a+b")
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        print("held", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_stopped_lock_holder_costs_a_bar_a_few_seconds_not_a_hang(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    assert run_cli(["status", "--format", "waybar"], env).returncode == 0
    holder = _hold_lock(_state(home))
    os.kill(holder.pid, signal.SIGSTOP)
    try:
        sim.reset_counts()
        # 30 s was the old wait: the bound turns that hang into a failure
        result = run_cli(["status", "--format", "waybar", "--max-age", "0"], env, timeout=25)
    finally:
        os.kill(holder.pid, signal.SIGCONT)
        holder.kill()
        holder.communicate(timeout=10)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert "stale" in doc["class"] and doc["text"].endswith("old)"), doc
    assert sim.total_requests == 0  # the saved numbers, marked stale


def _waiting_on(pid: int, lock: Path) -> bool:
    """Has process `pid` opened the lock file (it is waiting for it), or ended?"""
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(lock)
                   for fd in os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, ProcessLookupError):
        return True
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_twenty_bar_calls_with_max_age_0_make_one_refresh(
    sim: Simulator, home: Path, tmp_path: Path
) -> None:
    """The test holds the lock until all twenty wait for it; then one refreshes and the
    others take what it saved (it was refreshed after they began), instead of one each."""
    per_refresh = _one_refresh_requests(sim, tmp_path)
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    lock = _state(home) / LOCK_FILE
    lock.parent.mkdir(parents=True)
    with open(lock, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        procs = [subprocess.Popen([sys.executable, "-m", "tray_app", "status", "--format",
                                   "waybar", "--max-age", "0"], env=env, cwd=home,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  encoding="utf-8") for _ in range(20)]
        pending = list(procs)
        while pending:  # wait on state: every call has opened the lock file
            pending = [p for p in pending if not _waiting_on(p.pid, lock)]
            if pending:
                # blocks briefly (or until that call ends), never a busy loop
                with contextlib.suppress(subprocess.TimeoutExpired):
                    pending[0].wait(timeout=0.05)
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err for _, err in outputs]
    texts = {json.loads(out)["text"] for out, _ in outputs}
    assert len(texts) == 1, texts
    assert sim.total_requests == per_refresh  # one refresh, not one per call


def test_output_keeps_an_existing_files_mode_and_chooses_one_for_a_new_file(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, AUTH)
    env = cli_env(home, sim)
    textfile = home / "textfile"
    textfile.mkdir()
    existing = textfile / "mystatus.prom"
    existing.write_text("", "utf-8")
    existing.chmod(0o644)  # made world-readable for node_exporter
    for fmt, extra, target, mode in (
        ("prometheus", [], existing, 0o644),
        ("prometheus", ["--metrics-labels", "hashed"], textfile / "hashed.prom", 0o644),
        ("prometheus", ["--metrics-labels", "none"], textfile / "none.prom", 0o644),
        ("prometheus", [], textfile / "full.prom", 0o600),
        ("json", ["--max-age", "60"], textfile / "status.json", 0o600),
        ("polybar", [], textfile / "bar.txt", 0o644),
    ):
        result = run_cli(["status", "--format", fmt, *extra, "--output", str(target)], env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        got = stat.S_IMODE(target.stat().st_mode)
        assert got == mode, (fmt, extra, oct(got))
        if target.name == "full.prom":
            assert "0600" in result.stderr and "--metrics-labels" in result.stderr
    private = textfile / "private.prom"
    private.write_text("", "utf-8")
    private.chmod(0o640)
    run_cli(["status", "--format", "prometheus", "--metrics-labels", "none", "--output",
             str(private)], env)
    assert stat.S_IMODE(private.stat().st_mode) == 0o640  # the user's choice stays
    assert not [p.name for p in textfile.iterdir() if p.name.startswith(".")]  # no temp file


def test_an_output_file_that_cannot_be_written_is_one_line_not_a_traceback(
    sim: Simulator, home: Path
) -> None:
    write_auth(home, AUTH)
    blocker = home / "not-a-folder"
    blocker.write_text("x", "utf-8")  # its "folder" is a file: no one can write below it
    result = run_cli(["status", "--format", "prometheus", "--output",
                      str(blocker / "mystatus.prom")], cli_env(home, sim))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "cannot write" in result.stderr and result.stdout == ""
