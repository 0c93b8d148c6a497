"""Turning (code, task) into the request a supervisor runs, in the trusted process.

Arguments are built here, by `build_arguments`, never in the candidate's process, and
travel marshalled (plain data only). Expected values stay here: the sandbox never
receives them.
"""

from __future__ import annotations

import marshal
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from bench.tasks import Task, build_arguments

_CACHE_SIZE = 512
_cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
_cache_lock = threading.Lock()


class PlanError(ValueError):
    """The task's own arguments cannot be built or shipped (a task bug, not the model's)."""


@dataclass(frozen=True)
class Plan:
    """A request for the supervisor plus what the judge needs to read its reply."""

    request: dict[str, Any]
    """The marshal-able request (op, code, entry point, tests, limits)."""
    budget_s: float
    """Seconds the whole execution may take inside the sandbox."""


def argument_blob(task: Task, index: int, version: str | None = None) -> bytes:
    """The marshalled arguments of test `index`, built once per task version."""
    key = (version or task.version, index)
    with _cache_lock:
        blob = _cache.get(key)
        if blob is not None:
            _cache.move_to_end(key)
            return blob
    test = task.tests[index]
    try:
        arguments = build_arguments(test.input, test.input_code)
        blob = marshal.dumps(arguments, 4)
    except Exception as error:
        label = test.name or str(index)
        raise PlanError(
            f"task {task.id}, test {label}: cannot build its arguments: {error}"
        ) from error
    with _cache_lock:
        _cache[key] = blob
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return blob


def plan_execution(code: str, task: Task, timing_repeats: int, timeout: float) -> Plan:
    """The request that runs `code` against every test of `task`.

    `timeout` limits loading the code and the test_code check; each input test has
    its own `TestCase.timeout`. The whole execution's budget is their sum.
    """
    version = task.version if task.tests else ""
    tests = [
        [index, argument_blob(task, index, version), float(test.timeout)]
        for index, test in enumerate(task.tests)
    ]
    budget = (
        timeout + sum(test.timeout for test in task.tests) + (timeout if task.test_code else 0.0)
    )
    request = {
        "op": "run",
        "code": code,
        "entry_point": task.entry_point,
        "tests": tests,
        "repeats": max(1, int(timing_repeats)),
        "test_code": task.test_code,
        "load_timeout": float(timeout),
        "check_timeout": float(timeout),
        "budget": float(budget),
    }
    return Plan(request=request, budget_s=budget)
