"""Views → the usage-history chart: `series` (pure data), `plot` (the only importer of
matplotlib), `window` (the chart's own process: Tk window or PNG), `launch` (how the tray
starts that process without importing matplotlib itself)."""
