"""Executors for the strength checks: the process sandbox, and Docker where an engine is.

Docker tests skip only when no engine or image can be had, loudly; under CI (CI=true)
they fail instead, because CI must run them.
"""

from __future__ import annotations

import os
import textwrap

import pytest

from bench.sandbox import SandboxUnavailable, make_executor

CLAMP = textwrap.dedent(
    """\
    id: clamp-value
    difficulty: easy
    title: Clamp a value
    prompt: |
      Write `clamp(value: int, low: int, high: int) -> int` that returns `value` limited
      to the closed range [low, high].
    entry_point: clamp
    tests:
    {tests}
    reference_solution: |
      def clamp(value: int, low: int, high: int) -> int:
          if value < low:
              return low
          if value > high:
              return high
          return value
    metadata: {{tags: [math], added: 2026-11-25}}
    """
)
ONE_TEST = "  - {name: inside, input: [5, 0, 10], expected: 5}"
ALL_TESTS = "\n".join(
    [
        ONE_TEST,
        "  - {name: below, input: [-1, 0, 10], expected: 0}",
        "  - {name: above, input: [11, 0, 10], expected: 10}",
        "  - {name: at-low, input: [0, 0, 10], expected: 0}",
        "  - {name: at-high, input: [10, 0, 10], expected: 10}",
    ]
)


def clamp_task(tests: str = ONE_TEST, reference_marks: tuple[str, str] = ("", "")) -> str:
    """The clamp task with these tests; marks are appended to the two `if` lines."""
    text = CLAMP.format(tests=tests)
    text = text.replace("if value < low:", "if value < low:" + reference_marks[0])
    return text.replace("if value > high:", "if value > high:" + reference_marks[1])


@pytest.fixture(scope="module", params=["process", "docker"])
def executor(request):
    """A warm executor of each kind, shared by a module's tests."""
    try:
        made = make_executor(request.param, workers=2, timeout=5.0)
    except SandboxUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Docker strength tests, but: {error}")
        pytest.skip(f"DOCKER STRENGTH TESTS SKIPPED, no engine or image here: {error}")
    with made:
        yield made
