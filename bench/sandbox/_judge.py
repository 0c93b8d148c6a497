"""Judging a supervisor's reply in the trusted process: decode safely, compare, decide.

Everything in a reply that came from the candidate's process is untrusted text. It is
parsed as JSON and rebuilt by the wire decoder (no pickle, no eval), checked for
shape, and compared with the task's expected values here, where the candidate never
ran. A malformed report gives an `error` verdict for that test, never a pass.

Times are not part of what the candidate's process reports: the supervisor measured
them from outside (the child's CPU time, read from the kernel) and sends them beside
the report, so a candidate that patches its clocks changes nothing here.
"""

from __future__ import annotations

import json
import statistics
from typing import Any

from bench.sandbox._harness import wire
from bench.sandbox._result import ExecutionResult, Status, TestVerdict, Verdict
from bench.tasks import Task, TestCase, values_equal

ACTUAL_LIMIT = 200
"""Characters of a returned value's repr kept for display."""


class _Malformed(ValueError):
    """A report that does not have the shape the harness writes."""


def sandbox_error(reason: str, sandbox: str) -> ExecutionResult:
    """The result of an execution the infrastructure could not carry out."""
    return ExecutionResult(status="sandbox_error", error=reason, sandbox=sandbox)


def judge(task: Task, reply: dict[str, Any], sandbox: str) -> ExecutionResult:
    """The ExecutionResult of a supervisor's reply for `task`."""
    if not reply.get("ok"):
        return sandbox_error(
            f"the sandbox supervisor failed: {reply.get('error', 'no reason')}", sandbox
        )
    load_failure = _load_failure(reply.get("load"))
    results = reply.get("results") or {}
    verdicts = [
        _judge_test(task, index, test, results, reply, load_failure)
        for index, test in enumerate(task.tests)
    ]
    if task.test_code:
        verdicts.append(_judge_check(len(task.tests), reply, load_failure))
    status, error = _status(verdicts, load_failure, reply)
    return execution_result(reply, verdicts, status, error, sandbox)


def execution_result(
    reply: dict[str, Any],
    verdicts: list[TestVerdict],
    status: Status,
    error: str | None,
    sandbox: str,
) -> ExecutionResult:
    """The result of judged `verdicts`, with the reply's output, times and anomalies.

    Every kind that judges a supervisor reply (function tests, a project's tests)
    builds its result here, so weights and the reply's bounded output mean the same.
    """
    return ExecutionResult(
        status=status,
        tests=verdicts,
        passed_weight=sum(v.weight for v in verdicts if v.verdict == "passed"),
        total_weight=sum(v.weight for v in verdicts),
        stdout=str(reply.get("stdout", "")),
        stderr=str(reply.get("stderr", "")),
        stdout_truncated=bool(reply.get("stdout_truncated")),
        stderr_truncated=bool(reply.get("stderr_truncated")),
        exec_time_s=float(reply.get("exec_time_s") or 0.0),
        peak_memory_mb=reply.get("peak_memory_mb"),
        error=error,
        sandbox=sandbox,
        anomalies=[str(item) for item in reply.get("anomalies") or []],
    )


LoadFailure = tuple[Verdict, str, str]
"""(verdict, error_type, message) of code that did not load."""


def _load_failure(load: Any) -> LoadFailure | None:
    """(verdict, error_type, message) when the code did not load, else None."""
    if isinstance(load, dict) and load.get("ok"):
        return None
    if not isinstance(load, dict):
        return ("error", "ProcessExit", "the process ended before loading the code")
    if load.get("timeout"):
        return ("timeout", "Timeout", "loading the code took longer than its time limit")
    if load.get("crash"):
        return ("error", "ProcessExit", f"{load['crash']} while loading the code")
    try:
        error_type, message = wire.decode(str(load.get("error", "")))
        return ("error", str(error_type)[:200], str(message)[:2000])
    except (wire.WireError, TypeError, ValueError):
        return ("error", "LoadError", "the code did not load (its report was unreadable)")


def _name(test: TestCase, index: int) -> str:
    return test.name or str(index)


def _judge_test(
    task: Task,
    index: int,
    test: TestCase,
    results: dict[str, Any],
    reply: dict[str, Any],
    load_failure: LoadFailure | None,
) -> TestVerdict:
    base: dict[str, Any] = {"index": index, "name": _name(test, index), "weight": test.weight}
    entry = results.get(str(index))
    if entry is None:
        return TestVerdict(**base, **_not_run(reply, load_failure))
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if kind == "timeout":
        message = f"the call did not return within {test.timeout:g}s"
        return TestVerdict(**base, verdict="timeout", error_type="Timeout", error_message=message)
    if kind != "reported":
        detail = entry.get("detail") if isinstance(entry, dict) else None
        message = f"{detail or kind} during the call"
        return TestVerdict(**base, verdict="error", error_type="ProcessExit", error_message=message)
    try:
        times = _times(entry.get("times"))
        return _judge_report(task, test, base, str(entry.get("payload", "")), times)
    except (_Malformed, wire.WireError, ValueError, TypeError, KeyError) as problem:
        message = f"the test's report could not be read: {problem}"[:500]
        return TestVerdict(**base, verdict="error", error_type="BadReport", error_message=message)


def _not_run(reply: dict[str, Any], load_failure: LoadFailure | None) -> dict[str, Any]:
    if load_failure is not None:
        verdict, error_type, message = load_failure
        return {
            "verdict": verdict,
            "error_type": error_type,
            "error_message": f"not run: {message}",
        }
    if reply.get("budget_exhausted"):
        message = "not run: the execution's time budget ran out"
        return {"verdict": "timeout", "error_type": "Timeout", "error_message": message}
    message = "no result: the process ended before reporting this test"
    return {"verdict": "error", "error_type": "ProcessExit", "error_message": message}


