"""The shipped testgen suite: 20+ tasks reusing function tasks, 5+ originals with mutants."""

from __future__ import annotations

import functools

import pytest

from bench.kinds._testgen_mutants import behaviour_changing
from bench.tasks import Task, TestgenTask, load_tasks
from bench.validate import unique_mutants

from ..conftest import REPO_ROOT


@functools.cache
def _suite() -> tuple[dict[str, Task], list[TestgenTask]]:
    tasks = load_tasks([REPO_ROOT / "tasks"])
    functions = {task.id: task for task in tasks if type(task) is Task}
    testgen = [task for task in tasks if isinstance(task, TestgenTask)]
    return functions, testgen


def _originals() -> list[TestgenTask]:
    return [task for task in _suite()[1] if task.from_task is None]


def test_at_least_20_testgen_tasks_reuse_existing_function_tasks():
    functions, testgen = _suite()
    reused = [task for task in testgen if task.from_task is not None]
    assert len(reused) >= 20
    for task in reused:
        source = functions.get(task.from_task or "")
        assert source is not None, f"{task.id}: from_task {task.from_task!r} is no function task"
        assert task.id == f"testgen-{source.id}"
        assert task.difficulty == source.difficulty
        assert task.entry_point == source.entry_point
        assert task.reference_solution == source.reference_solution
        assert task.prompt == source.prompt


def test_at_least_5_original_testgen_tasks_with_a_spec_and_tests():
    originals = _originals()
    assert len(originals) >= 5
    for task in originals:
        assert task.id.startswith("testgen-")
        assert task.entry_point and f"{task.entry_point}(" in task.prompt
        assert len(task.tests) >= 10, f"{task.id}: too few tests to define the mutants"


@pytest.mark.parametrize("task_id", [task.id for task in _originals()])
def test_each_original_reference_has_mutants(task_id):
    task = next(task for task in _originals() if task.id == task_id)
    assert unique_mutants(task.reference_solution or "")


@pytest.mark.slow
@pytest.mark.parametrize("task_id", [task.id for task in _originals()])
def test_each_original_reference_has_behaviour_changing_mutants(task_id, process_executor):
    task = next(task for task in _originals() if task.id == task_id)
    mutant_set = behaviour_changing(task.as_function_task(), task.version, process_executor)
    assert mutant_set.mutants, f"{task_id}: no mutant of the reference changes behaviour"
