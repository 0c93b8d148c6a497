"""Seeded, stratified sampling of a task set.

A sample keeps the suite's mix: the task kinds share it equally (the leaderboard
weighs every kind the same, so each kind's mean needs as many tasks as the others;
a kind with fewer tasks than its share gives the rest to the others), and within a
kind the difficulties keep their proportions (largest-remainder allocation). A
quick run of 40 tasks thus ranks models on the same kind of work as the full run.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from bench.tasks._model import Difficulty, TaskBase

T = TypeVar("T", bound=TaskBase)
KIND_ORDER = ("function", "debug", "refactor", "multifile", "review", "testgen")


def _allocate(sizes: dict[Difficulty, int], n: int) -> dict[Difficulty, int]:
    total = sum(sizes.values())
    exact = {tier: n * size / total for tier, size in sizes.items()}
    counts = {tier: int(share) for tier, share in exact.items()}
    by_remainder = sorted(sizes, key=lambda tier: (-(exact[tier] - counts[tier]), tier.rank))
    for tier in by_remainder[: n - sum(counts.values())]:
        counts[tier] += 1
    return counts


def _kind_shares(sizes: dict[str, int], n: int) -> dict[str, int]:
    """`n` split as evenly as the kinds' sizes allow (earlier kinds get the remainder)."""
    shares = dict.fromkeys(sizes, 0)
    left = n
    while left:
        open_kinds = [kind for kind in sizes if shares[kind] < sizes[kind]]
        if not open_kinds:
            break
        each, extra = divmod(left, len(open_kinds))
        for position, kind in enumerate(open_kinds):
            grant = min(each + (position < extra), sizes[kind] - shares[kind])
            shares[kind] += grant
            left -= grant
    return shares


def _kind_rank(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def sample_tasks(tasks: Sequence[T], n: int, seed: int = 0) -> list[T]:
    """Pick `n` tasks, stratified by kind and difficulty; the same seed gives the same sample.

    The result does not depend on the order of `tasks`. With `n` at least the
    set's size, the whole set is returned.
    """
    if n < 0:
        raise ValueError("sample size must be >= 0")
    if n >= len(tasks):
        return sorted(tasks, key=lambda task: (task.difficulty.rank, task.id))
    by_kind: dict[str, list[T]] = defaultdict(list)
    for task in sorted(tasks, key=lambda task: task.id):
        by_kind[task.kind].append(task)
    kinds = sorted(by_kind, key=_kind_rank)
    shares = _kind_shares({kind: len(by_kind[kind]) for kind in kinds}, n)
    rng = random.Random(seed)
    chosen: list[T] = []
    for kind in kinds:
        strata: dict[Difficulty, list[T]] = defaultdict(list)
        for task in by_kind[kind]:
            strata[task.difficulty].append(task)
        counts = _allocate({tier: len(members) for tier, members in strata.items()}, shares[kind])
        for tier in sorted(strata, key=lambda tier: tier.rank):
            chosen.extend(rng.sample(strata[tier], counts[tier]))
    return sorted(chosen, key=lambda task: (task.difficulty.rank, task.id))
