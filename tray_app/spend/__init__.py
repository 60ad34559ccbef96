"""Spend: tokens and cost from the coding agents' own logs, read only, incremental, beside the
quotas. The data flow, one small module per step:

    sources/ (claude_code, codex, opencode: where the logs are, one line or row → `Usage`)
      → scanner (incremental, streaming: per file an offset and a fingerprint; chunked reads up
        to the last complete line; memory bounded whatever the file size)
      → store (SQLite in the state dir: per-file offsets, per-minute UTC aggregates, Claude's
        per-message dedupe keys)
      → prices (the genai-prices adapter; `[prices]` in the config overrides)
      → report (rows and totals for a zone, a range and a grouping)
      → views (cli/spend.py, menu.py for the tray, series.py for the History chart).

Nothing here writes, creates or refreshes another program's files; the scan never launches an
agent's CLI. The tray runs the scan in a short-lived child process (child.py): its own RSS does
not move.
"""
