"""Tasks for tests, built in memory: one factory instead of a copy in every module.

Every task here is a valid `function` task whose reference adds two numbers; a test
overrides only the fields it is about, so what it checks stays visible at the call.
"""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from bench.tasks import Task

ADD_REFERENCE = "def add(a, b):\n    return a + b\n"
"""The reference of every factory task (and a correct answer to it)."""

ADD_TESTS: list[dict[str, Any]] = [
    {"name": "small", "input": [1, 2], "expected": 3, "timeout": 1},
    {"name": "negative", "input": [-5, 2], "expected": -3, "timeout": 1},
]
"""Two quick `add` tests with a short timeout, for executor tests."""

VALID_TASK = textwrap.dedent(
    """\
    id: add-two
    difficulty: easy
    title: Add two numbers
    prompt: |
      Write `add(a: int, b: int) -> int` returning the sum.
    entry_point: add
    tests:
      - {input: [1, 2], expected: 3}
      - {input: [-1, 1], expected: 0, weight: 2}
    reference_solution: |
      def add(a, b):
          return a + b
    metadata: {tags: [math], added: 2026-11-25}
    """
)
"""The same kind of task as a task file's text, for loading and CLI tests."""


def task_fields(**overrides: Any) -> dict[str, Any]:
    """The fields of the default task with `overrides` applied (`metadata` is merged)."""
    metadata = {"added": "2026-11-25", **overrides.pop("metadata", {})}
    fields: dict[str, Any] = {
        "id": "add-two",
        "difficulty": "easy",
        "title": "Add",
        "prompt": "Write `add(a: int, b: int) -> int` returning the sum.",
        "entry_point": "add",
        "tests": [{"input": [1, 2], "expected": 3}],
        "reference_solution": ADD_REFERENCE,
        "metadata": metadata,
    }
    fields.update(overrides)
    return fields


def make_task(**overrides: Any) -> Task:
    """A valid task; any field overridden by keyword, e.g. `make_task(id="x", tests=[...])`."""
    return Task.model_validate(task_fields(**overrides))


def make_tasks(count: int, **overrides: Any) -> list[Task]:
    """`count` tasks `task-0`, `task-1`, ... otherwise alike."""
    return [make_task(**{**overrides, "id": f"task-{index}"}) for index in range(count)]


def task_from_yaml(text: str = VALID_TASK, **overrides: Any) -> Task:
    """A task from a task file's text (default `VALID_TASK`), fields overridden by keyword."""
    return Task.model_validate({**yaml.safe_load(text), **overrides})
