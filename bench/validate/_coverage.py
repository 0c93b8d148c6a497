"""How much of its reference do a task's tests run? Measured in the sandbox, by line and branch.

The reference is executed through the normal executor, wrapped by the stdlib
tracer of `_probe.py` (shipped as source text), so the tests, their inputs, the
harness and the interpreter are exactly those that will judge models. The
tracer slows the code down; each test's time limit is multiplied by
`slowdown` for this one run.

Lines the author marks `# pragma: no cover` (the whole statement or clause that
starts on such a line) are left out of both measures, as coverage.py does.
"""

from __future__ import annotations

import ast
import io
import json
import re
import secrets
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from bench._pyast import parse_python
from bench.sandbox import ExecutionResult, Executor
from bench.tasks import Task

NO_COVER = re.compile(r"#\s*pragma:\s*no\s+cover\b", re.IGNORECASE)
NO_MUTATE = re.compile(r"#\s*pragma:\s*no\s+mutate\b", re.IGNORECASE)
_PROBE_SOURCE = Path(__file__).with_name("_probe.py")

Arc = tuple[int, int]


@dataclass(frozen=True)
class CoverageReport:
    """Line and branch coverage of one reference by its task's tests."""

    lines: frozenset[int] = frozenset()
    """Lines that own bytecode (minus `no cover` ones)."""
    covered_lines: frozenset[int] = frozenset()
    """Those the tests ran."""
    branches: frozenset[Arc] = frozenset()
    """(from line, to line): each way of each decision."""
    covered_branches: frozenset[Arc] = frozenset()
    """Those the tests took."""
    error: str | None = None
    """Why coverage could not be measured (then every set is empty)."""
    arcs: frozenset[Arc] = field(default=frozenset(), repr=False)
    """Every (previous line, line) transition seen, for diagnostics."""

    @property
    def line_percent(self) -> float:
        """Covered lines in percent (100 when there is nothing to cover)."""
        return _percent(len(self.covered_lines), len(self.lines))

    @property
    def branch_percent(self) -> float:
        """Taken branches in percent (100 when the reference makes no decision)."""
        return _percent(len(self.covered_branches), len(self.branches))

    @property
    def missing_lines(self) -> list[int]:
        """Lines no test ran, in order."""
        return sorted(self.lines - self.covered_lines)

    @property
    def missing_branches(self) -> list[Arc]:
        """Branches no test took, in order."""
        return sorted(self.branches - self.covered_branches)


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def coverage_program(source: str, entry_point: str, marker: str) -> str:
    """The program that runs `source` under the tracer and reports behind `marker`."""
    probe = _PROBE_SOURCE.read_text(encoding="utf-8")
    call = f"install({source!r}, {entry_point!r}, {marker!r}, globals())\n"
    return f"{probe}\n{call}"


def slowed_task(task: Task, factor: float) -> Task:
    """`task` with every test's time limit multiplied by `factor`."""
    tests = [test.model_copy(update={"timeout": test.timeout * factor}) for test in task.tests]
    return task.model_copy(update={"tests": tests})


def measure_coverage(task: Task, executor: Executor, slowdown: float = 10.0) -> CoverageReport:
    """Run the task's tests against its traced reference in `executor`; read the coverage."""
    marker = f"\x1fbench-coverage-{secrets.token_hex(6)}:"
    program = coverage_program(task.reference_solution, task.entry_point, marker)
    result = executor.execute(program, slowed_task(task, slowdown))
    return read_coverage(result, marker, excluded_lines(task.reference_solution))


def read_coverage(result: ExecutionResult, marker: str, excluded: set[int]) -> CoverageReport:
    """The coverage the probe reported in `result.stdout` (every child's reports, merged)."""
    if result.status != "passed":
        reason = result.error or next(
            (f"test {v.name}: {v.verdict}" for v in result.tests if v.verdict != "passed"), ""
        )
        return CoverageReport(
            error=f"the traced reference did not pass ({result.status}: {reason})"
        )
    if result.stdout_truncated:
        return CoverageReport(error="the coverage report was cut at the sandbox's output limit")
    lines: set[int] = set()
    branches: set[Arc] = set()
    arcs: set[Arc] = set()
    for text in result.stdout.splitlines():
        _, found, report = text.partition(marker)
        if not found or report[1:2] != " ":
            continue
        payload = json.loads(report[2:])
        if report[0] == "S":
            lines.update(payload["lines"])
            branches.update((a, b) for a, b in payload["branches"])
        elif report[0] == "A":
            arcs.update((a, b) for a, b in payload)
    if not lines:
        return CoverageReport(error="the tracer reported nothing (did the reference load?)")
    lines -= excluded
    branches = {arc for arc in branches if not excluded.intersection(arc)}
    return CoverageReport(
        lines=frozenset(lines),
        covered_lines=frozenset(lines & {to for _, to in arcs}),
        branches=frozenset(branches),
        covered_branches=frozenset(branches & arcs),
        arcs=frozenset(arcs),
    )


def pragma_lines(source: str, pattern: re.Pattern[str]) -> set[int]:
    """Lines whose comment matches `pattern` (e.g. `# pragma: no mutate`)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return set()
    return {
        token.start[0]
        for token in tokens
        if token.type == tokenize.COMMENT and pattern.search(token.string)
    }


def excluded_lines(source: str) -> set[int]:
    """Lines left out of coverage: each `no cover` line, with the statement it starts."""
    marked = pragma_lines(source, NO_COVER)
    if not marked:
        return set()
    excluded = set(marked)
    try:
        tree = parse_python(source)
    except SyntaxError:
        return excluded
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt | ast.excepthandler) and node.lineno in marked:
            excluded.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return excluded
