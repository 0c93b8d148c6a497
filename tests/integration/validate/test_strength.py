"""Test strength measured for real, in the process sandbox and in Docker."""

from __future__ import annotations

import time

from bench.tasks import load_task_file, load_tasks
from bench.validate import StrengthThresholds, check_strength, measure_coverage
from bench.validate._mutants import guarded_program, mutant_stages
from tests.conftest import REPO_ROOT

from .conftest import ALL_TESTS, clamp_task


def strength(task, executor, **thresholds):
    (report,) = check_strength([task], [task], executor, 2, StrengthThresholds(**thresholds))
    return report


def test_a_task_with_one_test_fails_strict_naming_its_survivors(executor, write_task):
    task = load_task_file(write_task(clamp_task(), name="clamp-value.yaml"))
    report = strength(task, executor)
    assert report.reference.status == "passed"
    assert report.coverage.missing_lines == [3, 5] and report.coverage.covered_lines == {1, 2, 4, 6}
    survivors = [outcome.describe() for outcome in report.survivors]
    assert "line 2: `<` → `<=`" in survivors and "line 4: `>` → `>=`" in survivors
    assert "line 3: return value → `None` (its line never runs)" in survivors
    problems = report.problems(StrengthThresholds())
    assert any("tests cover 66.7% of the reference's lines (< 100%)" in p for p in problems)
    assert any("never run: reference lines 3, 5" in p for p in problems)
    assert any(p.endswith("survived: line 2: `<` → `<=`") for p in problems)
    assert not report.passed(StrengthThresholds())


def test_full_tests_kill_all_but_the_equivalent_mutants(executor, write_task):
    task = load_task_file(write_task(clamp_task(ALL_TESTS), name="clamp-value.yaml"))
    report = strength(task, executor)
    assert report.coverage.line_percent == 100.0 and report.coverage.branch_percent == 100.0
    # `value < low` -> `value <= low` returns low == value: no test can tell them apart.
    assert sorted(o.describe() for o in report.survivors) == [
        "line 2: `<` → `<=`",
        "line 4: `>` → `>=`",
    ]
    assert report.killed == (5, 7)
    assert not report.passed(StrengthThresholds())
    assert report.passed(StrengthThresholds(mutation_score=70))


def test_no_mutate_marks_justify_equivalent_mutants(executor, write_task):
    marked = clamp_task(ALL_TESTS, ("  # pragma: no mutate", "  # pragma: no mutate"))
    report = strength(load_task_file(write_task(marked, name="clamp-value.yaml")), executor)
    assert report.killed == (3, 3)
    assert {o.outcome for o in report.mutants if o.mutant.line in (2, 4)} == {"ignored"}
    assert report.problems(StrengthThresholds()) == []


def test_the_strong_example_task_passes(executor):
    task = load_task_file(REPO_ROOT / "tasks" / "easy" / "run-length-encode.yaml")
    suite = load_tasks([REPO_ROOT / "tasks"])
    (report,) = check_strength([task], suite, executor, 2)
    assert report.problems(StrengthThresholds()) == []
    assert report.coverage.line_percent == 100.0 and report.killed[0] == report.killed[1] > 10


def test_coverage_is_measured_inside_the_sandbox(executor, write_task):
    task = load_task_file(write_task(clamp_task(), name="clamp-value.yaml"))
    coverage = measure_coverage(task, executor)
    assert coverage.error is None
    assert coverage.lines == {1, 2, 3, 4, 5, 6}
    assert coverage.branches == {(2, 3), (2, 4), (4, 5), (4, 6)}
    assert coverage.covered_branches == {(2, 4), (4, 6)}


COUNT_UP = """\
id: count-up
difficulty: easy
title: Count up
prompt: |
  Write `count_up(n: int) -> int` that counts from 0 up to n and returns the count.
entry_point: count_up
tests:
  - {input: [0], expected: 0}
  - {input: [3], expected: 3}
  - {input: [5], expected: 5}
  - {input: [0], expected: 0}
reference_solution: |
  def count_up(n: int) -> int:
      i = 0
      while i < n:
          i += 1
      return i
metadata: {tags: [loops], added: 2026-11-25}
"""


def test_after_a_timeout_the_guard_fails_the_remaining_tests_at_once(executor, write_task):
    task = load_task_file(write_task(COUNT_UP, name="count-up.yaml"))
    reference = executor.execute(task.reference_solution, task)
    (stage,) = mutant_stages(task, reference, factor=10, floor_s=0.5)
    endless = task.reference_solution.replace("i += 1", "i -= 1")
    started = time.monotonic()
    result = executor.execute(guarded_program(endless, "count_up"), stage)
    took = time.monotonic() - started
    assert [v.verdict for v in result.tests] == ["passed", "timeout", "error", "error"]
    assert "earlier test timed out" in (result.tests[2].error_message or "")
    assert took < 0.5 * 3  # one time limit waited for, not two
