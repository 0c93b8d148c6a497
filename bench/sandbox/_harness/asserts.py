"""Assert-style test_code, made immune to returned objects with a lying `__eq__`.

`check(candidate)` has to run in the candidate's process, so the best this form
allows is to rewrite each `assert a == b` (and `!=`) into a call of the harness's
plain-data comparison (child._plain_equal), bound before the candidate loads.
Rewritten by the trusted supervisor; stdlib-only, shipped into the sandbox.
"""

from __future__ import annotations

import ast


class _EqualityRewriter(ast.NodeTransformer):
    """Rewrite `a == b` / `a != b` inside assert statements to a plain-data comparison."""

    def __init__(self) -> None:
        self._in_assert = 0

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        self._in_assert += 1
        self.generic_visit(node)
        self._in_assert -= 1
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if (
            not self._in_assert
            or len(node.ops) != 1
            or not isinstance(node.ops[0], ast.Eq | ast.NotEq)
        ):
            return node
        call = ast.Call(ast.Name("__bench_eq__", ast.Load()), [node.left, node.comparators[0]], [])
        result = call if isinstance(node.ops[0], ast.Eq) else ast.UnaryOp(ast.Not(), call)
        return ast.copy_location(result, node)


_rewritten: dict[str, str] = {}


def rewrite_asserts(test_code: str) -> str:
    """test_code with assert equalities made immune to a returned object's lying `__eq__`."""
    cached = _rewritten.get(test_code)
    if cached is None:
        if len(_rewritten) > 1024:
            _rewritten.clear()
        cached = _rewritten[test_code] = _rewrite(test_code)
    return cached


def _rewrite(test_code: str) -> str:
    try:
        tree = ast.parse(test_code)
    except SyntaxError:
        return test_code  # let it fail where the candidate sees it, as an error of the check
    tree = ast.fix_missing_locations(_EqualityRewriter().visit(tree))
    return ast.unparse(tree)
