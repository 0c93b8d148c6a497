"""The process executor: the supervisor runs inside the runner, candidates in subprocesses.

Weaker than Docker, and says so once: the candidate shares the host's kernel view,
filesystem (read access as its user) and, where namespaces are not allowed, the
network. What it does get: rlimits (address space, CPU, file size, core; processes
when it runs as its own user), an empty environment, a fresh temporary directory,
a new network and PID namespace where the kernel allows (`unshare`), and, when the
runner is root, the unprivileged user `nobody` (uid 65534).
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
from typing import Any

from bench.sandbox._bundle import local_child_bundle
from bench.sandbox._executor import Executor, SandboxFault, SandboxLimits, register_executor
from bench.sandbox._harness.children import ZYGOTE_BOOT, Zygote
from bench.sandbox._harness.supervisor import Supervisor

logger = logging.getLogger(__name__)
NOBODY = 65534
FILE_SIZE_LIMIT = 16 << 20
"""Largest file (including stdout) the candidate may write, in bytes."""


@functools.cache
def isolation_prefix() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The command prefix that isolates a child here, and what it provides.

    Tried in order, each probed once by running `python -c pass` through it:
    network + PID namespaces (as root, then dropping to nobody; or in a user
    namespace), then the uid drop alone, then nothing.
    """
    unshare, setpriv = shutil.which("unshare"), shutil.which("setpriv")
    namespaces = ("--net", "--pid", "--fork", "--kill-child", "--mount-proc")
    drop = (
        (setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups") if setpriv else None
    )
    options: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    if os.geteuid() == 0 and unshare and drop:
        options.append(
            ((unshare, *namespaces, *drop), ("network namespace", "pid namespace", "uid nobody"))
        )
    if unshare:
        user_ns = (unshare, "--user", "--map-root-user", *namespaces)
        options.append((user_ns, ("network namespace", "pid namespace", "user namespace")))
    if os.geteuid() == 0 and drop:
        options.append((drop, ("uid nobody",)))
    for prefix, provides in options:
        if _works(prefix):
            return prefix, provides
    return (), ()


def _works(prefix: tuple[str, ...]) -> bool:
    try:
        probe = [*prefix, sys.executable, "-I", "-S", "-c", "pass"]
        return subprocess.run(probe, capture_output=True, timeout=10, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _kill_template(zygote: Zygote) -> int:
    """Fallback when a template stops answering: its session (and namespace) goes with it."""
    zygote.kill()
    return 0


@register_executor("process")
class ProcessExecutor(Executor):
    """Candidates in rlimited subprocesses of this process; see the module docstring."""

    isolation_warning = (
        "the process sandbox isolates less than Docker: the code can read the host's files "
        "and shares its kernel; use --sandbox docker for untrusted code"
    )
    _warned = False

    def __init__(self, limits: SandboxLimits) -> None:
        super().__init__(limits)
        self._warn_once()
        self.prefix, self.provides = isolation_prefix()
        self._root = tempfile.mkdtemp(prefix="bench-sandbox-")
        self._idle: queue.Queue[Supervisor] = queue.Queue()
        self._all: list[Supervisor] = []
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def _warn_once(cls) -> None:
        if not cls._warned:
            cls._warned = True
            warnings.warn(cls.isolation_warning, RuntimeWarning, stacklevel=3)

    def _config(self) -> dict[str, Any]:
        limits = {
            "RLIMIT_AS": self.limits.memory_bytes,
            "RLIMIT_FSIZE": FILE_SIZE_LIMIT,
            "RLIMIT_CORE": 0,
        }
        if "uid nobody" in self.provides or "user namespace" in self.provides:
            limits["RLIMIT_NPROC"] = self.limits.pids * 4
        return {"limits": limits, "output_limit": self.limits.output_limit}

    def _new_supervisor(self) -> Supervisor:
        scratch = tempfile.mkdtemp(prefix="slot-", dir=self._root)
        if "uid nobody" in self.provides:
            os.chmod(self._root, 0o755)
            os.chown(scratch, NOBODY, NOBODY)
        argv = [*self.prefix, sys.executable, "-I", "-S", "-B", "-c", ZYGOTE_BOOT]
        env = {"TMPDIR": scratch, "HOME": scratch, "LANG": "C.UTF-8"}
        kill_all = "pid namespace" in self.provides
        supervisor = Supervisor(
            argv,
            local_child_bundle(),
            self._config(),
            [scratch],
            kill_all,
            _kill_template,
            env,
            True,
        )
        self._all.append(supervisor)
        return supervisor

    def _acquire(self) -> Supervisor:
        with self._lock:
            if self._closed:
                raise SandboxFault("the executor is closed")
            if self._idle.empty() and len(self._all) < self.limits.workers:
                return self._new_supervisor()
        return self._idle.get()

    def _run(self, request: dict[str, Any], budget_s: float) -> dict[str, Any]:
        supervisor = self._acquire()
        try:
            reply = supervisor.run(request)
            reply["anomalies"].extend(supervisor.reset())
            supervisor.warm()
            return reply
        except OSError as error:
            raise SandboxFault(f"the process sandbox failed: {error}") from error
        finally:
            self._idle.put(supervisor)

    def describe(self) -> dict[str, Any]:
        """The limits plus the isolation this machine allowed."""
        return {**super().describe(), "isolation": list(self.provides)}

    def close(self) -> None:
        """Stop spare interpreters and remove the scratch directories."""
        with self._lock:
            self._closed = True
            supervisors, self._all = self._all, []
        for supervisor in supervisors:
            supervisor.close()
        shutil.rmtree(self._root, ignore_errors=True)
