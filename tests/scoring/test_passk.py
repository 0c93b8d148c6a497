"""pass@k: hand-computed values and a brute force over all k-subsets."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.scoring import pass_at_k


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (1, 1, 1, 1.0),
        (1, 0, 1, 0.0),
        (5, 1, 1, 0.2),  # pass@1 is the pass rate c / n
        (10, 3, 1, 0.3),
        (10, 3, 5, 1 - 21 / 252),  # 1 - C(7,5)/C(10,5)
        (4, 2, 2, 1 - 1 / 6),  # 1 - C(2,2)/C(4,2)
        (10, 0, 10, 0.0),
        (10, 6, 5, 1.0),  # only 4 failures: any 5 contain a pass
    ],
)
def test_hand_computed(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


@st.composite
def _cases(draw):
    n = draw(st.integers(1, 10))
    return n, draw(st.integers(0, n)), draw(st.integers(1, n))


@given(_cases())
def test_matches_brute_force_over_every_k_subset(case):
    n, c, k = case
    samples = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(samples, k))
    brute = Fraction(sum(any(subset) for subset in subsets), len(subsets))
    assert pass_at_k(n, c, k) == pytest.approx(float(brute), abs=1e-12)


def test_large_n_is_stable():
    exact = 1 - Fraction(math.comb(100, 100), math.comb(200, 100))
    assert pass_at_k(200, 100, 100) == pytest.approx(float(exact), abs=1e-15)
    exact = 1 - Fraction(math.comb(999, 10), math.comb(1000, 10))
    assert pass_at_k(1000, 1, 10) == pytest.approx(float(exact), rel=1e-12)  # = 0.01


def test_accepts_numpy_integers_and_rejects_floats():
    assert pass_at_k(np.int64(10), np.int32(3), 1) == pytest.approx(0.3)
    with pytest.raises(TypeError):
        pass_at_k(10.0, 3, 1)
    with pytest.raises(TypeError):
        pass_at_k(10, True, 1)


@pytest.mark.parametrize(("n", "c", "k"), [(5, 6, 1), (5, -1, 1), (5, 2, 0), (5, 2, 6)])
def test_rejects_impossible_counts(n, c, k):
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)
