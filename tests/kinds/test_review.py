"""Review: the trusted judge (hand-computed), extraction of real-looking replies, baselines
on the shipped suite, and the --strict invariants (every `bug` defect proven)."""

from __future__ import annotations

import functools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.kinds import BaselineRole, get_kind, kind_of
from bench.kinds._review import numbered
from bench.kinds._review_extract import read_findings
from bench.kinds._review_judge import Finding, match_findings, score_findings
from bench.tasks import Defect, ReviewTask, load_tasks
from bench.validate import StrengthThresholds, check_strength

from ..conftest import REPO_ROOT

KIND = get_kind("review")
METADATA = {"tags": ["test"], "added": "2026-12-06", "source": "original"}
CODE = "\n".join(f"x{n} = {n}" for n in range(1, 51)) + "\n"  # 50 plain lines


def defect(lines: list[int], category: str = "bug") -> Defect:
    return Defect(lines=lines, category=category, summary="s")


def finding(line: int, category: str = "bug") -> Finding:
    return Finding(line, category, "m")


def review_task(defects: list[Defect], **fields: object) -> ReviewTask:
    base: dict[str, object] = {"id": "t", "difficulty": "easy", "title": "t", "prompt": "p"}
    return ReviewTask.model_validate(
        {**base, "code": CODE, "defects": defects, "metadata": METADATA, **fields}
    )


@functools.cache
def suite() -> list[ReviewTask]:
    """The review tasks shipped in tasks/ (loaded once: the whole suite takes a second)."""
    tasks = [task for task in load_tasks([REPO_ROOT / "tasks"]) if task.kind == "review"]
    assert all(isinstance(task, ReviewTask) for task in tasks)
    return tasks  # type: ignore[return-value]


# --- the judge, by hand ---------------------------------------------------------------


def test_f1_of_two_hits_and_one_false_finding():
    score = score_findings([finding(9), finding(23), finding(30)], [defect([10]), defect([20, 22])])
    assert (score.matched, score.false_findings) == (2, 1)
    assert score.recall == 1.0 and score.precision == pytest.approx(2 / 3)
    assert score.correctness == pytest.approx(80.0)  # 2*2 / (2 + 3)


@pytest.mark.parametrize(
    ("line", "hit"), [(8, False), (9, True), (10, True), (11, True), (12, False)]
)
def test_one_line_of_slack_around_a_one_line_defect(line, hit):
    assert score_findings([finding(line)], [defect([10])]).matched == int(hit)


@pytest.mark.parametrize(
    ("line", "hit"), [(18, False), (19, True), (21, True), (23, True), (24, False)]
)
def test_one_line_of_slack_around_a_range(line, hit):
    assert score_findings([finding(line)], [defect([20, 22])]).matched == int(hit)


def test_a_defect_is_matched_once_however_often_it_is_reported():
    score = score_findings([finding(10), finding(10), finding(11)], [defect([10])])
    assert score.matched == 1 and score.false_findings == 2
    assert score.correctness == pytest.approx(50.0)  # 2*1 / (1 + 3)


def test_a_finding_is_matched_once_even_when_it_hits_two_defects():
    score = score_findings([finding(10)], [defect([10]), defect([11])])
    assert score.matched == 1 and score.recall == 0.5 and score.precision == 1.0
    assert score.correctness == pytest.approx(200 / 3)


def test_the_matching_is_maximum_not_greedy():
    # A's preferred finding (same category) is the only one B can take: A must give it up.
    findings = [finding(11, "bug"), finding(9, "security")]
    matches = match_findings(findings, [defect([10], "bug"), defect([12], "bug")])
    assert matches == ((0, 1), (1, 0))
    assert score_findings(findings, [defect([10]), defect([12])]).correctness == 100.0


def test_the_matching_is_deterministic_and_prefers_the_same_category():
    findings = [finding(10, "security"), finding(10, "bug")]
    assert match_findings(findings, [defect([10], "bug")]) == ((0, 1),)


@pytest.mark.parametrize(("reported", "expected"), [(0, 100.0), (1, 50.0), (3, 25.0)])
def test_clean_code_scores_100_over_one_plus_false_findings(reported, expected):
    score = score_findings([finding(5 + n) for n in range(reported)], [])
    assert score.correctness == pytest.approx(expected)
    assert score.recall is None


