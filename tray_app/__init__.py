"""mystatus-tray: AI coding subscription quotas in the system tray."""

__version__ = "0.1.0"
APP_NAME = "mystatus-tray"
