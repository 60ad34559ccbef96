"""The PyInstaller one-folder app as a user gets it (MYSTATUS_BUNDLE_EXE, built by the
`bundle` phase of tools/run-tests.sh): `status --demo --json` answers schema 1 with the five
providers; the frozen tray docks in the headless desktop per backend, refuses a second
instance, and logs to its file; autostart points at the bundle; keyring backends are found;
the token dialog runs through the hidden `--token-dialog` entry, and xorg's report window
through `--report-window`; `spend` prices as the source tree does, the tray's spend scan runs
through `--spend-scan`, its notifications through `--notify-child`, and `mcp` answers the
MCP SDK's client."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tray_app.autostart.linux import parse_exec, read_entry
from tray_app.tray.icon import IconState, fill_colour

pytestmark = pytest.mark.desktop
EXE = Path(os.environ.get("MYSTATUS_BUNDLE_EXE", "/nonexistent"))
PROVIDERS = ["openai", "zhipu", "zai", "copilot", "antigravity", "claude", "opencode-go",
             "kimi", "minimax"]


def run(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def test_status_demo_json(app_env: dict[str, str]) -> None:
    result = run("status", "--demo", "--json", env=app_env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert [p["id"] for p in data["providers"]] == PROVIDERS
    assert all(p["accounts"] and p["accounts"][0]["windows"] for p in data["providers"])


def test_keyring_backends_are_bundled(app_env: dict[str, str]) -> None:
    """keyring finds its backends through entry points, so the bundle must carry keyring's
    metadata: the PAT round-trips through the desktop's real Secret Service."""
    pat = "github_pat_11BUNDLEKEYRING0_Zx8Vq2mLr4TnKk7Pz9Ws3Yb6Jc1Fd5"
    stored = subprocess.run([str(EXE), "token", "set", "copilot"], env=app_env, input=pat + "\n",
                            capture_output=True, text=True, timeout=60)
    try:
        assert stored.returncode == 0, stored.stdout + stored.stderr
        status = run("token", "status", "copilot", env=app_env)
        assert status.returncode == 0, status.stdout + status.stderr
        assert "SecretService" in status.stdout and pat not in status.stdout + status.stderr
    finally:
        removed = run("token", "remove", "copilot", env=app_env)
    assert removed.returncode == 0, removed.stdout + removed.stderr


