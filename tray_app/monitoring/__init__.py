"""Monitoring: what happens to a `Snapshot` after the engine made it, toolkit-free: the last-good
merge and backoff (state, backoff), the published view (view), alert decisions (alerts), reset
cycles (cycles), pace and run-out forecast (pace, pace_text), the saved view (store), the refresh
loop (poller) and the shared wording. The tray, the CLI and the status
bars are views on top of it; nothing here imports a UI toolkit."""
