"""`bench sandbox check`: probe the isolation from inside, through the real execution path.

Each probe is a small candidate program run by an executor exactly as generated code
is; it returns True when the property holds. Network probes use only loopback: a
listener on the runner's 127.0.0.1 must be unreachable from inside.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.sandbox._executor import Executor
from bench.sandbox._result import ExecutionResult
from bench.tasks import Difficulty, Task, TaskMetadata, TestCase


@dataclass(frozen=True)
class ProbeResult:
    """One isolation property and whether it held."""

    name: str
    holds: bool
    detail: str


@dataclass(frozen=True)
class _Probe:
    name: str
    code: str
    arguments: list[object]
    judge: Callable[[ExecutionResult], tuple[bool, str]] | None = None
    setup: bool = False
    """A set-up step for the next probe, not a property of its own."""


def _returned_true(result: ExecutionResult) -> tuple[bool, str]:
    test = result.tests[0] if result.tests else None
    detail = (
        result.stdout.strip() or (test.error_message if test else None) or result.error or ""
    ).strip()
    return result.status == "passed", detail[:200]


def _timed_out(result: ExecutionResult) -> tuple[bool, str]:
    seconds = (
        f"killed after {result.exec_time_s:.2f}s" if result.status == "timeout" else result.status
    )
    return result.status == "timeout", seconds


def _probes(token: str, port: int, memory_bytes: int) -> list[_Probe]:
    return [
        _Probe("runs as an unprivileged user", _UID, []),
        _Probe("holds no capabilities", _CAPS, []),
        _Probe("cannot reach the runner's loopback (no network)", _NET, [port]),
        _Probe("has no network interface but loopback", _IFACES, []),
        _Probe("cannot see the runner's environment", _ENV, [token]),
        _Probe("cannot write outside /tmp", _READONLY, []),
        _Probe("has a writable /tmp", _TMP, []),
        _Probe("memory is capped", _MEMORY, [memory_bytes * 2]),
        _Probe("processes are capped", _FORKS, []),
        _Probe("the supervisor survives kill attempts", _KILL_PARENT, []),
        _Probe("a hung test is killed from outside", _HANG, [], _timed_out),
        _Probe("start a setsid daemon", _DAEMON, [], setup=True),
        _Probe("a daemon left by a task does not survive it", _NO_DAEMON, []),
        _Probe("leave a file in /tmp", _LEAVE_FILE, [], setup=True),
        _Probe("files left in /tmp do not survive the task", _NO_FILE, []),
    ]


def run_checks(executor: Executor) -> list[ProbeResult]:
    """Run every probe through `executor`; one result per isolation property."""
    token = secrets.token_hex(16)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    accepted: list[bool] = []
    thread = threading.Thread(target=_accept_once, args=(listener, accepted), daemon=True)
    thread.start()
    os.environ["BENCH_SANDBOX_CANARY"] = token
    try:
        results = []
        for probe in _probes(token, port, executor.limits.memory_bytes):
            task = _probe_task(probe)
            outcome = executor.execute(probe.code, task)
            holds, detail = (probe.judge or _returned_true)(outcome)
            if not probe.setup or not holds:
                results.append(ProbeResult(probe.name, holds, detail))
    finally:
        os.environ.pop("BENCH_SANDBOX_CANARY", None)
        listener.close()
    if accepted:
        results.append(
            ProbeResult("loopback listener saw no connection", False, "a probe connected")
        )
    return results


def _accept_once(listener: socket.socket, accepted: list[bool]) -> None:
    try:
        connection, _ = listener.accept()
    except OSError:
        return
    accepted.append(True)
    connection.close()


def _probe_task(probe: _Probe) -> Task:
    timeout = 0.5 if probe.judge is _timed_out else 10.0
    return Task(
        id="sandbox-probe",
        difficulty=Difficulty.EASY,
        title=probe.name,
        prompt=probe.name,
        entry_point="probe",
        tests=[TestCase(input=probe.arguments, expected=True, timeout=timeout)],
        reference_solution="def probe(*args):\n    return True\n",
        metadata=TaskMetadata(added=dt.date(2026, 11, 25), source="original"),
    )


_UID = """
import os
def probe():
    print(f"uid={os.getuid()} gid={os.getgid()}")
    return os.getuid() != 0 and os.getgid() != 0
