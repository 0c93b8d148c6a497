"""The `kind` field: a default that changes no existing task, and one model per kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.tasks import TASK_MODELS, TaskLoadError, load_task_file, load_tasks

ROOT = Path(__file__).resolve().parents[2]
HASHES = json.loads((Path(__file__).parent / "fixtures" / "function_task_hashes.json").read_text())
"""The version of every task in tasks/ before task kinds existed (pinned on 2026-12-06)."""


def test_every_task_written_before_kinds_keeps_its_version_hash():
    current = {task.id: task.version for task in load_tasks([ROOT / "tasks"])}
    assert {task_id: current.get(task_id) for task_id in HASHES} == HASHES


@pytest.mark.parametrize("kind", ["function", None])
def test_function_is_the_default_and_writing_it_changes_no_hash(tmp_path, kind):
    source = next((ROOT / "tasks").rglob(f"{sorted(HASHES)[0]}.yaml"))
    text = source.read_text()
    if kind is not None:
        text = f"kind: {kind}\n" + text
    copy = tmp_path / source.name
    copy.write_text(text)
    task = load_task_file(copy)
    assert task.kind == "function"
    assert task.version == HASHES[task.id]


@pytest.mark.parametrize("efficiency", [None, "true", "false"])
def test_efficiency_true_is_the_default_and_changes_no_hash(tmp_path, efficiency):
    source = next((ROOT / "tasks").rglob(f"{sorted(HASHES)[0]}.yaml"))
    text = source.read_text()
    if efficiency is not None:
        text += f"efficiency: {efficiency}\n"
    copy = tmp_path / source.name
    copy.write_text(text)
    task = load_task_file(copy)
    assert task.efficiency is (efficiency != "false")
    assert (task.version == HASHES[task.id]) is task.efficiency  # false is a new version


def test_each_kind_has_its_own_model():
    assert set(TASK_MODELS) == {"function", "debug", "refactor", "multifile", "review", "testgen"}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my-task.yaml"
    path.write_text(text)
    return path


DEBUG = """\
id: my-task
kind: debug
difficulty: easy
title: t
prompt: it breaks
entry_point: f
code: "def f(x):\\n    return x\\n"
tests: [{input: [1], expected: 2}]
reference_solution: "def f(x):\\n    return x + 1\\n"
metadata: {added: 2026-12-06}
"""


def test_a_typo_in_a_kind_specific_field_is_one_line_naming_file_and_field(tmp_path):
    path = _write(tmp_path, DEBUG.replace("code:", "cdoe:"))
    with pytest.raises(TaskLoadError) as caught:
        load_task_file(path)
    lines = str(caught.value).splitlines()
    assert f"{path}: cdoe: unknown field (check its spelling)" in lines
    assert f"{path}: code: missing required field" in lines


def test_a_field_of_another_kind_is_unknown_here(tmp_path):
    path = _write(tmp_path, DEBUG.replace("kind: debug", "kind: function"))
    with pytest.raises(TaskLoadError, match=r"my-task.yaml: code: unknown field"):
        load_task_file(path)


def test_an_unknown_kind_names_the_known_ones(tmp_path):
    path = _write(tmp_path, DEBUG.replace("kind: debug", "kind: debugging"))
    with pytest.raises(TaskLoadError) as caught:
        load_task_file(path)
    assert str(caught.value) == (
        f"{path}: kind: unknown kind 'debugging': one of "
        "function, debug, refactor, multifile, review, testgen"
    )


def test_testgen_from_a_missing_task_is_a_problem(tmp_path):
    (tmp_path / "gen.yaml").write_text(
        "id: gen\nkind: testgen\ndifficulty: easy\ntitle: t\nfrom_task: nowhere\n"
        "metadata: {added: 2026-12-06}\n"
    )
    with pytest.raises(TaskLoadError, match="from_task: names 'nowhere', which is not a function"):
        load_tasks([tmp_path])


def test_a_sample_shares_itself_equally_between_kinds(tmp_path):
    from bench.tasks import sample_tasks

    tasks = load_tasks([ROOT / "tasks", ROOT / "tests" / "kinds" / "fixtures"])
    sizes: dict[str, int] = {}
    for task in tasks:
        sizes[task.kind] = sizes.get(task.kind, 0) + 1
    n = 4 * len(sizes)
    sample = sample_tasks(tasks, n, seed=3)
    counts: dict[str, int] = {}
    for task in sample:
        counts[task.kind] = counts.get(task.kind, 0) + 1
    assert len(sample) == n
    assert set(counts) == set(sizes)  # every kind is in the sample
    partial = [counts[kind] for kind in sizes if counts[kind] < sizes[kind]]
    assert max(partial) - min(partial) <= 1  # kinds not taken whole share equally
    whole = [sizes[kind] for kind in sizes if counts[kind] == sizes[kind]]
    assert all(size <= min(partial) + 1 for size in whole)  # only small kinds are taken whole
    assert sample_tasks(tasks, n, seed=3) == sample_tasks(list(reversed(tasks)), n, seed=3)


def test_a_testgen_file_alone_resolves_its_source_from_the_suite(tmp_path):
    (tmp_path / "gen.yaml").write_text(
        "id: gen\nkind: testgen\ndifficulty: easy\ntitle: t\nfrom_task: add-two\n"
        "metadata: {added: 2026-12-06}\n"
    )
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "add-two.yaml").write_text(
        "id: add-two\ndifficulty: easy\ntitle: Add\nprompt: Write `add(a, b)`.\n"
        "entry_point: add\ntests: [{input: [1, 2], expected: 3}]\n"
        "reference_solution: \"def add(a, b):\\n    return a + b\\n\"\n"
        "metadata: {added: 2026-12-06}\n"
    )
    (task,) = load_tasks([tmp_path / "gen.yaml"], sources=[suite])
    assert task.id == "gen" and task.entry_point == "add"  # type: ignore[attr-defined]
    with pytest.raises(TaskLoadError, match="from_task"):
        load_tasks([tmp_path / "gen.yaml"])


def test_every_suite_task_round_trips_through_write_task(tmp_path):
    """Writing keeps every kind's own fields (`kind`, `code`, `files`...) and `efficiency`."""
    from bench.tasks import write_task

    tasks = load_tasks([ROOT / "tasks"])
    for task in tasks:
        write_task(task, tmp_path)
    again = {task.id: task.version for task in load_tasks([tmp_path], sources=[ROOT / "tasks"])}
    assert again == {task.id: task.version for task in tasks}
