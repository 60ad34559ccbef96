"""Leak suite, status bars and metrics: with the planted credentials of test_secret_leaks.py
(every provider, servers that echo the Authorization header back), no token reaches any bar
format, guard, an `--output` file or the state folder; with `--metrics-labels hashed|none` no
e-mail reaches the metrics either, and the hash key itself is never printed."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from mystatus_testkit.cli import FILE_KEYRING, cli_env, run_cli
from prometheus_client.openmetrics.parser import text_string_to_metric_families
from test_secret_leaks import KEY_ENV, _plant, assert_clean, assert_files_clean

from tray_app.simulator import Simulator

EMAILS = ("g1@leak.example", "g2@leak.example", "g3@leak.example", "leak.test@example.com",
          "codex.leak@example.com")
ECHO = {p: "echo_auth" for p in ("openai", "zhipu", "zai", "github", "antigravity",
                                 "anthropic", "opencode-go", "kimi", "minimax")}


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(timeout_delay=3.0) as server:
        yield server


def _env(sim: Simulator, home: Path) -> tuple[dict[str, str], list[Path]]:
    """The CLI's environment with every credential of the leak suite planted, and their files
    (the only files under HOME allowed to hold a planted token)."""
    planted, keyring = _plant(home)
    return cli_env(home, sim, PYTHON_KEYRING_BACKEND=FILE_KEYRING,
                   MYSTATUS_TEST_KEYRING=str(keyring), MYSTATUS_TIMEOUT="2", **KEY_ENV), planted


@pytest.mark.parametrize("echo", [False, True])
def test_no_token_in_any_bar_format_guard_or_output_file(sim: Simulator, tmp_path: Path,
                                                         echo: bool) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env, planted = _env(sim, home)
    if echo:
        for prefix, name in ECHO.items():
            sim.set_scenario(prefix, name)
    out_file = home / "metrics.prom"
    runs = [["status", "--format", fmt, "--max-age", "0"]
            for fmt in ("waybar", "polybar", "i3blocks", "prometheus")]
    runs += [["guard", "--provider", p, "--max-used", "90", "--max-age", "0", "--json"]
             for p in ("openai", "antigravity", "copilot")]
    runs += [["status", "--format", "prometheus", "--output", str(out_file)],
             ["--log-level", "DEBUG", "status", "--format", "waybar", "--max-age", "0"]]
    for args in runs:
        result = run_cli(args, env)
        assert "Traceback" not in result.stderr, (args, result.stderr[-2000:])
        assert_clean(result.stdout, f"stdout of {args}")
        assert_clean(result.stderr, f"stderr of {args}")
    assert_clean(out_file.read_text("utf-8"), "the --output file")
    assert assert_files_clean(home, planted) >= 2  # the saved view, the metrics file...


@pytest.mark.parametrize("labels", ["hashed", "none"])
def test_metrics_labels_keep_e_mails_out_of_the_metrics(sim: Simulator, tmp_path: Path,
                                                        labels: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env, _ = _env(sim, home)
    full = run_cli(["status", "--format", "prometheus", "--max-age", "0"], env).stdout
    assert any(email in full for email in EMAILS)  # by default the e-mails are the labels
    target = home / "textfile" / "mystatus.prom"
    result = run_cli(["status", "--format", "prometheus", "--metrics-labels", labels,
                      "--output", str(target)], env)
    assert result.returncode == 0, result.stderr
    text = target.read_text("utf-8")
    assert not any(email in text or email in result.stderr for email in EMAILS)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # numbers only: readable by the exporter
    families = list(text_string_to_metric_families(text))
    accounts = {s.labels["account"] for f in families for s in f.samples if "account" in s.labels}
    if labels == "none":
        assert accounts == {""}
    else:
        assert accounts - {""} and all(a.startswith("h-") for a in accounts - {""})
        key = (home / ".local" / "state" / "mystatus-tray" / "metrics.key").read_bytes()
        assert key.hex() not in text and key.hex()[:12] not in text
        again = run_cli(["status", "--format", "prometheus", "--metrics-labels", "hashed"], env)
        assert {s.labels["account"] for f in text_string_to_metric_families(again.stdout)
                for s in f.samples if "account" in s.labels} == accounts  # stable
    for family in families:  # two Antigravity accounts may share an e-mail: still unique
        keys = [tuple(sorted(s.labels.items())) for s in family.samples]
        assert len(keys) == len(set(keys)), family.name


def test_the_config_key_chooses_the_labels(sim: Simulator, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env, _ = _env(sim, home)
    config = home / ".config" / "mystatus-tray" / "config.toml"
    config.write_text(config.read_text("utf-8") + 'metrics_labels = "none"\n', "utf-8")
    text = run_cli(["status", "--format", "prometheus", "--max-age", "0"], env).stdout
    assert "mystatus_up" in text and not any(email in text for email in EMAILS)
