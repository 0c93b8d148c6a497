"""The Executor protocol, its limits, and the registry that `make_executor` reads."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    @field_validator("memory", "tmpfs", mode="before")
    @classmethod
    def _size_notation(cls, value: Any) -> Any:
        """Reject a bad size when the limits are made, not at the first execution.

        Uses the parser the executors apply, so bench.yaml accepts exactly what runs;
        a bare number (`memory: 536870912` in YAML) is bytes, as for Docker.
        """
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and parse_size(value) <= 0:
            raise ValueError(f"must be more than 0 bytes (got {value!r})")
        return value

    @property
    def memory_bytes(self) -> int:
        """`memory` in bytes."""
        return parse_size(self.memory)


def parse_size(text: str) -> int:
    """Bytes in a Docker-style size (`512m`, `512mb`, `1g`, `65536`), any case.

    The one size parser: bench.yaml's validation and the executors both use it, so
    a size the config accepts is the size the sandbox applies.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", text.lower())
    if match is None:
        raise ValueError(f"not a size: {text!r} (use e.g. 512m, 512mb or 1g)")
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

    def run_request(self, request: dict[str, Any], budget_s: float) -> dict[str, Any]:
        """Send a supervisor request built by a task kind; its reply, or SandboxFault.

        The transport of every kind: a kind builds the request (its own `op`), the
        supervisor runs it in a fresh child, and the kind judges the reply in the
        trusted process, as `execute` does for function tasks.
        """
        return self._run(request, budget_s)

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


ENTRY_POINT_GROUP = "bench.executors"
"""Entry-point group a package uses to plug in an executor: `name = "module:Class"`."""

AUTO = "auto"
"""Not an executor but a choice: Docker when an engine answers, else the process sandbox."""

_BACKENDS: dict[str, type[Executor]] = {}
_plugins_loaded = False


def register_executor(name: str) -> Callable[[type[Executor]], type[Executor]]:
    """Class decorator: make an Executor available to `make_executor(name)`.

    Whatever registers here is also a valid `execution.sandbox` in bench.yaml and a
    `--sandbox` choice, since both read this registry.
    """

    def _register(cls: type[Executor]) -> type[Executor]:
        cls.name = name
        _BACKENDS[name] = cls
        return cls

    return _register


def available_executors() -> list[str]:
    """Names `make_executor` accepts: the built-ins, plugins and any registered class."""
    _load_backends()
    return sorted(_BACKENDS)


def open_sandbox(kind: str, limits: SandboxLimits, on_fallback: Callable[[str], None]) -> Executor:
    """The executor `kind`; `auto` means Docker when an engine answers, else the process one.

    `on_fallback(message)` is told, in one sentence, when `auto` had to fall back. `limits` may be
    bench.yaml's whole `execution` section: it is a SandboxLimits, and `make_executor`
    keeps only the limit fields, so nothing is mapped by hand.
    """
    if kind != AUTO:
        return make_executor(kind, limits)
    try:
        return make_executor("docker", limits)
    except SandboxUnavailable as reason:
        on_fallback(f"no Docker sandbox ({reason}); using the process sandbox")
        return make_executor("process", limits)


def is_executor(name: str) -> bool:
    """True when `make_executor(name)` would find it.

    The plugins' entry points are read only for a name that is not built in: reading
    them scans every installed distribution (0.2 s with this project's dependencies),
    which `--sandbox docker` need not pay at every start.
    """
    _load_builtins()
    return name in _BACKENDS or name in available_executors()


def sandbox_choices() -> list[str]:
    """What bench.yaml's `execution.sandbox` and `--sandbox` accept: `auto` or an executor."""
    return [AUTO, *available_executors()]


def _load_builtins() -> None:
    """Register Docker and the process sandbox (importing their modules registers them)."""
    import bench.sandbox._docker
    import bench.sandbox._process  # noqa: F401


def _load_backends() -> None:
    """Import the built-ins, then (once) the modules of the `bench.executors` entry points.

    A plugin thus registers through the same decorator as Docker and process do.
    """
    global _plugins_loaded
    _load_builtins()
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry_point.load()
        is_executor = isinstance(loaded, type) and issubclass(loaded, Executor)
        if is_executor and entry_point.name not in _BACKENDS:
            register_executor(entry_point.name)(loaded)


def make_executor(
    kind: str = "docker", limits: SandboxLimits | None = None, **overrides: Any
) -> Executor:
    """An executor of `kind` (see `available_executors`) with `limits` and `overrides`.

    `limits` may be any SandboxLimits, bench.yaml's `execution` section included; only
    the limit fields are kept, so `describe()` records the executor actually chosen.
    Raises SandboxUnavailable (one line: what to do) when it cannot run here, e.g. no
    Docker engine answers or the image is missing.
    """
    _load_backends()
    backend = _BACKENDS.get(kind)
    if backend is None:
        raise SandboxUnavailable(
            f"unknown sandbox {kind!r}; choose one of {', '.join(sorted(_BACKENDS))}"
        )
    fields = limits.model_dump(include=set(SandboxLimits.model_fields)) if limits else {}
    fields.update({key: value for key, value in overrides.items() if value is not None})
    return backend(SandboxLimits(**fields))
