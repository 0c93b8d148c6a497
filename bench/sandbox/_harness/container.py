"""The supervisor's main loop inside a Docker container, where it runs as PID 1.

Its stdin and stdout are the runner's pipe (length-prefixed frames: marshalled
requests in, JSON replies out). As PID 1 of its own PID namespace it cannot be
killed by the candidate (the kernel drops signals to an init that has no handler),
it reaps every orphan; after each task the template interpreter's `kill(-1, SIGKILL)`
ends every other process in the container, daemons that called `setsid()` included
(signals to PID 1 from inside are dropped, so the supervisor survives it). It makes
itself non-dumpable, so the candidate (same uid) can neither ptrace it nor open its
memory or file descriptors under /proc.

Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import signal
import sys
import time
import traceback
from typing import Any

from . import children as _children
from . import supervisor as _supervisor
from . import zygote as _zygote

PYTHON = "/usr/local/bin/python3"
"""The interpreter path both images provide (python:3.11-slim and the offline rootfs)."""


def _read_exactly(size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(0, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_request() -> Any:
    return marshal.loads(_read_exactly(int.from_bytes(_read_exactly(4), "big")))


def _write_reply(reply: dict[str, Any]) -> None:
    data = memoryview(_children.frame(json.dumps(reply).encode("utf-8", "surrogatepass")))
    while data:
        data = data[os.write(1, data) :]


def _pids() -> list[int]:
    own = os.getpid()
    return [int(name) for name in os.listdir("/proc") if name.isdigit() and int(name) != own]


def _reap_all() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def settle(zygote_pid: int | None, timeout: float = 1.0) -> None:
    """Reap the task's orphans (PID 1 inherits them) until only we and the template remain."""
    deadline = time.monotonic() + timeout
    keep = {zygote_pid}
    while True:
        _reap_all()
        if not [pid for pid in _pids() if pid not in keep] or time.monotonic() > deadline:
            return
        time.sleep(0.001)


def census(zygote_pid: int | None) -> int:
    """After reaping: how many processes besides us and the template are alive."""
    _reap_all()
    return len([pid for pid in _pids() if pid != zygote_pid])


def reap_container(_zygote: Any = None) -> int:
    """Kill every process in the container but this one; return how many there were."""
    _reap_all()
    found = len(_pids())
    for _ in range(200):
        if not _pids():
            break
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        _reap_all()
    return found


def _supervisor_from(config: dict[str, Any], sources: dict[str, str]) -> _supervisor.Supervisor:
    argv = [config.get("python", PYTHON), "-I", "-S", "-B", "-c", _children.ZYGOTE_BOOT]
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
    }
    scratch = ["/tmp", "/dev/shm"] if os.path.isdir("/dev/shm") else ["/tmp"]
    bundle = _children.compile_bundle(sources)
    return _supervisor.Supervisor(
        argv, bundle, config, scratch, True, reap_container, env, reap_orphans=settle, census=census
    )


def _serve(supervisor: _supervisor.Supervisor) -> None:
    served = 0
    while True:
        try:
            request = _read_request()
        except EOFError:
            return  # the runner is gone (also after its crash): exit, the container goes
        if request.get("op") in ("run", "project"):
            try:
                reply = supervisor.run(request)
            except Exception:
                reply = {"ok": False, "error": traceback.format_exc(limit=8)}
                supervisor.close()
                reap_container()
            settle(supervisor.template_pid())
            reply.setdefault("anomalies", []).extend(supervisor.reset())
        else:
            reply = {"ok": True, "pong": True, "pid": os.getpid(), "served": served}
        served += 1
        _write_reply(reply)
        with contextlib.suppress(OSError):  # the next run() tries again and reports it
            supervisor.warm()


def main(config: dict[str, Any], sources: dict[str, str]) -> None:
    """Serve requests until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as PID 1, default means immune
    _zygote.make_nondumpable()
    supervisor = _supervisor_from(config, sources)
    supervisor.reset()
    supervisor.warm()
    _write_reply({"ok": True, "ready": True, "python": sys.version.split()[0], "uid": os.getuid()})
    _serve(supervisor)
