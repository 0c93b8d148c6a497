"""Fixtures for task-kind tests: the sample tasks in fixtures/ and a process sandbox."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bench.tasks import TaskBase, load_tasks

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def kind_tasks() -> dict[str, TaskBase]:
    """The fixture tasks by id."""
    return {task.id: task for task in load_tasks([FIXTURES])}


@pytest.fixture(scope="module")
def process_executor():
    """A process sandbox with two workers (closed at the end of the module)."""
    from bench.sandbox import make_executor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        executor = make_executor("process", workers=2, timeout=5.0)
    with executor:
        yield executor
