"""Provider status pages (outages): which providers publish a machine-readable status feed
(`pages.py`), the pure reader of an Atlassian Statuspage `summary.json` (`feed.py`) into
`Outage`s that concern the product we query (`model.py`), the poller that asks at most every
few minutes, beside the quota refresh and never delaying it (`watch.py`), the start/resolved
notification decision (`alerts.py`) and the wording every view shares (`text.py`).

Toolkit-free; the tray, the CLI, the bars and the MCP server only read what it found."""
