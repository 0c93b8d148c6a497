"""Tasks for executor tests: small, with short timeouts, built in memory."""

from __future__ import annotations

import warnings

import pytest

from bench.tasks import Task
from tests import factories
from tests.factories import ADD_TESTS


def make_task(
    tests=None, test_code=None, entry_point="add", task_id="sandbox-task", **extra
) -> Task:
    """A task whose reference adds two numbers; tests default to two quick `add` calls."""
    if tests is None and test_code is None:
        tests = ADD_TESTS
    return factories.make_task(
        id=task_id, entry_point=entry_point, tests=tests or [], test_code=test_code, **extra
    )


@pytest.fixture(scope="module")
def process_executor():
    from bench.sandbox import make_executor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        executor = make_executor("process", workers=2, timeout=2.0, output_limit=4096)
    with executor:
        yield executor
