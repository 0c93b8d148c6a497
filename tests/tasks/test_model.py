from __future__ import annotations

import yaml

from bench.tasks import Task, task_set_hash
from tests.conftest import VALID_TASK
from tests.factories import task_from_yaml


def task_from(text: str) -> Task:
    return task_from_yaml(text)


def test_hash_ignores_key_order_and_formatting():
    original = task_from(VALID_TASK)
    data = yaml.safe_load(VALID_TASK)
    reordered = dict(reversed(list(data.items())))
    reflowed = yaml.safe_dump(reordered, default_flow_style=False, width=40)
    assert task_from(reflowed).version == original.version
    trailing = VALID_TASK.replace("returning the sum.\n", "returning the sum.   \n\n")
    assert task_from(trailing).version == original.version


def test_hash_ignores_explicit_defaults():
    explicit = VALID_TASK.replace("expected: 3}", "expected: 3, weight: 1, timeout: 2}")
    assert task_from(explicit).version == task_from(VALID_TASK).version


def test_hash_changes_with_meaning():
    base = task_from(VALID_TASK).version
    assert task_from(VALID_TASK.replace("expected: 3}", "expected: 4}")).version != base
    assert task_from(VALID_TASK.replace("the sum", "the total")).version != base
    assert task_from(VALID_TASK + "compare: float\n").version != base


def test_hash_is_stable_across_releases():
    # Pinned: a change here silently splits every stored result from its task.
    assert task_from(VALID_TASK).version == "299ed1969becc7c6"


def test_task_set_hash_is_order_independent():
    first = task_from(VALID_TASK)
    second = task_from(VALID_TASK.replace("add-two", "add-three"))
    assert task_set_hash([first, second]) == task_set_hash([second, first])
    assert task_set_hash([first]) != task_set_hash([first, second])


def test_compare_mode_per_test_overrides_task():
    task = task_from(VALID_TASK.replace("expected: 3}", "expected: 3, compare: float}"))
    assert task.compare_mode(task.tests[0]).value == "float"
    assert task.compare_mode(task.tests[1]).value == "exact"


def test_version_follows_changes_after_it_was_computed():
    task = task_from(VALID_TASK)
    first = task.version
    changed = task.model_copy(update={"title": "Another title"})
    assert changed.version != first
    task.title = "Edited"
    assert task.version == changed.model_copy(update={"title": "Edited"}).version != first
