"""Generated agent logs in the shapes Claude Code and Codex write (for tests, the bench and the
demo): deterministic, streamed to disk (any size without holding it in memory).

Shapes transcribed from public facts (tests/fixtures/README.md → "spend"): Claude Code's
`projects/<project>/<session>.jsonl` (user lines with tool results, assistant answers streamed as
several lines with the same `message.id`/`requestId` and a growing `output_tokens`, resumed
sessions repeating entries in a new file); Codex's `sessions/YYYY/MM/DD/rollout-*.jsonl`
(`session_meta`, `turn_context` with the model, `response_item`s, `event_msg` `token_count`
with `info` null, per-turn `last_token_usage` and cumulative `total_token_usage`, repeated
snapshots). Lines are compact JSON (as both tools write them) or, on request, written with
spaces as Python's json.dumps does."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, TextIO

CLAUDE_MODELS = ("claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101",
                 "claude-haiku-4-5-20251001")
CODEX_MODELS = ("gpt-5-codex", "gpt-5.1-codex")
_WORDS = ("the", "file", "was", "read", "and", "change", "applied", "to", "module", "so",
          "that", "test", "passes", "when", "scanner", "reads", "appended", "bytes", "only",
          "keeps", "memory", "bounded", "while", "parsing", "usage", "from", "each", "line",
          "of", "log", "written", "by", "agent")


def _filler(rng: random.Random, size: int) -> str:
    out: list[str] = []
    length = 0
    while length < size:
        word = _WORDS[rng.randrange(len(_WORDS))]
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Options:
    start: datetime = datetime(2026, 11, 20, tzinfo=timezone.utc)
    days: int = 14
    spaced_every: int = 0  # every n-th line written with spaces (0 = none)
    malformed_every: int = 0  # every n-th file gets a malformed line (0 = none)
    text_bytes: int = 600  # typical text of a message (tool results are larger)
    seed: int = 1


class _Writer:
    def __init__(self, handle: TextIO, options: Options) -> None:
        self.handle = handle
        self.options = options
        self.count = 0
        self.bytes = 0

    def line(self, obj: dict[str, Any]) -> None:
        self.count += 1
        spaced = self.options.spaced_every and self.count % self.options.spaced_every == 0
        text = json.dumps(obj) if spaced else json.dumps(obj, separators=(",", ":"))
        self.handle.write(text + "\n")
        self.bytes += len(text) + 1


def _session_times(rng: random.Random, options: Options) -> datetime:
    day = rng.randrange(options.days)
    # busy hours, with a share just before and after midnight in several zones
    minute = rng.choice((rng.randrange(24 * 60), 23 * 60 + rng.randrange(60),
                         rng.randrange(90), 17 * 60 + 30 + rng.randrange(60)))
    return options.start + timedelta(days=day, minutes=minute, seconds=rng.randrange(60))


def claude_session(folder: Path, index: int, rng: random.Random, options: Options,
                   messages: int, models: Sequence[str] = CLAUDE_MODELS,
                   resume_from: list[dict[str, Any]] | None = None
                   ) -> tuple[int, list[dict[str, Any]]]:
    """One session file; returns (bytes written, the assistant entries for a resume)."""
    session = f"{index:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
    path = folder / f"{session}.jsonl"
    moment = _session_times(rng, options)
    model = models[index % len(models)]
    answers: list[dict[str, Any]] = []
    context = rng.randrange(8_000, 20_000)
    with open(path, "w", encoding="utf-8") as handle:
        out = _Writer(handle, options)
        for old in resume_from or ():  # a resumed session repeats earlier entries
            out.line(old)
        for n in range(messages):
            moment += timedelta(seconds=rng.randrange(5, 240))
            tool_result = _filler(rng, rng.randrange(options.text_bytes, options.text_bytes * 6))
            out.line({"parentUuid": None, "isSidechain": False, "userType": "external",
                      "cwd": "/home/dev/project", "sessionId": session, "version": "2.0.42",
                      "gitBranch": "main", "type": "user",
                      "message": {"role": "user", "content": [
                          {"tool_use_id": f"toolu_{index:06d}{n:05d}", "type": "tool_result",
                           "content": tool_result}]},
                      "uuid": f"u-{index}-{n}", "timestamp": _iso(moment)})
            fresh = rng.randrange(1, 40)
            write = rng.randrange(0, 4_000)
            final_out = rng.randrange(20, 2_500)
            msg_id = f"msg_{index:06d}{n:05d}{rng.getrandbits(24):06x}"
            req_id = f"req_{index:06d}{n:05d}{rng.getrandbits(24):06x}"
            text = _filler(rng, rng.randrange(options.text_bytes // 4, options.text_bytes))
            streamed = rng.choice((1, 2, 2, 3))
            for part in range(streamed):
                moment += timedelta(milliseconds=rng.randrange(200, 4_000))
                output = final_out if part == streamed - 1 else rng.randrange(1, final_out)
                entry = {
                    "parentUuid": f"u-{index}-{n}", "isSidechain": False,
                    "userType": "external", "cwd": "/home/dev/project", "sessionId": session,
                    "version": "2.0.42", "gitBranch": "main",
                    "message": {"id": msg_id, "type": "message", "role": "assistant",
                                "model": model,
                                "content": [{"type": "text", "text": text}],
                                "stop_reason": None, "stop_sequence": None,
                                "usage": {"input_tokens": fresh,
                                          "cache_creation_input_tokens": write,
                                          "cache_read_input_tokens": context,
                                          "cache_creation": {
                                              "ephemeral_5m_input_tokens": write,
                                              "ephemeral_1h_input_tokens": 0},
                                          "output_tokens": output,
                                          "service_tier": "standard"}},
                    "requestId": req_id, "type": "assistant",
                    "uuid": f"a-{index}-{n}-{part}", "timestamp": _iso(moment)}
                out.line(entry)
                if part == streamed - 1:
                    answers.append(entry)
            context = min(context + write + rng.randrange(0, 3_000), 170_000)
        if options.malformed_every and index % options.malformed_every == 0:
            handle.write('{"type":"assistant","message":{"usage":{"input_tokens":1\n')
            out.bytes += 56
    return out.bytes, answers


def claude_corpus(home: Path, total_bytes: int, options: Options | None = None,
                  models: Sequence[str] = CLAUDE_MODELS, messages: int = 60,
                  resume_every: int = 7) -> int:
    """Claude Code logs under `home/projects/`, about `total_bytes` in all; returns the bytes."""
    options = options or Options()
    rng = random.Random(options.seed)
    written = 0
    index = 0
    last: list[dict[str, Any]] = []
    while written < total_bytes:
        folder = home / "projects" / f"-home-dev-project{index % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        resume = last[-3:] if resume_every and index % resume_every == resume_every - 1 else None
        size, last = claude_session(folder, index, rng, options, messages, models, resume)
        written += size
        index += 1
    return written


def codex_rollout(sessions: Path, index: int, rng: random.Random, options: Options,
                  turns: int, models: Sequence[str] = CODEX_MODELS) -> int:
    moment = _session_times(rng, options)
    folder = sessions / f"{moment:%Y/%m/%d}"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"rollout-{moment:%Y-%m-%dT%H-%M-%S}-{index:08x}-0000-7000-8000-000000000000.jsonl"
    total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0,
             "reasoning_output_tokens": 0, "total_tokens": 0}
    with open(folder / name, "w", encoding="utf-8") as handle:
        out = _Writer(handle, options)
        out.line({"timestamp": _iso(moment), "type": "session_meta",
                  "payload": {"id": f"{index:08x}", "timestamp": _iso(moment),
                              "cwd": "/home/dev/project", "originator": "codex_cli_rs",
                              "cli_version": "0.63.0", "source": "cli"}})
        model = models[index % len(models)]
        for turn in range(turns):
            if turn and turn % 9 == 0:  # the user switched models
                model = models[(index + turn) % len(models)]
            moment += timedelta(seconds=rng.randrange(5, 300))
            out.line({"timestamp": _iso(moment), "type": "turn_context",
                      "payload": {"cwd": "/home/dev/project", "approval_policy": "on-request",
                                  "sandbox_policy": {"mode": "workspace-write"},
                                  "model": model, "effort": "medium", "summary": "auto"}})
            out.line({"timestamp": _iso(moment), "type": "event_msg",
                      "payload": {"type": "user_message",
                                  "message": _filler(rng, options.text_bytes // 3)}})
            out.line({"timestamp": _iso(moment), "type": "event_msg",
                      "payload": {"type": "token_count", "info": None,
                                  "rate_limits": {"primary": {"used_percent": 1.0}}}})
            for _call in range(rng.randrange(1, 4)):
                moment += timedelta(seconds=rng.randrange(1, 60))
                out.line({"timestamp": _iso(moment), "type": "response_item",
                          "payload": {"type": "function_call_output", "call_id": "call_1",
                                      "output": _filler(rng, options.text_bytes * 2)}})
                fresh = rng.randrange(2_000, 40_000)
                cached = rng.randrange(0, fresh)
                output = rng.randrange(10, 3_000)
                reasoning = rng.randrange(0, output)
                last = {"input_tokens": fresh, "cached_input_tokens": cached,
                        "output_tokens": output, "reasoning_output_tokens": reasoning,
                        "total_tokens": fresh + output}
                for k in total:
                    total[k] += last[k]
                info = {"total_token_usage": dict(total), "last_token_usage": last,
                        "model_context_window": 272_000}
                event = {"timestamp": _iso(moment), "type": "event_msg",
                         "payload": {"type": "token_count", "info": info,
                                     "rate_limits": {"primary": {"used_percent": 2.0}}}}
                out.line(event)
                if rng.random() < 0.2:  # the same snapshot again (a rate-limit update)
                    moment += timedelta(seconds=1)
                    out.line({**event, "timestamp": _iso(moment)})
        if options.malformed_every and index % options.malformed_every == 0:
            handle.write('{"timestamp":"2026-12-01T00:00:00.000Z","type":"event_msg","payl\n')
            out.bytes += 67
    return out.bytes


def codex_corpus(home: Path, total_bytes: int, options: Options | None = None,
                 models: Sequence[str] = CODEX_MODELS, turns: int = 30) -> int:
    """Codex rollouts under `home/sessions/`, about `total_bytes` in all."""
    options = options or Options()
    rng = random.Random(options.seed + 1)
    written = 0
    index = 0
    while written < total_bytes:
        written += codex_rollout(home / "sessions", index, rng, options, turns, models)
        index += 1
    return written


def big_claude_file(path: Path, total_bytes: int, options: Options | None = None,
                    messages: int = 400) -> tuple[int, int]:
    """One Claude Code session file of about `total_bytes` (a 1 GB file for the memory test):
    a generated session repeated with fresh message and request ids, streamed to disk.
    Returns (bytes written, repeats)."""
    options = options or Options()
    template_dir = path.parent / f".{path.name}.template"
    template_dir.mkdir(parents=True, exist_ok=True)
    claude_session(template_dir, 0, random.Random(options.seed), options, messages)
    template_file = next(template_dir.glob("*.jsonl"))
    block = template_file.read_bytes()
    template_file.unlink()
    template_dir.rmdir()
    written = repeats = 0
    with open(path, "wb") as handle:
        while written < total_bytes:
            tag = b"%06d" % repeats
            chunk = block.replace(b'"msg_', b'"msg_' + tag).replace(b'"req_', b'"req_' + tag)
            handle.write(chunk)
            written += len(chunk)
            repeats += 1
    return written, repeats


def demo_logs(root: Path, today: date, zone: tzinfo) -> dict[str, str]:
    """The demo's logs (`spend --demo` and the History window's --demo spend panel): two weeks
    to `today` of Claude Code and Codex sessions under `root`; the environment that points the
    scanner at them (and at nothing of the user's)."""
    start = datetime.combine(today - timedelta(days=13), time(0), tzinfo=zone)
    options = Options(start=start, days=14, seed=2026)
    claude_corpus(root / "claude", 1_500_000, options, messages=15)
    codex_corpus(root / "codex", 800_000, options, turns=10)
    return {"CLAUDE_CONFIG_DIR": str(root / "claude"), "CODEX_HOME": str(root / "codex"),
            "HOME": str(root), "XDG_DATA_HOME": str(root / "data")}
