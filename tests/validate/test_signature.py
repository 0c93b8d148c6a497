from __future__ import annotations

from bench.tasks import load_task_file
from bench.validate import signature_problems
from bench.validate._signature import prompt_signatures, reference_parameters
from tests.conftest import VALID_TASK


def test_parameters_of_functions_and_classes():
    assert reference_parameters("def f(a, /, b=1, *c, d, **e): ...", "f") == [
        "a", "b", "*c", "d", "**e"
    ]  # fmt: skip
    assert reference_parameters("class C:\n    def __init__(self, x): ...\n", "C") == ["x"]
    assert reference_parameters("def g(): ...", "f") is None


def test_prompt_signatures_skip_example_calls():
    prompt = 'Write `f(text: str, n: int = 2) -> str`. Example: `f("ab", 3)` returns "x".'
    assert prompt_signatures(prompt, "f") == [["text", "n"]]
    assert prompt_signatures("Call self.f(a) or g_f(a)", "f") == []


def test_the_example_task_shows_its_signature(write_task):
    assert signature_problems(load_task_file(write_task())) == []


def test_missing_or_different_signatures_are_named(write_task):
    vague = VALID_TASK.replace("Write `add(a: int, b: int) -> int`", "Add two numbers")
    problems = signature_problems(load_task_file(write_task(vague)))
    assert problems == ["the prompt does not show the signature `add(a, b)`"]
    renamed = VALID_TASK.replace("add(a: int, b: int)", "add(x: int, y: int)")
    problems = signature_problems(load_task_file(write_task(renamed)))
    assert problems == ["the prompt's signature (x, y) differs from the reference's `add(a, b)`"]
