"""The `review` kind: the model reviews a piece of code and lists the defects it finds.

The model sees what the code is meant to do and the code with line numbers; it
answers with a JSON list of findings (`_review_extract` reads whatever shape they
came in). A trusted judge outside the sandbox (`_review_judge`) matches findings
to the true defects by line; correctness is 100 x F1. No code runs when judging,
so efficiency and quality are undefined; `bug` defects are proven at validation
time instead (`strict_problems`: the task's tests fail on the code, pass on the fix).
"""

from __future__ import annotations

import difflib
import random
from typing import Any, ClassVar

from bench._pyast import parse_python
from bench.kinds._base import BaselineAnswer, BaselineRole, Judgement, TaskKind, register_kind
from bench.kinds._review_extract import Extraction, read_findings
from bench.kinds._review_judge import (
    LINE_SLACK,
    Finding,
    ReviewScore,
    score_details,
    score_findings,
)
from bench.sandbox import ExecutionResult, Executor, TestVerdict, Verdict
from bench.tasks import DefectCategory, ReviewTask

SYSTEM_PROMPT = (
    "You are an expert Python code reviewer. Read what the code is meant to do and the "
    "code, and report every real defect: bugs (wrong results or crashes), security "
    "problems, performance problems and maintainability problems that matter. Do not "
    "report matters of taste, and do not report the same problem twice. Reply with "
    "exactly one ```json block holding the JSON list of findings."
)

_USER = (
    "What the code is meant to do:\n\n{purpose}\n\n"
    "The code under review (line numbers added for reference):\n\n```python\n{code}\n```\n\n"
    "Review it. Reply with one ```json block holding a list of findings, one per defect:\n"
    '[{{"line": <line number>, "category": "bug" | "security" | "performance" | '
    '"maintainability", "message": "<what is wrong and why>"}}]\n'
    "Give the line where the defect is. If the code has no defects, reply with []."
)

MUTANT_SHIFT = (4, 8)
"""The mutant baseline moves one finding this many lines (inclusive range) off its defect."""


def numbered(code: str) -> str:
    """`code` with right-aligned 1-based line numbers, as the model is shown it."""
    lines = code.rstrip("\n").split("\n")
    width = len(str(len(lines)))
    return "\n".join(f"{number:>{width}} | {line}".rstrip() for number, line in enumerate(lines, 1))


def code_lines(task: ReviewTask) -> int:
    """How many lines the code under review has."""
    return len(task.code.rstrip("\n").split("\n"))


@register_kind
class ReviewKind(TaskKind[ReviewTask]):
    """Find the defects in the code: bugs, security, performance, maintainability."""

    name: ClassVar[str] = "review"
    model: ClassVar[type[ReviewTask]] = ReviewTask
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: ReviewTask) -> str:
        """What the code is for, the numbered code, and the answer format."""
        return _USER.format(purpose=task.prompt.strip("\n"), code=numbered(task.code))

    def extract(self, text: str, task: ReviewTask) -> str:
        """The canonical JSON of the reply's findings (with a note when not clean)."""
        return read_findings(text).answer()

    def judge(self, answer: str, task: ReviewTask, executor: Executor, repeats: int) -> Judgement:
        """Match the answer's findings to the defects; correctness = 100 x F1. No code runs."""
        extraction = read_findings(answer)
        findings = list(extraction.findings)
        score = score_findings(findings, task.defects)
        details = score_details(score, findings, task.defects)
        if extraction.note is not None:
            details["extraction_note"] = extraction.note
        result = ExecutionResult(
            status="passed" if score.f1 >= 1.0 else "failed",
            tests=_verdicts(task, score.matches, score.findings),
            passed_weight=score.f1,
            total_weight=1.0,
            error=None if score.f1 >= 1.0 else _summary(score),
            sandbox="review-judge",
        )
        return Judgement(result=result, details=details, quality_code=None, timed=False)

    def page_parts(self, answer: str, task: ReviewTask) -> dict[str, Any]:
        """The findings (line, category, message) and any extraction note, for the page."""
        extraction = read_findings(answer)
        return {
            "findings": [finding.as_json() for finding in extraction.findings],
            "extraction_note": extraction.note,
        }

    def tests_total(self, task: ReviewTask) -> int:
        """One verdict per defect (found or missed); one (no false alarm) for clean code."""
        return len(task.defects) or 1

    def baseline(self, role: BaselineRole, task: ReviewTask, seed: int, key: str) -> BaselineAnswer:
        """Reference: the true defects; null: no findings; mutant: one moved, one invented."""
        truth = [Finding(d.first, d.category.value, d.summary) for d in task.defects]
        if role is BaselineRole.REFERENCE:
            return BaselineAnswer(Extraction(tuple(truth)).answer(), "baseline: the true defects")
        if role is BaselineRole.NULL:
            return BaselineAnswer(Extraction(()).answer(), "baseline: no findings")
        findings, description = mutant_findings(task, truth, random.Random(f"{seed}:{key}"))
        return BaselineAnswer(Extraction(tuple(findings)).answer(), description)

    def strict_problems(self, task: ReviewTask, executor: Executor) -> list[str]:
        """The code parses, and every `bug` defect is proven by the task's tests."""
        problems = []
        try:
            parse_python(task.code)
        except SyntaxError as error:
            problems.append(f"code: does not parse (line {error.lineno}): {error.msg}")
        proof = task.proving_task()
        bugs = [i for i, d in enumerate(task.defects) if d.category is DefectCategory.BUG]
        if proof is None:
            return problems + [
                f"defects[{i}]: a `bug` defect must be proven: give entry_point, tests and "
                "reference_solution (the fix) so that `code` fails a test and the fix passes all"
                for i in bugs
            ]
        problems += _unfixed(task, bugs)
        problems += _proof_problems(executor.execute(task.code, proof), "code", fails=True)
        fixed = executor.execute(proof.reference_solution, proof)
        return problems + _proof_problems(fixed, "reference_solution", fails=False)


