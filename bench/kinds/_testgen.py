"""The `testgen` kind: write the tests for a specified function.

The model sees the specification only; its answer is a test module of top-level
`def test_*()` functions importing the function with `from solution import <name>`.
Judged in the sandbox, in two requests: first against the reference and a
behaviour-preserving look-alike of it (a suite failing either scores 0, naming the
failing test), then against each behaviour-changing mutant, one warm sandbox and a
fresh process per mutant. correctness = 100 x killed / mutants (each mutant is one
verdict of weight 1). Quality is the suite's; efficiency is undefined.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from bench.kinds._base import BaselineAnswer, BaselineRole, Judgement, TaskKind, register_kind
from bench.kinds._extract import strip_reasoning
from bench.kinds._files_extract import fenced_bodies
from bench.kinds._testgen_mutants import (
    HIDDEN_FILENAME,
    MutantSet,
    behaviour_changing,
    cached_mutants,
    compile_hidden,
    lookalike,
    statement_lines,
)
from bench.kinds._testgen_suite import null_suite, reference_suite
from bench.sandbox import ExecutionResult, Executor, ProjectRun, Status, TestVerdict, run_project
from bench.tasks import Task, TestgenTask, test_names

SYSTEM_PROMPT = (
    "You are an expert Python programmer writing unit tests. From the specification alone, "
    "write a test module that a correct implementation passes and a wrong one fails: "
    "top-level `def test_*()` functions with plain `assert` statements, covering normal "
    "cases, edge cases and errors. Import the function under test with "
    "`from solution import <name>`. Use only the standard library (no pytest). Reply with "
    "exactly one ```python code block containing the whole test module."
)

_USER = (
    "Specification:\n\n{spec}\n\nWrite the tests for `{entry_point}`: a module of top-level "
    "`def test_*()` functions that imports it with `from solution import {entry_point}`. "
    "Reply with one ```python block."
)

SUITE_TIMEOUT_S = 5.0
"""Seconds the suite may take against the reference (and its look-alike)."""


def extract_suite(text: str) -> str:
    """The python block of the reply that defines the most test functions ("" if none)."""
    reply = strip_reasoning(text)
    candidates = fenced_bodies(reply) or [reply]
    best = max(candidates, key=lambda block: len(test_names(block)))
    return best if test_names(best) else ""


def _source(task: TestgenTask) -> Task:
    return task.as_function_task()


@register_kind
class TestgenKind(TaskKind[TestgenTask]):
    """Write a test suite that passes the reference and kills its mutants."""

    __test__ = False  # not a pytest class
    name: ClassVar[str] = "testgen"
    model: ClassVar[type[TestgenTask]] = TestgenTask
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: TestgenTask) -> str:
        """The specification and the answer's form; never the implementation."""
        function = _source(task)
        return _USER.format(spec=function.prompt.strip("\n"), entry_point=function.entry_point)

    def extract(self, text: str, task: TestgenTask) -> str:
        """The test module in the reply."""
        return extract_suite(text)

    def tests_total(self, task: TestgenTask) -> int:
        """One verdict per behaviour-changing mutant.

        Before any judging (no sandbox has run them yet): the count of the reference's
        distinct single mutants, an upper bound.
        """
        cached = cached_mutants(task.version)
        if cached is not None:
            return len(cached.mutants)
        from bench.validate import unique_mutants

        return len(unique_mutants(_source(task).reference_solution))

    def judge(self, answer: str, task: TestgenTask, executor: Executor, repeats: int) -> Judgement:
        """Reference and look-alike first; then, if both pass, every mutant."""
        function = _source(task)
        mutant_set = behaviour_changing(function, task.version, executor)
        names = test_names(answer)
        if not names:
            result = _all_failed(mutant_set, "the answer has no top-level def test_*()", executor)
            return Judgement(result=result, details={"tests": 0}, quality_code=answer or None)

        weights = dict.fromkeys(names, 1.0)
        salt = int(hashlib.sha256(answer.encode()).hexdigest()[:8], 16)
        checks = [
            ProjectRun(
                {"solution": compile_hidden(function.reference_solution)}, (HIDDEN_FILENAME,)
            ),
            ProjectRun({"solution": compile_hidden(lookalike(function.reference_solution, salt))}),
        ]
        reference, variant = run_project(
            executor, {}, answer, weights, SUITE_TIMEOUT_S, checks, trusted_tests=False
        )
        details: dict[str, Any] = {
            "tests": len(names),
            "mutants": len(mutant_set.mutants),
            "killed": 0,
        }
        details["line_coverage"] = _coverage(function.reference_solution, reference.covered)
        for label, outcome in (("the reference", reference), ("a look-alike of it", variant)):
            if outcome.result.status == "sandbox_error":
                return Judgement(result=outcome.result, details=details, quality_code=answer)
            if outcome.result.status != "passed":
                failing = _failing(outcome.result)
                details["failing_test"] = failing
                reason = f"the suite fails on {label}: {failing}"
                result = _all_failed(mutant_set, reason, executor)
                return Judgement(result=result, details=details, quality_code=answer)
        result = self._against_mutants(answer, weights, mutant_set, reference.result, executor)
        details["killed"] = result.tests_passed
        return Judgement(result=result, details=details, quality_code=answer)

    def _against_mutants(
        self,
        answer: str,
        weights: dict[str, float],
        mutant_set: MutantSet,
        reference: ExecutionResult,
        executor: Executor,
    ) -> ExecutionResult:
        timeout = min(SUITE_TIMEOUT_S, max(0.5, 5 * reference.exec_time_s + 0.2))
        runs = [ProjectRun({"solution": compile_hidden(m.source)}) for m in mutant_set.mutants]
        outcomes = run_project(executor, {}, answer, weights, timeout, runs, trusted_tests=False)
        if any(outcome.result.status == "sandbox_error" for outcome in outcomes):
            return next(o.result for o in outcomes if o.result.status == "sandbox_error")
        verdicts = []
        for index, (mutant, outcome) in enumerate(zip(mutant_set.mutants, outcomes, strict=True)):
            killed = outcome.result.status != "passed"
            verdicts.append(
                TestVerdict(
                    index=index,
                    name=f"line {mutant.line}: {mutant.description}",
                    verdict="passed" if killed else "failed",
                    time_s=outcome.result.exec_time_s,
                    error_message=f"killed by {_failing(outcome.result)}" if killed else "survived",
                )
            )
        return _result(verdicts, executor.name, None)

    def baseline(
        self, role: BaselineRole, task: TestgenTask, seed: int, key: str
    ) -> BaselineAnswer:
        """Reference: the task's tests as a module; null: one trivial test; mutant below.

        Mutant: the reference suite without its strongest test (the one failing most
        mutants), see `weakened_suite_removals`.
        """
        function = _source(task)
        if role is BaselineRole.REFERENCE:
            return BaselineAnswer(
                reference_suite(function), "baseline: the task's tests as a suite"
            )
        if role is BaselineRole.NULL:
            return BaselineAnswer(null_suite(function), "baseline: one trivial passing test")
        mutant_set = behaviour_changing(function, task.version, None)
        removed = weakened_suite_removals(mutant_set)
        suite = reference_suite(function, frozenset(removed))
        return BaselineAnswer(suite, f"baseline: the task's tests without {', '.join(removed)}")

    def strict_problems(self, task: TestgenTask, executor: Executor) -> list[str]:
        """The reference must have at least one behaviour-changing mutant to kill."""
        function = _source(task)
        try:
            mutant_set = behaviour_changing(function, task.version, executor)
        except RuntimeError as error:
            return [str(error)]
        if not mutant_set.mutants:
            return ["reference_solution: no mutant changes behaviour, so no suite can score"]
        reference = self.baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
        judged = self.judge(reference, task, executor, 1)
        if judged.result.status not in ("passed", "failed"):
            return [f"the tests written as a suite do not run: {judged.result.error}"]
        return []

    def page_parts(self, answer: str, task: TestgenTask) -> dict[str, Any]:
        """The suite's test names, for the task page."""
        return {"tests": test_names(answer)}


