"""Scoring in batches: company within the wait, at once when nothing else is coming."""

from __future__ import annotations

import asyncio
import threading
import time

from bench.runner._pool import SandboxPool
from bench.runner._score_batch import ScoreBatcher
from bench.scoring import DefaultScorer
from tests.factories import make_task


class CountingScorer(DefaultScorer):
    """The default scorer, recording the size of each `evaluate_many` call."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def evaluate_many(self, inputs):
        self.batches.append(len(inputs))
        return super().evaluate_many(inputs)


def _inputs(code: str):
    from bench.scoring import ScoringInput

    return ScoringInput(
        task=make_task(),
        code=code,
        response_time_s=1.0,
        passed_weight=1.0,
        total_weight=1.0,
        all_passed=True,
    )


def test_scores_arriving_together_share_one_call_and_match_one_by_one():
    scorer = CountingScorer()
    codes = [f"def add(a, b):\n    return a + b + {index}\n" for index in range(5)]

    async def main():
        batcher = ScoreBatcher(scorer, max_wait_s=0.05)
        return await asyncio.gather(*(batcher.score(_inputs(code)) for code in codes))

    scores = asyncio.run(main())
    assert scorer.batches == [5]
    assert scores == [DefaultScorer().evaluate(_inputs(code)) for code in codes]


def test_an_idle_pool_sends_a_score_at_once_instead_of_waiting():
    scorer = CountingScorer()
    pool = SandboxPool(1)

    async def main(batcher):
        began = time.monotonic()
        await batcher.score(_inputs("def add(a, b):\n    return a + b\n"))
        return time.monotonic() - began

    try:
        waited_alone = asyncio.run(main(ScoreBatcher(scorer, max_wait_s=5.0, idle=pool.idle)))
        gate = threading.Event()
        pool.submit(gate.wait)  # another result is on its way: wait for company
        assert not pool.idle()
        threading.Timer(0.2, gate.set).start()
        waited_busy = asyncio.run(main(ScoreBatcher(scorer, max_wait_s=0.4, idle=pool.idle)))
    finally:
        pool.shutdown()
    assert waited_alone < 1.0  # not the 5 s wait
    assert waited_busy >= 0.35
    assert pool.idle()
