"""Running a test module over a set of files in the sandbox, judged in the trusted process.

The transport of the multifile kind (the answer's project, the task's trusted tests)
and of testgen (the answer's suite, the trusted reference or a mutant installed as a
compiled module). One request carries every run of an attempt, so a testgen answer is
judged against all its mutants in one warm sandbox, a fresh process per run. Each
test's report is untrusted text: it is parsed here, and anything malformed, missing
or forged (a report without the run's nonce) is an `error` verdict, never a pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bench.sandbox._executor import Executor, SandboxFault
from bench.sandbox._harness import wire
from bench.sandbox._judge import _load_failure, _raised, execution_result, sandbox_error
from bench.sandbox._result import ExecutionResult, Status, TestVerdict, Verdict

REPLY_SLACK_S = 5.0
"""Seconds added to a request's budget for forking, laying out files and replying."""


@dataclass(frozen=True)
class ProjectRun:
    """One run of the test module: trusted modules to install first, files to trace."""

    compiled: dict[str, bytes] = field(default_factory=dict)
    """Module name -> marshalled code object, imported before the test module (no source)."""
    trace: tuple[str, ...] = ()
    """Code filenames (e.g. `<solution>`) whose executed lines are reported."""


@dataclass(frozen=True)
class ProjectOutcome:
    """One judged run: the verdicts and, when traced, the lines that ran."""

    result: ExecutionResult
    covered: list[int] | None = None


def run_project(
    executor: Executor,
    files: dict[str, str],
    test_code: str,
    weights: dict[str, float],
    timeout: float,
    runs: list[ProjectRun] | None = None,
    trusted_tests: bool = True,
) -> list[ProjectOutcome]:
    """Run `test_code`'s tests (the keys of `weights`, in order) once per run.

    `files` are laid out in the sandbox's scratch folder (the paths must already be
    checked); `timeout` bounds each run; `trusted_tests` rewrites the module's assert
    equalities so an answer's object with a lying `__eq__` cannot pass them.
    """
    runs = runs or [ProjectRun()]
    request = {
        "op": "project",
        "files": files,
        "test_code": test_code,
        "tests": list(weights),
        "timeout": timeout,
        "rewrite_asserts": trusted_tests,
        "runs": [{"compiled": run.compiled, "trace": list(run.trace)} for run in runs],
    }
    budget = len(runs) * (timeout + 1.0) + REPLY_SLACK_S
    try:
        reply = executor.run_request(request, budget)
    except SandboxFault as fault:
        return [ProjectOutcome(sandbox_error(str(fault), executor.name)) for _ in runs]
    replies = reply.get("runs") if reply.get("ok") else None
    if not isinstance(replies, list) or len(replies) != len(runs):
        reason = f"the sandbox supervisor failed: {reply.get('error', 'no reason')}"
        return [ProjectOutcome(sandbox_error(reason, executor.name)) for _ in runs]
    return [judge_run(item, weights, timeout, executor.name) for item in replies]


def judge_run(
    reply: dict[str, Any], weights: dict[str, float], timeout: float, sandbox: str
) -> ProjectOutcome:
    """The verdicts of one run's reply (see projects.py for its shape)."""
    load_failure = _load_failure(reply.get("load"))
    raw_results = reply.get("results")
    results = raw_results if isinstance(raw_results, dict) else {}
    verdicts = [
        _verdict(index, name, weight, results.get(name), load_failure, timeout)
        for index, (name, weight) in enumerate(weights.items())
    ]
    status, error = _status(verdicts, load_failure)
    result = execution_result(reply, verdicts, status, error, sandbox)
    return ProjectOutcome(result, _covered(reply.get("covered")))


def _verdict(
    index: int, name: str, weight: float, entry: Any, load_failure: Any, timeout: float
) -> TestVerdict:
    base: dict[str, Any] = {"index": index, "name": name, "weight": weight}
    if load_failure is not None and entry is None:
        verdict, error_type, message = load_failure
        return TestVerdict(
            **base, verdict=verdict, error_type=error_type, error_message=f"not run: {message}"
        )
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if kind == "timeout":
        message = f"the test module ran out of its {timeout:g}s"
        return TestVerdict(**base, verdict="timeout", error_type="Timeout", error_message=message)
    if kind != "reported":
        detail = entry.get("detail") if isinstance(entry, dict) else None
        message = str(detail or "no report: the process ended or its report was not genuine")
        return TestVerdict(**base, verdict="error", error_type="ProcessExit", error_message=message)
    try:
        report = json.loads(str(entry.get("payload", "")))
        if isinstance(report, dict) and report.get("k") == "ok":
            return TestVerdict(**base, verdict="passed")
        names, message = _raised(report)
    except (ValueError, TypeError, KeyError, AttributeError, wire.WireError) as problem:
        message = f"the test's report could not be read: {problem}"[:500]
        return TestVerdict(**base, verdict="error", error_type="BadReport", error_message=message)
    outcome: Verdict = "failed" if "AssertionError" in names else "error"
    return TestVerdict(**base, verdict=outcome, error_type=names[0], error_message=message)


def _status(verdicts: list[TestVerdict], load_failure: Any) -> tuple[Status, str | None]:
    if load_failure is not None:
        verdict, error_type, message = load_failure
        return ("timeout" if verdict == "timeout" else "error"), f"{error_type}: {message}"
    if all(v.verdict == "passed" for v in verdicts):
        return "passed", None
    if any(v.verdict == "timeout" for v in verdicts):
        return "timeout", "the test module ran out of time"
    failed = sum(v.verdict != "passed" for v in verdicts)
    return "failed", f"{failed} of {len(verdicts)} test(s) did not pass"


def _covered(raw: Any) -> list[int] | None:
    if not isinstance(raw, str):
        return None
    try:
        lines = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(lines, list):
        return None
    return sorted({line for line in lines if isinstance(line, int) and not isinstance(line, bool)})
