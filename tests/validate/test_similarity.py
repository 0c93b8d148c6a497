from __future__ import annotations

from bench.tasks import load_task_file, load_tasks
from bench.validate import near_duplicates
from bench.validate._similarity import Prompt, similarity
from tests.conftest import REPO_ROOT, VALID_TASK

PROMPT = (
    "Write a function `run_length_encode(text: str) -> list[list]` that splits `text` into "
    "maximal runs of the same character and returns one `[char, count]` pair per run, in "
    "order. Characters are compared exactly (case-sensitive, any Unicode code point). An "
    "empty string gives an empty list."
)


def score(left: str, right: str) -> float:
    return similarity(Prompt.of(left), Prompt.of(right))


def test_copies_renames_rewordings_and_extensions_are_close():
    assert score(PROMPT, PROMPT) == 1.0
    assert score(PROMPT, PROMPT.replace("run_length_encode", "rle")) > 0.9
    words = PROMPT.split()
    reworded = " ".join("zz" if i % 5 == 0 else w for i, w in enumerate(words))
    assert score(PROMPT, reworded) > 0.7
    assert score(PROMPT, PROMPT + " Also explain why, in a long extra paragraph." * 3) > 0.9


def test_unrelated_prompts_are_far():
    other = "Write `merge(intervals: list[list[int]]) -> list[list[int]]` merging overlaps."
    assert score(PROMPT, other) < 0.3
    assert score("", PROMPT) == 0.0


def test_a_task_is_not_its_own_duplicate_but_a_copy_is(write_task):
    task = load_task_file(write_task())
    copy = load_task_file(
        write_task(VALID_TASK.replace("id: add-two", "id: add-too"), name="add-too.yaml")
    )
    assert near_duplicates([task], [task], 0.6) == []
    found = near_duplicates([task], [task, copy], 0.6)
    assert [(d.task_id, d.other_id) for d in found] == [("add-two", "add-too")]
    assert found[0].score == 1.0


def test_the_suite_has_no_near_duplicates_at_the_default_limit():
    suite = load_tasks([REPO_ROOT / "tasks"])
    assert near_duplicates(suite, suite, 0.6) == []


def test_a_testgen_task_built_from_a_function_task_is_not_its_duplicate(write_task):
    from bench.tasks import TestgenTask

    source = load_task_file(write_task())
    testgen = TestgenTask.model_validate(
        {"id": "testgen-add-two", "kind": "testgen", "difficulty": "easy", "title": "Tests",
         "from_task": "add-two", "metadata": {"added": "2026-12-06"}}
    ).resolve(source)  # fmt: skip
    assert testgen.prompt == source.prompt
    assert near_duplicates([testgen], [source, testgen], 0.6) == []
