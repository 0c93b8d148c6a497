from __future__ import annotations

import pytest

from bench.tasks import TaskLoadError, load_task_file, load_tasks
from tests.conftest import VALID_TASK


def problems_of(paths) -> list[str]:
    with pytest.raises(TaskLoadError) as caught:
        load_tasks(paths)
    return [str(problem) for problem in caught.value.problems]


def test_valid_task_loads(write_task):
    task = load_task_file(write_task())
    assert task.id == "add-two"
    assert task.total_weight == 3
    assert task.tests[0].timeout == 2.0


def test_bad_yaml_names_file_and_line(write_task):
    path = write_task("id: x\ntests: [unclosed\n")
    [message] = problems_of([path])
    assert message.startswith(str(path))
    assert "invalid YAML at line" in message


def test_missing_entry_point_names_field(write_task):
    path = write_task(VALID_TASK.replace("entry_point: add\n", ""))
    assert problems_of([path]) == [f"{path}: entry_point: missing required field"]


def test_negative_weight_and_unknown_difficulty_each_reported(write_task):
    text = VALID_TASK.replace("weight: 2", "weight: -1")
    text = text.replace("difficulty: easy", "difficulty: epic")
    path = write_task(text, folder="misc")
    messages = problems_of([path])
    assert any("tests[1].weight: must be > 0 (got -1" in m for m in messages)
    assert any(": difficulty: " in m and "easy" in m for m in messages)
    assert all(m.startswith(str(path)) for m in messages)


def test_unknown_field_is_a_typo(write_task):
    path = write_task(VALID_TASK + "referense: oops\n")
    assert problems_of([path]) == [f"{path}: referense: unknown field (check its spelling)"]


def test_id_must_match_file_name(write_task):
    path = write_task(name="other.yaml")
    [message] = problems_of([path])
    assert "id 'add-two' does not match the file name 'other'" in message


def test_difficulty_must_match_folder(write_task):
    path = write_task(folder="hard")
    [message] = problems_of([path])
    assert "difficulty" in message and "hard/" in message


def test_duplicate_id_across_files(tmp_path, write_task):
    first = write_task()
    second = tmp_path / "more" / "add-two.yaml"
    second.parent.mkdir()
    second.write_text(VALID_TASK)
    [message] = problems_of([first.parent, second.parent])
    assert "duplicate id 'add-two'" in message


def test_expected_and_raises_are_exclusive(write_task):
    text = VALID_TASK.replace("expected: 3}", "expected: 3, raises: ValueError}")
    [message] = problems_of([write_task(text)])
    assert "tests[0]" in message and "not both" in message


def test_input_and_input_code_are_exclusive(write_task):
    text = VALID_TASK.replace("{input: [1, 2], expected: 3}", "{expected: 3}")
    [message] = problems_of([write_task(text)])
    assert "exactly one of `input` and `input_code`" in message


def test_task_without_any_tests(write_task):
    text = VALID_TASK.split("tests:")[0] + VALID_TASK.split("expected: 0, weight: 2}\n")[1]
    [message] = problems_of([write_task(text)])
    assert "needs `tests` or `test_code`" in message


def test_json_task_files_load(tmp_path):
    import json

    import yaml

    path = tmp_path / "add-two.json"
    path.write_text(json.dumps(yaml.safe_load(VALID_TASK), default=str))
    assert load_task_file(path).id == "add-two"


def test_all_problems_of_a_set_reported_together(tmp_path, write_task):
    write_task("{", name="broken.yaml")
    write_task(VALID_TASK.replace("title: Add two numbers\n", ""))
    assert len(problems_of([tmp_path / "tasks"])) == 2


def test_missing_path():
    [message] = problems_of(["/nonexistent/tasks"])
    assert message == "/nonexistent/tasks: no such file or folder"
