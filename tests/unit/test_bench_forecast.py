"""bench/forecast.py runs and its figures are sane (not timed): a short replay of synthesized
days scores both pace bases, and the replay itself keeps a 5-hour window's rules."""

from __future__ import annotations

from datetime import timedelta

from bench.forecast import PROFILES, figures, rates, replay


def test_replay_keeps_the_window_rules() -> None:
    cycles = replay(rates(4, seed=7, profile="shift"))
    assert cycles
    for cycle in cycles:
        used = [u for _, u in cycle.samples]
        assert used == sorted(used) and used[-1] <= 100  # never falls within a cycle
        assert all(cycle.resets_at - timedelta(hours=5) <= when < cycle.resets_at
                   for when, _ in cycle.samples)
        if cycle.ran_out_at is not None:
            assert cycle.ran_out_at <= cycle.resets_at


def test_figures_for_both_bases() -> None:
    for profile in PROFILES:
        found = figures(4, seed=7, profile=profile)
        for basis in ("window", "history"):
            assert found[f"{basis}.samples"] > 0
            assert 0 <= found[f"{basis}.right_percent"] <= 100
            assert found[f"{basis}.false_notifications"] <= found[f"{basis}.notifications"]
            assert 0 <= found[f"{basis}.median_abs_error_min"] <= 300
