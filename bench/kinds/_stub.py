"""The null baseline's stub: the entry point's signature, returning None."""

from __future__ import annotations

import ast
import copy
import sys

from bench._pyast import parse_python


def _entry_function(
    module: ast.Module, entry_point: str
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    functions = [
        node
        for node in module.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == entry_point
    ]
    return functions[-1] if functions else None


def _literal_or_none(default: ast.expr) -> ast.expr:
    try:
        ast.literal_eval(default)
    except ValueError:
        return ast.Constant(value=None)
    return default


def null_stub(reference: str, entry_point: str) -> str:
    """A function named `entry_point` with the reference's parameters that returns None.

    Annotations are dropped (they may name types the stub does not define), and
    defaults that are not literals become None, so the stub always imports.
    """
    function = _entry_function(parse_python(reference), entry_point)
    if function is None:
        return f"def {entry_point}(*args, **kwargs):\n    return None\n"
    arguments = copy.deepcopy(function.args)
    for argument in (
        *arguments.posonlyargs,
        *arguments.args,
        *arguments.kwonlyargs,
        arguments.vararg,
        arguments.kwarg,
    ):
        if argument is not None:
            argument.annotation = None
    arguments.defaults = [_literal_or_none(value) for value in arguments.defaults]
    arguments.kw_defaults = [
        None if value is None else _literal_or_none(value) for value in arguments.kw_defaults
    ]
    kind = ast.AsyncFunctionDef if isinstance(function, ast.AsyncFunctionDef) else ast.FunctionDef
    stub = kind(
        name=entry_point,
        args=arguments,
        body=[ast.Return(value=ast.Constant(value=None))],
        decorator_list=[],
        returns=None,
    )
    if sys.version_info >= (3, 12):
        stub.type_params = []  # ast.unparse reads it from 3.12 on
    return ast.unparse(ast.fix_missing_locations(ast.Module(body=[stub], type_ignores=[]))) + "\n"
