"""The trusted supervisor: one task at a time, each in a fresh interpreter, killed from outside.

Each task runs in a child forked from a pristine template interpreter (zygote.py), so
it never waits for (or pays the CPU of) a new interpreter's start. The supervisor feeds
the child its task, enforces every time limit from outside the candidate's process,
collects what the candidate reported, and afterwards kills every process the task left
and empties its scratch space. It judges nothing: the reports
go back to the caller, which compares them with expected values the sandbox never sees.

The same class runs inside a Docker container (as PID 1, see container.py) and, for the
process executor, inside the runner itself. Stdlib-only: this file is shipped into the
sandbox.
"""

from __future__ import annotations

import marshal
import os
import shutil
import signal
import time
from collections.abc import Callable
from typing import Any

from .asserts import rewrite_asserts
from .children import Child, ReportReader, Zygote, frame

REPEAT_FLOOR_S = 1e-4
"""A call that took less CPU than this is measured once, not repeated for a median.

Efficiency compares totals with a 1 ms noise floor added, so a median can move such a
call's share by a few hundredths of it; each repeat costs a round trip between the
supervisor and the child, which on a loaded machine costs more than the call.
"""


def grace(timeout: float) -> float:
    """Slack added to a limit before the kill, for the pipe and the scheduler."""
    return 0.05 + 0.05 * timeout


class Supervisor:
    """Runs tasks one at a time, each in a fresh child of the template, and cleans up.

    `argv` starts the template interpreter (see children.ZYGOTE_BOOT); `scratch` lists
    the directories emptied after each task (the first is the candidate's working
    directory); `kill_all` says the template may `kill(-1)` (true inside a container
    or a private PID namespace); `fallback` kills everything, the template included,
    when the template stops answering, and returns how many processes it found.
    """

    def __init__(
        self,
        argv: list[str],
        bundle: bytes,
        config: dict[str, Any],
        scratch: list[str],
        kill_all: bool,
        fallback: Callable[[Zygote], int],
        env: dict[str, str] | None = None,
        new_session: bool = False,
        reap_orphans: Callable[[int | None], None] | None = None,
        census: Callable[[int | None], int] | None = None,
    ) -> None:
        self._argv = argv
        self._reap_orphans = reap_orphans
        self._census = census
        self._bundle = bundle
        self._config = config
        self._scratch = scratch
        self._kill_all = kill_all
        self._fallback = fallback
        self._env = env or {}
        self._new_session = new_session
        self._zygote: Zygote | None = None

    def warm(self) -> None:
        """Make sure a healthy template interpreter is ready."""
        if self._zygote is not None and self._zygote.alive():
            return
        if self._zygote is not None:
            self._zygote.kill()
        zygote = Zygote(
            self._argv, self._scratch[0], self._env, self._bundle, self._kill_all, self._new_session
        )
        if not zygote.ready(30.0):
            zygote.kill()
            raise OSError("the template interpreter did not start")
        self._zygote = zygote

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        """Run one task; return the raw reports, outputs, timings and anomalies."""
        if request.get("op") == "project":  # a test module over files (projects.py)
            from .projects import run_project

            return run_project(self, request)
        report = _Report()
        overall = time.monotonic() + float(request.get("budget", float("inf")))
        pending = list(request["tests"])
        check = bool(request.get("test_code"))
        while True:
            self.warm()
            assert self._zygote is not None
            child = self._zygote.fork(_job(request, pending, check, self._config))
            try:
                outcome = _Session(child, request, pending, check, report, overall).drive()
            finally:
                child.kill() if child.status is None and not child.lost else None
                report.absorb_child(child, self._config["output_limit"], self._sweep(child, report))
                child.close()
            pending = [test for test in pending if test[0] not in report.results]
            check = check and report.check is None
            if outcome != "restart" or (not pending and not check):
                break
        return report.as_dict()

    def _sweep(self, child: Child, report: _Report) -> int:
        """Kill what the task left; count it."""
        leftovers = 0
        if self._new_session and not self._kill_all:
            try:  # no namespace: the child's pid is ours too; its session is what it left
                os.killpg(child.pid, signal.SIGKILL)
                leftovers += 1
            except OSError:
                pass
        zygote, census = self._zygote, self._census
        quiet = census is not None and zygote is not None and not child.lost
        if quiet and census is not None and census(self.template_pid()) == 0:
            return leftovers  # nothing else alive: no need to ask the template
        found = zygote.sweep() if zygote is not None and not child.lost else None
        if self._reap_orphans is not None:
            self._reap_orphans(self.template_pid())  # zombies hold pids until reaped
        if found is None:
            report.anomalies.append("the template interpreter was disturbed and has been replaced")
            found = self._fallback(zygote) if zygote is not None else 0
            if zygote is not None:
                zygote.kill()
            self._zygote = None
        return leftovers + found

    def template_pid(self) -> int | None:
        """The pid of the running template interpreter, if any."""
        return self._zygote.popen.pid if self._zygote is not None else None

    def reset(self) -> list[str]:
        """Empty the scratch directories of the last task (its processes are already gone)."""
        problems = []
        for directory in self._scratch:
            if not _empty_directory(directory):
                problems.append(f"could not empty {directory}")
        return problems

    def close(self) -> None:
        """Stop the template interpreter."""
        if self._zygote is not None:
            self._zygote.kill()
            self._zygote = None