def test_autostart_points_at_the_bundle(app_env: dict[str, str], tmp_path: Path) -> None:
    env = dict(app_env, XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    assert run("autostart", "on", env=env).returncode == 0
    entry = read_entry((tmp_path / "cfg" / "autostart" / "mystatus-tray.desktop")
                       .read_text("utf-8"))
    assert parse_exec(entry["Exec"]) == (str(EXE),)
    assert Path(entry["Icon"]).is_file() and Path(entry["Icon"]).is_relative_to(EXE.parent)
    assert run("autostart", "off", env=env).returncode == 0


@pytest.mark.parametrize("backend", ["gtk", "appindicator", "xorg"])
def test_frozen_tray_docks_and_stays_single(
    backend: str, app_env: dict[str, str], desktop: Any, tmp_path: Path
) -> None:
    state_path, log_path = tmp_path / "state.json", tmp_path / "tray.log"
    env = dict(app_env, PYSTRAY_BACKEND=backend, GDK_GL="disable",
               MYSTATUS_DEBUG_STATE_FILE=str(state_path))
    started = time.monotonic()
    with log_path.open("wb") as log:
        proc = subprocess.Popen([str(EXE), "--demo", "--lang", "en", "--log-level", "INFO"],
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        def ready() -> dict[str, Any] | None:
            assert proc.poll() is None, log_path.read_text("utf-8", errors="replace")
            try:
                state = json.loads(state_path.read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return state if state["refreshes"] >= 1 and not state["refreshing"] else None

        state = desktop.poll(ready, 30.0, 0.1)
        assert state, log_path.read_text("utf-8", errors="replace")
        assert state["backend"] == backend
        icon = IconState(**state["icon"])
        host = desktop.icon_host(backend)
        box = desktop.poll(
            lambda: desktop.find_color(desktop.geometry(host), fill_colour(icon), tolerance=12),
            15.0, 0.2)
        if box is None:
            pytest.fail(f"no bundled icon in the tray ({desktop.screenshot('bundle-' + backend)})")
        print(f"bundle {backend}: icon {box[2]}x{box[3]} docked "
              f"{time.monotonic() - started:.1f}s after launch")

        second = run("--demo", env=env, timeout=30)
        assert second.returncode == 0 and f"process {proc.pid}" in second.stderr

        logfile = Path(app_env["XDG_STATE_HOME"]) / "mystatus-tray" / "log" / \
            "mystatus-tray-demo.log"
        assert "frozen" in logfile.read_text("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0


def test_token_dialog_runs_from_the_bundle(app_env: dict[str, str], desktop: Any) -> None:
    token = "github_pat_11BUNDLEDIALOG0_abcdefghijklmnopqrstuvwxyz"
    proc = subprocess.Popen([str(EXE), "--token-dialog", "--lang", "en"], env=app_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        def window() -> int | None:
            for wid in desktop.top_level_windows():
                if desktop.window_name(wid) == "GitHub Copilot token":
                    return int(wid)
            return None

        wid = desktop.poll(window, 20.0, 0.1)
        assert wid, f"no dialog ({desktop.screenshot('bundle-dialog')})"
        x, y, w, h = desktop.geometry(wid)
        subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2 + 4),
                        "click", "1"], check=True, timeout=10)
        time.sleep(0.3)  # let Tk take the focus before the keys arrive
        subprocess.run(["xdotool", "type", "--delay", "2", token], check=True, timeout=30)
        subprocess.run(["xdotool", "key", "Return"], check=True, timeout=10)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out.strip() == token


def test_report_window_runs_from_the_bundle(app_env: dict[str, str], desktop: Any,
                                            tmp_path: Path) -> None:
    """xorg's click window through the hidden `--report-window` entry: it shows the lines it
    is sent (CJK included) and answers a click on a button with that button's action."""
    debug = tmp_path / "window.json"
    env = dict(app_env, MYSTATUS_DEBUG_WINDOW_FILE=str(debug))
    proc = subprocess.Popen([str(EXE), "--report-window"], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    assert proc.stdin is not None and proc.stdout is not None
    message = {"lines": ["Zhipu AI · 已用 53%", "    5 小時限額: 已用 37%"],
               "buttons": [["refresh", "立即重新整理"], ["quit", "結束"]]}
    proc.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
    proc.stdin.flush()
    try:
        def shown() -> dict[str, Any] | None:
            try:
                data = json.loads(debug.read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return data if len(data["buttons"]) == 2 else None

        data = desktop.poll(shown, 20.0, 0.2)
        assert data, f"no report window ({desktop.screenshot('bundle-report-window')})"
        assert data["lines"] == message["lines"]
        time.sleep(0.5)  # the layout settles
        x, y, w, h = json.loads(debug.read_text("utf-8"))["buttons"]["quit"]
        subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                       check=True, timeout=10)
        # bounded: a click that misses (a popup over the button) fails, it does not hang
        ready, _, _ = select.select([proc.stdout], [], [], 30.0)
        assert ready, f"no answer to the click ({desktop.screenshot('bundle-report-click')})"
        assert proc.stdout.readline().strip() == "quit"
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == 0


def test_install_script_then_autostart_as_the_readme_says(app_env: dict[str, str],
                                                           tmp_path: Path) -> None:
    """README, Linux bundle: `./mystatus-tray/install.sh`, then `mystatus-tray autostart on`:
    the login entry runs the installed copy (not the build folder), by absolute path."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(app_env, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"))
    installed = subprocess.run([str(EXE.parent / "install.sh")], env=env, capture_output=True,
                               text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    link = home / ".local" / "bin" / "mystatus-tray"
    target = home / ".local" / "opt" / "mystatus-tray" / "mystatus-tray"
    assert link.resolve() == target.resolve()
    menu = read_entry((home / ".local" / "share" / "applications" / "mystatus-tray.desktop")
                      .read_text("utf-8"))
    assert parse_exec(menu["Exec"]) == (str(target),)
    assert (home / ".local/share/icons/hicolor/256x256/apps/mystatus-tray.png").is_file()

    on = subprocess.run([str(link), "autostart", "on"], env=env, capture_output=True,
                        text=True, timeout=60)
    assert on.returncode == 0, on.stderr
    login = read_entry((home / ".config" / "autostart" / "mystatus-tray.desktop")
                       .read_text("utf-8"))
    command = parse_exec(login["Exec"])
    assert Path(command[0]).resolve() == target.resolve() and len(command) == 1
    version = subprocess.run([*command, "--version"], env=env, capture_output=True, text=True,
                             timeout=60)
    assert version.stdout.startswith("mystatus-tray ")

    removed = subprocess.run([str(target.parent / "install.sh"), "--uninstall"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert removed.returncode == 0, removed.stderr
    assert not link.exists() and not target.exists()
    assert not (home / ".config" / "autostart" / "mystatus-tray.desktop").exists()


def test_history_from_the_bundle_says_the_chart_is_not_in_it(
    app_env: dict[str, str], tmp_path: Path,
) -> None:
    """The bundle leaves matplotlib out (see the spec): `history` works, `--plot` says
    clearly that the chart is not in this build and what to use instead."""
    listed = run("history", "--json", env=app_env)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["schema"] == 1
    plotted = run("history", "--plot", str(tmp_path / "chart.png"), env=app_env)
    assert plotted.returncode == 1
    assert "The chart needs matplotlib" in plotted.stderr
    assert "mystatus-tray history" in plotted.stderr
    assert not (tmp_path / "chart.png").exists()


def _spend_doc(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    doc: dict[str, Any] = json.loads(done.stdout)
    doc.pop("scan")  # how long this run took, how much it read: not the answer
    return doc


def test_spend_demo_json_prices_like_the_source(app_env: dict[str, str],
                                                tmp_path: Path) -> None:
    """`spend --demo --json` from the bundle (orjson reads the logs, genai-prices prices them):
    the same document as the source tree's, so the bundle carries genai-prices with what its
    import needs (its metadata). Both runs at the same moment; a run across midnight is
    repeated, since the demo's days move with the date."""
    for _ in range(2):
        frozen = _spend_doc([str(EXE), "spend", "--demo", "--json"], app_env)
        source = _spend_doc([sys.executable, "-m", "tray_app", "spend", "--demo", "--json"],
                            dict(app_env, XDG_STATE_HOME=str(tmp_path / "source-state")))
        if frozen["rows"][-1]["date"] == source["rows"][-1]["date"]:
            break
    assert frozen["schema"] == 1 and frozen["currency"] == "USD"
    assert {r["tool"] for r in frozen["rows"]} >= {"claude-code", "codex"}
    assert frozen["totals"]["cost_usd"] > 0
    assert {r["cost_source"] for r in frozen["rows"]} == {"prices"}, frozen["rows"]
    assert frozen == source


def test_spend_scan_child_runs_from_the_bundle(app_env: dict[str, str],
                                               tmp_path: Path) -> None:
    """The tray's spend scan in a frozen app is `<exe> --spend-scan` (spend/child.py): it reads
    Claude Code's and Codex's logs and writes the menu's summary, the same as the source's
    `python -m tray_app.spend.child` does from the same logs."""
    from tray_app.spend import synthetic

    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    options = synthetic.Options(start=today - timedelta(days=5), days=5)
    synthetic.claude_corpus(tmp_path / "claude", 200_000, options)
    synthetic.codex_corpus(tmp_path / "codex", 100_000, options)
    logs = dict(app_env, CLAUDE_CONFIG_DIR=str(tmp_path / "claude"),
                CODEX_HOME=str(tmp_path / "codex"), TZ="UTC")
    scanned = {}
    for name, argv in (("frozen", [str(EXE), "--spend-scan"]),
                       ("source", [sys.executable, "-m", "tray_app.spend.child"])):
        env = dict(logs, XDG_STATE_HOME=str(tmp_path / name))
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        scanned[name] = json.loads(
            (tmp_path / name / "mystatus-tray" / "spend-summary.json").read_text("utf-8"))
    frozen, source = scanned["frozen"], scanned["source"]
    assert frozen["schema"] == 1 and frozen["any"] is True
    assert frozen["month"] > 0 and not frozen["unknown"], frozen
    assert frozen["scan"]["files"] == source["scan"]["files"] > 0
    if frozen["day"] == source["day"]:  # not across midnight
        for key in ("today", "week", "month", "unknown", "text"):
            assert frozen[key] == source[key], key


def test_notification_child_runs_from_the_bundle(app_env: dict[str, str],
                                                  notifications: Any) -> None:
    """The tray's notifications in a frozen app go through `<exe> --notify-child`
    (tray/notify_child.py): the bundle carries dbus-python, and the text reaches the
    desktop's notification daemon over D-Bus with the tray's urgency."""
    mark = notifications.mark()
    request = {"title": "Bundle notice", "body": "5-hour limit 92 %", "urgency": "critical",
               "app_name": "mystatus-tray", "icon": "mystatus-tray", "timeout": 5}
    done = subprocess.run([str(EXE), "--notify-child"], env=app_env, input=json.dumps(request),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "dbus"
    call = notifications.wait_for("Bundle notice", since=mark)
    assert call.app_name == "mystatus-tray" and "92" in call.body
    assert call.urgency == 2 and call.expire_timeout == 0  # critical: stays until dismissed


def test_mcp_server_answers_from_the_bundle(app_env: dict[str, str]) -> None:
    """`mcp --demo` from the bundle speaks MCP on stdio to the SDK's own client: initialize,
    the three tools listed, and quota_status / spend_summary answered (the latter through
    the bundle's own `spend`, see tray_app/mcp/server.py)."""
    import anyio
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    answers: dict[str, Any] = {}

    async def talk() -> None:
        params = StdioServerParameters(command=str(EXE), args=["mcp", "--demo"], env=app_env)
        with anyio.fail_after(90):
            await session_talk(params)

    async def session_talk(params: StdioServerParameters) -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            init = await session.initialize()
            answers["server"] = init.server_info.name
            answers["tools"] = sorted(t.name for t in (await session.list_tools()).tools)
            for tool in ("quota_status", "spend_summary"):
                result = await session.call_tool(tool, {})
                assert not result.is_error, result.content
                answers[tool] = json.loads(result.content[0].text)  # type: ignore[union-attr]

    anyio.run(talk)
    assert answers["server"] == "mystatus-tray"
    assert answers["tools"] == ["quota_check", "quota_status", "spend_summary"]
    assert answers["quota_status"]["schema"] == 1
    assert [p["id"] for p in answers["quota_status"]["providers"]] == PROVIDERS
    assert answers["spend_summary"]["schema"] == 1
    assert answers["spend_summary"]["totals"]["cost_usd"] > 0
