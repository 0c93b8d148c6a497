"""Seeded, stratified sampling of a task set.

A sample keeps the suite's mix of difficulties (largest-remainder allocation),
so a quick run of 20 tasks ranks models on the same kind of work as the full run.
"""

from __future__ import annotations

import random
from collections import defaultdict

from bench.tasks._model import Difficulty, Task


def _allocate(sizes: dict[Difficulty, int], n: int) -> dict[Difficulty, int]:
    total = sum(sizes.values())
    exact = {tier: n * size / total for tier, size in sizes.items()}
    counts = {tier: int(share) for tier, share in exact.items()}
    by_remainder = sorted(sizes, key=lambda tier: (-(exact[tier] - counts[tier]), tier.rank))
    for tier in by_remainder[: n - sum(counts.values())]:
        counts[tier] += 1
    return counts


def sample_tasks(tasks: list[Task], n: int, seed: int = 0) -> list[Task]:
    """Pick `n` tasks, stratified by difficulty; the same seed gives the same sample.

    The result does not depend on the order of `tasks`. With `n` at least the
    set's size, the whole set is returned.
    """
    if n < 0:
        raise ValueError("sample size must be >= 0")
    if n >= len(tasks):
        return sorted(tasks, key=lambda task: (task.difficulty.rank, task.id))
    strata: dict[Difficulty, list[Task]] = defaultdict(list)
    for task in sorted(tasks, key=lambda task: task.id):
        strata[task.difficulty].append(task)
    counts = _allocate({tier: len(members) for tier, members in strata.items()}, n)
    rng = random.Random(seed)
    chosen: list[Task] = []
    for tier in sorted(strata, key=lambda tier: tier.rank):
        chosen.extend(rng.sample(strata[tier], counts[tier]))
    return sorted(chosen, key=lambda task: (task.difficulty.rank, task.id))
