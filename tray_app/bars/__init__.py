"""Status-bar and script views of the monitored numbers (views layer, beside the tray and the
text/JSON report): waybar JSON lines, polybar and i3blocks text, OpenMetrics for Prometheus'
textfile collector. Pure functions of a `Current` view; `cli/status.py` prints them."""
