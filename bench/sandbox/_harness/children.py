"""The supervisor's handles on the template interpreter (zygote.py) and the children it forks.

Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import abc
import contextlib
import marshal
import os
import select
import selectors
import signal
import socket
import subprocess
import time
from typing import Any

ZYGOTE_BOOT = """\
import sys,os,marshal,types
def rd(n):
    b=b''
    while len(b)<n:
        c=os.read(0,n-len(b))
        if not c:os._exit(3)
        b+=c
    return b
p=types.ModuleType('_bench_harness');p.__path__=[];sys.modules['_bench_harness']=p
for n,c in marshal.loads(rd(int.from_bytes(rd(4),'big'))):
    x=types.ModuleType('_bench_harness.'+n);x.__package__='_bench_harness'
    sys.modules[x.__name__]=x;setattr(p,n,x);exec(c,x.__dict__)
del n,c,x,rd,p
os.dup2(os.open(os.devnull,os.O_RDONLY),0)
sys.modules['_bench_harness.zygote'].main(int(sys.argv[1]),sys.argv[2]=='1',sys.argv[3]=='1')
"""
"""The `python3 -c` program of the template interpreter: harness from stdin, then serve."""

ZYGOTE_MODULES = ("wire", "child", "project", "zygote")
PIPE_FLOOR = 60 * 1024
"""Bytes any pipe takes without a reader (Linux guarantees 64 KiB)."""
"""Harness modules the template interpreter loads, in order."""


def frame(payload: bytes) -> bytes:
    """A length-prefixed frame, the unit of every pipe protocol in the sandbox."""
    return len(payload).to_bytes(4, "big") + payload


def compile_bundle(sources: dict[str, str]) -> bytes:
    """Marshalled code of the template's modules, compiled by this interpreter."""
    code = [
        (name, compile(sources[name], f"<harness {name}>", "exec", optimize=2))
        for name in ZYGOTE_MODULES
    ]
    return frame(marshal.dumps(code))


class Zygote:
    """The running template interpreter and the socket to it."""

    def __init__(
        self,
        argv: list[str],
        cwd: str,
        env: dict[str, str],
        bundle: bytes,
        kill_all: bool,
        new_session: bool,
    ) -> None:
        ours, theirs = socket.socketpair()
        flags = ["1" if kill_all else "0", "1" if new_session else "0"]
        self.popen = subprocess.Popen(
            [*argv, str(theirs.fileno()), *flags],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
            cwd=cwd,
            env=env,
            start_new_session=new_session,
        )
        theirs.close()
        self.channel = ours
        self._buffer = b""
        self._fds: list[int] = []
        assert self.popen.stdin is not None
        try:
            self.popen.stdin.write(bundle)
            self.popen.stdin.close()
        except OSError:
            pass

    def line(self, timeout: float) -> str | None:
        """The next line from the template, or None on timeout or when it is gone."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.channel.settimeout(remaining)
            try:
                chunk, fds, _flags, _address = socket.recv_fds(self.channel, 4096, 4)
            except (TimeoutError, OSError):
                return None
            self._fds.extend(fds)
            if not chunk:
                return None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("ascii", "replace")

    def has_line(self) -> bool:
        """True when a complete line is already buffered."""
        return b"\n" in self._buffer

    def ready(self, timeout: float) -> bool:
        """Wait for the template's ready line."""
        return self.line(timeout) == "R"

    def alive(self) -> bool:
        """True while the template process runs (it is resumed if a task stopped it)."""
        if self.popen.poll() is not None:
            return False
        try:
            os.kill(self.popen.pid, signal.SIGCONT)
        except OSError:
            return False
        return True

    def fork(self, job: bytes) -> Child:
        """A fresh child running `job`; raises OSError when the template does not answer.

        A small job is written before the template even answers, so the child finds
        it waiting; a large one after (it may need the child to read as it goes).
        """
        message_read, message_write = os.pipe()
        request_read, request_write = os.pipe()
        stdout, stderr = _output_file("stdout"), _output_file("stderr")
        _widen_pipe(request_write)
        try:
            socket.send_fds(self.channel, [b"F\n"], [message_write, request_read, stdout, stderr])
        finally:
            os.close(message_write)
            os.close(request_read)
        early = len(job) <= PIPE_FLOOR
        if early:
            os.write(request_write, job)
        reply = self.line(5.0)
        if reply is None or not reply.startswith("P "):
            for fd in (message_read, request_write, stdout, stderr):
                os.close(fd)
            raise OSError(f"the template interpreter did not fork a child (got {reply!r})")
        os.set_blocking(message_read, False)
        pidfd = self._fds.pop(0) if self._fds else -1
        child = Child(self, int(reply[2:]), pidfd, message_read, request_write, stdout, stderr)
        if not early:
            child.send(job)
        return child

    def sweep(self) -> int | None:
        """Ask the template to kill what the last task left; None when it does not answer."""
        if not self.alive():
            return None
        try:
            self.channel.sendall(b"K\n")
        except OSError:
            return None
        reply = self.line(5.0)
        while reply is not None and not reply.startswith("K "):
            reply = self.line(5.0)
        return int(reply[2:]) if reply is not None else None

    def kill(self) -> None:
        """End the template interpreter (and, with a session, what it started)."""
        self.channel.close()
        for fd in self._fds:
            os.close(fd)
        self._fds.clear()
        for target in (lambda: os.killpg(self.popen.pid, signal.SIGKILL), self.popen.kill):
            with contextlib.suppress(OSError):
                target()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(5)


