"""Type-aware input mutation: reproducible, type-preserving, within the seeds' domain."""

from __future__ import annotations

from bench.validate._input_mutation import InputMutator

SEEDS = [[[3, 1, 2], "abc", True, 2.5], [[7], "ba", False, 0.5]]


def _types(value):
    if isinstance(value, list):
        return ["list"]
    return type(value).__name__


def test_same_seed_same_inputs_other_seed_others():
    first = InputMutator(SEEDS, "s:task").generate(40)
    assert first == InputMutator(SEEDS, "s:task").generate(40)
    assert first != InputMutator(SEEDS, "t:task").generate(40)
    assert len({repr(x) for x in first}) == len(first) == 40
    assert not any(x in SEEDS for x in first)


def test_types_kept_and_domain_respected():
    for arguments in InputMutator(SEEDS, 1).generate(200):
        assert [_types(value) for value in arguments] == [["list"], "str", "bool", "float"]
        assert all(isinstance(item, int) and item >= 1 for item in arguments[0])
        assert set(arguments[1]) <= {"a", "b", "c"}
        assert arguments[3] >= 0


def test_wide_leaves_the_domain_and_reaches_the_edges():
    found = InputMutator(SEEDS, 1, wide=True).generate(300)
    assert any(item < 1 for arguments in found for item in arguments[0])
    assert any(set(arguments[1]) - {"a", "b", "c"} for arguments in found)
    assert any(arguments[0] == [] for arguments in found)
    assert any(arguments[1] == "" for arguments in found)


def test_nested_values_and_dicts_mutate_recursively():
    seeds = [[{"x": [1, 2], "y": [3]}, [[1, 2], [3, 4]]]]
    found = InputMutator(seeds, 0).generate(100)
    assert all(isinstance(a[0], dict) and isinstance(a[1], list) for a in found)
    assert any(a[1] and a[1] != [[1, 2], [3, 4]] and len(a[1]) == 2 for a in found)
