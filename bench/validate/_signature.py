"""Does the prompt name the entry point and its signature, as the reference defines it?

A model can only be judged on a function it was told to write: the prompt must
show `entry_point(parameters)` with the reference's parameter names, in order
(annotations and defaults are free). Calls in examples (`f("abc")`) do not count;
a signature does. For a class entry point, the signature is its `__init__`'s
without `self`.
"""

from __future__ import annotations

import ast
import re

from bench._pyast import parse_python
from bench.tasks import Task


def reference_parameters(source: str, entry_point: str) -> list[str] | None:
    """Parameter names of the reference's top-level `entry_point`, or None if not found."""
    try:
        tree = parse_python(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == entry_point:
            return _names(node.args)
        if isinstance(node, ast.ClassDef) and node.name == entry_point:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    return _names(item.args)[1:]
            return []
    return None


def _names(arguments: ast.arguments) -> list[str]:
    names = [arg.arg for arg in (*arguments.posonlyargs, *arguments.args)]
    if arguments.vararg:
        names.append("*" + arguments.vararg.arg)
    names.extend(arg.arg for arg in arguments.kwonlyargs)
    if arguments.kwarg:
        names.append("**" + arguments.kwarg.arg)
    return names


def _parenthesised(text: str, start: int) -> str | None:
    """The text between the `(` at `start` and its matching `)`."""
    depth = 0
    for position in range(start, len(text)):
        if text[position] in "([{":
            depth += 1
        elif text[position] in ")]}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : position]
    return None


def prompt_signatures(prompt: str, entry_point: str) -> list[list[str]]:
    """Parameter-name lists of every `entry_point(...)` in the prompt that reads as a def."""
    found = []
    for match in re.finditer(rf"(?<![\w.]){re.escape(entry_point)}\s*\(", prompt):
        inside = _parenthesised(prompt, match.end() - 1)
        if inside is None:
            continue
        try:
            tree = parse_python(f"def _({inside}): pass")
        except SyntaxError:
            continue
        function = tree.body[0]
        assert isinstance(function, ast.FunctionDef)
        found.append(_names(function.args))
    return found


def signature_problems(task: Task) -> list[str]:
    """Empty when the prompt shows the entry point's signature; else what is wrong."""
    expected = reference_parameters(task.reference_solution, task.entry_point)
    if expected is None:
        return [f"the reference defines no top-level `{task.entry_point}`"]
    shown = prompt_signatures(task.prompt, task.entry_point)
    if expected in shown:
        return []
    wanted = f"`{task.entry_point}({', '.join(expected)})`"
    if not shown:
        return [f"the prompt does not show the signature {wanted}"]
    seen = ", ".join(f"({', '.join(names)})" for names in shown)
    return [f"the prompt's signature {seen} differs from the reference's {wanted}"]