class Child:
    """One task's process, forked by the template; the template reports its exit."""

    def __init__(
        self,
        zygote: Zygote,
        pid: int,
        pidfd: int,
        messages: int,
        request_write: int,
        stdout: int,
        stderr: int,
    ) -> None:
        self.zygote = zygote
        self.pid = pid
        """The pid as the template sees it (another PID namespace, maybe): use `pidfd`."""
        self.pidfd = pidfd
        self.messages = messages
        self.request_write = request_write
        self.stdout, self.stderr = stdout, stderr
        self.status: int | None = None
        self.peak_kb = 0
        self.lost = False
        """True when the template never reported this child's exit."""
        self.cpu_clock = cpu_clock(pid, pidfd, zygote.popen.pid)
        """The kernel's CPU-time clock of the child, or None where none can be read."""

    def cpu_time(self) -> float | None:
        """Seconds of CPU the child's threads have used, from the kernel; None once it is gone.

        This is how the supervisor times the candidate's calls: the candidate can patch
        every clock in its own process, but not the kernel's count of its CPU time.
        """
        if self.cpu_clock is None:
            return None
        try:
            return time.clock_gettime(self.cpu_clock)
        except OSError:
            return None

    def send(self, data: bytes) -> bool:
        """Write to the child's request pipe; False when it is gone."""
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.request_write, view) :]
        except OSError:
            return False
        return True

    @property
    def exit_fd(self) -> int:
        """A descriptor that becomes readable when the child exits (or the template reports)."""
        return self.pidfd if self.pidfd >= 0 else self.zygote.channel.fileno()

    def exited(self) -> bool:
        """Non-blocking: has the child exited? Its pidfd says so even if the template died."""
        if self.status is not None or self.lost:
            return True
        poller = select.poll()  # one syscall; an epoll selector per check took four
        poller.register(self.exit_fd, select.POLLIN)
        ready = bool(poller.poll(0)) or (self.pidfd < 0 and self.zygote.has_line())
        if not ready:
            return False
        if not self.reap(1.0):
            self.lost = True  # gone, but the template (stopped or killed by it) did not say how
        return True

    def reap(self, timeout: float) -> bool:
        """Wait up to `timeout` for the exit report; record status and peak memory."""
        if self.status is not None or self.lost:
            return True
        self.zygote.alive()  # resumes a template the task stopped
        reply = self.zygote.line(timeout)
        if reply is None:
            if self.zygote.popen.poll() is not None:
                self.lost = True  # the template died (a task may kill it): no status
                return True
            return False
        parts = reply.split()
        if len(parts) == 4 and parts[0] == "X" and parts[1] == str(self.pid):
            self.status, self.peak_kb = int(parts[2]), int(parts[3])
            return True
        self.lost = True
        return True

    def kill(self) -> None:
        """SIGKILL the child, through its pidfd (immune to pid reuse and namespaces)."""
        try:
            if self.pidfd >= 0:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        if not self.reap(2.0):
            self.lost = True

    def output(self, limit: int) -> dict[str, Any]:
        """The first `limit` bytes of stdout and stderr, with truncation flags."""
        result: dict[str, Any] = {}
        for name, fd in (("stdout", self.stdout), ("stderr", self.stderr)):
            size = os.fstat(fd).st_size
            result[name] = os.pread(fd, limit, 0).decode("utf-8", "replace")
            result[f"{name}_truncated"] = size > limit
        return result

    def close(self) -> None:
        """Release every descriptor held for this child."""
        for fd in (self.messages, self.request_write, self.stdout, self.stderr, self.pidfd):
            if fd < 0:
                continue
            with contextlib.suppress(OSError):
                os.close(fd)


