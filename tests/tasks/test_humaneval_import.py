from __future__ import annotations

import gzip
import json

import pytest

from bench.tasks import TaskLoadError, load_tasks
from bench.tasks._humaneval import difficulty_for, import_humaneval
from bench.tasks._writing import write_task


def test_installed_humaneval_imports_164_valid_tasks(tmp_path):
    tasks = import_humaneval()
    assert len(tasks) == 164
    first = next(task for task in tasks if task.id == "humaneval-0")
    assert first.metadata.source_id == "HumanEval/0"
    assert first.test_code is None  # every assert of HumanEval/0 became an input/expected test
    assert len(first.tests) == 7 and first.tests[0].expected is True
    loops = next(task for task in tasks if task.id == "humaneval-53")
    assert loops.tests and "for i in range(100)" in (loops.test_code or "")
    assert first.reference_solution.startswith(first.prompt)
    assert not any(task.efficiency for task in tasks)  # its asserts are examples, not a workload
    for task in tasks:
        write_task(task, tmp_path)
    reloaded = load_tasks([tmp_path])
    assert {task.id: task.version for task in reloaded} == {task.id: task.version for task in tasks}


def test_difficulty_heuristic_bounds():
    assert difficulty_for("    return 1\n").value == "easy"
    assert difficulty_for("    x\n" * 3 + "\n\n").value == "easy"
    assert difficulty_for("    x\n" * 4).value == "medium"
    assert difficulty_for("    x\n" * 9).value == "hard"
    assert difficulty_for("    x\n" * 17).value == "extreme"


def test_plain_jsonl_source_and_bad_lines(tmp_path):
    record = {
        "task_id": "HumanEval/7",
        "prompt": "def f(x):\n",
        "canonical_solution": "    return x\n",
        "test": "def check(candidate):\n    assert candidate(1) == 1\n",
        "entry_point": "f",
    }
    plain = tmp_path / "he.jsonl"
    plain.write_text(json.dumps(record) + "\n")
    [task] = import_humaneval(plain)
    assert task.id == "humaneval-7"
    packed = tmp_path / "he.jsonl.gz"
    with gzip.open(packed, "wt") as stream:
        stream.write(json.dumps(record) + "\n{broken\n")
    with pytest.raises(TaskLoadError, match=r"he.jsonl.gz:2: invalid JSON"):
        import_humaneval(packed)