def test_no_findings_on_defective_code_scores_0_with_precision_undefined():
    score = score_findings([], [defect([3])])
    assert score.correctness == 0.0 and score.precision is None and score.recall == 0.0


def test_category_does_not_decide_a_match_but_is_reported():
    defects = [defect([5], "bug"), defect([15], "security"), defect([25], "security")]
    score = score_findings([finding(5, "security"), finding(15, "security")], defects)
    assert score.correctness == pytest.approx(80.0)  # 2*2 / (3 + 2)
    assert score.per_category == {"bug": (1, 1), "security": (1, 2)}
    assert score.category_agreements == 1


def test_methodology_example_is_the_one_documented():
    doc = (REPO_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    defects = [defect([12], "bug"), defect([30, 31], "security")]
    score = score_findings([finding(13, "bug"), finding(40, "performance")], defects)
    assert score.correctness == pytest.approx(50.0)
    assert "**Review.**" in doc and "2m / (D + F)" in doc
    assert "= 50" in doc and "100 / (1 + 3) = 25" in doc


# --- the kind: prompt, judgement, details ---------------------------------------------


def test_prompt_shows_the_purpose_the_numbered_code_and_the_format():
    task = review_task([defect([3])], prompt="Sums the rows.")
    prompt = KIND.render_prompt(task)
    assert "Sums the rows." in prompt
    assert " 3 | x3 = 3" in prompt and "50 | x50 = 50" in prompt
    assert '"line"' in prompt and "maintainability" in prompt and "[]" in prompt
    assert "summary" not in prompt  # the truth is never shown


def test_numbered_pads_numbers_to_one_width():
    assert numbered("a\n\nb\n" * 4).split("\n")[:3] == [" 1 | a", " 2 |", " 3 | b"]


def test_judgement_has_f1_as_weights_and_the_figures_in_details():
    task = review_task([defect([10], "bug"), defect([20], "security")])
    answer = KIND.extract('```json\n[{"line": 10, "category": "bug", "message": "x"}]\n```', task)
    judgement = KIND.judge(answer, task, executor=None, repeats=1)  # type: ignore[arg-type]
    result = judgement.result
    assert result.status == "failed" and result.passed_weight == pytest.approx(2 / 3)
    assert result.total_weight == 1.0 and result.correctness == pytest.approx(2 / 3)
    assert [v.verdict for v in result.tests] == ["passed", "failed"]
    assert len(result.tests) == KIND.tests_total(task)
    assert judgement.quality_code is None and judgement.timed is False
    details = judgement.details
    assert details["recall"] == 0.5 and details["precision"] == 1.0
    assert details["per_category_recall"] == {"bug": 1.0, "security": 0.0}
    assert details["missed"] == [1] and details["false_findings"] == []
    json.dumps(details)  # storable as details_json


def test_a_perfect_answer_passes_and_clean_code_has_one_verdict():
    task = review_task([])
    judgement = KIND.judge("[]", task, executor=None, repeats=1)  # type: ignore[arg-type]
    assert judgement.result.status == "passed" and judgement.result.passed_weight == 1.0
    assert [v.name for v in judgement.result.tests] == ["no-false-alarm"]
    assert KIND.tests_total(task) == 1


def test_an_unreadable_reply_is_no_findings_with_the_reason_recorded():
    task = review_task([defect([4])])
    answer = KIND.extract("Looks good to me, ship it!", task)
    assert json.loads(answer) == {
        "findings": [],
        "extraction_note": "no JSON list of findings in the reply",
    }
    judgement = KIND.judge(answer, task, executor=None, repeats=1)  # type: ignore[arg-type]
    assert judgement.result.passed_weight == 0.0
    assert judgement.details["extraction_note"] == "no JSON list of findings in the reply"


# --- extraction of realistic replies --------------------------------------------------

FENCED = """I reviewed the function carefully.

```json
[
  {"line": 14, "category": "bug", "message": "off by one"},
  {"line": 31, "category": "security", "message": "SQL built with an f-string"}
]
```

Let me know if you want a patch."""

PROSE = """There are two problems. In JSON: [{"line": 7, "category": "Performance",
"message": "list membership in a loop"}, {"line": "12", "category": "bug", "message": "x"}]
Everything else (see `rows[0]` and {config}) is fine."""


@pytest.mark.parametrize(
    ("reply", "lines", "note"),
    [
        (FENCED, [14, 31], None),
        (PROSE, [7, 12], None),
        ('{"line": 5, "category": "bug", "message": "one object"}', [5], None),
        ('{"findings": [{"line": 3, "category": "bug"}], "verdict": "bad"}', [3], None),
        ('```json\n[{"line": 3, "category": "bug", "message": "a"},]\n```', [3], None),
        ("[{'line': 8, 'category': 'bug', 'message': 'python literal'}]", [8], None),
        ('<think>[{"line": 1}]</think>```json\n[{"line": 2}]\n```', [2], None),
        ('Format: ```json\n[{"line": 0}]\n```\nAnswer:\n```json\n[{"line": 9}]\n```', [9], None),
        ('```json\n[{"line": 2, "category": "bug"}, {"line": "n/a"}]\n```', [2], "1 finding"),
        ("```json\n[]\n```", [], None),
        ("No issues found.", [], "no JSON"),
        ("", [], "empty reply"),
        ('```json\n[{"line": 4, "category": "bug"}, {"line": 9, "categ', [4], "cut off"),
    ],
    ids=[
        "fenced", "prose", "single-object", "wrapped", "trailing-comma", "python-literal",
        "reasoning", "last-block", "bad-line", "empty-list", "garbage", "empty", "truncated",
    ],
)  # fmt: skip
def test_extraction_of_realistic_replies(reply, lines, note):
    extraction = read_findings(reply)
    assert [f.line for f in extraction.findings] == lines
    if note is None:
        assert extraction.note is None
    else:
        assert extraction.note is not None and note in extraction.note
    assert read_findings(extraction.answer()) == extraction  # the stored form reads back


def test_categories_are_normalised_and_messages_kept():
    extraction = read_findings(PROSE)
    assert [f.category for f in extraction.findings] == ["performance", "bug"]
    assert extraction.findings[0].message == "list membership in a loop"
    assert read_findings('[{"line": 1, "category": "style"}]').findings[0].category == "other"


def test_a_comma_inside_a_message_is_not_taken_for_a_trailing_one():
    reply = '[{"line": 2, "message": "a, ]"},]'
    assert read_findings(reply).findings == (Finding(2, "other", "a, ]"),)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='[]{}",:0123456789 linecategory\n`json', max_size=120))
