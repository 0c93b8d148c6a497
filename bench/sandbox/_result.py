"""What one execution of generated code produced: the contract the scorer and runner read."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["passed", "failed", "timeout", "error", "sandbox_error"]
Verdict = Literal["passed", "failed", "timeout", "error"]


class TestVerdict(BaseModel):
    """The judgement of one test (or of a task's `check(candidate)` for test_code tasks)."""

    __test__ = False  # not a pytest class
    model_config = ConfigDict(extra="forbid")

    index: int
    """Position of the test in `Task.tests`; the test_code check comes last."""
    name: str
    """The test's name, or its index when it has none; `check` for test_code."""
    verdict: Verdict
    """passed; failed (wrong value, or not the expected exception); timeout (over the
    test's limit); error (raised an exception it was not asked to, or its process died)."""
    weight: float = 1.0
    """The test's weight (1 for the check of test_code)."""
    time_s: float | None = None
    """Seconds the call took inside the sandbox: the median over the timing repeats
    when several ran (repeats run only after a call returned)."""
    error_type: str | None = None
    """The class name of the exception raised (or `Timeout`, `ProcessExit`, ...)."""
    error_message: str | None = None
    """Its message, bounded; or why the verdict is what it is."""
    actual: str | None = None
    """A bounded repr of the returned value, for display only."""


class ExecutionResult(BaseModel):
    """The outcome of running one piece of code against one task's tests.

    Status rule: `sandbox_error` when the infrastructure failed (never the model's
    fault; retry it); else `error` when the code does not load (syntax error, no entry
    point, an exception or a crash while importing); else `timeout` when loading it or
    any test ran out of time; else `passed` when every test passed; else `failed`.
    """

    model_config = ConfigDict(extra="forbid")

    status: Status
    """passed | failed | timeout | error | sandbox_error (see the class docstring)."""
    tests: list[TestVerdict] = Field(default_factory=list)
    """One verdict per test, in order (empty for sandbox_error)."""
    passed_weight: float = 0.0
    """Sum of the weights of the tests that passed."""
    total_weight: float = 0.0
    """Sum of the weights of all tests (the denominator of correctness)."""
    stdout: str = ""
    """What the code printed, cut to the executor's output limit."""
    stderr: str = ""
    """What the code wrote to stderr, cut to the executor's output limit."""
    stdout_truncated: bool = False
    """True when stdout was longer than the limit."""
    stderr_truncated: bool = False
    """True when stderr was longer than the limit."""
    exec_time_s: float = 0.0
    """Wall-clock seconds inside the sandbox: loading the code and running the tests."""
    peak_memory_mb: float | None = None
    """Peak resident memory of the candidate's process, in MiB."""
    error: str | None = None
    """Why, for error, timeout and sandbox_error."""
    sandbox: str = ""
    """Which executor ran it (docker, process)."""
    anomalies: list[str] = Field(default_factory=list)
    """Misbehaviour the supervisor cleaned up (leftover processes, ...)."""

    @property
    def passed(self) -> bool:
        """True when every test passed."""
        return self.status == "passed"

    @property
    def tests_passed(self) -> int:
        """How many tests passed."""
        return sum(test.verdict == "passed" for test in self.tests)

    @property
    def correctness(self) -> float:
        """Passed weight over total weight, 0..1 (0 when there is no weight)."""
        return self.passed_weight / self.total_weight if self.total_weight else 0.0
