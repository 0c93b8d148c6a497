"""Every task in tasks/ loads, and its reference passes its own tests.

Code kinds (function, debug, refactor) and the proofs of review tasks run their
reference in a plain subprocess; every other kind's reference answer is judged by
its kind, as models' answers are, in the process sandbox.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bench.tasks import ReviewTask, Task, TaskBase, load_tasks
from bench.validate import judge_reference

from ._subprocess_runner import run_reference

TASKS_DIR = Path(__file__).resolve().parents[2] / "tasks"
SUITE = load_tasks([TASKS_DIR])


def _function_view(task: TaskBase) -> Task | None:
    if isinstance(task, Task):
        return task
    if isinstance(task, ReviewTask):
        return task.proving_task()
    return None


CODE = [(task.id, view) for task in SUITE if (view := _function_view(task)) is not None]
OTHER = [task for task in SUITE if not isinstance(task, Task)]


@pytest.mark.parametrize(("task_id", "task"), CODE, ids=[task_id for task_id, _ in CODE])
def test_reference_passes_its_tests(task_id, task):
    assert run_reference(task) == []


@pytest.fixture(scope="module")
def process_executor():
    from bench.sandbox import make_executor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        executor = make_executor("process", workers=1, timeout=10.0)
    with executor:
        yield executor


@pytest.mark.parametrize("task", OTHER, ids=lambda task: task.id)
def test_reference_answer_of_every_other_kind_gets_every_verdict(task, process_executor):
    result = judge_reference(task, process_executor)
    assert result.status == "passed", result.error