def mutant_findings(
    task: ReviewTask, truth: list[Finding], rng: random.Random
) -> tuple[list[Finding], str]:
    """The true findings with one moved off its defect and one invented false finding."""
    taken = {
        line
        for defect in task.defects
        for line in range(defect.first - LINE_SLACK, defect.last + LINE_SLACK + 1)
    }
    free = [line for line in range(1, code_lines(task) + 1) if line not in taken]
    findings = list(truth)
    parts = []
    if findings:
        index = rng.randrange(len(findings))
        defect = task.defects[index]
        shift = rng.randint(*MUTANT_SHIFT)
        moves = [defect.first - shift, defect.last + shift]
        moves = [line for line in moves if line in free] or [_far_line(task, free, rng)]
        moved = rng.choice(moves)
        findings[index] = Finding(moved, truth[index].category, truth[index].message)
        parts.append(f"defect {index} reported at line {moved} instead of {defect.lines}")
    used = {finding.line for finding in findings}
    invented = _far_line(task, [line for line in free if line not in used], rng)
    findings.append(Finding(invented, "maintainability", "invented: this line looks suspicious"))
    parts.append(f"a false finding at line {invented}")
    return findings, "baseline: mutant, " + "; ".join(parts)


def _far_line(task: ReviewTask, free: list[int], rng: random.Random) -> int:
    """A line no defect is near: a free one, else one past the code's end."""
    return rng.choice(free) if free else code_lines(task) + 2 * LINE_SLACK + 1


def _verdicts(
    task: ReviewTask, matches: tuple[tuple[int, int], ...], findings: int
) -> list[TestVerdict]:
    """Found/missed per defect, or "no false alarm" for a clean snippet."""
    if not task.defects:
        verdict: Verdict = "passed" if findings == 0 else "failed"
        message = None if findings == 0 else f"{findings} finding(s) on clean code"
        return [TestVerdict(index=0, name="no-false-alarm", verdict=verdict, error_message=message)]
    found = {defect for defect, _ in matches}
    return [
        TestVerdict(
            index=index,
            name=f"{defect.category.value}@{'-'.join(map(str, defect.lines))}",
            verdict="passed" if index in found else "failed",
            error_message=None if index in found else f"missed: {defect.summary}"[:300],
        )
        for index, defect in enumerate(task.defects)
    ]


def _summary(score: ReviewScore) -> str:
    return (
        f"found {score.matched}/{score.defects} defects; {score.false_findings} of "
        f"{score.findings} finding(s) false"
    )


def _unfixed(task: ReviewTask, bugs: list[int]) -> list[str]:
    """Bug defects whose lines the fix leaves untouched (the proof is then of another bug)."""
    assert task.reference_solution is not None
    before = task.code.rstrip("\n").split("\n")
    after = task.reference_solution.rstrip("\n").split("\n")
    changed = [
        (first + 1, last) if first < last else (first, first + 1)  # an insertion: its neighbours
        for tag, first, last, _, _ in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag != "equal"
    ]
    problems = []
    for index in bugs:
        low, high = task.defects[index].first - LINE_SLACK, task.defects[index].last + LINE_SLACK
        if not any(first <= high and last >= low for first, last in changed):
            problems.append(
                f"defects[{index}]: reference_solution does not change lines "
                f"{task.defects[index].lines} (±{LINE_SLACK}), so the tests cannot prove this bug"
            )
    return problems


def _proof_problems(result: ExecutionResult, field: str, *, fails: bool) -> list[str]:
    if result.status == "sandbox_error":
        return [f"{field}: the sandbox failed: {result.error}"]
    if fails and result.status == "error":
        return [f"code: does not load, so no test proves a bug in it: {result.error}"]
    if fails and result.status == "passed":
        return ["code: passes every test, so no `bug` defect is proven"]
    if not fails and result.status != "passed":
        failing = [v.name for v in result.tests if v.verdict != "passed"]
        reason = f"fails {', '.join(failing)}" if failing else (result.error or result.status)
        return [f"reference_solution: the fix must pass every test: {reason}"]
    return []
