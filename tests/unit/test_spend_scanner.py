"""The spend scanner and store on generated Claude Code and Codex logs: dedupe, spaced and
compact lines, malformed lines, appends (a half-written line waits), truncation, replacement,
deleted files, Codex's snapshots and model across runs, and local days in several zones."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tray_app.spend import report, scanner, zone
from tray_app.spend.store import Store

CLAUDE_MODEL = "claude-sonnet-4-5-20250929"


def claude_line(msg: str, req: str, stamp: str, out: int, *, inp: int = 10, read: int = 100,
                write: int = 5, model: str = CLAUDE_MODEL, spaced: bool = False) -> str:
    entry = {"type": "assistant", "timestamp": stamp, "requestId": req, "sessionId": "s",
             "message": {"id": msg, "model": model, "role": "assistant",
                         "content": [{"type": "text", "text": "ok"}],
                         "usage": {"input_tokens": inp, "output_tokens": out,
                                   "cache_creation_input_tokens": write,
                                   "cache_read_input_tokens": read}}}
    text = json.dumps(entry) if spaced else json.dumps(entry, separators=(",", ":"))
    return text + "\n"


def codex_line(kind: str, stamp: str, payload: dict[str, Any]) -> str:
    return json.dumps({"timestamp": stamp, "type": kind, "payload": payload},
                      separators=(",", ":")) + "\n"


def usage(inp: int, cached: int, out: int, reasoning: int) -> dict[str, int]:
    return {"input_tokens": inp, "cached_input_tokens": cached, "output_tokens": out,
            "reasoning_output_tokens": reasoning, "total_tokens": inp + out}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"CLAUDE_CONFIG_DIR": str(tmp_path / "claude"), "CODEX_HOME": str(tmp_path / "codex"),
            "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "state" / "spend.sqlite3")


def claude_file(env: dict[str, str], name: str = "a.jsonl") -> Path:
    path = Path(env["CLAUDE_CONFIG_DIR"]) / "projects" / "proj" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def codex_file(env: dict[str, str], name: str = "rollout-2026-12-01T10-00-00-a.jsonl") -> Path:
    path = Path(env["CODEX_HOME"]) / "sessions" / "2026" / "12" / "01" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def rows(store: Store, zone_name: str = "UTC", by: str = "day") -> dict[tuple[Any, ...], Any]:
    z = zone.named(zone_name)
    built = report.build(store.groups(*report.minute_bounds(z, None, None)), z, by=by)
    return {(r.date, r.tool, r.model): r for r in built.rows}


def tokens(row: Any) -> tuple[int, int, int, int, int]:
    return (row.input_tokens, row.output_tokens, row.cache_read_tokens, row.cache_write_tokens,
            row.reasoning_tokens)


def test_streamed_pair_counts_once_with_its_largest_figures(env: dict[str, str],
                                                           store: Store) -> None:
    path = claude_file(env)
    path.write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 3)
                    + claude_line("m1", "r1", "2026-12-01T10:00:02.000Z", 40)
                    + claude_line("m2", "r2", "2026-12-01T11:00:00.000Z", 7))
    scanner.scan(store, env)
    row = rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)]
    assert tokens(row) == (20, 47, 200, 10, 0)


def test_pair_split_across_runs_and_files_counts_once(env: dict[str, str],
                                                      store: Store) -> None:
    path = claude_file(env)
    path.write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 3))
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 3
    with path.open("a") as f:  # the rest of the stream arrives in the next run
        f.write(claude_line("m1", "r1", "2026-12-01T10:00:05.000Z", 90))
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 90
    # a resumed session repeats the entry in another file: still once
    claude_file(env, "b.jsonl").write_text(claude_line("m1", "r1", "2026-12-01T10:00:05.000Z",
                                                       90))
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 90
    # the first file goes away: the copy in the second still counts
    path.unlink()
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 90


def test_spaced_and_compact_lines_count_malformed_are_skipped_and_counted(
        env: dict[str, str], store: Store) -> None:
    claude_file(env).write_text(
        claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5)
        + claude_line("m2", "r2", "2026-12-01T10:01:00.000Z", 6, spaced=True)
        + '{"type":"assistant","message":{"usage":{"input_tokens":1, broken\n'
        + "\n" + '{"type":"user","message":{"content":"no figures here"}}\n'
        + claude_line("m3", "r3", "2026-12-01T10:02:00.000Z", 7))
    stats = scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 18
    assert stats.skipped_lines == 1


def test_half_written_line_waits_for_the_next_run(env: dict[str, str], store: Store) -> None:
    path = claude_file(env)
    whole = claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5)
    second = claude_line("m2", "r2", "2026-12-01T10:05:00.000Z", 9)
    path.write_text(whole + second[:40])
    first = scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 5
    assert first.skipped_lines == 0
    with path.open("a") as f:
        f.write(second[40:])
    again = scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 14
    assert again.bytes_read == len(second)  # only the unread bytes
    nothing = scanner.scan(store, env)
    assert nothing.bytes_read == 0


def test_truncated_and_replaced_files_are_read_again(env: dict[str, str],
                                                     store: Store) -> None:
    path = claude_file(env)
    path.write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5)
                    + claude_line("m2", "r2", "2026-12-01T10:05:00.000Z", 9))
    scanner.scan(store, env)
    path.write_text(claude_line("m3", "r3", "2026-12-01T10:00:00.000Z", 4))  # shrank
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 4
    # replaced by a file of the same size and longer: new inode, other first bytes
    fresh = path.with_name("new.tmp")
    fresh.write_text(claude_line("m4", "r4", "2026-12-01T10:00:00.000Z", 6)
                     + claude_line("m5", "r5", "2026-12-01T10:00:00.000Z", 1))
    os.replace(fresh, path)
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 7


def test_rewritten_in_place_with_other_first_bytes_is_read_again(
        env: dict[str, str], store: Store) -> None:
    path = claude_file(env)
    path.write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5))
    scanner.scan(store, env)
    with path.open("r+") as f:  # same inode, same size so far, other content, then longer
        f.write(claude_line("m9", "r9", "2026-12-01T10:00:00.000Z", 8)
                + claude_line("m8", "r8", "2026-12-01T10:00:00.000Z", 2))
    scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 10


def test_deleted_files_drop_out(env: dict[str, str], store: Store) -> None:
    a, b = claude_file(env, "a.jsonl"), claude_file(env, "b.jsonl")
    a.write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5))
    b.write_text(claude_line("m2", "r2", "2026-12-01T10:00:00.000Z", 6))
    scanner.scan(store, env)
    b.unlink()
    stats = scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 5
    assert stats.files == 1
    assert str(b) not in store.files()


def test_codex_snapshots_and_model_across_runs(env: dict[str, str], store: Store) -> None:
    path = codex_file(env)
    path.write_text(
        codex_line("session_meta", "2026-12-01T10:00:00.000Z", {"id": "x"})
        + codex_line("turn_context", "2026-12-01T10:00:00.000Z", {"model": "gpt-5-codex"})
        + codex_line("event_msg", "2026-12-01T10:00:01.000Z",
                     {"type": "token_count", "info": None}))
    scanner.scan(store, env)
    assert rows(store) == {}
    first = usage(1000, 200, 50, 20)
    second_total = usage(3000, 1200, 80, 30)
    with path.open("a") as f:  # the model is known from the earlier run only
        f.write(codex_line("event_msg", "2026-12-01T10:00:02.000Z",
                           {"type": "token_count",
                            "info": {"total_token_usage": first, "last_token_usage": first}}))
        f.write(codex_line("event_msg", "2026-12-01T10:00:03.000Z",  # the same snapshot again
                           {"type": "token_count",
                            "info": {"total_token_usage": first, "last_token_usage": first}}))
        f.write(codex_line("event_msg", "2026-12-01T10:00:04.000Z",  # cumulative only
                           {"type": "token_count",
                            "info": {"total_token_usage": second_total}}))
    scanner.scan(store, env)
    row = rows(store)[("2026-12-01", "codex", "gpt-5-codex")]
    # input without the cached part; output with reasoning, reasoning on its own
    assert tokens(row) == (3000 - 1200, 80, 1200, 0, 30)


def test_codex_model_switch_applies_to_later_events(env: dict[str, str],
                                                    store: Store) -> None:
    one, two = usage(100, 0, 10, 0), usage(300, 0, 30, 0)
    codex_file(env).write_text(
        codex_line("turn_context", "2026-12-01T10:00:00.000Z", {"model": "gpt-5-codex"})
        + codex_line("event_msg", "2026-12-01T10:00:01.000Z",
                     {"type": "token_count", "info": {"total_token_usage": one,
                                                      "last_token_usage": one}})
        + codex_line("turn_context", "2026-12-01T10:01:00.000Z", {"model": "gpt-5.1-codex"})
        + codex_line("event_msg", "2026-12-01T10:01:01.000Z",
                     {"type": "token_count", "info": {"total_token_usage": two,
                                                      "last_token_usage": usage(200, 0, 20, 0)}}))
    scanner.scan(store, env)
    found = rows(store)
    assert found[("2026-12-01", "codex", "gpt-5-codex")].input_tokens == 100
    assert found[("2026-12-01", "codex", "gpt-5.1-codex")].input_tokens == 200


@pytest.mark.parametrize(("zone_name", "stamps", "days"), [
    # Asia/Kolkata is UTC+05:30: 18:29 UTC is 23:59, 18:30 UTC is the next day
    ("Asia/Kolkata", ["2026-12-01T18:29:00.000Z", "2026-12-01T18:30:00.000Z"],
     ["2026-12-01", "2026-12-02"]),
    # Asia/Kathmandu is UTC+05:45
    ("Asia/Kathmandu", ["2026-12-01T18:14:00.000Z", "2026-12-01T18:15:00.000Z"],
     ["2026-12-01", "2026-12-02"]),
    # New York: EDT (UTC-4) until 2026-11-01 06:00 UTC, EST (UTC-5) after
    ("America/New_York", ["2026-10-31T03:59:00.000Z", "2026-10-31T04:00:00.000Z",
                          "2026-11-02T04:59:00.000Z", "2026-11-02T05:00:00.000Z"],
     ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"]),
    ("UTC", ["2026-12-01T23:59:59.999Z", "2026-12-02T00:00:00.000Z"],
     ["2026-12-01", "2026-12-02"]),
])
def test_midnight_in_each_zone_from_one_scan(env: dict[str, str], store: Store,
                                            zone_name: str, stamps: list[str],
                                            days: list[str]) -> None:
    claude_file(env).write_text("".join(
        claude_line(f"m{i}", f"r{i}", stamp, 10 ** i) for i, stamp in enumerate(stamps)))
    scanner.scan(store, env)  # scanned once; any zone can be asked afterwards
    found = rows(store, zone_name)
    assert sorted(found) == [(d, "claude-code", CLAUDE_MODEL) for d in days]
    for i, d in enumerate(days):
        assert found[(d, "claude-code", CLAUDE_MODEL)].output_tokens == 10 ** i


def test_since_until_are_local_days(env: dict[str, str], store: Store) -> None:
    claude_file(env).write_text(
        claude_line("m1", "r1", "2026-12-01T18:29:00.000Z", 1)
        + claude_line("m2", "r2", "2026-12-01T18:30:00.000Z", 2)
        + claude_line("m3", "r3", "2026-12-03T00:00:00.000Z", 4))
    scanner.scan(store, env)
    z = zone.named("Asia/Kolkata")
    day = date(2026, 12, 2)
    built = report.build(store.groups(*report.minute_bounds(z, day, day)), z,
                         since=day, until=day)
    assert [(r.date, r.output_tokens) for r in built.rows] == [("2026-12-02", 2)]


def test_line_longer_than_the_limit_is_skipped_without_being_held(
        env: dict[str, str], store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "MAX_LINE", 1000)
    monkeypatch.setattr(scanner, "CHUNK", 256)
    claude_file(env).write_text(
        claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5)
        + '{"type":"user","text":"' + "x" * 5000 + '"}\n'
        + claude_line("m2", "r2", "2026-12-01T10:00:00.000Z", 6))
    stats = scanner.scan(store, env)
    assert rows(store)[("2026-12-01", "claude-code", CLAUDE_MODEL)].output_tokens == 11
    assert stats.skipped_lines == 1


def test_small_chunks_give_the_same_figures(env: dict[str, str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from tray_app.spend import synthetic

    options = synthetic.Options(spaced_every=5, malformed_every=3)
    synthetic.claude_corpus(Path(env["CLAUDE_CONFIG_DIR"]), 200_000, options)
    synthetic.codex_corpus(Path(env["CODEX_HOME"]), 100_000, options)
    big = Store(tmp_path / "big.sqlite3")
    first = scanner.scan(big, env)
    monkeypatch.setattr(scanner, "CHUNK", 97)
    small = Store(tmp_path / "small.sqlite3")
    second = scanner.scan(small, env)
    assert rows(big) == rows(small)
    assert first.skipped_lines == second.skipped_lines > 0
    assert first.bytes_read == second.bytes_read


def test_a_second_store_run_concurrently_sees_the_first_ones_offsets(
        env: dict[str, str], tmp_path: Path) -> None:
    claude_file(env).write_text(claude_line("m1", "r1", "2026-12-01T10:00:00.000Z", 5))
    codex_file(env).write_text(
        codex_line("turn_context", "2026-12-01T10:00:00.000Z", {"model": "gpt-5-codex"})
        + codex_line("event_msg", "2026-12-01T10:00:01.000Z",
                     {"type": "token_count", "info": {"last_token_usage": usage(10, 0, 1, 0)}}))
    path = tmp_path / "shared.sqlite3"
    one, two = Store(path), Store(path)
    scanner.scan(one, env)
    again = scanner.scan(two, env)
    assert again.bytes_read == 0
    assert rows(two)[("2026-12-01", "codex", "gpt-5-codex")].input_tokens == 10