def _empty_directory(directory: str) -> bool:
    """Remove everything inside `directory`, whatever modes the task left on it."""

    def _retry(function: Callable[..., Any], path: str, _info: Any) -> None:
        os.chmod(os.path.dirname(path), 0o700)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)

    try:
        for entry in os.scandir(directory):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, onerror=_retry)
            else:
                os.unlink(entry.path)
        return not os.listdir(directory)
    except OSError:
        return False


class _Report:
    """What the supervisor learned about one task, across the children it took."""

    def __init__(self) -> None:
        self.load: dict[str, Any] | None = None
        self.results: dict[int, dict[str, Any]] = {}
        self.check: dict[str, Any] | None = None
        self.children = 0
        self.exec_time = 0.0
        self.peak_kb = 0
        self.outputs: list[dict[str, Any]] = []
        self.anomalies: list[str] = []
        self.budget_exhausted = False
        self.timer = "wall"

    def absorb_child(self, child: Child, limit: int, leftovers: int) -> None:
        self.children += 1
        self.peak_kb = max(self.peak_kb, child.peak_kb)
        self.outputs.append(child.output(limit))
        if leftovers:
            self.anomalies.append(f"{leftovers} process(es) outlived the task and were killed")

    def as_dict(self) -> dict[str, Any]:
        limit_parts = {
            "stdout": "",
            "stderr": "",
            "stdout_truncated": False,
            "stderr_truncated": False,
        }
        for output in self.outputs:
            for name in ("stdout", "stderr"):
                limit_parts[name] += output[name]
                limit_parts[f"{name}_truncated"] |= output[f"{name}_truncated"]
        return {
            "ok": True,
            "load": self.load,
            "results": {str(index): result for index, result in self.results.items()},
            "check": self.check,
            "children": self.children,
            "exec_time_s": self.exec_time,
            "peak_memory_mb": self.peak_kb / 1024,
            "anomalies": self.anomalies,
            "budget_exhausted": self.budget_exhausted,
            "timer": self.timer,
            **limit_parts,
        }


def _job(request: dict[str, Any], pending: list, check: bool, config: dict[str, Any]) -> bytes:
    """The frame a child reads first: its code, tests, limits and output bound."""
    limits = dict(config["limits"])
    limits.setdefault("RLIMIT_CPU", int(float(request.get("budget", 60))) + 2)
    job = {
        "code": request["code"],
        "entry_point": request["entry_point"],
        "tests": pending,
        "repeats": request.get("repeats", 1),
        "check": rewrite_asserts(request["test_code"]) if check else None,
        "limits": limits,
        "output_limit": config["output_limit"],
    }
    return frame(marshal.dumps(job, 4))


