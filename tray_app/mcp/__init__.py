"""`mystatus-tray mcp`: a Model Context Protocol server over stdio for coding agents, a view
like the status bars (the last step of the data flow).

`answers.py` computes the tools' JSON from the shared saved view (no SDK import, unit-tested);
`server.py` is the only importer of the `mcp` SDK and registers the read-only tools. The tray
never imports this package (tests/unit/test_tray_wiring.py)."""
