"""Retry schedule of a failing provider (used by state.merge): exponential, deterministic."""

from __future__ import annotations


def backoff_delay(
    failures: int, retry_after: float | None = None, *, base: float = 60.0, cap: float = 1800.0
) -> float:
    """Seconds before the next attempt of a provider that failed `failures` times in a row.

    A server's Retry-After wins (clamped to [0, cap]); otherwise base * 2**(failures-1), capped.
    No jitter: one user's handful of requests cannot cause a thundering herd, and tests stay exact.
    """
    if retry_after is not None and retry_after == retry_after:  # NaN check without math import
        return min(max(0.0, float(retry_after)), cap)
    if failures <= 0:
        return 0.0
    # Cap the exponent so huge failure counts never overflow a float.
    return float(min(base * (2 ** min(failures - 1, 32)), cap))
