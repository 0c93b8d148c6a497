"""The Executor protocol, its limits, and the registry that `make_executor` reads."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from bench.sandbox._judge import judge, sandbox_error
from bench.sandbox._plan import PlanError, plan_execution
from bench.sandbox._result import ExecutionResult
from bench.tasks import Task


class SandboxUnavailable(RuntimeError):
    """The requested sandbox cannot run here; the message says what to do, in one line."""


class SandboxFault(RuntimeError):
    """An infrastructure failure during one execution (becomes `sandbox_error`)."""


class SandboxLimits(BaseModel):
    """Resource limits and sizes shared by every executor."""

    model_config = ConfigDict(extra="forbid")

    workers: int = Field(default=2, ge=1)
    """Executions that may run at once (one warm sandbox each)."""
    memory: str = "512m"
    """Memory of the candidate's process (its address space), e.g. 512m, 1g."""
    cpus: float = Field(default=1.0, gt=0)
    """CPU share of one sandbox (Docker only)."""
    timeout: float = Field(default=5.0, gt=0)
    """Seconds for loading the code and for a test_code check; each input test has its
    own `TestCase.timeout`, and an execution's budget is their sum."""
    image: str | None = None
    """Docker image; default: the current recipe's tag (`bench-sandbox:py3.11-rN`)."""
    output_limit: int = Field(default=64 * 1024, ge=1024)
    """Bytes of stdout and of stderr kept per execution."""
    pids: int = Field(default=64, ge=8)
    """Processes and threads one sandbox may hold at once."""
    tmpfs: str = "64m"
    """Size of the writable /tmp of a Docker sandbox."""
    recycle_after: int = Field(default=500, ge=1)
    """Executions after which a warm container is replaced, even if all went well."""

    @property
    def memory_bytes(self) -> int:
        """`memory` in bytes."""
        return parse_size(self.memory)


def parse_size(text: str) -> int:
    """Bytes in a Docker-style size (`512m`, `1g`, `65536`)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", text.lower())
    if match is None:
        raise ValueError(f"not a size: {text!r} (use e.g. 512m or 1g)")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match.group(2)]
    return int(float(match.group(1)) * scale)


class Executor(ABC):
    """Runs generated code against a task's tests in isolation; thread-safe.

    Use it as a context manager: sandboxes start lazily and `close()` removes them.
    `execute` may be called from `workers` threads at once; each call takes one
    warm sandbox.
    """

    name: ClassVar[str] = ""
    isolation_warning: ClassVar[str | None] = None
    """A sentence to show users when this executor isolates less than Docker does."""

    def __init__(self, limits: SandboxLimits) -> None:
        self.limits = limits

    def execute(self, code: str, task: Task, timing_repeats: int = 1) -> ExecutionResult:
        """Run `code` against every test of `task` and judge it."""
        try:
            plan = plan_execution(code, task, timing_repeats, self.limits.timeout)
        except PlanError as error:
            return sandbox_error(str(error), self.name)
        try:
            reply = self._run(plan.request, plan.budget_s)
        except SandboxFault as fault:
            return sandbox_error(str(fault), self.name)
        return judge(task, reply, self.name)

    @abstractmethod
    def _run(self, request: dict[str, Any], budget_s: float) -> dict[str, Any]:
        """Send one request to a sandbox; return the supervisor's reply or raise SandboxFault."""

    def describe(self) -> dict[str, Any]:
        """What a run manifest should record about this executor."""
        return {"sandbox": self.name, **self.limits.model_dump()}

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release every sandbox; idempotent."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_BACKENDS: dict[str, type[Executor]] = {}


def register_executor(name: str) -> Callable[[type[Executor]], type[Executor]]:
    """Class decorator: make an Executor available to `make_executor(name)`."""

    def _register(cls: type[Executor]) -> type[Executor]:
        cls.name = name
        _BACKENDS[name] = cls
        return cls

    return _register


def available_executors() -> list[str]:
    """Names `make_executor` accepts."""
    _load_builtins()
    return sorted(_BACKENDS)


def _load_builtins() -> None:
    import bench.sandbox._docker
    import bench.sandbox._process  # noqa: F401


def make_executor(kind: str = "docker", **limits: Any) -> Executor:
    """An executor of `kind` ("docker" or "process") with the given SandboxLimits.

    Raises SandboxUnavailable (one line: what to do) when it cannot run here, e.g. no
    Docker engine answers or the image is missing.
    """
    _load_builtins()
    backend = _BACKENDS.get(kind)
    if backend is None:
        raise SandboxUnavailable(
            f"unknown sandbox {kind!r}; choose one of {', '.join(sorted(_BACKENDS))}"
        )
    return backend(SandboxLimits(**{k: v for k, v in limits.items() if v is not None}))
