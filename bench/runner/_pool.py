"""The sandbox threads: a fixed pool whose queue serves reference runs before answers.

A reference run is asked for only once an answer has passed, and every attempt of
its task that needs efficiency waits for it; queued behind the answers still to be
judged, it lands at the end of the batch with one worker busy and the other idle
(measured on HumanEval's canonical solutions: the slowest task's reference started
0.44 s after it was asked for and was the last execution of the run). Work given to
`submit_urgent` is taken before any other queued work; among equals, first come
first served.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

T = TypeVar("T")

_URGENT, _NORMAL, _STOP = 0, 1, 2


class SandboxPool(Executor):
    """`workers` threads running submitted calls, urgent ones first."""

    def __init__(self, workers: int, name: str = "sandbox") -> None:
        self._queue: queue.PriorityQueue[tuple[int, int, Any]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._lock = threading.Lock()
        self._closed = False
        self._running = 0
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}_{index}", daemon=True)
            for index in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)` behind the work already queued."""
        return self._put(_NORMAL, fn, args, kwargs)

    def submit_urgent(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)` ahead of all normal work (a reference run)."""
        return self._put(_URGENT, fn, args, kwargs)

    def _put(
        self, priority: int, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new work after shutdown")
            self._queue.put((priority, next(self._order), (future, fn, args, kwargs)))
        return future

    def _work(self) -> None:
        while True:
            priority, _, item = self._queue.get()
            if priority == _STOP:
                return
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            with self._lock:
                self._running += 1
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:
                self._done()  # before the waiter wakes: it may ask `idle()` at once
                future.set_exception(error)
            else:
                self._done()
                future.set_result(result)

    def _done(self) -> None:
        with self._lock:
            self._running -= 1

    def idle(self) -> bool:
        """True when nothing is running or queued: no other result is about to arrive."""
        with self._lock:
            return self._running == 0 and self._queue.empty()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking work; with `cancel_futures`, drop what has not started."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if cancel_futures:
                self._cancel_queued()
            for _ in self._threads:
                self._queue.put((_STOP, next(self._order), None))
        if wait:
            for thread in self._threads:
                thread.join()

    def _cancel_queued(self) -> None:
        kept = []
        while True:
            try:
                entry = self._queue.get_nowait()
            except queue.Empty:
                break
            if entry[0] == _STOP:
                kept.append(entry)
            else:
                entry[2][0].cancel()
        for entry in kept:
            self._queue.put(entry)
