"""Executors for the strength checks: the process sandbox, and Docker where an engine is.

The Docker variant carries the `docker` marker; it skips only when no engine or image
can be had, loudly, and fails instead under CI (tests/_support.py), because CI must run it.
"""

from __future__ import annotations

import textwrap

import pytest

from bench.sandbox import SandboxUnavailable, make_executor
from tests._support import require

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


@pytest.fixture(
    scope="module", params=["process", pytest.param("docker", marks=pytest.mark.docker)]
)
def executor(request):
    """A warm executor of each kind, shared by a module's tests."""
    try:
        made = make_executor(request.param, workers=2, timeout=5.0)
    except SandboxUnavailable as error:
        require(False, f"no Docker engine or image for the strength tests: {error}")
        raise
    with made:
        yield made
