"""Every task in tasks/ loads, and its reference passes its own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.tasks import load_tasks

from ._subprocess_runner import run_reference

TASKS_DIR = Path(__file__).resolve().parents[2] / "tasks"
SUITE = load_tasks([TASKS_DIR])


@pytest.mark.parametrize("task", SUITE, ids=lambda task: task.id)
def test_reference_passes_its_tests(task):
    assert run_reference(task) == []