"""

_CAPS = """
def probe():
    lines = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    effective, bounding = lines["CapEff"].strip(), lines["CapBnd"].strip()
    print(f"CapEff={effective} CapBnd={bounding} NoNewPrivs={lines.get('NoNewPrivs', '?').strip()}")
    return int(effective, 16) == 0
"""

_NET = """
import socket
def probe(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError as error:
        print(f"connect refused: {error}")
        return True
    print("connected to the runner's loopback")
    return False
"""

_IFACES = """
def probe():
    lines = open("/proc/self/net/dev").read().splitlines()[2:]
    names = sorted(line.split(":")[0].strip() for line in lines)
    print(f"interfaces: {names}")
    return names in ([], ["lo"])
"""

_ENV = """
import os
def probe(token):
    leaked = [name for name, value in os.environ.items() if token in value]
    print(f"variables: {sorted(os.environ)}")
    return not leaked and "OPENAI_API_KEY" not in os.environ
"""

_READONLY = """
def probe():
    for path in ("/etc/bench-probe", "/usr/bench-probe", "/bench-probe"):
        try:
            open(path, "w").close()
        except OSError:
            continue
        print(f"wrote {path}")
        return False
    print("writes to /, /etc, /usr refused")
    return True
"""

_TMP = """
import os, tempfile
def probe():
    path = os.path.join(tempfile.gettempdir(), "bench-probe")
    with open(path, "w") as handle:
        handle.write("x")
    return open(path).read() == "x"
"""

_MEMORY = """
def probe(size):
    try:
        block = bytearray(size)
    except MemoryError:
        print(f"allocating {size >> 20} MiB raised MemoryError")
        return True
    return False
"""

_FORKS = """
import os, time
def probe():
    children = []
    try:
        for _ in range(400):
            pid = os.fork()
            if pid == 0:
                time.sleep(30)
                os._exit(0)
            children.append(pid)
    except OSError as error:
        print(f"fork refused after {len(children)} children: {error}")
        return True
    finally:
        for pid in children:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    return False
"""

_KILL_PARENT = """
import os, signal
def probe():
    for pid in (1, os.getppid()):
        for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
            try:
                os.kill(pid, sig)
            except OSError:
                pass
    return True
"""

_HANG = """
def probe():
    while True:
        pass
"""

_DAEMON = """
import os, time
def probe():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                time.sleep(0.05)
        os._exit(0)
    time.sleep(0.1)
    return True
"""

_NO_DAEMON = """
import os
def probe():
    mine = {os.getpid(), os.getppid(), 1}
    others = [pid for pid in os.listdir("/proc") if pid.isdigit() and int(pid) not in mine]
    names = [open(f"/proc/{pid}/cmdline", "rb").read()[:60] for pid in others]
    print(f"other processes: {names}")
    return not others
"""

_LEAVE_FILE = """
import os, tempfile
def probe():
    with open(os.path.join(tempfile.gettempdir(), "left-behind"), "w") as handle:
        handle.write("x")
    return True
"""

_NO_FILE = """
import os, tempfile
def probe():
    left = os.listdir(tempfile.gettempdir())
    print(f"/tmp holds {left}")
    return not left
"""


def check_sandbox(kind: str = "docker", **limits: Any) -> list[ProbeResult]:
    """Start an executor of `kind`, probe it, close it; raises SandboxUnavailable."""
    from bench.sandbox._executor import make_executor

    with make_executor(kind, workers=1, **limits) as executor:
        return run_checks(executor)
