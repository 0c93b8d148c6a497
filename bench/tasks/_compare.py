"""Judging a returned value against an expected one.

This module is stdlib-only and imports nothing from `bench`: the sandbox ships
its source into the container, where the trusted supervisor (never the
candidate) runs it on values decoded from the candidate's serialized output.
Keep it that way.
"""

from __future__ import annotations

import json
import math
from typing import Any

MODES = ("exact", "float", "unordered")


def normalise(value: Any) -> Any:
    """Map a value onto the plain domain the tests are written in.

    Tuples become lists (YAML has no tuples), sets become lists in a canonical
    order, and list-valued dict keys become tuples so they stay hashable.
    """
    if isinstance(value, tuple | list):
        return [normalise(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((normalise(item) for item in value), key=canonical_key)
    if isinstance(value, dict):
        return {_normalise_key(key): normalise(item) for key, item in value.items()}
    return value


def _normalise_key(key: Any) -> Any:
    if isinstance(key, list | tuple):
        return tuple(_normalise_key(item) for item in key)
    return key


def canonical_key(value: Any) -> str:
    """A total order over plain values, for sorting mixed or unorderable items."""
    return json.dumps(_jsonable(value), sort_keys=True, default=repr)


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        if value.is_integer():
            return int(value)  # 2.0 and 2 are the same number, as in exact mode
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return sorted(([canonical_key(k), _jsonable(v)] for k, v in value.items()))
    return value


def values_equal(
    actual: Any, expected: Any, mode: str = "exact", rel: float = 1e-6, abs_tol: float = 1e-9
) -> bool:
    """True when `actual` satisfies `expected` under `mode` (see CompareMode)."""
    actual, expected = normalise(actual), normalise(expected)
    if mode == "unordered":
        return _unordered_equal(actual, expected)
    return _equal(actual, expected, mode == "float", rel, abs_tol)


def _equal(actual: Any, expected: Any, approx: bool, rel: float, abs_tol: float) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if _is_number(expected) and _is_number(actual):
        return _numbers_equal(actual, expected, approx, rel, abs_tol)
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(
                _equal(a, e, approx, rel, abs_tol) for a, e in zip(actual, expected, strict=True)
            )
        )
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(_equal(actual[k], expected[k], approx, rel, abs_tol) for k in expected)
        )
    if expected is None:
        return actual is None
    return type(actual) is type(expected) and actual == expected


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers_equal(
    actual: float, expected: float, approx: bool, rel: float, abs_tol: float
) -> bool:
    actual_nan = isinstance(actual, float) and math.isnan(actual)
    expected_nan = isinstance(expected, float) and math.isnan(expected)
    if actual_nan or expected_nan:
        return actual_nan and expected_nan
    if not approx:
        return actual == expected
    if math.isinf(actual) or math.isinf(expected):
        return actual == expected
    return math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_tol)


def _unordered_equal(actual: Any, expected: Any) -> bool:
    if not isinstance(expected, list):
        return _equal(actual, expected, False, 0.0, 0.0)
    if not isinstance(actual, list) or len(actual) != len(expected):
        return False
    return sorted(map(canonical_key, actual)) == sorted(map(canonical_key, expected))
