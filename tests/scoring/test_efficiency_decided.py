"""`efficiency_is_decided`: the exact shortcut that lets the runner skip timing the reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bench.scoring import (
    EFFICIENCY_NOISE_FLOOR_S,
    EFFICIENCY_TOLERANCE,
    efficiency,
    efficiency_is_decided,
)

LIMIT = (EFFICIENCY_TOLERANCE - 1) * EFFICIENCY_NOISE_FLOOR_S  # 0.1 ms


@given(
    st.lists(st.floats(0, LIMIT / 8, allow_nan=False), min_size=1, max_size=8),
    st.lists(st.floats(0, 100, allow_nan=False), min_size=8, max_size=8),
)
def test_a_decided_answer_scores_100_against_any_reference(candidate, reference):
    if efficiency_is_decided(candidate):
        assert efficiency(candidate, reference[: len(candidate)]) == 100.0


def test_the_boundary_and_missing_times():
    assert efficiency_is_decided([LIMIT / 2, [LIMIT / 4, LIMIT / 3, 1.0]])  # medians summed
    assert not efficiency_is_decided([LIMIT * 1.01])
    assert efficiency([LIMIT * 1.01], [0.0]) < 100.0  # so the reference is needed there
    assert not efficiency_is_decided([LIMIT / 2, None])
    assert not efficiency_is_decided([])
