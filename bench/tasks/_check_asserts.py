"""Turning assert-style `check(candidate)` code into input/expected tests.

`test_code` must run inside the candidate's process, where a hostile answer can read
the expected values from the calling frame (its constants, its source line). An
input/expected test is judged outside that process, so every assert whose call and
expected value are plain data moves out of `check`:

    assert candidate(ARGS) == VALUE        -> {input: ARGS, expected: VALUE}
    assert candidate(ARGS) is True / False -> expected True / False (bool, as `is` says)
    assert candidate(ARGS) / not candidate(ARGS)  -> expected True / False
    assert tuple(candidate(ARGS)) == tuple(VALUE) -> expected VALUE (a sequence)
    assert abs(candidate(ARGS) - VALUE) < TOL     -> compare: float, abs tolerance TOL

ARGS and VALUE must be literals, or arithmetic on literals (`2.0/3.0`, `-5`, `"a" * 3`),
evaluated here without running any code. Arguments must survive a YAML round trip
unchanged (no tuples, sets or non-finite floats: the candidate must receive what
HumanEval gives it). Everything else stays in `check`, in its original text: asserts
inside loops, on variables, with other comparisons. Two deliberate differences from
Python's `==`: bench's exact comparison treats a tuple as a list and does not take
`True` for `1` (see `CompareMode`); the canonical solutions pass either way.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from bench._pyast import parse_python
from bench.tasks._model import CompareMode, TestCase

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_MAX_SIZE = 10_000
"""Longest string or list arithmetic may build, and largest exponent it may raise to."""


class _NotLiteral(ValueError):
    """The expression is not plain data (a name, a call, a comprehension, ...)."""


def literal_value(node: ast.expr) -> Any:
    """The value of a literal expression, arithmetic allowed; `_NotLiteral` otherwise.

    Never evaluates code: only constants, containers and bounded operators on them.
    """
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = [literal_value(item) for item in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        keys = [literal_value(key) for key in node.keys if key is not None]
        return dict(zip(keys, (literal_value(value) for value in node.values), strict=True))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = literal_value(node.operand)
        if isinstance(operand, int | float) and not isinstance(operand, bool):
            return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = literal_value(node.left), literal_value(node.right)
        return _bounded(_BINARY[type(node.op)], left, right)
    raise _NotLiteral(ast.dump(node)[:80])


def _bounded(function: Callable[[Any, Any], Any], left: Any, right: Any) -> Any:
    sizes = [len(x) for x in (left, right) if isinstance(x, str | list | tuple)]
    numbers = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
    if sizes and numbers and max(sizes) * max(numbers) > _MAX_SIZE:
        raise _NotLiteral("too large")
    if function is operator.pow and (not isinstance(right, int | float) or abs(right) > 64):
        raise _NotLiteral("exponent too large")
    try:
        return function(left, right)
    except (TypeError, ValueError, ArithmeticError) as error:
        raise _NotLiteral(str(error)) from None


def is_plain_argument(value: Any) -> bool:
    """True when `value` reads back from YAML as the same value, of the same types."""
    if value is None or isinstance(value, bool | int | str):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(is_plain_argument(item) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(key, str | int) and not isinstance(key, bool) and is_plain_argument(item)
            for key, item in value.items()
        )
    return False


def literal_call_arguments(node: ast.expr, callee: str) -> list[Any] | None:
    """The positional arguments of `callee(...)` when `node` is such a call with plain ones."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == callee
        and not node.keywords
        and not any(isinstance(arg, ast.Starred) for arg in node.args)
    ):
        return None
    try:
        arguments = [literal_value(arg) for arg in node.args]
    except _NotLiteral:
        return None
    return arguments if is_plain_argument(arguments) else None


@dataclass(frozen=True)
class _Converted:
    """One assert as a test: arguments, expected value, and the float tolerance if any."""

    arguments: list[Any]
    expected: Any
    tolerance: float | None = None


def _convert(test: ast.expr, callee: str) -> _Converted | None:
    """The test an assert's condition amounts to, or None when it is not one of the forms."""
    call = literal_call_arguments(test, callee)
    if call is not None:
        return _Converted(call, True)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        call = literal_call_arguments(test.operand, callee)
        return _Converted(call, False) if call is not None else None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    operation, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(operation, ast.Lt):
        return _tolerance_form(left, right, callee)
    if isinstance(operation, ast.Eq) and _is_tuple_call(left) and _is_tuple_call(right):
        left, right = left.args[0], right.args[0]
    call = literal_call_arguments(left, callee)
    if call is None:
        return None
    try:
        expected = literal_value(right)
    except _NotLiteral:
        return None
    if isinstance(operation, ast.Is) and (expected is None or isinstance(expected, bool)):
        return _Converted(call, expected)
    if isinstance(operation, ast.Eq) and _plain_expected(expected):
        return _Converted(call, expected)
    return None