def weakened_suite_removals(mutant_set: MutantSet) -> list[str]:
    """The tests the mutant baseline drops: the strongest first, then more if needed.

    The strongest fails most mutants; the next strongest follow while every mutant
    would still be killed, since redundant tests would otherwise hide the loss.
    """
    counts: dict[str, int] = {}
    for kills in mutant_set.kills:
        for name in kills:
            counts[name] = counts.get(name, 0) + 1
    removed: list[str] = []
    for name in sorted(counts, key=lambda test: (-counts[test], test)):
        removed.append(name)
        if any(kills <= set(removed) for kills in mutant_set.kills):
            break
    return removed


def _failing(result: ExecutionResult) -> str:
    test = next((t for t in result.tests if t.verdict != "passed"), None)
    if test is None:
        return result.error or result.status
    reason = f"{test.error_type}: {test.error_message}" if test.error_type else test.verdict
    return f"{test.name} ({reason})"[:300]


def _all_failed(mutant_set: MutantSet, reason: str, executor: Executor) -> ExecutionResult:
    verdicts = [
        TestVerdict(
            index=index,
            name=f"line {mutant.line}: {mutant.description}",
            verdict="failed",
            error_message=f"not credited: {reason}",
        )
        for index, mutant in enumerate(mutant_set.mutants)
    ]
    return _result(verdicts, executor.name, reason)


def _result(verdicts: list[TestVerdict], sandbox: str, error: str | None) -> ExecutionResult:
    passed = sum(v.weight for v in verdicts if v.verdict == "passed")
    total = sum(v.weight for v in verdicts)
    status: Status = "passed" if verdicts and passed == total else "failed"
    if status == "failed" and error is None:
        error = f"{sum(v.verdict != 'passed' for v in verdicts)} mutant(s) survived"
    return ExecutionResult(
        status=status,
        tests=verdicts,
        passed_weight=passed,
        total_weight=total,
        error=error,
        sandbox=sandbox,
    )


def _coverage(reference: str, covered: list[int] | None) -> float | None:
    """Percent of the reference's function statements the suite ran (None when unknown)."""
    lines = statement_lines(reference)
    if covered is None or not lines:
        return None
    return round(100 * len(lines & set(covered)) / len(lines), 1)
