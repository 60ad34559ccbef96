"""A loopback HTTP server that speaks every provider's quota API (the demo and the tests).

Each provider lives under its own path prefix (base URL `http://127.0.0.1:PORT/<prefix>`),
so the app's real paths are appended exactly as in production. See `server.Simulator`.
"""

from tray_app.simulator.server import SimRequest, SimResponse, Simulator

__all__ = ["SimRequest", "SimResponse", "Simulator"]
