"""The template interpreter: a pristine `python3 -I -S -B` that forks one child per task.

Starting a fresh interpreter costs ~8 ms of CPU; forking this one costs well under one.
It never runs candidate code itself and holds nothing but the harness, so each child
starts from the same clean state a new interpreter would have (not from the
supervisor's state). It makes itself non-dumpable before the first task exists, so a
candidate (same uid) can neither ptrace it nor reach its memory or descriptors; a
candidate can still kill or stop it, which the supervisor notices and repairs.

Protocol on its Unix socket (one line each, descriptors passed with SCM_RIGHTS):

    -> F  + fds [messages, requests, stdout, stderr]   fork a child for one task
    <- P <pid> + fd [pidfd of the child]                its pid (as seen here) and pidfd
    <- N <errno>                                        fork failed
    <- X <pid> <wait status> <max rss KiB>              the child has exited
    -> K                                                kill what the task left
    <- K <found>                                        how many processes were found

Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket

from . import child


def make_nondumpable() -> None:
    """prctl(PR_SET_DUMPABLE, 0): no ptrace and no /proc/<pid>/mem|fd for same-uid peers."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(4, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def _fork(channel: socket.socket, fds: list[int], new_session: bool) -> None:
    try:
        pid = os.fork()
    except OSError as error:  # the pids limit, while a task's orphans are being reaped
        for fd in fds:
            os.close(fd)
        channel.sendall(f"N {error.errno}\n".encode())
        return
    if pid == 0:
        try:
            channel.close()
            message_fd, request_fd, stdout_fd, stderr_fd = fds
            null = os.open(os.devnull, os.O_RDONLY)
            for source, target in ((null, 0), (stdout_fd, 1), (stderr_fd, 2)):
                os.dup2(source, target)
                os.close(source)
            if new_session:
                os.setsid()
            signal.signal(signal.SIGINT, signal.default_int_handler)
            child.main(message_fd, request_fd)
        finally:
            os._exit(70)
    for fd in fds:
        os.close(fd)
    try:
        handle = [os.pidfd_open(pid)]  # pids differ across namespaces; a pidfd does not
    except (AttributeError, OSError):
        handle = []
    socket.send_fds(channel, [f"P {pid}\n".encode()], handle)
    for fd in handle:
        os.close(fd)
    _, status, usage = os.wait4(pid, 0)
    channel.sendall(f"X {pid} {status} {usage.ru_maxrss}\n".encode())


def _others() -> list[int]:
    own = os.getpid()
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (own, 1):
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    state = handle.read().rsplit(b")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state != b"Z":
                pids.append(int(name))
    return pids


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_others() -> int:
    """SIGKILL every process this one may signal, except itself and PID 1; return how many.

    Only used where that set is exactly the task's leftovers: inside a container
    (PID 1 is the supervisor) or as the init of a private PID namespace, where the
    killed orphans are this process's children and are reaped here before returning.
    """
    _reap()
    found = len(_others())
    for _ in range(200):
        if not _others():
            break
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        while True:  # everything left was just SIGKILLed: wait for each to go
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
    return found


PRELOAD = (
    "typing",
    "math",
    "re",
    "collections",
    "itertools",
    "functools",
    "string",
    "heapq",
    "bisect",
    "copy",
    "operator",
    "fractions",
    "dataclasses",
    "json",
    "resource",
)
"""Stdlib modules generated code imports most, imported once here instead of in every
child. Nothing that holds per-process random state (`random`, `statistics`, ...)."""


def _preload() -> None:
    import gc

    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    gc.freeze()  # children's collections then leave the template's objects (and pages) alone


def main(channel_fd: int, kill_all: bool, new_session: bool) -> None:
    """Serve fork and cleanup requests until the supervisor closes the socket."""
    make_nondumpable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a task's SIGINT must not end the template
    _preload()
    channel = socket.socket(fileno=channel_fd)
    channel.sendall(b"R\n")
    while True:
        message, fds, _flags, _address = socket.recv_fds(channel, 64, 4)
        if not message:
            os._exit(0)
        if message.startswith(b"F") and len(fds) == 4:
            _fork(channel, fds, new_session)
        elif message.startswith(b"K"):
            found = kill_others() if kill_all else 0
            channel.sendall(f"K {found}\n".encode())
        else:
            for fd in fds:
                os.close(fd)
