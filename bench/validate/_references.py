"""Does each task's reference pass its own tests, in the sandbox that will judge models?

A task whose reference fails is a broken task: every model would be marked
wrong on it. Running references in the same sandbox (same Python, same limits)
also catches tests whose timeouts are too tight for the sandbox's CPU share.
For every kind, "the reference passes" means the kind's reference answer (the
solution, the fix, the reference files, the true defects, the reference suite)
gets every verdict when judged the way models' answers are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bench.kinds import BaselineRole, kind_of
from bench.sandbox import ExecutionResult, Executor
from bench.tasks import Task, TaskBase


def judge_reference(task: TaskBase, executor: Executor) -> ExecutionResult:
    """The reference answer of `task`, judged by its kind in `executor`."""
    if isinstance(task, Task):
        return executor.execute(task.reference_solution, task)
    kind = kind_of(task)
    answer = kind.baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
    return kind.judge(answer, task, executor, 1).result


@dataclass(frozen=True)
class ReferenceCheck:
    """The reference's execution result for one task."""

    task: TaskBase
    result: ExecutionResult

    @property
    def ok(self) -> bool:
        """True when the reference passed every test."""
        return self.result.status == "passed"

    def problems(self) -> list[str]:
        """One line per failing test (or the reason nothing ran), naming the task file."""
        where = self.task.source_path or self.task.id
        if self.ok:
            return []
        if not self.result.tests:
            reason = f"{self.result.status}: {self.result.error or ''}".rstrip(": ")
            return [f"{where}: reference_solution: {reason}"]
        lines = []
        for verdict in self.result.tests:
            if verdict.verdict == "passed":
                continue
            detail = verdict.error_type or verdict.verdict
            message = verdict.error_message or (f"got {verdict.actual}" if verdict.actual else "")
            lines.append(
                f"{where}: tests[{verdict.index}] ({verdict.name}): reference {verdict.verdict}: "
                f"{detail} {message}".rstrip()
            )
        return lines or [
            f"{where}: reference_solution: {self.result.status}: {self.result.error or ''}"
        ]


def check_references(
    tasks: Sequence[TaskBase],
    executor: Executor,
    workers: int,
    on_done: Callable[[ReferenceCheck], None] | None = None,
) -> list[ReferenceCheck]:
    """Execute every reference (in parallel on `workers` sandboxes); results in task order."""

    def one(task: TaskBase) -> ReferenceCheck:
        check = ReferenceCheck(task, judge_reference(task, executor))
        if on_done is not None:
            on_done(check)
        return check

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, tasks))
