"""The `debug` kind: the model sees a bug report and the code, and returns the fixed code.

Judged exactly as a function task (the hidden tests, outside the candidate). The
answer's distance from the shown code is recorded (`changed_lines`), so "rewrote
everything" is visible next to "fixed the line". Null returns the code unchanged.
"""

from __future__ import annotations

import difflib
from typing import Any, ClassVar

from bench.kinds._base import BaselineAnswer, register_kind
from bench.kinds._function import CodeKind
from bench.sandbox import ExecutionResult, Executor
from bench.tasks import DebugTask, Task

SYSTEM_PROMPT = (
    "You are an expert Python programmer fixing a bug. Read the bug report and the code, "
    "find the cause and fix it. Keep the function's name and signature and change only what "
    "the fix needs. Reply with exactly one ```python code block containing the complete "
    "corrected code (all of it, not a diff), using only the standard library. Do not include "
    "tests, example usage, input() or print()."
)

_USER = (
    "Bug report:\n\n{report}\n\nThe code:\n\n```python\n{code}\n```\n\n"
    "Fix the bug in `{entry_point}`. Reply with the complete fixed code in one ```python block."
)


def changed_lines(before: str, after: str) -> int:
    """Lines removed from `before` plus lines added in `after` (a unified diff's +/- lines).

    Blank-line and trailing-space edits are not counted: they change no behaviour.
    """
    old = [line.rstrip() for line in before.splitlines() if line.strip()]
    new = [line.rstrip() for line in after.splitlines() if line.strip()]
    return sum(
        1
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


@register_kind
class DebugKind(CodeKind):
    """Fix the bug the report describes."""

    name: ClassVar[str] = "debug"
    model: ClassVar[type[Task]] = DebugTask
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: Task) -> str:
        """The report, the code, and what to reply."""
        assert isinstance(task, DebugTask)
        return _USER.format(
            report=task.prompt.strip("\n"),
            code=task.code.strip("\n"),
            entry_point=task.entry_point,
        )

    def details(self, answer: str, task: Task, result: ExecutionResult) -> dict[str, Any]:
        """How many lines the fix changed, against how many the code has."""
        assert isinstance(task, DebugTask)
        return {
            "changed_lines": changed_lines(task.code, answer),
            "code_lines": sum(1 for line in task.code.splitlines() if line.strip()),
        }

    def null_answer(self, task: Task) -> BaselineAnswer:
        """The buggy code back, unchanged."""
        assert isinstance(task, DebugTask)
        return BaselineAnswer(task.code, "baseline: the buggy code, unchanged")

    def strict_problems(self, task: Task, executor: Executor) -> list[str]:
        """The buggy code must fail at least one test (else there is no bug to fix)."""
        assert isinstance(task, DebugTask)
        result = executor.execute(task.code, task)
        if result.status == "sandbox_error":
            return [f"code: the sandbox failed: {result.error}"]
        if result.status == "passed":
            return ["code: passes every test, so the report describes no bug the tests catch"]
        return []
