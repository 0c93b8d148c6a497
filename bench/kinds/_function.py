"""The `function` kind: write a function from its specification (the original kind).

The prompt is the task's own; the answer is the code in the reply (see `_extract`);
the sandbox runs it against the input/expected tests and judges return values
outside the candidate's process; efficiency compares test times with the reference's.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from bench._pyast import parse_python
from bench.kinds._base import BaselineAnswer, BaselineRole, Judgement, TaskKind, register_kind
from bench.kinds._extract import extract_code
from bench.kinds._mutation import choose_mutant
from bench.kinds._stub import null_stub
from bench.sandbox import ExecutionResult, Executor
from bench.tasks import Task

SYSTEM_PROMPT = (
    "You are an expert Python programmer. Solve the task with correct, efficient, "
    "readable Python 3.11 code that uses only the standard library. Reply with exactly "
    "one ```python code block containing the complete code: imports, any helpers, and "
    "the requested function. Do not include tests, example usage, input() or print()."
)

_USER_PROSE = "{prompt}\n\nWrite the function `{entry_point}`. Reply with one ```python code block."
_USER_HEADER = (
    "Complete the following Python function:\n\n```python\n{prompt}\n```\n\n"
    "Write the whole function `{entry_point}` (header included). "
    "Reply with one ```python code block."
)


def prompt_is_code(task: Task) -> bool:
    """True when the task's prompt is a Python function header to complete (HumanEval style).

    Such a prompt parses once given a body and defines the entry point itself.
    """
    try:
        module = parse_python(task.prompt.rstrip() + "\n    pass\n")
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == task.entry_point
        for node in module.body
    )


def mutant_answer(reference: str, seed: int, key: str) -> BaselineAnswer:
    """`reference` with one seeded single mutation (unchanged when it has no mutation point)."""
    mutant = choose_mutant(reference, seed, key)
    if mutant is None:
        return BaselineAnswer(reference, "baseline: no mutation point, reference unchanged")
    return BaselineAnswer(
        mutant.source, f"baseline: mutant, {mutant.description} at line {mutant.line}"
    )


class CodeKind(TaskKind[Task]):
    """Shared by the kinds whose answer is code judged by a function task's tests.

    Judging, timing and the reference/mutant baselines are the function kind's; the
    subclasses (debug, refactor) change what is shown, the null baseline and details.
    """

    model: ClassVar[type[Task]] = Task
    timed: ClassVar[bool] = True

    def extract(self, text: str, task: Task) -> str:
        """The code in the reply that defines the entry point."""
        return extract_code(text, task.entry_point)

    def answer_from_sample(self, record: dict[str, Any], task: Task) -> str:
        """`response` (a whole reply), `solution` (code; fenced is extracted) or `completion`."""
        response = record.get("response")
        if isinstance(response, str):
            return self.extract(response, task)
        solution = record.get("solution")
        if isinstance(solution, str):
            has_fence = "```" in solution or "~~~" in solution
            return self.extract(solution, task) if has_fence else solution
        completion = str(record.get("completion", ""))
        return task.prompt + completion if prompt_is_code(task) else completion

    def judge(self, answer: str, task: Task, executor: Executor, repeats: int) -> Judgement:
        """Run the code against the task's tests in the sandbox.

        Timed (calls repeated for medians, efficiency against the reference) only when
        the task has input tests and asks for efficiency (`Task.efficiency`).
        """
        timed = self.is_timed(task)
        result = executor.execute(answer, task, timing_repeats=repeats if timed else 1)
        return Judgement(
            result=result,
            details=self.details(answer, task, result),
            quality_code=answer,
            timed=timed,
        )

    @staticmethod
    def is_timed(task: Task) -> bool:
        """True when the task's efficiency is measured: input tests, and not switched off."""
        return bool(task.tests) and task.efficiency

    def details(self, answer: str, task: Task, result: ExecutionResult) -> dict[str, Any]:
        """Kind-specific figures of one judged answer (none for plain functions)."""
        return {}

    def reference_run(self, task: Task, executor: Executor, repeats: int) -> ExecutionResult:
        """The reference solution, timed in the same sandbox as the answers."""
        return executor.execute(task.reference_solution, task, timing_repeats=repeats)

    def tests_total(self, task: Task) -> int:
        """One verdict per input test, or one for a `check(candidate)`."""
        return len(task.tests) + (1 if task.test_code else 0) or 1

    def baseline(self, role: BaselineRole, task: Task, seed: int, key: str) -> BaselineAnswer:
        """Reference: the solution; null: see `null_answer`; mutant: one seeded mutation."""
        if role is BaselineRole.REFERENCE:
            return BaselineAnswer(
                task.reference_solution, "baseline: the task's reference solution"
            )
        if role is BaselineRole.NULL:
            return self.null_answer(task)
        return mutant_answer(task.reference_solution, seed, key)

    def null_answer(self, task: Task) -> BaselineAnswer:
        """A stub with the reference's signature that returns None."""
        return BaselineAnswer(
            null_stub(task.reference_solution, task.entry_point),
            "baseline: a stub that returns None",
        )


@register_kind
class FunctionKind(CodeKind):
    """Write the function the prompt specifies."""

    name: ClassVar[str] = "function"
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: Task) -> str:
        """The prompt, then a line naming the entry point (HumanEval headers in a block)."""
        template = _USER_HEADER if prompt_is_code(task) else _USER_PROSE
        return template.format(prompt=task.prompt.strip("\n"), entry_point=task.entry_point)
