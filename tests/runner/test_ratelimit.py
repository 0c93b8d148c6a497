from __future__ import annotations

import asyncio

from bench.runner import RequestPacer


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def test_calls_are_spaced_by_sixty_over_rpm():
    clock = FakeClock()
    pacer = RequestPacer(rpm=60, clock=clock, sleep=clock.sleep)

    async def three():
        for _ in range(3):
            await pacer.wait()

    asyncio.run(three())
    assert clock.sleeps == [1.0, 2.0]  # starts at t=0, 1, 2 (no clock advance while sleeping)


def test_no_limit_never_waits():
    clock = FakeClock()
    pacer = RequestPacer(None, clock=clock, sleep=clock.sleep)
    assert pacer.interval == 0

    async def many():
        for _ in range(5):
            await pacer.wait()

    asyncio.run(many())
    assert clock.sleeps == []