def test_extraction_never_raises(reply):
    extraction = read_findings(reply)
    assert all(isinstance(f.line, int) for f in extraction.findings)


# --- baselines on the shipped suite ---------------------------------------------------


def _correctness(task: ReviewTask, role: BaselineRole) -> float:
    answer = KIND.baseline(role, task, 0, task.id).answer
    return KIND.judge(answer, task, executor=None, repeats=1).result.correctness * 100  # type: ignore[arg-type]


def test_the_suite_has_enough_review_tasks_of_every_sort():
    tasks = suite()
    assert len(tasks) >= 15
    assert sum(not task.defects for task in tasks) >= 3
    categories = {d.category.value for task in tasks for d in task.defects}
    assert categories == {"bug", "security", "performance", "maintainability"}
    assert {task.difficulty.value for task in tasks} == {"easy", "medium", "hard", "extreme"}
    for task in tasks:
        assert 30 <= len(task.code.rstrip("\n").split("\n")) <= 150, task.id


def test_the_reference_baseline_scores_100_on_every_review_task():
    for task in suite():
        assert _correctness(task, BaselineRole.REFERENCE) == pytest.approx(100.0), task.id


def test_baselines_rank_reference_over_mutant_over_null_on_the_suite():
    tasks = suite()
    means = {
        role: sum(_correctness(task, role) for task in tasks) / len(tasks) for role in BaselineRole
    }
    assert means[BaselineRole.REFERENCE] > means[BaselineRole.MUTANT] > means[BaselineRole.NULL]


