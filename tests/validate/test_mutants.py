"""Mutant planning, staging, the guard, and the score (the sandbox runs are integration tests)."""

from __future__ import annotations

import os

import pytest

from bench.providers import Mutant, all_single_mutants
from bench.sandbox import ExecutionResult, TestVerdict
from bench.tasks import load_task_file
from bench.validate import CoverageReport
from bench.validate._mutants import (
    GUARD_FLAG,
    MutantOutcome,
    decide_unrun,
    guarded_program,
    mutant_stages,
    mutation_score,
    plan_mutants,
    unique_mutants,
)
from tests.conftest import VALID_TASK


def reference_run(times: list[float]) -> ExecutionResult:
    tests = [
        TestVerdict(index=i, name=str(i), verdict="passed", time_s=t) for i, t in enumerate(times)
    ]
    return ExecutionResult(status="passed", tests=tests)


def test_unique_mutants_drop_repeats_and_identity():
    source = "def f(a):\n    return not (not a)\n"
    every = all_single_mutants(source)
    unique = unique_mutants(source)
    assert len({m.source for m in unique}) == len(unique) <= len(every)
    assert all(m.source != source for m in unique)


def test_stages_cut_time_limits_and_split_cheap_from_slow(write_task):
    task = load_task_file(write_task())  # two tests, 2 s limits
    cheap, full = mutant_stages(task, reference_run([0.001, 0.5]), factor=10, floor_s=0.5)
    assert [t.name for t in cheap.tests] == ["0"]
    assert [t.timeout for t in cheap.tests] == [0.5]  # floor
    assert [t.timeout for t in full.tests] == [0.5, 2.0]  # 10 x 0.5 s, capped at its own 2 s
    assert [t.name for t in full.tests] == ["0", "1"]
    (single,) = mutant_stages(task, reference_run([0.001, 0.002]), factor=10, floor_s=0.5)
    assert len(single.tests) == 2


def test_unrun_decisions():
    mutant = Mutant("x", "constant", "`1` → `2`", 3)
    covered = CoverageReport(lines=frozenset({1, 2, 3}), covered_lines=frozenset({1, 2}))
    assert decide_unrun(mutant, {3}, None) == "ignored"
    assert decide_unrun(mutant, set(), covered) == "uncovered"
    assert decide_unrun(mutant, set(), CoverageReport(error="no")) is None
    on_a_line_without_code = Mutant("x", "constant", "`1` → `2`", 9)
    assert decide_unrun(on_a_line_without_code, set(), covered) is None


def test_plan_honours_no_mutate(write_task):
    text = VALID_TASK.replace("return a + b", "return a + b  # pragma: no mutate")
    task = load_task_file(write_task(text))
    to_run, decided = plan_mutants(task, None)
    assert to_run == [] and {d.outcome for d in decided} == {"ignored"}


def test_score_counts_killed_over_counted():
    m = Mutant("x", "return", "return value → `None`", 1)
    outcomes = [
        MutantOutcome(m, "killed"),
        MutantOutcome(m, "timeout"),
        MutantOutcome(m, "survived"),
        MutantOutcome(m, "uncovered"),
        MutantOutcome(m, "ignored"),
        MutantOutcome(m, "sandbox_error"),
    ]
    assert mutation_score(outcomes) == (2, 4)
    assert outcomes[3].describe() == "line 1: return value → `None`"


def test_guard_runs_the_code_and_stops_after_an_unfinished_call(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = "def f(n):\n    return f(n - 1) + 1 if n else 0\n"
    program = guarded_program(source, "f")
    first: dict = {}
    exec(compile(program, "<candidate>", "exec"), first)
    assert first["f"](5) == 5  # recursion stays inside the module, unguarded
    assert not os.path.exists(GUARD_FLAG)
    (tmp_path / GUARD_FLAG).touch()  # what a call killed by its time limit leaves behind
    second: dict = {}
    exec(compile(program, "<candidate>", "exec"), second)
    with pytest.raises(BaseException, match="earlier test timed out or crashed") as raised:
        second["f"](1)
    assert not isinstance(raised.value, Exception)  # no `raises: Exception` test can pass it
