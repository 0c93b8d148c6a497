"""The sandbox pool serves urgent work (reference runs) before queued answers."""

from __future__ import annotations

import threading

import pytest

from bench.runner._pool import SandboxPool


def test_urgent_work_overtakes_queued_work() -> None:
    pool = SandboxPool(1)
    gate = threading.Event()
    order: list[str] = []
    blocker = pool.submit(gate.wait)  # the one worker is busy until the gate opens
    normal = [pool.submit(order.append, f"answer {index}") for index in range(3)]
    urgent = pool.submit_urgent(order.append, "reference")
    gate.set()
    for future in [blocker, *normal, urgent]:
        future.result(timeout=5)
    pool.shutdown()
    assert order == ["reference", "answer 0", "answer 1", "answer 2"]


def test_results_exceptions_and_shutdown() -> None:
    pool = SandboxPool(2)
    assert pool.submit(sum, [1, 2, 3]).result(timeout=5) == 6
    failed = pool.submit_urgent(int, "not a number")
    with pytest.raises(ValueError):
        failed.result(timeout=5)
    pool.shutdown(wait=True)
    with pytest.raises(RuntimeError):
        pool.submit(sum, [])


def test_shutdown_waits_for_queued_work_unless_cancelled() -> None:
    pool = SandboxPool(1)
    gate = threading.Event()
    pool.submit(gate.wait)
    queued = pool.submit(lambda: "done")
    dropped_pool = SandboxPool(1)
    dropped_gate = threading.Event()
    dropped_pool.submit(dropped_gate.wait)
    dropped = dropped_pool.submit(lambda: "never")
    threading.Timer(0.05, gate.set).start()
    pool.shutdown(wait=True)
    assert queued.result(timeout=0) == "done"
    dropped_pool.shutdown(wait=False, cancel_futures=True)
    dropped_gate.set()
    assert dropped.cancelled()
