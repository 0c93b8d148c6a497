"""Test modules written from a task's own tests: the testgen kind's baseline suites.

The reference suite turns each input/expected test into one `def test_*()` with a
plain assert (a HumanEval-style `check(candidate)` becomes one test calling it), so
it kills exactly the mutants the task's tests kill. The comparison helper inlined in
the suite mirrors the task's compare mode (exact, float, unordered).
"""

from __future__ import annotations

import ast
from typing import Any

from bench._pyast import parse_python
from bench.tasks import Task, TestCase, build_arguments

_HELPERS = """
import math


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _same(actual, expected, mode="exact", rel=__REL__, abs_tol=__ABS__):
    actual, expected = _plain(actual), _plain(expected)
    if mode == "unordered" and isinstance(actual, list) and isinstance(expected, list):
        return sorted(map(repr, actual)) == sorted(map(repr, expected))
    if mode == "float" and isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        return math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_tol)
    if mode == "float" and isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(
            _same(a, e, mode) for a, e in zip(actual, expected)
        )
    if mode == "float" and isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            _same(actual[k], expected[k], mode) for k in actual
        )
    return actual == expected
"""


def _literal(value: Any) -> str | None:
    """`value` as Python source, or None when its repr does not read back as itself."""
    text = repr(value)
    try:
        return text if ast.literal_eval(parse_python(text, mode="eval")) == value else None
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _test_function(task: Task, index: int, test: TestCase) -> str | None:
    arguments = _literal(build_arguments(test.input, test.input_code))
    if arguments is None:
        return None
    call = f"{task.entry_point}(*{arguments})"
    name = f"test_{index}"
    if test.raises is not None:
        return (
            f"def {name}():\n    try:\n        {call}\n    except {test.raises}:\n"
            f"        return\n    except Exception as error:\n"
            f"        if {test.raises!r} in [c.__name__ for c in type(error).__mro__]:\n"
            f"            return\n        raise\n"
            f"    raise AssertionError('expected {test.raises}')\n"
        )
    expected = _literal(test.expected)
    if expected is None:
        return None
    mode = str(task.compare_mode(test))
    return f"def {name}():\n    assert _same({call}, {expected}, {mode!r})\n"


def reference_suite(task: Task, skip: frozenset[str] = frozenset()) -> str:
    """The task's own tests as a test module (tests named in `skip` left out)."""
    header = f"from solution import {task.entry_point}\n"
    helpers = _HELPERS.replace("__REL__", repr(task.tolerance.rel))
    helpers = helpers.replace("__ABS__", repr(task.tolerance.abs))
    functions = [
        function
        for index, test in enumerate(task.tests)
        if f"test_{index}" not in skip
        and (function := _test_function(task, index, test)) is not None
    ]
    if task.test_code and "test_check" not in skip:
        functions.append(
            f"{task.test_code.strip()}\n\n\ndef test_check():\n    check({task.entry_point})\n"
        )
    return header + helpers + "\n\n" + "\n\n".join(functions)


def null_suite(task: Task) -> str:
    """One trivial passing test: it kills no mutant."""
    return (
        f"from solution import {task.entry_point}\n\n\n"
        f"def test_it_exists():\n    assert callable({task.entry_point})\n"
    )
