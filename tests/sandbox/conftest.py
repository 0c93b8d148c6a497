"""Tasks for executor tests: small, with short timeouts, built in memory."""

from __future__ import annotations

import warnings

import pytest

from bench.tasks import Task


def make_task(
    tests=None, test_code=None, entry_point="add", task_id="sandbox-task", **extra
) -> Task:
    """A task whose reference adds two numbers; tests default to two `add` calls."""
    if tests is None and test_code is None:
        tests = [
            {"name": "small", "input": [1, 2], "expected": 3, "timeout": 1},
            {"name": "negative", "input": [-5, 2], "expected": -3, "timeout": 1},
        ]
    return Task.model_validate(
        {
            "id": task_id,
            "difficulty": "easy",
            "title": "Add",
            "prompt": "Write add(a, b).",
            "entry_point": entry_point,
            "tests": tests or [],
            "test_code": test_code,
            "reference_solution": "def add(a, b):\n    return a + b\n",
            "metadata": {"added": "2026-11-25"},
            **extra,
        }
    )


@pytest.fixture(scope="module")
def process_executor():
    from bench.sandbox import make_executor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        executor = make_executor("process", workers=2, timeout=2.0, output_limit=4096)
    with executor:
        yield executor
