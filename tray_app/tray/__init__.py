"""The tray app. Pure parts (no toolkit): `state` (last-good merge, staleness), `backoff`,
`icon` (Pillow renderer), `menu` (entries as plain data), `alerts` (notification decisions),
`store` (atomic JSON persistence). Adapters: `pystray_adapter` (sole pystray importer),
`notifier` (sole plyer importer), `dialog` (Tk). `poller` is the one background thread and
`app` wires everything; `Icon.run()` stays on the main thread.
"""
