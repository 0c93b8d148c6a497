"""What a run has to do: the (model, task, sample, variant) work items, split into shards.

Items are ordered so that a run's progress is spread over models and tiers
(task-major), and sharding takes every N-th item of that stable order, so the
union of shards 1..N is exactly the whole run, whatever machine computes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.tasks import TaskBase

SHARD_PATTERN = re.compile(r"^(\d+)/(\d+)$")


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """Parse `K/N` with 1 <= K <= N; raise ValueError with the rule otherwise."""
        match = SHARD_PATTERN.match(text.strip())
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise ValueError(f"--shard must be K/N with 1 <= K <= N (got {text!r})")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class WorkItem:
    """One attempt to make: a model answers a task once."""

    model: str
    task: TaskBase
    sample: int
    variant: int = 0
    """0 = the task as written; 1..N = a robustness rewording (then `task` is the rewording)."""

    @property
    def key(self) -> tuple[str, str, int, int]:
        """The attempt's identity in the results store (`ATTEMPT_KEY`)."""
        return (self.model, self.task.id, self.sample, self.variant)


def plan_items(
    model_names: list[str],
    tasks: Sequence[TaskBase],
    samples: int,
    shard: Shard | None = None,
    done: set[tuple[str, str, int, int]] | frozenset[tuple[str, str, int, int]] = frozenset(),
    variants: dict[str, list[TaskBase]] | None = None,
) -> list[WorkItem]:
    """Every work item of this shard that is not already `done`.

    `variants` maps a task id to its robustness rewordings; each is asked like the
    task itself (every model, every sample), right after it.
    """
    variants = variants or {}
    items = [
        WorkItem(model, asked, sample, asked.variant)
        for task in tasks
        for asked in (task, *variants.get(task.id, ()))
        for sample in range(samples)
        for model in model_names
    ]
    if shard is not None:
        items = [
            item for position, item in enumerate(items) if position % shard.count == shard.index - 1
        ]
    return [item for item in items if item.key not in done]
