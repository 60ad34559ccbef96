"""The retry schedule of a failing provider: exponential, capped, Retry-After first."""

from __future__ import annotations

import pytest

from tray_app.monitoring.backoff import backoff_delay


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(0, 0.0), (1, 60.0), (2, 120.0), (3, 240.0), (4, 480.0), (5, 960.0), (6, 1800.0),
     (7, 1800.0), (10_000, 1800.0)],
)
def test_exponential_schedule_is_capped(failures: int, expected: float) -> None:
    assert backoff_delay(failures) == expected


def test_base_and_cap_are_parameters() -> None:
    assert [backoff_delay(n, base=10, cap=50) for n in range(1, 6)] == [10, 20, 40, 50, 50]


@pytest.mark.parametrize(
    ("retry_after", "expected"), [(30.0, 30.0), (0.0, 0.0), (-5.0, 0.0), (7200.0, 1800.0)]
)
def test_retry_after_wins_and_is_clamped(retry_after: float, expected: float) -> None:
    # Even after many failures the server's own Retry-After decides (within [0, cap]).
    assert backoff_delay(5, retry_after) == expected


def test_nan_retry_after_is_ignored() -> None:
    assert backoff_delay(2, float("nan")) == 120.0


def test_deterministic() -> None:
    assert {backoff_delay(3) for _ in range(20)} == {240.0}
