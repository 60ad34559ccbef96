"""The providers: one module per quota API (discover accounts, fetch, parse), the registry
that lists them for the engine (registry.py) and their ids and names (names.py).

Nothing is imported here: importing `tray_app.providers.names` (the tray's menu does, before
its icon shows) must not pull in every provider, the credential readers and the HTTP client.
"""
