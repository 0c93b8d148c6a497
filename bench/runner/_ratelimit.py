"""Per-model request pacing: at most `rpm` call starts in any 60-second window.

Calls are spaced evenly (60/rpm seconds apart) rather than burst and then
stalled, which keeps a provider's sliding-window limiter from ever answering
429 and puts a run's wall time within a call's latency of the rpm floor.

A 429 that does arrive is the provider's business: its retry loop waits out the
server's `Retry-After` for that call (bench/providers/_retry.py); the pacer does not
also push back the model's other calls, whose own 429s carry their own waits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RequestPacer:
    """An async gate that lets one call through every `60 / rpm` seconds."""

    def __init__(
        self,
        rpm: float | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 60.0 / rpm if rpm else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next_start = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the caller may start its request."""
        if not self.interval:
            return
        async with self._lock:
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + self.interval
        if start > now:
            await self._sleep(start - now)
