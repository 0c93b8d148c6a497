"""The process executor end to end: real subprocesses, real limits, the shared judge."""

import os
import textwrap
import threading
import warnings

import pytest

from bench.sandbox import ExecutionResult, make_executor
from bench.sandbox._process import ProcessExecutor

from .conftest import make_task

ADD = "def add(a, b):\n    return a + b\n"


def test_reference_passes(process_executor):
    result = process_executor.execute(ADD, make_task())
    assert isinstance(result, ExecutionResult)
    assert result.status == "passed" and result.tests_passed == 2 and result.correctness == 1.0
    assert result.sandbox == "process" and result.exec_time_s > 0 and result.peak_memory_mb > 0


def test_wrong_answer_fails_with_the_actual_value(process_executor):
    result = process_executor.execute("def add(a, b):\n    return a - b\n", make_task())
    assert result.status == "failed"
    assert [t.verdict for t in result.tests] == ["failed", "failed"]
    assert result.tests[0].actual == "-1"


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        ("def add(a, b) return a", "SyntaxError"),
        ("def plus(a, b):\n    return a + b\n", "NameError"),
        ("import no_such_module_here\n", "ModuleNotFoundError"),
        ("raise SystemExit(0)\n", "SystemExit"),
    ],
)
def test_code_that_does_not_load_is_an_error(process_executor, code, error_type):
    result = process_executor.execute(code, make_task())
    assert result.status == "error" and result.error.startswith(error_type)
    assert all(t.verdict == "error" and t.error_message.startswith("not run") for t in result.tests)


def test_raises_tests(process_executor):
    task = make_task(
        tests=[
            {"input": [1, 0], "raises": "ArithmeticError", "timeout": 1},
            {"input": [1, 1], "expected": 1.0, "timeout": 1},
        ],
    )
    result = process_executor.execute("def add(a, b):\n    return a / b\n", task)
    assert [t.verdict for t in result.tests] == ["passed", "passed"]
    assert result.tests[0].error_type == "ZeroDivisionError"


def test_a_timeout_does_not_cost_the_other_tests(process_executor):
    task = make_task(
        tests=[
            {"input": [0, 1], "expected": 1, "timeout": 0.3},
            {"input": [1, 1], "expected": 2, "timeout": 0.3},
            {"input": [2, 1], "expected": 3, "timeout": 0.3},
        ],
    )
    code = "def add(a, b):\n    while a == 1:\n        pass\n    return a + b\n"
    result = process_executor.execute(code, task)
    assert [t.verdict for t in result.tests] == ["passed", "timeout", "passed"]
    assert result.status == "timeout"


def test_output_is_captured_and_bounded(process_executor):
    code = textwrap.dedent(
        """
        import sys
        def add(a, b):
            print("hello")
            print("x" * 100000, file=sys.stderr)
            return a + b
        """
    )
    result = process_executor.execute(code, make_task())
    assert result.status == "passed"
    assert result.stdout.startswith("hello\n") and not result.stdout_truncated
    assert result.stderr_truncated and len(result.stderr) <= 4096


def test_test_code_tasks(process_executor):
    check = (
        "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(0, 0) == 0\n"
    )
    task = make_task(test_code=check)
    assert process_executor.execute(ADD, task).status == "passed"
    failed = process_executor.execute("def add(a, b):\n    return 5\n", task)
    assert failed.status == "failed" and failed.tests[0].error_type == "AssertionError"


def test_lying_eq_fails_in_both_test_forms(process_executor):
    liar = textwrap.dedent(
        """
        class Liar:
            def __eq__(self, other):
                return True
            __hash__ = object.__hash__
        def add(a, b):
            return Liar()
        """
    )
    assert process_executor.execute(liar, make_task()).status == "failed"
    task = make_task(test_code="def check(candidate):\n    assert candidate(2, 3) == 5\n")
    assert process_executor.execute(liar, task).status == "failed"


def test_execute_is_thread_safe(process_executor):
    tasks = [
        make_task(tests=[{"input": [i, i], "expected": 2 * i, "timeout": 1}]) for i in range(12)
    ]
    results = [None] * len(tasks)

    def run(index):
        results[index] = process_executor.execute(ADD, tasks[index])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status for r in results] == ["passed"] * len(tasks)


def test_the_process_executor_warns_that_it_is_weaker():
    ProcessExecutor._warned = False
    with pytest.warns(RuntimeWarning, match="isolates less than Docker"):
        executor = make_executor("process", workers=1)
    executor.close()
    assert "isolates less than Docker" in ProcessExecutor.isolation_warning


def test_close_removes_scratch_space():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        executor = make_executor("process", workers=1)
    root = executor._root
    assert executor.execute(ADD, make_task()).status == "passed"
    executor.close()
    assert not os.path.exists(root)
