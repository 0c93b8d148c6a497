"""Reading the probe's reports and the `no cover` exclusions (no sandbox needed)."""

from __future__ import annotations

import textwrap

from bench.sandbox import ExecutionResult, TestVerdict
from bench.tasks import load_task_file
from bench.validate._coverage import (
    coverage_program,
    excluded_lines,
    read_coverage,
    slowed_task,
)

MARK = "\x1fmark:"


def result(stdout: str, status: str = "passed", truncated: bool = False) -> ExecutionResult:
    verdict = TestVerdict(index=0, name="0", verdict="passed" if status == "passed" else "failed")
    return ExecutionResult(
        status=status, tests=[verdict], stdout=stdout, stdout_truncated=truncated
    )


def test_reports_of_several_children_are_merged():
    stdout = (
        f'{MARK}S {{"lines":[1,2,3,4],"branches":[[2,3],[2,4]]}}\n'
        f"{MARK}A [[0,1]]\nprinted by the code\n"
        f"{MARK}A [[1,2],[2,3]]\n"
        f'{MARK}S {{"lines":[1,2,3,4],"branches":[[2,3],[2,4]]}}\n'  # a restarted child
        f"noise{MARK}A [[3,4]]\n"
    )
    report = read_coverage(result(stdout), MARK, set())
    assert report.error is None
    assert report.lines == {1, 2, 3, 4} and report.covered_lines == {1, 2, 3, 4}
    assert report.line_percent == 100.0
    assert report.covered_branches == {(2, 3)} and report.missing_branches == [(2, 4)]
    assert report.branch_percent == 50.0


def test_missing_lines_and_exclusions():
    stdout = (
        f'{MARK}S {{"lines":[1,2,3,5],"branches":[[2,3],[2,5]]}}\n{MARK}A [[0,1],[1,2],[2,5]]\n'
    )
    report = read_coverage(result(stdout), MARK, set())
    assert report.missing_lines == [3] and report.line_percent == 75.0
    excluded = read_coverage(result(stdout), MARK, {3})
    assert excluded.missing_lines == [] and excluded.branches == {(2, 5)}


def test_failures_are_reported_not_guessed():
    assert "did not pass" in read_coverage(result("", status="failed"), MARK, set()).error
    assert "output limit" in read_coverage(result("", truncated=True), MARK, set()).error
    assert "reported nothing" in read_coverage(result("hello\n"), MARK, set()).error


def test_no_cover_excludes_the_statement_it_starts():
    source = textwrap.dedent(
        """\
        def f(x):
            if x is None:  # pragma: no cover
                raise TypeError(
                    "x"
                )
            return x  # Pragma:   NO COVER
        """
    )
    assert excluded_lines(source) == {2, 3, 4, 5, 6}
    assert excluded_lines("def f():\n    return 1\n") == set()


def test_the_program_compiles_and_names_the_entry_point():
    program = coverage_program("def f():\n    return 1\n", "f", MARK)
    compile(program, "<candidate>", "exec")
    assert program.rstrip().endswith(
        f"install('def f():\\n    return 1\\n', 'f', {MARK!r}, globals())"
    )


def test_slowed_task_multiplies_each_limit(write_task):
    task = load_task_file(write_task())
    slowed = slowed_task(task, 10)
    assert [t.timeout for t in slowed.tests] == [t.timeout * 10 for t in task.tests]
    assert slowed.version != task.version