class _Session(ReportReader):
    """Drives one child through (part of) a task, enforcing each limit from outside.

    It also times every call from outside the candidate's process: at each `B`
    (and each repeat) it reads the child's CPU clock from the kernel and only then
    lets the child call; when the child reports, it reads the clock again. The
    child is blocked on the request pipe at both readings, so the span is the
    call's own CPU time; no clock the candidate can reach is involved. It also
    decides how often a call is repeated for the median. Where the kernel's
    clock cannot be read, the supervisor's own monotonic clock is used instead.
    """

    def __init__(
        self,
        child: Child,
        request: dict[str, Any],
        pending: list[list[Any]],
        check: bool,
        report: _Report,
        overall: float,
    ) -> None:
        self.child = child
        self.overall = overall
        self.request = request
        self.pending = {test[0]: test[2] for test in pending}
        self.check = check
        self.report = report
        self.current: int | str | None = None
        self.begun: set[int | str] = set()
        self.loaded = False
        self.load_timeout = float(request["load_timeout"])
        self.repeats = max(1, int(request.get("repeats", 1)))
        self.received = 0
        self.buffer = b""
        self.deadline = 0.0
        self.began_at = 0.0
        self.calling = False
        self.clock_at: float | None = None
        kernel = child.cpu_clock is not None
        self.read_clock: Callable[[], float | None] = child.cpu_time if kernel else time.monotonic
        report.timer = "cpu" if kernel else "wall"

    def drive(self) -> str:
        """Run until the child finishes, crashes or overruns: done | restart | stop."""
        started = time.monotonic()
        self.deadline = started + self.load_timeout
        try:
            return self._read_reports()
        finally:
            self.report.exec_time += time.monotonic() - started

    def _deadline(self) -> float:
        return min(self.deadline, self.overall)

    def _flooded(self) -> str:
        return self._fail_current("flood", "the task sent more than 64 MiB of reports")

    def _handle(self, line: str) -> str | None:
        kind, _, rest = line.partition(" ")
        now = time.monotonic()
        if kind == "L" and self.current is None and not self.loaded:
            self.loaded = True
            self.report.load = {"ok": True}
            self.deadline = now + self.load_timeout
        elif kind == "E" and not self.loaded:
            self.report.load = {"ok": False, "error": rest}
        elif kind == "B":
            self._begin(rest, now)
        elif kind in ("R", "T") and self.calling and self.current not in (None, "check"):
            self._returned(kind, rest, now)
        elif kind == "C" and self.calling and self.current == "check":
            self.report.check = {"kind": "reported", "payload": rest, "times": self._stop()}
            self._move_on(now)
        elif kind == "D":
            return "done"
        return None

    def _begin(self, rest: str, now: float) -> None:
        if not self.loaded or self.current is not None:
            return
        key: int | str = "check" if rest == "check" else int(rest) if rest.isdigit() else -1
        if (
            key in self.begun
            or (key != "check" and key not in self.pending)
            or (key == "check" and not self.check)
        ):
            return
        self.begun.add(key)
        self.current = key
        limit = float(self.request["check_timeout"]) if key == "check" else float(self.pending[key])
        self.began_at = now
        self.deadline = now + limit + grace(limit)
        self._go()

    def _returned(self, kind: str, rest: str, now: float) -> None:
        """A call of the current test ended: `R` (first call, its report) or `T` (a repeat)."""
        index, _, detail = rest.partition(" ")
        current = self.current
        if not isinstance(current, int):
            return  # no test is being called (the check reports through `C`)
        first = current not in self.report.results
        if index != str(current) or first != (kind == "R"):
            return
        times = self._stop()
        if first:
            entry: dict[str, Any] = {"kind": "reported", "payload": detail, "times": times}
            self.report.results[current] = entry
            returned = detail.startswith('{"k":"v"')  # the child repeats only a call that returned
        else:
            entry = self.report.results[current]
            returned = not detail and bool(times)  # a repeat that raised ends the repeats
            entry["times"] = entry["times"] + times if returned else entry["times"]
        self._repeat(current, now) if returned else self._move_on(now)

    def _repeat(self, current: int, now: float) -> None:
        """Ask for another call while repeats remain and the test's time limit allows one."""
        times = self.report.results[current]["times"]
        limit = float(self.pending[current])
        spent = now - self.began_at
        wanted = bool(times) and times[0] >= REPEAT_FLOOR_S and len(times) < self.repeats
        if wanted and spent * (1 + 1 / len(times)) < limit:
            self._go()
        else:
            self._move_on(now)

    def _go(self) -> None:
        """Read the child's clock, then let it call (it is blocked until now)."""
        self.clock_at = self.read_clock()
        self.calling = True
        self.child.send(b"g")

    def _stop(self) -> list[float]:
        """The span since `_go` on the child's clock: [seconds], or [] if it was lost."""
        reading = self.read_clock()
        self.calling = False
        if reading is None or self.clock_at is None:
            return []
        return [max(0.0, reading - self.clock_at)]

    def _move_on(self, now: float) -> None:
        """The current test is over: release the child to the next one."""
        self.calling = False
        self.current, self.deadline = None, now + self.load_timeout
        self.child.send(b"s")

    def _overran(self) -> str:
        self.child.kill()
        exhausted = time.monotonic() >= self.overall
        self.report.budget_exhausted |= exhausted
        if self.current is None and not self.loaded:
            self.report.load = {"ok": False, "timeout": True}
            return "stop"
        outcome = self._fail_current("timeout", None)
        return "stop" if exhausted else outcome

    def _crashed(self) -> str:
        if not self.child.reap(1.0):
            self.child.kill()
        how = _describe_exit(self.child.status)
        if not self.loaded and self.report.load is None:
            self.report.load = {"ok": False, "crash": how}
            return "stop"
        return self._fail_current("crash", how)

    def _fail_current(self, kind: str, detail: str | None) -> str:
        entry = {"kind": kind, "detail": detail}
        if self.current == "check":
            self.report.check = entry
        elif isinstance(self.current, int):
            self.report.results[self.current] = entry
        elif self.loaded:
            self.report.anomalies.append(
                f"the task's process ended between tests ({detail or kind})"
            )
            return "stop"
        self.current = None
        return "restart"


def _describe_exit(status: int | None) -> str:
    if status is None:
        return "the process ended (its exit status was lost)"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"the process was killed by {name}"
    return f"the process exited with code {os.waitstatus_to_exitcode(status)}"
