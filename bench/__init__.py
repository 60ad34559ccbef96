"""Benchmarks and the soak run: measure the engine and the tray side by side (see bench/run.py)."""
