"""What a testgen suite runs against: the hidden reference, a look-alike, and its mutants.

The code under test never reaches the sandbox as source: it is compiled here, in the
trusted process, with docstrings stripped and the filename `<solution>`, and sent as
a marshalled code object, so `inspect.getsource` fails and no text is there to
compare. The behaviour-changing mutants (single mutants of the reference that the
task's own tests kill) are computed once per task version and kept, with which of
the task's tests kill each, for judging and for the mutant baseline.
"""

from __future__ import annotations

import ast
import marshal
import threading
import warnings
from dataclasses import dataclass

from bench._pyast import AST_LOCK, parse_python
from bench.kinds._mutation import Mutant
from bench.sandbox import Executor, make_executor
from bench.tasks import Task

HIDDEN_FILENAME = "<solution>"
"""The code filename of the module under test (also what the line tracer follows)."""
MUTANT_TIME_FACTOR = 10.0
"""A mutant's test may take this multiple of the reference's time (at least the floor)."""
MUTANT_FLOOR_S = 0.25


@dataclass(frozen=True)
class MutantSet:
    """The behaviour-changing mutants of one task version, and the tests that kill each."""

    mutants: tuple[Mutant, ...]
    kills: tuple[frozenset[str], ...]
    """For each mutant, the names (as in `reference_suite`) of the task's tests it fails."""


def _strip_docstrings(tree: ast.Module) -> ast.Module:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        is_scope = isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        if is_scope or isinstance(node, ast.AsyncFunctionDef):
            assert isinstance(body, list)
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and _is_text(first.value):
                body[0] = ast.copy_location(ast.Pass(), first)
    return tree


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def compile_hidden(source: str) -> bytes:
    """`source` compiled for the sandbox: docstrings gone, no file, line numbers kept."""
    tree = _strip_docstrings(parse_python(source))
    with AST_LOCK:  # compiling a tree converts it back to C: the same race as parsing
        code = compile(tree, HIDDEN_FILENAME, "exec", dont_inherit=True)
    return marshal.dumps(code)


def lookalike(source: str, salt: int) -> str:
    """`source` with the same behaviour but other bytecode, constants, locals and layout.

    Each function starts with an assignment to an unused local of a salted number;
    the module is re-rendered, so line numbers move too. A suite that tells this from
    the reference judges by something other than behaviour.
    """
    tree = _strip_docstrings(parse_python(source))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            marker = parse_python(f"_bench_variant_{salt % 997} = {salt}").body[0]
            node.body.insert(0, marker)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def statement_lines(source: str) -> set[int]:
    """The lines of the statements inside the functions of `source` (docstrings aside)."""
    tree = _strip_docstrings(parse_python(source))
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if not isinstance(inner, ast.stmt) or inner is node:
                    continue
                if not isinstance(inner, ast.Pass | ast.FunctionDef):
                    lines.add(inner.lineno)
    return lines


_cache: dict[str, MutantSet] = {}
_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def behaviour_changing(task: Task, version: str, executor: Executor | None) -> MutantSet:
    """The task's behaviour-changing mutants, computed once per `version` (thread-safe).

    Without an executor (a baseline asks before any answer was judged), a private
    process sandbox runs them: they are mutants of the trusted reference.
    """
    with _guard:
        lock = _locks.setdefault(version, threading.Lock())
    with lock:
        if version not in _cache:
            if executor is None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    with make_executor("process", workers=1) as private:
                        _cache[version] = _compute(task, private)
            else:
                _cache[version] = _compute(task, executor)
        return _cache[version]


def cached_mutants(version: str) -> MutantSet | None:
    """The mutants of a task version, if already computed."""
    return _cache.get(version)


def _compute(task: Task, executor: Executor) -> MutantSet:
    from bench.validate import mutant_stages, plan_mutants

    reference = executor.execute(task.reference_solution, task)
    if reference.status != "passed":
        raise RuntimeError(f"{task.id}: the reference fails its own tests ({reference.error})")
    stage = mutant_stages(task, reference, MUTANT_TIME_FACTOR, MUTANT_FLOOR_S)[-1]
    to_run, _decided = plan_mutants(task, None)
    mutants, kills = [], []
    for mutant in to_run:
        result = executor.execute(mutant.source, stage)
        if result.status == "sandbox_error":
            result = executor.execute(mutant.source, stage)
        if result.status in ("passed", "sandbox_error"):
            continue
        failing = {_suite_name(task, v.index) for v in result.tests if v.verdict != "passed"}
        mutants.append(mutant)
        kills.append(frozenset(failing or {"load"}))
    return MutantSet(tuple(mutants), tuple(kills))


def _suite_name(task: Task, index: int) -> str:
    return "test_check" if index >= len(task.tests) else f"test_{index}"
