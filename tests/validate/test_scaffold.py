from __future__ import annotations

import pytest

from bench.tasks import Difficulty, load_task_file
from bench.validate import signature_problems
from bench.validate._scaffold import ScaffoldError, scaffold_task


def test_the_template_is_a_valid_task_with_its_signature(tmp_path):
    path = scaffold_task("sum-below", Difficulty.MEDIUM, tmp_path)
    assert path == tmp_path / "medium" / "sum-below.yaml"
    task = load_task_file(path)
    assert (task.id, task.entry_point, task.difficulty) == (
        "sum-below",
        "sum_below",
        Difficulty.MEDIUM,
    )
    assert signature_problems(task) == []
    assert "TODO" in task.title and "TODO" in path.read_text()


def test_ids_that_are_not_identifiers_get_a_prefix(tmp_path):
    assert (
        load_task_file(scaffold_task("3-sum", Difficulty.EASY, tmp_path)).entry_point
        == "solve_3_sum"
    )
    assert (
        load_task_file(scaffold_task("class", Difficulty.EASY, tmp_path)).entry_point
        == "solve_class"
    )


def test_refuses_bad_ids_and_existing_files(tmp_path):
    with pytest.raises(ScaffoldError, match="kebab-case"):
        scaffold_task("Bad_Id", Difficulty.EASY, tmp_path)
    scaffold_task("once", Difficulty.EASY, tmp_path)
    with pytest.raises(ScaffoldError, match="exists"):
        scaffold_task("once", Difficulty.EASY, tmp_path)
