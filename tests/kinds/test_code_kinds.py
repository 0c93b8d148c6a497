"""Debug and refactor: prompts, answers, baselines, details, and --strict invariants."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kinds import BaselineRole, get_kind, kind_of
from bench.kinds._debug import changed_lines
from bench.scoring import refactor_gain
from bench.tasks import DebugTask, RefactorTask

REPLY = """Here is the fix: the loop stopped one window early.

```python
def window_average(values, size):
    return [sum(values[i : i + size]) / size for i in range(len(values) - size + 1)]
```

This now includes the last window."""


def test_debug_prompt_shows_the_report_and_the_code_and_asks_for_the_whole_fix(kind_tasks):
    task = kind_tasks["window-average"]
    prompt = kind_of(task).render_prompt(task)
    assert task.prompt.strip() in prompt
    assert task.code.strip() in prompt
    assert "complete fixed code" in prompt
    assert "sum(window) / size" not in prompt  # the fix is never shown
    assert "fixing a bug" in kind_of(task).system_prompt


def test_refactor_prompt_shows_the_code_and_says_behaviour_must_not_change(kind_tasks):
    task = kind_tasks["grade-summary"]
    prompt = kind_of(task).render_prompt(task)
    assert task.code.strip() in prompt and "behaviour exactly" in prompt
    assert "GRADE_FLOORS" not in prompt


def test_a_fix_in_prose_is_extracted_like_a_function_answer(kind_tasks):
    task = kind_tasks["window-average"]
    answer = kind_of(task).extract(REPLY, task)
    assert answer.startswith("def window_average(values, size):")
    assert kind_of(task).answer_from_sample({"response": REPLY}, task) == answer


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ("a\nb\nc\n", "a\nb\nc\n", 0),
        ("a\nb\nc\n", "a\nB\nc\n", 2),  # one line replaced: one out, one in
        ("a\nb\n", "a\nb\nc\n", 1),
        ("a\n\nb\n", "a\nb   \n", 0),  # blank lines and trailing spaces do not count
        ("a\nb\n", "x\ny\nz\n", 5),
    ],
)
def test_changed_lines_counts_the_diffs_plus_and_minus_lines(before, after, changed):
    assert changed_lines(before, after) == changed


@pytest.mark.parametrize(
    ("after", "before", "target", "gain"),
    [
        (60.0, 60.0, 80.0, 0.0),  # returned unchanged: no gain
        (70.0, 60.0, 80.0, 50.0),  # half the reference's gain
        (80.0, 60.0, 80.0, 100.0),  # the reference's gain
        (95.0, 60.0, 80.0, 100.0),  # beyond the reference: capped
        (50.0, 60.0, 80.0, 0.0),  # worse than the original: no gain, never negative
        (61.0, 60.0, 60.0, 100.0),  # a reference with no gain (rejected by --strict)
    ],
)
def test_refactor_gain_hand_computed(after, before, target, gain):
    assert refactor_gain(after, before, target) == pytest.approx(gain)


def test_null_baselines_return_the_shown_code_unchanged(kind_tasks):
    for task_id in ("window-average", "grade-summary"):
        task = kind_tasks[task_id]
        null = kind_of(task).baseline(BaselineRole.NULL, task, 0, task.id)
        assert null.answer == task.code
        reference = kind_of(task).baseline(BaselineRole.REFERENCE, task, 0, task.id)
        assert reference.answer == task.reference_solution
        mutant = kind_of(task).baseline(BaselineRole.MUTANT, task, 0, task.id)
        assert mutant.answer not in (task.reference_solution, task.code)


def test_judging_a_debug_answer_records_how_much_it_changed(kind_tasks, process_executor):
    task = kind_tasks["window-average"]
    kind = kind_of(task)
    fixed = kind.judge(task.reference_solution, task, process_executor, 1)
    assert fixed.result.status == "passed"
    assert fixed.details == {"changed_lines": 2, "code_lines": 9}
    unchanged = kind.judge(task.code, task, process_executor, 1)
    assert unchanged.result.status == "failed"
    assert unchanged.details["changed_lines"] == 0


def test_refactor_judgement_measures_quality_against_the_code(kind_tasks, process_executor):
    task = kind_tasks["grade-summary"]
    judgement = kind_of(task).judge(task.reference_solution, task, process_executor, 1)
    assert judgement.result.status == "passed"
    assert judgement.quality_before == task.code
    assert judgement.quality_target == task.reference_solution
    assert judgement.timed


def test_strict_rejects_a_debug_task_whose_code_has_no_failing_test(kind_tasks, process_executor):
    task = kind_tasks["window-average"]
    assert get_kind("debug").strict_problems(task, process_executor) == []
    no_bug = task.model_copy(update={"code": task.reference_solution})
    assert isinstance(no_bug, DebugTask)
    (problem,) = get_kind("debug").strict_problems(no_bug, process_executor)
    assert problem.startswith("code: passes every test")


def test_strict_rejects_a_refactor_that_breaks_or_does_not_improve(kind_tasks, process_executor):
    task = kind_tasks["grade-summary"]
    kind = get_kind("refactor")
    assert kind.strict_problems(task, process_executor) == []
    worse = task.model_copy(
        update={"code": task.reference_solution, "reference_solution": task.code}
    )
    assert isinstance(worse, RefactorTask)
    (problem,) = kind.strict_problems(worse, process_executor)
    assert "is not at least 5 above the code's" in problem
    broken = task.model_copy(update={"code": "def summarize(l):\n    return {}\n"})
    problems = kind.strict_problems(broken, process_executor)
    assert problems[0].startswith("code: must pass every test")


def test_the_methodology_states_the_refactor_and_combining_examples():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "methodology.md").read_text()
    assert "`refactor_gain(after, before, target)`" in doc
    assert "an answer of quality 60 scores 0, 70 scores 50, 80\nscores 100" in doc
    assert refactor_gain(70.0, 60.0, 80.0) == 50.0
    assert "gives $(100 + 0) / 2 = 50$, not the task mean 75" in doc


def test_a_samples_file_response_is_read_by_the_kinds_extraction(tmp_path, kind_tasks):
    import json

    from bench.providers import read_samples

    path = tmp_path / "samples.jsonl"
    lines = [
        {"task_id": "window-average", "response": REPLY},
        {"task_id": "grade-summary", "response": "Sure:\n```python\ndef summarize(scores):\n"
         "    return {}\n```\nDone."},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    samples = read_samples(path, list(kind_tasks.values()))
    assert samples[("window-average", 0)].startswith("def window_average(values, size):")
    assert samples[("grade-summary", 0)] == "def summarize(scores):\n    return {}"


def test_a_refactor_gates_speed_and_efficiency_by_its_gain_as_documented():
    from bench.scoring import gated_overall

    unchanged = {"correctness": 100.0, "speed": 100.0, "quality": 0.0, "efficiency": 100.0}
    assert gated_overall(unchanged, improvement=True) == pytest.approx(40.0)
    assert gated_overall(unchanged) == pytest.approx(75.0)  # other kinds: as before
    broken = {"correctness": 54.0, "speed": 100.0, "quality": 95.0, "efficiency": None}
    expected = (0.40 * 54 + 0.20 * 100 * 0.54 * 0.95 + 0.25 * 95 * 0.54) / 0.85
    assert gated_overall(broken, improvement=True) == pytest.approx(expected)
    assert round(expected, 1) == 52.6
    doc = (Path(__file__).resolve().parents[2] / "docs" / "methodology.md").read_text()
    assert "`gated_overall(..., improvement=True)`" in doc and "= 52.6$" in doc
