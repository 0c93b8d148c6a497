"""The pieces of `bench tasks harden` that need no sandbox: cover, file writing, hashes."""

from __future__ import annotations

from bench.tasks import TestCase, load_task_file
from bench.validate._harden import greedy_cover, seed_inputs
from bench.validate._harden_write import appended_text, write_hardened
from tests.factories import VALID_TASK, make_task


def _tests(*inputs):
    return [TestCase(input=list(i), expected=0, generated=True) for i in inputs]


def test_greedy_cover_takes_the_fewest_tests_and_ignores_held_out_keys():
    tests = _tests([1], [2, 2], [3], [4])
    covers = {
        ("mutant", 0): {0, 1},
        ("mutant", 1): {1},
        ("answer", 0): {1, 2},
        ("mutant", 2): {3},
        ("held-out", 3): {0},
        ("mutant", 4): set(),
    }
    assert greedy_cover(covers, tests, 5) == [1, 3]
    assert greedy_cover(covers, tests, 1) == [1]
    assert greedy_cover({("mutant", 0): {0, 2}}, tests, 5) == [0]  # tie: the shorter input


def test_generated_false_keeps_every_hash_and_true_changes_it():
    task = make_task()
    marked = make_task(tests=[{"input": [1, 2], "expected": 3, "generated": False}])
    assert marked.version == task.version
    generated = make_task(tests=[{"input": [1, 2], "expected": 3, "generated": True}])
    assert generated.version != task.version


def test_appending_keeps_the_authors_text(write_task):
    text = VALID_TASK.replace("tests:\n", "tests:\n  # hand-written\n", 1)
    path = write_task(text)
    task = load_task_file(path)
    added = [TestCase(input=[0, -7], expected=-7, generated=True)]
    hardened = task.model_copy(update={"tests": [*task.tests, *added]})
    write_hardened(task, hardened)
    written = path.read_text()
    assert written.startswith(
        text.split("reference_solution")[0].rstrip("\n").rsplit("\n", 0)[0][:40]
    )
    assert "  # hand-written\n" in written
    assert "  - {input: [0, -7], expected: -7, generated: true}\n" in written
    assert load_task_file(path).version == hardened.version
    assert appended_text("id: x\ntests: []\n", added) is None


def test_seed_inputs_come_from_tests_then_check_calls():
    task = make_task(
        tests=[{"input": [1, 2], "expected": 3}],
        test_code="def check(candidate):\n    assert candidate(5, 6) == 11\n    candidate(1, 2)\n",
    )
    assert seed_inputs(task) == [[1, 2], [5, 6]]