def _is_tuple_call(node: ast.expr) -> TypeGuard[ast.Call]:
    """`tuple(X)`: HumanEval's way to compare sequences whatever their type."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tuple"
        and len(node.args) == 1
        and not node.keywords
    )


def _tolerance_form(left: ast.expr, right: ast.expr, callee: str) -> _Converted | None:
    """`abs(candidate(ARGS) - VALUE) < TOL` as a float test."""
    if not (
        isinstance(left, ast.Call)
        and isinstance(left.func, ast.Name)
        and left.func.id == "abs"
        and len(left.args) == 1
        and isinstance(left.args[0], ast.BinOp)
        and isinstance(left.args[0].op, ast.Sub)
    ):
        return None
    call = literal_call_arguments(left.args[0].left, callee)
    try:
        expected, tolerance = literal_value(left.args[0].right), literal_value(right)
    except _NotLiteral:
        return None
    numbers = all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in (expected, tolerance)
    )
    if call is None or not numbers or not tolerance > 0:
        return None
    return _Converted(call, expected, float(tolerance))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plain_expected(value: Any) -> bool:
    """Expected values may hold tuples (compared as lists); nothing else outside YAML's."""
    if isinstance(value, tuple):
        return all(_plain_expected(item) for item in value)
    if isinstance(value, list):
        return all(_plain_expected(item) for item in value)
    if isinstance(value, dict):
        return is_plain_argument(value)
    return is_plain_argument(value)


@dataclass
class CheckConversion:
    """What became of a `check(candidate)` function's asserts."""

    tests: list[TestCase] = field(default_factory=list)
    """The converted asserts, in source order."""
    test_code: str | None = None
    """The test code with those asserts removed; None when nothing of substance is left."""
    tolerance: float | None = None
    """The absolute tolerance the float tests were converted with (one per task)."""
    asserts: int = 0
    """Asserts anywhere in `check` (loops included) that call the candidate."""
    trivial: int = 0
    """Asserts that test nothing (`assert True, "..."`): left as they are."""


def _check_function(tree: ast.Module) -> ast.FunctionDef | None:
    return next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None
    )


def _calls_candidate(node: ast.AST, callee: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == callee for n in ast.walk(node))


def convert_check(test_code: str, callee: str = "candidate") -> CheckConversion:
    """Move the convertible top-level asserts of `check` out into input/expected tests.

    Only statements directly in `check`'s body convert: an assert inside a loop or a
    branch depends on state the test file cannot hold. The remaining text keeps its
    comments and layout; the converted asserts' lines are removed.
    """
    tree = parse_python(test_code)
    check = _check_function(tree)
    result = CheckConversion(test_code=test_code)
    if check is None or not check.args.args:
        return result
    callee = check.args.args[0].arg
    result.asserts = sum(
        isinstance(node, ast.Assert) and _calls_candidate(node.test, callee)
        for node in ast.walk(check)
    )
    removed: set[int] = set()
    for statement in check.body:
        if not isinstance(statement, ast.Assert):
            continue
        if isinstance(statement.test, ast.Constant) and statement.test.value:
            result.trivial += 1
            continue
        if not _calls_candidate(statement.test, callee):
            continue
        converted = _convert(statement.test, callee)
        if converted is None or not _same_tolerance(result, converted):
            continue
        result.tests.append(_test_case(converted))
        removed.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    result.test_code = _remaining(test_code, check, removed, callee)
    return result


def _same_tolerance(result: CheckConversion, converted: _Converted) -> bool:
    """Float tests share the task's one tolerance: a second, different one stays in check."""
    if converted.tolerance is None:
        return True
    if result.tolerance is None:
        result.tolerance = converted.tolerance
    return result.tolerance == converted.tolerance


def _test_case(converted: _Converted) -> TestCase:
    if converted.tolerance is None:
        return TestCase(input=converted.arguments, expected=converted.expected)
    return TestCase(
        input=converted.arguments, expected=converted.expected, compare=CompareMode.FLOAT
    )


def _remaining(
    test_code: str, check: ast.FunctionDef, removed: set[int], callee: str
) -> str | None:
    """The test code without the `removed` lines; None when `check` then tests nothing."""
    lines = test_code.splitlines(keepends=True)
    kept = "".join(line for number, line in enumerate(lines, 1) if number not in removed)
    try:
        left = _check_function(parse_python(kept)) if removed else check
    except SyntaxError:  # every statement of `check` moved out: its body is empty
        return None
    if left is None or not any(_calls_candidate(statement, callee) for statement in left.body):
        return None
    return kept


def call_arguments(test_code: str) -> list[list[Any]]:
    """The plain argument lists of every `candidate(...)` call anywhere in `check`.

    Hardening seeds its inputs with them when a task is judged by `test_code` alone.
    """
    try:
        tree = parse_python(test_code)
    except SyntaxError:
        return []
    check = _check_function(tree)
    if check is None or not check.args.args:
        return []
    callee = check.args.args[0].arg
    found = []
    calls = sorted(
        (node for node in ast.walk(check) if isinstance(node, ast.Call)),
        key=lambda node: (node.lineno, node.col_offset),
    )
    for node in calls:
        arguments = literal_call_arguments(node, callee)
        if arguments is not None and arguments not in found:
            found.append(arguments)
    return found
