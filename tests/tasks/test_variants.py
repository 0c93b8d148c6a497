"""Robustness rewordings: meaning-preserving, seeded, and never touching code in prose."""

from __future__ import annotations

import ast
import random
import re

import pytest

from bench.tasks import Task, make_variants
from bench.tasks._variants import PERTURBATIONS, reorder, typos

from ..factories import make_task

PROSE = """\
Write `total_price(items: list[int], discount: int) -> int` that adds the prices in
`items` and subtracts `discount`, never going below zero.

Rules:
- an empty list costs nothing;
- a negative discount raises ValueError;
- the discount applies once, after the sum.

Example: `total_price([3, 4], 2)` returns `5`.
"""

REFERENCE = """\
def total_price(items, discount):
    if discount < 0:
        raise ValueError("negative discount")
    return max(0, sum(items) - discount)
"""


@pytest.fixture
def task() -> Task:
    return make_task(
        id="total-price",
        entry_point="total_price",
        prompt=PROSE,
        reference_solution=REFERENCE,
        tests=[
            {"input": [[3, 4], 2], "expected": 5},
            {"input": [[], 0], "expected": 0},
            {"input": [[1], -1], "raises": "ValueError"},
        ],
    )


def test_variants_are_seeded_and_keep_the_tasks_identity(task):
    first = make_variants(task, 3, seed=7)
    again = make_variants(task, 3, seed=7)
    assert [(i, v.prompt, v.entry_point) for i, v, _ in first] == [
        (i, v.prompt, v.entry_point) for i, v, _ in again
    ]
    for index, variant, applied in first:
        assert variant.id == task.id and variant.version == task.version
        assert variant.variant == index and variant.variant_description == ", ".join(applied)
        assert set(applied) <= set(PERTURBATIONS)
    other = make_variants(task, 3, seed=8)
    assert [v.prompt for _, v, _ in other] != [v.prompt for _, v, _ in first]


def test_a_renamed_entry_point_is_renamed_in_the_prompt_and_the_reference(task):
    renamed = PERTURBATIONS["rename-function"](task, random.Random(0))
    assert renamed is not None
    new = renamed.entry_point
    assert new != "total_price" and f"`{new}(items" in renamed.prompt
    assert re.search(r"\btotal_price\b", renamed.prompt) is None
    functions = [n.name for n in ast.walk(ast.parse(renamed.reference_solution))
                 if isinstance(n, ast.FunctionDef)]  # fmt: skip
    assert functions == [new]


def test_renamed_arguments_change_the_signature_and_code_spans_only(task):
    renamed = PERTURBATIONS["rename-arguments"](task, random.Random(0))
    assert renamed is not None
    function = ast.parse(renamed.reference_solution).body[0]
    assert isinstance(function, ast.FunctionDef)
    names = [a.arg for a in function.args.args]
    assert "items" not in names and "discount" not in names
    assert f"`{names[0]}`" in renamed.prompt
    assert "subtracts" in renamed.prompt  # prose untouched


def test_typos_never_touch_code_spans_or_identifiers(task):
    for seed in range(20):
        changed = typos(task, random.Random(seed))
        assert changed is not None and changed.prompt != task.prompt
        spans = re.findall(r"`[^`]+`", task.prompt)
        assert re.findall(r"`[^`]+`", changed.prompt) == spans


def test_reordering_shuffles_a_bullet_list_and_nothing_else(task):
    changed = reorder(task, random.Random(1))
    assert changed is not None
    before, after = task.prompt.splitlines(), changed.prompt.splitlines()
    assert sorted(before) == sorted(after) and before != after
    bullets = [i for i, line in enumerate(before) if line.startswith("- ")]
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] <= bullets


def test_only_plain_function_tasks_get_variants(task):
    assert make_variants(task, 0, 0) == []
    from bench.tasks import DebugTask

    debug = DebugTask.model_validate(
        {
            **task.model_dump(exclude={"tests"}),
            "tests": [{"input": [[1], 0], "expected": 1}],
            "kind": "debug",
            "code": REFERENCE,
            "metadata": {"added": "2026-12-06"},
        }
    )
    assert make_variants(debug, 2, 0) == []
