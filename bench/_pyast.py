"""Parsing Python into `ast` objects safely from several threads at once.

CPython 3.11 keeps the recursion depth of its AST conversion per interpreter, not
per thread, so two threads converting ASTs at the same moment can fail with
`SystemError: AST constructor recursion depth mismatch` (seen here: the mutant
baseline in a worker thread while quality scoring ran radon in another). Every
conversion bench does from worker threads goes through this one lock; it is
held for microseconds to milliseconds, far less than the work around it.
"""

from __future__ import annotations

import ast
import threading
from typing import Literal, overload

AST_LOCK = threading.RLock()


@overload
def parse_python(
    source: str, filename: str = "<unknown>", mode: Literal["exec"] = "exec"
) -> ast.Module: ...
@overload
def parse_python(
    source: str, filename: str = "<unknown>", *, mode: Literal["eval"]
) -> ast.Expression: ...


def parse_python(
    source: str, filename: str = "<unknown>", mode: Literal["exec", "eval"] = "exec"
) -> ast.Module | ast.Expression:
    """`ast.parse` under the process-wide AST lock: a Module, or an Expression for `eval`."""
    with AST_LOCK:
        if mode == "eval":
            return ast.parse(source, filename=filename, mode="eval")
        return ast.parse(source, filename=filename, mode="exec")