def test_the_mutant_moves_one_finding_off_and_invents_one():
    task = review_task([defect([10]), defect([20, 22], "security"), defect([40])])
    answer = KIND.baseline(BaselineRole.MUTANT, task, 7, "k")
    findings = read_findings(answer.answer).findings
    assert len(findings) == 4
    score = score_findings(findings, task.defects)
    assert (score.matched, score.false_findings) == (2, 2)
    assert answer == KIND.baseline(BaselineRole.MUTANT, task, 7, "k")  # seeded
    assert "mutant" in answer.description
    assert KIND.baseline(BaselineRole.NULL, task, 7, "k").answer == "[]"


def test_the_mutant_of_clean_code_is_one_false_finding():
    answer = KIND.baseline(BaselineRole.MUTANT, review_task([]), 0, "k").answer
    assert len(read_findings(answer).findings) == 1


# --- --strict: every bug defect proven ------------------------------------------------

BUGGY = """def first_page(total, per_page):
    start = per_page
    return [start, min(start + per_page, total)]
"""
FIXED = BUGGY.replace("start = per_page", "start = 0")
TESTS = [{"input": [25, 10], "expected": [0, 10]}, {"input": [5, 10], "expected": [0, 5]}]


def proven(code: str = BUGGY, fix: str = FIXED, lines: list[int] | None = None) -> ReviewTask:
    return review_task(
        [defect(lines or [2])],
        code=code,
        entry_point="first_page",
        tests=TESTS,
        reference_solution=fix,
    )


def test_a_proven_bug_is_sound(process_executor):
    assert kind_of(proven()).strict_problems(proven(), process_executor) == []


def test_a_bug_without_a_proof_is_rejected_with_the_reason():
    task = review_task([defect([2]), defect([5], "security")])
    problems = KIND.strict_problems(task, _NoExecutor())  # type: ignore[arg-type]
    assert len(problems) == 1
    assert problems[0].startswith("defects[0]: a `bug` defect must be proven")


def test_non_bug_defects_need_no_proof():
    task = review_task([defect([2], "performance")])
    assert KIND.strict_problems(task, _NoExecutor()) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("task", "message"),
    [
        (proven(code=FIXED), "code: passes every test"),
        (proven(fix=FIXED.replace("start = 0", "start = 1")), "the fix must pass every test"),
        (proven(lines=[3]), None),  # the fix changes line 2: within one line of slack
        (proven(code=BUGGY + "\n" * 5, lines=[5]), "does not change lines [5]"),
        (proven(code="def first_page(:\n" + BUGGY), "code: does not parse"),
    ],
    ids=["code-passes", "fix-fails", "slack", "fix-elsewhere", "syntax"],
)
def test_unsound_proofs_are_rejected(process_executor, task, message):
    problems = KIND.strict_problems(task, process_executor)
    if message is None:
        assert problems == []
    else:
        assert any(message in problem for problem in problems), problems


def test_strict_validation_of_a_review_file_names_the_unproven_bug():
    task = review_task([defect([2])])
    task._source_path = "tasks/easy/t.yaml"
    reports = check_strength([task], [task], _NoExecutor(), workers=1)  # type: ignore[arg-type]
    problems = reports[0].problems(StrengthThresholds())
    expected = re.compile(r"t\.yaml: defects\[0\]: a `bug` defect must be proven")
    assert any(expected.search(problem) for problem in problems), problems


class _NoExecutor:
    """Review judging and proof-less strict checks must run no code."""

    def execute(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("no code should run")


def test_page_parts_give_the_findings_for_the_site():
    parts = KIND.page_parts('[{"line": 3, "category": "bug", "message": "m"}]', review_task([]))
    assert parts == {
        "findings": [{"line": 3, "category": "bug", "message": "m"}],
        "extraction_note": None,
    }


def test_a_long_hostile_reply_is_read_quickly():
    import time

    reply = "```python\n" + "rows[i][j] = {k: [v, " * 20_000 + "\n```\n[{'line': 3},]" * 3
    started = time.perf_counter()
    read_findings(reply)
    assert time.perf_counter() - started < 2.0
