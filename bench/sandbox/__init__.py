"""Sandboxed execution of generated code: Docker (default) or a weaker process sandbox.

    from bench.sandbox import make_executor
    with make_executor("docker", workers=2, memory="512m", cpus=1.0, timeout=5.0) as executor:
        result = executor.execute(code, task)   # thread-safe; an ExecutionResult

See docs/sandbox.md for the isolation each executor gives and the status rule.
"""

from bench.sandbox._build import build_sandbox_image
from bench.sandbox._check import ProbeResult, check_sandbox, run_checks
from bench.sandbox._executor import (
    AUTO,
    Executor,
    SandboxFault,
    SandboxLimits,
    SandboxUnavailable,
    available_executors,
    is_executor,
    make_executor,
    open_sandbox,
    parse_size,
    register_executor,
    sandbox_choices,
)
from bench.sandbox._image import DEFAULT_MIRROR, IMAGE_TAG, ImageBuildError
from bench.sandbox._outputs import ProbedOutput, probe_outputs
from bench.sandbox._project import ProjectOutcome, ProjectRun, run_project
from bench.sandbox._result import ExecutionResult, Status, TestVerdict, Verdict

__all__ = [
    "AUTO",
    "DEFAULT_MIRROR",
    "IMAGE_TAG",
    "ExecutionResult",
    "Executor",
    "ImageBuildError",
    "ProbeResult",
    "ProbedOutput",
    "ProjectOutcome",
    "ProjectRun",
    "SandboxFault",
    "SandboxLimits",
    "SandboxUnavailable",
    "Status",
    "TestVerdict",
    "Verdict",
    "available_executors",
    "build_sandbox_image",
    "check_sandbox",
    "is_executor",
    "make_executor",
    "open_sandbox",
    "parse_size",
    "probe_outputs",
    "register_executor",
    "run_checks",
    "run_project",
    "sandbox_choices",
]
