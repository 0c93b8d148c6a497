"""When the runner times the reference for efficiency, and when it does not need to.

Real process sandbox; a counting wrapper around it records which code it ran.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import warnings

import pytest

from bench.providers import ModelResponse
from bench.runner._attempt import AttemptScorer, ScoringSettings
from bench.sandbox import make_executor
from tests.sandbox.conftest import make_task

FAST = "def add(a, b):\n    return a + b\n"
SLOW = (
    "def add(a, b):\n"
    "    total = 0\n"
    "    for step in range(100_000):\n"
    "        total += step\n"
    "    return a + b\n"
)


class CountingExecutor:
    """The process executor, remembering the code of every execution."""

    def __init__(self, executor) -> None:
        self.inner = executor
        self.codes: list[str] = []
        self.name = executor.name

    def execute(self, code, task, timing_repeats=1):
        self.codes.append(code)
        return self.inner.execute(code, task, timing_repeats=timing_repeats)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.fixture(scope="module")
def executor():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        inner = make_executor("process", workers=1, timeout=2.0)
    with inner:
        yield CountingExecutor(inner)


def score(executor, code, task):
    async def main():
        scorer = AttemptScorer(executor, 1, ScoringSettings())
        try:
            response = ModelResponse(code=code, text=code, response_time_s=1.0)
            now = dt.datetime.now(dt.UTC)
            return await scorer.score("run", "m", "p", task, 0, response, now)
        finally:
            scorer.close()

    executor.codes.clear()
    return asyncio.run(main())


def test_a_microsecond_answer_needs_no_reference_run(executor):
    attempt = score(executor, FAST, make_task())
    assert attempt.efficiency == 100.0
    assert executor.codes == [FAST]  # the reference was not executed


def test_a_slower_answer_is_timed_against_the_reference(executor):
    attempt = score(executor, SLOW, make_task())
    assert attempt.efficiency is not None and attempt.efficiency < 100.0
    assert len(executor.codes) == 2  # the answer, then the reference


def test_a_test_code_task_has_no_efficiency(executor):
    check = "def check(candidate):\n    assert candidate(2, 3) == 5\n"
    attempt = score(executor, SLOW, make_task(test_code=check))
    assert attempt.status == "passed" and attempt.efficiency is None
    assert executor.codes == [SLOW]


def test_a_task_whose_tests_are_examples_is_run_once_and_never_timed(executor):
    repeats: list[int] = []
    original = executor.execute

    def recording(code, task, timing_repeats=1):
        repeats.append(timing_repeats)
        return original(code, task, timing_repeats=timing_repeats)

    executor.execute = recording
    try:
        attempt = score(executor, SLOW, make_task(efficiency=False))
    finally:
        del executor.execute
    assert attempt.status == "passed" and attempt.efficiency is None
    assert executor.codes == [SLOW] and repeats == [1]  # no repeats, no reference run
