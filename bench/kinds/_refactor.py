"""The `refactor` kind: improve working code without changing what it does.

Behaviour is judged by the hidden tests exactly as for a function task; quality is
the *gain* over the shown code, measured with the same ruff/radon score as every
answer and scaled so the reference refactoring's gain is 100 (see
`bench.scoring.refactor_gain`): returning the code unchanged gains nothing, and
correctness gates the rest as for every kind.
"""

from __future__ import annotations

from typing import ClassVar

from bench.kinds._base import BaselineAnswer, Judgement, register_kind
from bench.kinds._function import CodeKind
from bench.sandbox import Executor
from bench.scoring import MIN_REFACTOR_MARGIN, quality
from bench.tasks import RefactorTask, Task

SYSTEM_PROMPT = (
    "You are an expert Python programmer improving code in review. Refactor the code as "
    "asked: clearer names, smaller functions, no duplication, flat control flow, named "
    "constants. Its behaviour must not change: same function name and signature, same "
    "results and exceptions for every input. Reply with exactly one ```python code block "
    "containing the complete refactored code, using only the standard library. Do not "
    "include tests, example usage, input() or print()."
)

_USER = (
    "{instruction}\n\nThe code:\n\n```python\n{code}\n```\n\n"
    "Refactor it, keeping `{entry_point}`'s behaviour exactly. "
    "Reply with the complete code in one ```python block."
)


@register_kind
class RefactorKind(CodeKind):
    """Improve the code's quality, keeping its behaviour."""

    name: ClassVar[str] = "refactor"
    model: ClassVar[type[Task]] = RefactorTask
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: Task) -> str:
        """The instruction, the code, and what to reply."""
        assert isinstance(task, RefactorTask)
        return _USER.format(
            instruction=task.prompt.strip("\n"),
            code=task.code.strip("\n"),
            entry_point=task.entry_point,
        )

    def judge(self, answer: str, task: Task, executor: Executor, repeats: int) -> Judgement:
        """Behaviour by the tests; the scorer turns quality into the gain over `code`."""
        assert isinstance(task, RefactorTask)
        judgement = super().judge(answer, task, executor, repeats)
        return Judgement(
            result=judgement.result,
            details=judgement.details,
            quality_code=answer,
            quality_before=task.code,
            quality_target=task.reference_solution,
            timed=judgement.timed,
        )

    def null_answer(self, task: Task) -> BaselineAnswer:
        """The code back, unchanged: correct, with no gain."""
        assert isinstance(task, RefactorTask)
        return BaselineAnswer(task.code, "baseline: the code, unchanged")

    def strict_problems(self, task: Task, executor: Executor) -> list[str]:
        """`code` passes every test and the reference scores clearly higher on quality."""
        assert isinstance(task, RefactorTask)
        problems = []
        result = executor.execute(task.code, task)
        if result.status != "passed":
            reason = result.error or result.status
            problems.append(f"code: must pass every test (it is working code): {reason}")
        before, after = quality(task.code).score, quality(task.reference_solution).score
        if after < before + MIN_REFACTOR_MARGIN:
            problems.append(
                f"reference_solution: quality {after:.1f} is not at least {MIN_REFACTOR_MARGIN:g} "
                f"above the code's {before:.1f}, so the refactoring shows no measurable gain"
            )
        return problems
