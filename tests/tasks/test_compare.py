from __future__ import annotations

import math

import pytest

from bench.tasks import values_equal


@pytest.mark.parametrize(
    ("actual", "expected", "mode", "ok"),
    [
        ((1, 2), [1, 2], "exact", True),
        ([1, [2, (3,)]], [1, [2, [3]]], "exact", True),
        (2.0, 2, "exact", True),
        (True, 1, "exact", False),
        (1, True, "exact", False),
        (0, False, "exact", False),
        (None, None, "exact", True),
        (0, None, "exact", False),
        ("a", "a", "exact", True),
        ("a", ["a"], "exact", False),
        ([1, 2], [1, 2, 3], "exact", False),
        ({"a": 1}, {"a": 1}, "exact", True),
        ({"a": 1, "b": 2}, {"a": 1}, "exact", False),
        ({"a": (1, 2)}, {"a": [1, 2]}, "exact", True),
        (float("nan"), float("nan"), "exact", True),
        (float("nan"), 1.0, "float", False),
        (0.1 + 0.2, 0.3, "exact", False),
        (0.1 + 0.2, 0.3, "float", True),
        ([1.0000001, 2.0], [1.0, 2.0], "float", True),
        ([1.01], [1.0], "float", False),
        (math.inf, math.inf, "float", True),
        (math.inf, 1e308, "float", False),
        (1e-12, 0.0, "float", True),
        ([3, 1, 2], [1, 2, 3], "unordered", True),
        ([3, 1, 1], [1, 3, 3], "unordered", False),
        ({1, 2, 3}, [3, 2, 1], "unordered", True),
        ([[1, 2], [0]], [[0], [1, 2]], "unordered", True),
        ([2.0, 1], [1, 2], "unordered", True),
        ([True], [1], "unordered", False),
        ("abc", "abc", "unordered", True),
    ],
)
def test_values_equal(actual, expected, mode, ok):
    assert values_equal(actual, expected, mode) is ok


def test_sets_compare_to_sorted_lists_in_exact_mode():
    assert values_equal({3, 1, 2}, [1, 2, 3], "exact")


def test_tolerance_is_configurable():
    assert values_equal(1.05, 1.0, "float", rel=0.1)
    assert not values_equal(1.05, 1.0, "float", rel=0.01)
