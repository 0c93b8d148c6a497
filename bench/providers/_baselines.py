"""Offline baselines: reference points that need no network, labelled as baselines.

Each task kind defines what its three baselines answer (`TaskKind.baseline`):

- `baseline/reference`: the kind's reference answer (the solution, the fix, the
  refactoring, the reference files, the true defects, a suite that kills the
  mutants). It should score at the top; when it does not, the harness (or the
  task) is broken, not a model.
- `baseline/null`: the do-nothing answer (a stub returning None, the input back
  unchanged, no findings, a trivial suite). What it scores shows what a task
  gives away for free.
- `baseline/mutant`: the reference answer with one seeded fault. A deterministic
  imperfect solver, between the two: it shows the scoring separates good
  answers from subtly wrong ones.

They cost nothing and report the time they took to produce their answer.
"""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

from bench.kinds import BaselineRole, kind_of
from bench.providers._base import ModelProvider, ModelResponse, Pricing
from bench.providers._registry import register_provider
from bench.tasks import TaskBase

_FREE = Pricing(input_per_mtok=0.0, output_per_mtok=0.0, source="baseline")


class BaselineProvider(ModelProvider):
    """Shared behaviour of the baselines: free, instant, no tokens, no network."""

    is_baseline = True
    kind = "baseline"

    def pricing(self) -> Pricing | None:
        """Baselines cost nothing."""
        return _FREE

    def count_prompt_tokens(self, prompt: str) -> int | None:
        """Baselines read no prompt."""
        return 0

    role: ClassVar[BaselineRole]
    """Which of the task kind's baselines this provider returns."""

    def solve(self, task: TaskBase, sample: int) -> tuple[str, str]:
        """The answer and a one-line description of it, from the task's kind.

        Choices (the mutant's fault) are seeded by `(run.seed, task id)` for sample 0
        and `(run.seed, task id, sample)` after, so every run with one seed agrees.
        """
        key = task.id if sample == 0 else f"{task.id}#{sample}"
        answer = kind_of(task).baseline(self.role, task, self.run.seed, key)
        return answer.answer, answer.description

    def _timed_solve(self, task: TaskBase, sample: int) -> tuple[str, str, float]:
        started = time.perf_counter()
        code, description = self.solve(task, sample)
        return code, description, time.perf_counter() - started

    async def generate(self, prompt: str, task: TaskBase, *, sample: int = 0) -> ModelResponse:
        """The baseline's code for `task`, timed; made in a thread so the event loop runs on."""
        code, description, seconds = await asyncio.to_thread(self._timed_solve, task, sample)
        return ModelResponse(
            code=code,
            text=description,
            response_time_s=seconds,
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            model_version=self.model,
            attempts=0,
        )


@register_provider("baseline/reference")
class ReferenceBaseline(BaselineProvider):
    """The kind's reference answer (the solution, the fix, the true defects...): the sanity line."""

    role = BaselineRole.REFERENCE


@register_provider("baseline/null")
class NullBaseline(BaselineProvider):
    """The do-nothing answer: a stub returning None, or the input back unchanged."""

    role = BaselineRole.NULL


@register_provider("baseline/mutant")
class MutantBaseline(BaselineProvider):
    """The reference answer with one seeded fault (for code: one single AST mutation)."""

    role = BaselineRole.MUTANT