def cpu_clock(pid: int, pidfd: int, template_pid: int) -> int | None:
    """The clock id of process `pid`'s CPU time (Linux), or None when it cannot be read.

    `clock_getcpuclockid(3)` is not in Python's `time` module, so the id is built as
    glibc does (`MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)`). The kernel reads any
    process's CPU clock without a permission check. `pid` is as the template sees
    it; the supervisor may live in another PID namespace (the process executor), so
    the pid is taken from the pidfd's fdinfo, which the kernel writes in the reader's
    namespace. Without a pidfd, `pid` is used only when it is visibly the template's
    child here (same namespace).
    """
    local = _pid_of(pidfd) if pidfd >= 0 else pid if _parent_of(pid) == template_pid else None
    if local is None or local <= 0:
        return None
    clock = ((~local) << 3) | 2
    try:
        time.clock_gettime(clock)
    except (OSError, OverflowError):
        return None
    return clock


def _pid_of(pidfd: int) -> int | None:
    try:
        with open(f"/proc/self/fdinfo/{pidfd}", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pid:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _output_file(name: str) -> int:
    try:
        return os.memfd_create(name)
    except (AttributeError, OSError):
        import tempfile

        handle, path = tempfile.mkstemp(prefix=f"bench-{name}-")
        os.unlink(path)
        return handle


def _widen_pipe(fd: int) -> None:
    """Grow a pipe to 1 MiB so that handing over a task rarely waits for the reader."""
    try:
        import fcntl

        fcntl.fcntl(fd, 1031, 1 << 20)  # F_SETPIPE_SZ
    except (ImportError, OSError):
        pass


MESSAGE_LIMIT = 64 << 20
"""Bytes a task may send on its message pipe before it is cut off as a flood."""


class ReportReader(abc.ABC):
    """The loop both drivers of a child share: report lines, the child's exit, a deadline.

    The function-task session (supervisor.py) and the project run (projects.py) differ
    in what a line means and how a test fails, not in how lines are read: a subclass
    sets `child`, `buffer = b""` and `received = 0`, and says what to do with a line
    (`_handle`: "done" when the child reported its end), at the deadline
    (`_deadline`, `_overran`), on an exit without "done" (`_crashed`) and on a
    flood of reports (`_flooded`).
    """

    child: Child
    buffer: bytes
    received: int

    def _read_reports(self) -> str:
        """Run until the child finishes, crashes or overruns; the outcome the hooks give."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.child.messages, selectors.EVENT_READ)
            selector.register(self.child.exit_fd, selectors.EVENT_READ)
            while True:
                remaining = self._deadline() - time.monotonic()
                if remaining <= 0:
                    return self._overran()
                buffered = self.child.pidfd < 0 and self.child.zygote.has_line()
                selector.select(0 if buffered else min(remaining, 0.5))
                outcome = self._drain(selector)
                if outcome is None and self.child.exited():
                    outcome = self._drain(selector) or self._crashed()
                if outcome is not None:
                    return outcome

    def _drain(self, selector: selectors.BaseSelector) -> str | None:
        """Read every message waiting on the pipe; act on complete lines."""
        while True:
            try:
                chunk = os.read(self.child.messages, 1 << 16)
            except BlockingIOError:
                return None
            except OSError:
                chunk = b""
            if not chunk:
                if self.child.messages in selector.get_map():
                    selector.unregister(self.child.messages)
                return None
            self.received += len(chunk)
            if self.received > MESSAGE_LIMIT:
                self.child.kill()
                return self._flooded()
            *lines, self.buffer = (self.buffer + chunk).split(b"\n")
            for line in lines:
                if self._handle(line.decode("utf-8", "replace")) == "done":
                    if not self.child.reap(1.0):
                        self.child.kill()
                    return "done"

    @abc.abstractmethod
    def _deadline(self) -> float:
        """The monotonic time at which the current step overruns."""

    @abc.abstractmethod
    def _handle(self, line: str) -> str | None:
        """Act on one report line; "done" when the child reported its end."""

    @abc.abstractmethod
    def _overran(self) -> str:
        """The deadline passed: kill the child and fail what was running."""

    @abc.abstractmethod
    def _crashed(self) -> str:
        """The child exited without reporting its end."""

    @abc.abstractmethod
    def _flooded(self) -> str:
        """The child sent more than MESSAGE_LIMIT bytes of reports (it is already killed)."""
