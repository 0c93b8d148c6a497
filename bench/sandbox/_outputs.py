"""What a trusted program returns on given inputs, as values: the sandbox as an oracle.

`ExecutionResult` keeps only a bounded repr of each returned value, enough for a
verdict page but not to write an expected value from. Test generation needs the
values themselves, computed by the reference in the same sandbox, interpreter and
argument path that will judge models. `probe_outputs` runs the program behind a
small wrapper that encodes each return value in the wire format and prints it to
stdout behind a random marker, tagged with the call's index; the trusted side
decodes it with the wire decoder (never `eval`, never pickle).

Only for trusted programs (a task's reference): a hostile program could print
lines of its own. Exceptions and time-outs come from the judge's verdicts, as for
any answer; the stdout bound is met by splitting a batch whose output was cut.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bench.sandbox._executor import Executor
from bench.sandbox._harness import wire
from bench.sandbox._result import ExecutionResult
from bench.tasks import Task, TestCase

PROBE_ENTRY_POINT = "__bench_probe__"
"""The wrapper the probe task calls: `__bench_probe__(index, *arguments)`."""
VALUE_LIMIT = 32 << 10
"""Encoded characters a value may take; a larger one comes back as `too_large`."""
BATCH = 64
"""Calls per execution (a batch whose stdout is cut is split in two)."""
_WIRE_SOURCE = Path(wire.__file__).read_text(encoding="utf-8")
_WRAPPER = """

def _bench_probe_install(source, entry_point, marker, limit, namespace):
    import os, sys, types

    module = types.ModuleType("__reference__")
    sys.modules[module.__name__] = module
    exec(compile(source, "<reference>", "exec", dont_inherit=True), module.__dict__)
    target, encode = module.__dict__[entry_point], encode_bounded

    def probe(index, *arguments):
        value = target(*arguments)
        data = ("\\n" + marker + str(index) + " " + encode(value, limit) + "\\n").encode()
        while data:
            data = data[os.write(1, data):]

    namespace[{name!r}] = probe
""".replace("{name!r}", repr(PROBE_ENTRY_POINT))

_NOT_RAISED = frozenset({"ProcessExit", "BadReport", "Timeout", "LoadError"})
"""Error types the judge gives to failures that are not an exception of the call."""

Outcome = Literal["returned", "raised", "timeout", "error", "too_large", "lost"]


@dataclass(frozen=True)
class ProbedOutput:
    """What one call of the program did."""

    outcome: Outcome
    """returned (see `value`), raised (see `error_type`), timeout, error (the process
    died or the call could not be judged), too_large (a value over `VALUE_LIMIT` or
    not plain data), lost (its report was cut from the output)."""
    value: Any = None
    """The decoded return value (tuples stay tuples, sets stay sets)."""
    error_type: str | None = None
    """The exception class the call raised."""
    time_s: float | None = None
    """The call's time as the supervisor measured it."""


def probe_program(source: str, entry_point: str, marker: str) -> str:
    """The program that runs `source` and reports `entry_point`'s return values."""
    call = (
        f"_bench_probe_install({source!r}, {entry_point!r}, {marker!r}, {VALUE_LIMIT}, globals())\n"
    )
    return f"{_WIRE_SOURCE}\n{_WRAPPER}\n{call}"


def probe_outputs(
    executor: Executor, task: Task, inputs: list[list[Any]], timeout: float
) -> list[ProbedOutput]:
    """What `task.reference_solution` returns on each argument list, in order.

    Each call may take `timeout` seconds. The task's own tests and `test_code` are
    not run: only the given inputs, through the task's executor and argument path.
    """
    outputs: list[ProbedOutput] = []
    for start in range(0, len(inputs), BATCH):
        outputs += _probe_batch(executor, task, inputs[start : start + BATCH], timeout)
    return outputs


def _probe_batch(
    executor: Executor, task: Task, inputs: list[list[Any]], timeout: float
) -> list[ProbedOutput]:
    marker = f"\x1fbench-probe-{secrets.token_hex(6)}:"
    tests = [
        TestCase(input=[index, *arguments], expected=None, timeout=timeout)
        for index, arguments in enumerate(inputs)
    ]
    probe_task = task.model_copy(
        update={"entry_point": PROBE_ENTRY_POINT, "tests": tests, "test_code": None}
    )
    program = probe_program(task.reference_solution, task.entry_point, marker)
    result = executor.execute(program, probe_task)
    if result.stdout_truncated and len(inputs) > 1:
        half = len(inputs) // 2
        return _probe_batch(executor, task, inputs[:half], timeout) + _probe_batch(
            executor, task, inputs[half:], timeout
        )
    return _read(result, marker, len(inputs))


def _read(result: ExecutionResult, marker: str, count: int) -> list[ProbedOutput]:
    reported: dict[int, str] = {}
    pattern = re.compile(re.escape(marker) + r"(\d+) (.*)")
    for line in result.stdout.splitlines():
        found = pattern.search(line)
        if found:
            reported[int(found.group(1))] = found.group(2)
    outputs = []
    for index in range(count):
        verdict = result.tests[index] if index < len(result.tests) else None
        if verdict is None or result.status == "sandbox_error":
            outputs.append(ProbedOutput("error"))
        elif verdict.verdict == "timeout":
            outputs.append(ProbedOutput("timeout", time_s=verdict.time_s))
        elif verdict.verdict != "passed":
            raised = verdict.error_type is not None and verdict.error_type not in _NOT_RAISED
            outcome: Outcome = "raised" if raised else "error"
            outputs.append(
                ProbedOutput(outcome, error_type=verdict.error_type, time_s=verdict.time_s)
            )
        else:
            outputs.append(_decoded(reported.get(index), verdict.time_s))
    return outputs


def _decoded(text: str | None, time_s: float | None) -> ProbedOutput:
    if text is None:
        return ProbedOutput("lost", time_s=time_s)
    try:
        value = wire.decode(text)
    except wire.WireError:
        return ProbedOutput("error", time_s=time_s)
    if wire.contains_opaque(value):
        return ProbedOutput("too_large", time_s=time_s)
    return ProbedOutput("returned", value=value, time_s=time_s)
