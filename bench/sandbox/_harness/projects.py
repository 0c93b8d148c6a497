"""The supervisor's side of op `project`: run a test module over laid-out files, per run.

A request holds the project's files, a test module, the names of its tests, one
time budget per run and a list of runs (each may install trusted compiled modules:
the reference or a mutant, for testgen). Each run gets fresh children forked from
the template (project.py runs in them); the supervisor enforces the run's budget
from outside, gives each test its turn, and restarts a fresh child for the tests
left when one crashes or exits. Between runs the scratch space is emptied, so no
run can leave anything for the next. It judges nothing: the reply carries each
test's report, and the trusted caller (bench/sandbox/_project.py) decides.

Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import marshal
import os
import time
from typing import Any

from .asserts import rewrite_asserts
from .children import Child, ReportReader, frame
from .supervisor import _describe_exit


class _RunReport:
    """What one run of the test module produced, across the children it took."""

    def __init__(self) -> None:
        self.load: dict[str, Any] | None = None
        self.results: dict[str, dict[str, Any]] = {}
        self.covered: str | None = None
        self.anomalies: list[str] = []
        self.outputs: list[dict[str, Any]] = []
        self.exec_time = 0.0
        self.peak_kb = 0
        self.children = 0

    def absorb(self, child: Child, limit: int, leftovers: int) -> None:
        self.children += 1
        self.peak_kb = max(self.peak_kb, child.peak_kb)
        self.outputs.append(child.output(limit))
        if leftovers:
            self.anomalies.append(f"{leftovers} process(es) outlived the run and were killed")

    def as_dict(self) -> dict[str, Any]:
        reply: dict[str, Any] = {
            "load": self.load,
            "results": self.results,
            "covered": self.covered,
            "anomalies": self.anomalies,
            "exec_time_s": self.exec_time,
            "peak_memory_mb": self.peak_kb / 1024,
            "children": self.children,
        }
        for name in ("stdout", "stderr"):
            reply[name] = "".join(output[name] for output in self.outputs)
            reply[f"{name}_truncated"] = any(output[f"{name}_truncated"] for output in self.outputs)
        return reply


def run_project(supervisor: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Every run of the request in turn; the reply lists one report per run."""
    test_code = request["test_code"]
    if request.get("rewrite_asserts"):
        test_code = rewrite_asserts(test_code)
    runs = []
    for run in request["runs"]:
        runs.append(_run_once(supervisor, request, run, test_code))
        runs[-1]["anomalies"].extend(supervisor.reset())
    return {"ok": True, "runs": runs, "anomalies": []}


def _run_once(
    supervisor: Any, request: dict[str, Any], run: dict[str, Any], test_code: str
) -> dict[str, Any]:
    report = _RunReport()
    deadline = time.monotonic() + float(request["timeout"])
    pending = list(request["tests"])
    config = supervisor._config
    while pending:
        supervisor.warm()
        nonce = os.urandom(8).hex()
        job = _job(request, run, test_code, pending, nonce, config)
        child = supervisor._zygote.fork(job)
        try:
            outcome = _Drive(child, nonce, pending, report, deadline).loop()
        finally:
            if child.status is None and not child.lost:
                child.kill()
            report.absorb(child, config["output_limit"], supervisor._sweep(child, report))
            child.close()
        pending = [name for name in pending if name not in report.results]
        if outcome != "restart":
            break
    return report.as_dict()


def _job(
    request: dict[str, Any],
    run: dict[str, Any],
    test_code: str,
    pending: list[str],
    nonce: str,
    config: dict[str, Any],
) -> bytes:
    limits = dict(config["limits"])
    limits.setdefault("RLIMIT_CPU", int(float(request["timeout"])) + 2)
    job = {
        "op": "project",
        "files": request["files"],
        "test_code": test_code,
        "compiled": run.get("compiled") or {},
        "trace": run.get("trace") or [],
        "pending": pending,
        "nonce": nonce,
        "limits": limits,
        "output_limit": config["output_limit"],
    }
    return frame(marshal.dumps(job, 4))


class _Drive(ReportReader):
    """One child through (part of) a run: turns, the deadline, crashes."""

    def __init__(
        self, child: Child, nonce: str, pending: list[str], report: _RunReport, deadline: float
    ) -> None:
        self.child, self.nonce, self.report, self.deadline = child, nonce, report, deadline
        self.pending = list(pending)
        self.current: str | None = None
        self.loaded = False
        self.buffer = b""
        self.received = 0

    def loop(self) -> str:
        """Run until the child finishes, crashes or overruns: done | restart | stop."""
        started = time.monotonic()
        try:
            return self._read_reports()
        finally:
            self.report.exec_time += time.monotonic() - started

    def _deadline(self) -> float:
        return self.deadline

    def _flooded(self) -> str:
        return self._fail("crash", "the run sent more than 64 MiB of reports")

    def _handle(self, line: str) -> str | None:
        kind, _, rest = line.partition(" ")
        if kind == "L" and not self.loaded:
            self.loaded = True
            self.report.load = self.report.load or {"ok": True}
        elif kind == "E" and not self.loaded:
            if self.report.load is None:
                self.report.load = {"ok": False, "error": rest}
            else:  # a fresh child after a crash: the module no longer loads
                self._fail_all("crash", "the test module did not load again after a crash")
        elif kind == "B" and self.loaded and self.current is None and rest in self.pending:
            self.pending.remove(rest)
            self.current = rest
            self.child.send(b"g")
        elif kind in ("R", "V"):
            self._reported(kind, rest)
        elif kind == "D":
            return "done"
        return None

    def _reported(self, kind: str, rest: str) -> None:
        nonce, _, rest = rest.partition(" ")
        if nonce != self.nonce:
            if "a report without the run's nonce was ignored" not in self.report.anomalies:
                self.report.anomalies.append("a report without the run's nonce was ignored")
            return
        if kind == "V":
            self.report.covered = rest
            return
        name, _, payload = rest.partition(" ")
        if name == self.current:
            self.report.results[name] = {"kind": "reported", "payload": payload}
            self.current = None
            self.child.send(b"s")

    def _overran(self) -> str:
        self.child.kill()
        if not self.loaded and self.report.load is None:
            self.report.load = {"ok": False, "timeout": True}
            return "stop"
        for name in [self.current, *self.pending]:
            if name is not None:
                self.report.results[name] = {"kind": "timeout", "detail": None}
        return "stop"

    def _crashed(self) -> str:
        if not self.child.reap(1.0):
            self.child.kill()
        how = _describe_exit(self.child.status)
        if not self.loaded:
            if self.report.load is None:
                self.report.load = {"ok": False, "crash": how}
            else:
                self._fail_all("crash", f"{how} while loading the test module again")
            return "stop"
        return self._fail("crash", how)

    def _fail_all(self, kind: str, detail: str) -> None:
        for name in self.pending:
            self.report.results[name] = {"kind": kind, "detail": detail}
        self.pending = []

    def _fail(self, kind: str, detail: str) -> str:
        """The current test (or, between tests, the next one) ends with `kind`; go on."""
        name = self.current or (self.pending[0] if self.pending else None)
        if name is None:
            return "stop"
        self.report.results[name] = {"kind": kind, "detail": detail}
        self.current = None
        return "restart"
