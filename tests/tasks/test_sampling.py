from __future__ import annotations

from collections import Counter

from bench.tasks import Task, sample_tasks
from tests.factories import task_from_yaml


def make_suite(counts: dict[str, int]) -> list[Task]:
    return [
        task_from_yaml(id=f"{tier}-{n}", difficulty=tier)
        for tier, size in counts.items()
        for n in range(size)
    ]


SUITE = make_suite({"easy": 20, "medium": 20, "hard": 12, "extreme": 8})


def tiers(tasks):
    return Counter(task.difficulty.value for task in tasks)


def test_sample_is_stratified_by_largest_remainder():
    fifteen = {"easy": 5, "medium": 5, "hard": 3, "extreme": 2}
    assert tiers(sample_tasks(SUITE, 15, seed=1)) == fifteen
    six = {"easy": 2, "medium": 2, "hard": 1, "extreme": 1}
    assert tiers(sample_tasks(SUITE, 6, seed=1)) == six


def test_same_seed_same_sample_whatever_the_input_order():
    first = [task.id for task in sample_tasks(SUITE, 10, seed=7)]
    second = [task.id for task in sample_tasks(list(reversed(SUITE)), 10, seed=7)]
    assert first == second
    assert first != [task.id for task in sample_tasks(SUITE, 10, seed=8)]


def test_sample_larger_than_set_returns_all():
    assert len(sample_tasks(SUITE, 100)) == len(SUITE)
    assert sample_tasks(SUITE, 0) == []
