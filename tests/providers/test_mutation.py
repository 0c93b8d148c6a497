"""The single-mutation engine: which mutants exist, that each is one change, reproducibility."""

from __future__ import annotations

import ast
import difflib

import pytest
import yaml

from bench.providers import all_single_mutants, choose_mutant
from tests.conftest import REPO_ROOT


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _descriptions(source: str) -> list[str]:
    return [m.description for m in all_single_mutants(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = a < b\n", "`<` → `<=`"),
        ("x = a <= b\n", "`<=` → `<`"),
        ("x = a > b\n", "`>` → `>=`"),
        ("x = a >= b\n", "`>=` → `>`"),
        ("x = a == b\n", "`==` → `!=`"),
        ("x = a != b\n", "`!=` → `==`"),
        ("x = a is b\n", "`is` → `is not`"),
        ("x = a is not b\n", "`is not` → `is`"),
        ("x = a in b\n", "`in` → `not in`"),
        ("x = a not in b\n", "`not in` → `in`"),
        ("x = a + b\n", "`+` → `-`"),
        ("x = a - b\n", "`-` → `+`"),
        ("x = a * b\n", "`*` → `/`"),
        ("x = a / b\n", "`/` → `*`"),
        ("x = a // b\n", "`//` → `*`"),
        ("x = a % b\n", "`%` → `//`"),
        ("x = a ** b\n", "`**` → `*`"),
        ("x = a & b\n", "`&` → `|`"),
        ("x = a and b\n", "`and` → `or`"),
        ("x = a or b\n", "`or` → `and`"),
        ("x = True\n", "`True` → `False`"),
        ("x = not a\n", "`not` removed"),
    ],
)
def test_each_operator(source, expected):
    assert _descriptions(source) == [expected]


def test_integer_constants_get_plus_and_minus_one():
    assert _descriptions("x = 7\n") == ["`7` → `8`", "`7` → `6`"]


def test_strings_floats_none_and_docstrings_are_left_alone():
    source = 'def f():\n    """Doc with 1 < 2."""\n    return None\n\ny = "a < b"\nz = 1.5\n'
    assert all_single_mutants(source) == []


def test_annotations_and_fstrings_are_left_alone():
    source = "def f(x: 'list[int]' = None) -> 'int':\n    s = f'{x + 1}'\n    return s\n"
    assert _descriptions(source) == ["return value → `None`"]


def test_conditions_returns_and_filters():
    source = (
        "def f(xs):\n"
        "    if xs:\n"
        "        return [x for x in xs if x]\n"
        "    while xs:\n"
        "        xs.pop()\n"
        "    return xs if xs else None\n"
    )
    descriptions = _descriptions(source)
    assert descriptions.count("condition negated") == 3  # if, while, conditional expression
    assert descriptions.count("filter negated") == 1
    assert descriptions.count("return value → `None`") == 2


def test_augmented_assignment():
    mutants = all_single_mutants("total = 0\ntotal += step\n")
    swap = next(m for m in mutants if m.kind == "arithmetic")
    assert swap.source == "total = 0\ntotal -= step\n"
    assert swap.line == 2


def test_each_mutant_is_one_change_that_keeps_comments_and_layout():
    source = (
        "def clamp(value, low, high):  # inclusive bounds\n"
        "    if value < low:\n"
        "        return low\n"
        "    return min(value,\n"
        "               high)  # keep\n"
    )
    mutants = all_single_mutants(source)
    assert mutants
    original = ast.dump(ast.parse(source))
    for mutant in mutants:
        assert ast.dump(ast.parse(mutant.source)) != original, mutant.description
        assert "# inclusive bounds" in mutant.source and "# keep" in mutant.source
        changed = _changed_lines(source, mutant.source)
        assert [line[0] for line in changed].count("+") == 1, mutant.description


def test_a_multiline_return_value_becomes_none_in_place():
    source = "def f(a, b):\n    return min(a,\n               b)  # keep\n"
    (mutant,) = all_single_mutants(source)
    assert mutant.source == "def f(a, b):\n    return None  # keep\n"


def test_falls_back_to_unparsing_when_a_text_edit_would_change_precedence():
    (_, minus) = all_single_mutants("x = 0 .bit_length()\n")
    assert minus.description == "`0` → `-1`"
    assert minus.source == "x = (-1).bit_length()\n"


def test_negative_constant_results_stay_textual():
    mutants = all_single_mutants("x = items[0]  # first\n")
    minus = next(m for m in mutants if m.description == "`0` → `-1`")
    assert minus.source == "x = items[-1]  # first\n"


def test_operator_inside_parentheses_and_comments_with_symbols():
    source = "y = (a  # a < b here\n     < b)\n"
    (mutant,) = all_single_mutants(source)
    assert mutant.source == "y = (a  # a < b here\n     <= b)\n"


def test_unicode_before_the_mutation_point():
    source = 'x = "日本語" if n > 2 else ""\n'
    mutant = next(m for m in all_single_mutants(source) if m.kind == "comparison")
    assert mutant.source == 'x = "日本語" if n >= 2 else ""\n'


def test_mutants_are_listed_in_source_order():
    lines = [m.line for m in all_single_mutants("a = 1\nb = x < y\nc = not z\n")]
    assert lines == sorted(lines)


def test_choice_is_reproducible_and_depends_on_seed_and_key():
    source = REPO_ROOT.joinpath("tasks/easy/run-length-encode.yaml").read_text()
    reference = yaml.safe_load(source)["reference_solution"]
    first = choose_mutant(reference, 0, "run-length-encode")
    assert first == choose_mutant(reference, 0, "run-length-encode")
    picks = {choose_mutant(reference, seed, "run-length-encode").source for seed in range(20)}
    assert len(picks) > 3
    all_sources = {m.source for m in all_single_mutants(reference)}
    assert picks <= all_sources


def test_nothing_to_mutate():
    assert choose_mutant("x = 'text'\n", 0, "k") is None


def test_suite_references_yield_valid_mutants():
    paths = sorted(REPO_ROOT.joinpath("tasks").rglob("*.yaml"))
    documents = [(path, yaml.safe_load(path.read_text())) for path in paths]
    with_code = [(path, doc) for path, doc in documents if doc.get("reference_solution")]
    for path, document in with_code[::6]:
        reference = document["reference_solution"]
        mutants = all_single_mutants(reference)
        assert mutants, path.name
        original = ast.dump(ast.parse(reference))
        for mutant in mutants:
            assert ast.dump(ast.parse(mutant.source)) != original, (path.name, mutant)


def test_a_constant_in_a_decorator_is_mutated_without_losing_the_program():
    source = (
        "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Point:\n    x: int\n"
    )
    mutants = all_single_mutants(source)
    assert any("frozen=False" in mutant.source for mutant in mutants)
