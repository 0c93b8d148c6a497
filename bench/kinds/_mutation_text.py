"""Writing a mutation back into source text, and checking the text says what the tree says.

A mutant is shown as the original text with only the mutated tokens changed,
so comments and layout survive (the quality score of the mutant baseline stays
comparable with the reference's). The edit is trusted only when the edited text
parses to exactly the mutated statement; otherwise the caller unparses the tree.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass

from bench._pyast import parse_python


@dataclass(frozen=True)
class Edit:
    """A textual change: an operator token in the gaps between operands, or a whole span.

    For a span, `{}` in `replacement` stands for the original text of `text_from`
    (default: the replaced node itself).
    """

    node: ast.AST
    replacement: str
    old_symbol: str | None = None
    gaps: tuple[tuple[ast.AST, ast.AST], ...] = ()
    text_from: ast.AST | None = None


class SourceText:
    """The source with (line, UTF-8 column) positions turned into string offsets."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, line: int, column: int) -> int:
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        return self.starts[line - 1] + len(text.encode("utf-8")[:column].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]  # see span_of
            self.offset(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]  # ditto
        )


def _without_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", lambda match: " " * len(match.group()), text)


def splice(text: SourceText, edit: Edit) -> str | None:
    """The source with `edit` applied as text, or None when the operator is not found."""
    source = text.source
    if edit.old_symbol is None:
        start, end = text.span(edit.node)
        text_start, text_end = text.span(edit.text_from or edit.node)
        replacement = edit.replacement.replace("{}", source[text_start:text_end])
        return source[:start] + replacement + source[end:]
    pattern = re.compile(r"(?<![<>=!*/])" + re.escape(edit.old_symbol).replace(r"\ ", r"\s+"))
    for left, right in reversed(edit.gaps):
        gap_start, gap_end = text.span(left)[1], text.span(right)[0]
        found = pattern.search(_without_comments(source[gap_start:gap_end]))
        if found is None:
            return None
        start, end = gap_start + found.start(), gap_start + found.end()
        source = source[:start] + edit.replacement + source[end:]
    return source


Span = tuple[tuple[int, int], tuple[int, int]]


def span_of(node: ast.AST) -> Span:
    """((line, column), (end line, end column)) of a node parsed from source."""
    return (
        # ast.AST declares no positions; every node parsed from source that we edit has them
        (node.lineno, node.col_offset),  # type: ignore[attr-defined]
        (node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
    )


def innermost_statement(statements: list[ast.stmt], node: ast.AST) -> ast.stmt | None:
    """The most deeply nested statement whose span contains `node`'s.

    None for a node outside every statement's span: a decorator's arguments lie above
    the `def` or `class` line where the statement's span starts.
    """
    (start, end) = span_of(node)
    containing = [s for s in statements if span_of(s)[0] <= start and end <= span_of(s)[1]]
    if not containing:
        return None
    return max(containing, key=lambda statement: span_of(statement)[0])


class _UnfoldNegatives(ast.NodeTransformer):
    """Constant(-1) as minus applied to 1, which `ast.unparse` parenthesises where needed."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if type(node.value) is int and node.value < 0:
            return ast.UnaryOp(op=ast.USub(), operand=ast.Constant(value=-node.value))
        return node


def unparse(tree: ast.Module) -> str:
    """Source for a mutated tree (`ast.unparse` writes Constant(-1).real as `-1 .real`)."""
    return ast.unparse(_UnfoldNegatives().visit(copy.deepcopy(tree))) + "\n"


def _folded(node: object) -> object:
    """`-1` parses as minus applied to 1, while a mutated tree may hold the constant -1."""
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) is int
    ):
        return ast.Constant(value=-node.operand.value)
    return node


def same_tree(first: object, second: object) -> bool:
    """Structural equality of two ASTs (positions ignored), with negative literals folded."""
    first, second = _folded(first), _folded(second)
    if type(first) is not type(second):
        return False
    if isinstance(first, ast.AST):
        return all(
            same_tree(getattr(first, field, None), getattr(second, field, None))
            for field in first._fields
        )
    if isinstance(first, list):
        assert isinstance(second, list)
        return len(first) == len(second) and all(
            same_tree(a, b) for a, b in zip(first, second, strict=True)
        )
    return first == second


Step = tuple[str, int | None, int]
"""(field, index in the list or None, the list's length): one step from a node to a child."""


def statement_paths(tree: ast.AST) -> dict[int, tuple[Step, ...]]:
    """For each statement (by id), the steps from the module down to it."""
    paths: dict[int, tuple[Step, ...]] = {}

    def visit(node: ast.AST, path: tuple[Step, ...]) -> None:
        if isinstance(node, ast.stmt):
            paths[id(node)] = path
        for field, value in ast.iter_fields(node):
            if isinstance(value, list):
                for index, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        visit(child, (*path, (field, index, len(value))))
            elif isinstance(value, ast.AST):
                visit(value, (*path, (field, None, 0)))

    visit(tree, ())
    return paths


def _follow(tree: ast.AST, path: tuple[Step, ...]) -> ast.AST | None:
    node: ast.AST = tree
    for field, index, length in path:
        value = getattr(node, field, None)
        if index is None:
            if not isinstance(value, ast.AST):
                return None
            node = value
        elif isinstance(value, list) and len(value) == length:
            node = value[index]
        else:
            return None
    return node


def edited_source(
    text: SourceText, edit: Edit, statement: ast.stmt, path: tuple[Step, ...]
) -> str | None:
    """The edited source when it parses to the mutated `statement` at the same place.

    Text outside the statement is unchanged, so the check is: the statement
    reached by the same path (with lists of the same lengths) equals the mutated one.
    """
    spliced = splice(text, edit)
    if spliced is None:
        return None
    try:
        tree = parse_python(spliced)
    except SyntaxError:
        return None
    twin = _follow(tree, path)
    if twin is None or not same_tree(twin, statement):
        return None
    return spliced
