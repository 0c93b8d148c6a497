"""Quality scoring in batches: one `ruff` process for many attempts.

Starting ruff costs ~20 ms; a run that finishes hundreds of attempts a second
(samples files, baselines) would spend more time starting linters than
running code. Attempts that finish close together share one ruff call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from bench.scoring import QualityReport, quality_many


class QualityBatcher:
    """Await `score(code)`; calls arriving within `max_wait_s` share one ruff run."""

    def __init__(
        self,
        score_many: Callable[[Sequence[str]], list[QualityReport]] = quality_many,
        max_batch: int = 64,
        max_wait_s: float = 0.05,
    ):
        self._score_many = score_many
        self._max_batch = max_batch
        self._max_wait_s = max_wait_s
        self._pending: list[tuple[str, asyncio.Future[QualityReport]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._flushes: set[asyncio.Task] = set()

    async def score(self, code: str) -> QualityReport:
        """The quality report of `code`, computed with whatever else is pending."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[QualityReport] = loop.create_future()
        self._pending.append((code, future))
        if len(self._pending) >= self._max_batch:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self._max_wait_s, self._flush)
        return await future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if batch:
            task = asyncio.get_running_loop().create_task(self._score_batch(batch))
            self._flushes.add(task)
            task.add_done_callback(self._flushes.discard)

    async def _score_batch(self, batch: list[tuple[str, asyncio.Future[QualityReport]]]) -> None:
        try:
            reports = await asyncio.to_thread(self._score_many, [code for code, _ in batch])
        except Exception as error:  # a linter failure must not hang the attempts waiting on it
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        for (_, future), report in zip(batch, reports, strict=True):
            if not future.done():
                future.set_result(report)