def _times(raw: Any) -> list[float]:
    """The supervisor's timings of a test's calls (seconds), checked for shape."""
    if not isinstance(raw, list) or not raw:
        raise _Malformed("no timings")
    times = [
        float(item) for item in raw if isinstance(item, int | float) and not isinstance(item, bool)
    ]
    if len(times) != len(raw) or any(not 0 <= item < 1e7 for item in times):
        raise _Malformed("bad timings")
    return times


def _judge_report(
    task: Task, test: TestCase, base: dict[str, Any], payload: str, times: list[float]
) -> TestVerdict:
    """The verdict of a call's report; `times` are the supervisor's, first call first."""
    report = json.loads(payload)
    if not isinstance(report, dict) or report.get("k") not in ("v", "x"):
        raise _Malformed("unknown report kind")
    if report["k"] == "x":
        names, message = _raised(report)
        return _judge_raised(test, base, names, message, statistics.median(times))
    value = wire.from_json(report.get("v"))
    timing: dict[str, Any] = {
        "time_s": statistics.median(times),
        "actual": wire.safe_repr(value, ACTUAL_LIMIT),
    }
    if times[0] > test.timeout:
        message = f"the call took {times[0]:.3f}s, over its {test.timeout:g}s limit"
        return TestVerdict(
            **base, **timing, verdict="timeout", error_type="Timeout", error_message=message
        )
    if test.raises is not None:
        message = f"expected {test.raises} to be raised; the call returned"
        return TestVerdict(**base, **timing, verdict="failed", error_message=message)
    passed = _equal(task, test, value)
    difference = None if passed else "the returned value differs from the expected one"
    return TestVerdict(
        **base, **timing, verdict="passed" if passed else "failed", error_message=difference
    )


def _equal(task: Task, test: TestCase, value: Any) -> bool:
    if wire.contains_opaque(value):
        return False  # not plain data: it cannot equal an expected value, whatever it claims
    try:
        mode = str(task.compare_mode(test))
        return bool(
            values_equal(value, test.expected, mode, task.tolerance.rel, task.tolerance.abs)
        )
    except (TypeError, ValueError, RecursionError):
        return False


def _raised(report: dict[str, Any]) -> tuple[list[str], str]:
    decoded = wire.from_json(report.get("d"))
    if not (isinstance(decoded, list) and len(decoded) == 2):
        raise _Malformed("bad exception report")
    names, message = decoded
    if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
        raise _Malformed("bad exception class names")
    return [n[:200] for n in names[:64]], str(message)[:2000]


def _judge_raised(
    test: TestCase, base: dict[str, Any], names: list[str], message: str, time_s: float
) -> TestVerdict:
    details: dict[str, Any] = {"time_s": time_s, "error_type": names[0], "error_message": message}
    if test.raises is not None and test.raises in names:
        return TestVerdict(**base, verdict="passed", time_s=time_s, error_type=names[0])
    if test.raises is not None:
        details["error_message"] = f"expected {test.raises}, got {names[0]}: {message}"[:2000]
        return TestVerdict(**base, verdict="failed", **details)
    return TestVerdict(**base, verdict="error", **details)


def _judge_check(
    index: int, reply: dict[str, Any], load_failure: LoadFailure | None
) -> TestVerdict:
    base: dict[str, Any] = {"index": index, "name": "check", "weight": 1.0}
    entry = reply.get("check")
    if entry is None:
        return TestVerdict(**base, **_not_run(reply, load_failure))
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if kind == "timeout":
        return TestVerdict(
            **base,
            verdict="timeout",
            error_type="Timeout",
            error_message="check(candidate) ran out of time",
        )
    if kind != "reported":
        detail = entry.get("detail") if isinstance(entry, dict) else None
        return TestVerdict(
            **base,
            verdict="error",
            error_type="ProcessExit",
            error_message=f"{detail or kind} during check",
        )
    try:
        times = _times(entry.get("times"))
        report = json.loads(str(entry.get("payload", "")))
        if isinstance(report, dict) and report.get("k") == "ok":
            return TestVerdict(**base, verdict="passed", time_s=times[0])
        names, message = _raised(report)
    except (_Malformed, wire.WireError, ValueError, TypeError, KeyError) as problem:
        return TestVerdict(
            **base, verdict="error", error_type="BadReport", error_message=str(problem)[:500]
        )
    verdict: Verdict = "failed" if names[0] == "AssertionError" else "error"
    return TestVerdict(
        **base, verdict=verdict, time_s=times[0], error_type=names[0], error_message=message
    )


def _status(
    verdicts: list[TestVerdict], load_failure: LoadFailure | None, reply: dict[str, Any]
) -> tuple[Status, str | None]:
    reported = any(
        v.error_message is None or not v.error_message.startswith("not run") for v in verdicts
    )
    if load_failure is not None and not (reported and verdicts):
        verdict, error_type, message = load_failure
        status: Status = "timeout" if verdict == "timeout" else "error"
        return status, f"{error_type}: {message}"
    if all(v.verdict == "passed" for v in verdicts):
        return "passed", None
    timed_out = [v for v in verdicts if v.verdict == "timeout"]
    if timed_out:
        return "timeout", f"{len(timed_out)} test(s) ran out of time"
    failed = sum(v.verdict != "passed" for v in verdicts)
    return "failed", f"{failed} of {len(verdicts)} test(s) did not pass"
