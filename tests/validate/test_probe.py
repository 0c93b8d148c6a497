"""The in-sandbox tracer, exercised in this process: lines, branches, arcs, reports."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

from bench.validate import _probe

SAMPLE = textwrap.dedent(
    """\
    def f(xs, y):
        total = 0
        for x in xs:
            if x > 0 and y:
                total += x
            elif x < -5:
                continue
        try:
            z = 1 / y
        except ZeroDivisionError:
            z = 0
        while total > 10:
            total -= 3
        return total if z else -total
    """
)


def compiled(source: str = SAMPLE):
    return compile(source, _probe.REFERENCE_FILENAME, "exec")


def test_executable_lines_are_the_lines_with_code():
    assert _probe.executable_lines(compiled()) == set(range(1, 15))


def test_branch_arcs_are_both_ways_of_each_decision_between_lines():
    assert _probe.branch_arcs(compiled()) == {
        (3, 4), (3, 8),     # for: enter the body / leave the loop
        (4, 5), (4, 6),     # if ... and ...: body / elif
        (6, 3), (6, 7),     # elif: back to the loop / continue
        (12, 13), (12, 14), # while: body / after
    }  # fmt: skip


def test_exception_matching_is_not_a_branch():
    source = textwrap.dedent(
        """\
        def g(y):
            try:
                return 1 / y
            except ZeroDivisionError:
                return 0
        """
    )
    assert _probe.branch_arcs(compiled(source)) == set()


def test_one_line_conditional_expression_is_not_a_branch():
    source = "def h(a):\n    return 1 if a else 2\n"
    assert _probe.branch_arcs(compiled(source)) == set()


def trace(source: str, call):
    namespace: dict = {}
    exec(compiled(source), namespace)
    tracer = _probe.ArcTracer(_probe.REFERENCE_FILENAME)
    import sys

    sys.settrace(tracer)
    try:
        call(namespace)
    finally:
        sys.settrace(None)
    return tracer


def test_tracer_records_the_arcs_a_call_takes():
    tracer = trace(SAMPLE, lambda ns: ns["f"]([1, -10, 3], 1))
    taken = tracer.arcs
    assert {(3, 4), (4, 5), (4, 6), (6, 7), (3, 8), (12, 14)} <= taken
    assert (6, 3) not in taken and (12, 13) not in taken
    assert tracer.fresh() == sorted([list(arc) for arc in taken])
    assert tracer.fresh() == []  # reported once


def test_tracer_ignores_frames_of_other_files():
    namespace: dict = {}
    exec(compile("def other():\n    return 1\n", "<elsewhere>", "exec"), namespace)
    tracer = trace(SAMPLE, lambda ns: (ns["f"]([], 1), namespace["other"]()))
    assert all(line <= 14 for arc in tracer.arcs for line in arc)


def read_fd1(action) -> list[str]:
    read_end, write_end = os.pipe()
    saved = os.dup(1)
    os.dup2(write_end, 1)
    try:
        action()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(write_end)
    with os.fdopen(read_end) as stream:
        return [line for line in stream.read().splitlines() if line]


def test_install_reports_statics_then_arcs_per_call_and_keeps_recursion_inside():
    source = "def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n"
    namespace: dict = {}
    results = []

    def run():
        _probe.install(source, "fact", "MARK:", namespace)
        results.append(namespace["fact"](4))
        results.append(namespace["fact"](1))

    lines = read_fd1(run)
    assert results == [24, 1]
    kinds = [line[5] for line in lines]
    assert kinds == ["S", "A", "A", "A"]  # load, the module's own lines, two calls
    statics = json.loads(lines[0][7:])
    assert statics == {"lines": [1, 2, 3, 4], "branches": [[2, 3], [2, 4]]}
    first_call = {tuple(arc) for arc in json.loads(lines[2][7:])}
    assert (2, 3) in first_call and (2, 4) in first_call  # recursion reached the base case
    assert json.loads(lines[3][7:]) == []  # nothing new on the second call


def test_install_propagates_the_entry_points_exception_and_still_reports():
    namespace: dict = {}
    lines = []

    def run():
        _probe.install("def boom():\n    raise ValueError('x')\n", "boom", "M:", namespace)
        with pytest.raises(ValueError):
            namespace["boom"]()

    lines = read_fd1(run)
    assert [line[2] for line in lines] == ["S", "A", "A"]
    assert [1, 2] in json.loads(lines[2][4:])
