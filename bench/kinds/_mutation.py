"""Single AST mutations of a Python program, for the mutant baseline and test strength.

A mutant differs from the original by exactly one small change, the kinds that
mutation testing uses to ask "would the tests notice this bug?":

- comparison: `<`↔`<=`, `>`↔`>=`, `==`↔`!=`, `is`↔`is not`, `in`↔`not in`
- arithmetic: `+`↔`-`, `*`→`/`, `/`→`*`, `//`→`*`, `%`→`//`, `**`→`*`, `<<`↔`>>`,
  `&`↔`|`, `^`→`|` (also in augmented assignments such as `+=`)
- constant: an integer literal n becomes n+1 and, separately, n-1
- boolean: `and`↔`or`, `True`↔`False`, `not x`→`x`, and the condition of an `if`,
  `while`, conditional expression or comprehension filter negated
- return: `return <value>` becomes `return None`

Annotations, docstrings and f-strings are left alone. A mutant's source is the
original text with only the mutated tokens changed (comments and layout kept);
when a textual edit would not give exactly the mutated tree, the whole module is
unparsed instead. Mutants are listed in source order, so the list, and a choice
from it, are reproducible.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench._pyast import AST_LOCK, parse_python
from bench.kinds._mutation_text import (
    Edit,
    SourceText,
    edited_source,
    innermost_statement,
    statement_paths,
    unparse,
)

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.In: ast.NotIn, ast.NotIn: ast.In,
}  # fmt: skip
_ARITHMETIC_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
    ast.LShift: ast.RShift, ast.RShift: ast.LShift, ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd, ast.BitXor: ast.BitOr,
}  # fmt: skip
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitAnd: "&", ast.BitOr: "|",
    ast.BitXor: "^", ast.And: "and", ast.Or: "or",
}  # fmt: skip
_SKIPPED_FIELDS = {"annotation", "returns", "type_comment", "type_params"}


@dataclass(frozen=True)
class Mutant:
    """One single-change variant of a program."""

    source: str
    """The mutated program."""
    kind: str
    """comparison, arithmetic, constant, boolean or return."""
    description: str
    """What changed, e.g. "`<` → `<=`"."""
    line: int
    """The 1-based line of the change in the original source."""


@dataclass(frozen=True)
class _Site:
    index: int
    kind: str
    description: str
    line: int
    apply: Callable[[ast.AST], Edit]


def _walk(tree: ast.AST) -> list[ast.AST]:
    """Nodes in source order, without annotations, f-strings or docstrings."""
    nodes: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        nodes.append(node)
        if isinstance(node, ast.JoinedStr):
            return
        for field, value in ast.iter_fields(node):
            if field in _SKIPPED_FIELDS:
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST) and not _is_docstring(node, child):
                    visit(child)

    visit(tree)
    return nodes


def _is_docstring(parent: ast.AST, child: ast.AST) -> bool:
    body = getattr(parent, "body", None)
    return (
        isinstance(body, list)
        and bool(body)
        and body[0] is child
        and isinstance(child, ast.Expr)
        and isinstance(child.value, ast.Constant)
        and isinstance(child.value.value, str)
    )


def _swap_sites(node: ast.AST, index: int) -> Iterator[_Site]:
    """Operator swaps: comparisons, arithmetic (plain and augmented), and/or."""
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            new = _COMPARE_SWAPS[type(op)]
            yield _Site(
                index, "comparison", _arrow(type(op), new), line, _compare_swap(position, new)
            )
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _ARITHMETIC_SWAPS:
        operator = _ARITHMETIC_SWAPS[type(node.op)]
        yield _Site(
            index, "arithmetic", _arrow(type(node.op), operator), line, _operator_swap(operator)
        )
    elif isinstance(node, ast.BoolOp):
        junction: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield _Site(
            index, "boolean", _arrow(type(node.op), junction), line, _operator_swap(junction)
        )


def _value_sites(node: ast.AST, index: int) -> Iterator[_Site]:
    """Constants, `not`, negated conditions and return values."""
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        flipped = not node.value
        yield _Site(index, "boolean", f"`{node.value}` → `{flipped}`", line, _constant(flipped))
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        for number in (node.value + 1, node.value - 1):
            yield _Site(index, "constant", f"`{node.value}` → `{number}`", line, _constant(number))
    elif isinstance(node, ast.If | ast.While | ast.IfExp):
        yield _Site(index, "boolean", "condition negated", line, _negate_test)
    elif isinstance(node, ast.comprehension):
        for position, condition in enumerate(node.ifs):
            yield _Site(
                index, "boolean", "filter negated", condition.lineno, _negate_filter(position)
            )
    elif isinstance(node, ast.Return) and not _returns_none(node):
        yield _Site(index, "return", "return value → `None`", line, _return_none)


def _returns_none(node: ast.Return) -> bool:
    value = node.value
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


def _arrow(old: type[ast.AST], new: type[ast.AST]) -> str:
    return f"`{_SYMBOLS[old]}` → `{_SYMBOLS[new]}`"


def _compare_swap(position: int, new: type[ast.cmpop]) -> Callable[[ast.AST], Edit]:
    def apply(node: ast.AST) -> Edit:
        assert isinstance(node, ast.Compare)
        old = _SYMBOLS[type(node.ops[position])]
        node.ops[position] = new()
        left = node.left if position == 0 else node.comparators[position - 1]
        return Edit(node, _SYMBOLS[new], old, ((left, node.comparators[position]),))

    return apply


def _operator_swap(new: type[ast.AST]) -> Callable[[ast.AST], Edit]:
    def apply(node: ast.AST) -> Edit:
        assert isinstance(node, ast.BinOp | ast.AugAssign | ast.BoolOp)
        old = _SYMBOLS[type(node.op)]
        node.op = new()  # type: ignore[assignment]  # `new` is of the kind `op` holds (_swap_sites)
        if isinstance(node, ast.BoolOp):
            gaps = tuple(zip(node.values, node.values[1:], strict=False))
            return Edit(node, _SYMBOLS[new], old, gaps)
        if isinstance(node, ast.AugAssign):
            return Edit(node, _SYMBOLS[new] + "=", old + "=", ((node.target, node.value),))
        assert isinstance(node, ast.BinOp)
        return Edit(node, _SYMBOLS[new], old, ((node.left, node.right),))

    return apply


def _constant(new: bool | int) -> Callable[[ast.AST], Edit]:
    def apply(node: ast.AST) -> Edit:
        assert isinstance(node, ast.Constant)
        node.value = new
        return Edit(node, repr(new))

    return apply


def _not_sites(node: ast.AST, index: int) -> Iterator[_Site]:
    """`not x` → `x`, applied through the parent, which must hold the operand instead."""
    if isinstance(node, ast.JoinedStr):
        return
    for field, value in ast.iter_fields(node):
        if field in _SKIPPED_FIELDS:
            continue
        children = value if isinstance(value, list) else [value]
        for position, child in enumerate(children):
            if isinstance(child, ast.UnaryOp) and isinstance(child.op, ast.Not):
                where = position if isinstance(value, list) else None
                yield _Site(
                    index, "boolean", "`not` removed", child.lineno, _drop_not(field, where)
                )


def _drop_not(field: str, position: int | None) -> Callable[[ast.AST], Edit]:
    def apply(parent: ast.AST) -> Edit:
        value = getattr(parent, field)
        child = value[position] if position is not None else value
        if position is None:
            setattr(parent, field, child.operand)
        else:
            value[position] = child.operand
        return Edit(child, "{}", text_from=child.operand)

    return apply


def _negate_test(node: ast.AST) -> Edit:
    assert isinstance(node, ast.If | ast.While | ast.IfExp)
    test = node.test
    node.test = ast.UnaryOp(op=ast.Not(), operand=test)
    return Edit(test, "not ({})")


def _negate_filter(position: int) -> Callable[[ast.AST], Edit]:
    def apply(node: ast.AST) -> Edit:
        assert isinstance(node, ast.comprehension)
        condition = node.ifs[position]
        node.ifs[position] = ast.UnaryOp(op=ast.Not(), operand=condition)
        return Edit(condition, "not ({})")

    return apply


def _return_none(node: ast.AST) -> Edit:
    assert isinstance(node, ast.Return)
    value = node.value
    node.value = ast.Constant(value=None)
    assert value is not None
    return Edit(value, "None")


def _sites(nodes: list[ast.AST]) -> list[_Site]:
    sites: list[_Site] = []
    for index, node in enumerate(nodes):
        sites.extend(_swap_sites(node, index))
        sites.extend(_value_sites(node, index))
        sites.extend(_not_sites(node, index))
    return sorted(sites, key=lambda site: (site.line, site.index))


class _Program:
    """A parsed program that mutants are made from, one at a time, on the same tree.

    Each mutation edits a node in place, is rendered, then undone, which is much
    cheaper than parsing or copying the tree for every mutant.
    """

    def __init__(self, source: str):
        self.source = source
        self.text = SourceText(source)
        self.tree = parse_python(source)
        self.nodes = _walk(self.tree)
        self.statements = [node for node in ast.walk(self.tree) if isinstance(node, ast.stmt)]
        self.paths = statement_paths(self.tree)
        self.sites = _sites(self.nodes)

    def mutant(self, site: _Site) -> Mutant:
        node = self.nodes[site.index]
        saved = {field: _shallow(value) for field, value in ast.iter_fields(node)}
        try:
            edit = site.apply(node)
            statement = innermost_statement(self.statements, edit.node)
            source = None
            if statement is not None:
                source = edited_source(self.text, edit, statement, self.paths[id(statement)])
            if source is None:
                source = unparse(self.tree)
        finally:
            for field, value in saved.items():
                setattr(node, field, value)
        return Mutant(source, site.kind, site.description, site.line)


def _shallow(value: object) -> object:
    return list(value) if isinstance(value, list) else value


def all_single_mutants(source: str) -> list[Mutant]:
    """Every single-change mutant of `source`, in source order.

    Raises SyntaxError when `source` does not parse.
    """
    with AST_LOCK:  # parsing, editing and re-rendering the tree
        program = _Program(source)
        return [program.mutant(site) for site in program.sites]


def choose_mutant(source: str, seed: int, key: str) -> Mutant | None:
    """One mutant picked by `(seed, key)` alone: the same inputs always give the same mutant.

    None when `source` has nothing to mutate.
    """
    with AST_LOCK:  # parsing, editing and re-rendering the tree
        program = _Program(source)
        if not program.sites:
            return None
        digest = hashlib.sha256(f"{seed}\0{key}".encode()).digest()
        site = program.sites[int.from_bytes(digest[:8], "big") % len(program.sites)]
        return program.mutant(site)
