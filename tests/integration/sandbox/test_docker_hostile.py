"""The hostile corpus (one program per file under hostile/) against the Docker executor.

For each program: its verdict is right (the file's `verify`), the run goes on (the
same executor then runs a clean-up probe and a correct solution), nothing is left (no
process but the supervisor and its template, nothing in /tmp or /dev/shm, no stray
process on the host), and the host is unaffected.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from bench.tasks import Task
from tests.factories import ADD_REFERENCE as ADD
from tests.factories import ADD_TESTS, task_fields

pytestmark = [pytest.mark.docker, pytest.mark.integration]

HOSTILE = sorted((Path(__file__).parent / "hostile").glob("*.py"))
CLEAN_PROBE = """
import os
def add(a, b):
    mine = {os.getpid(), os.getppid(), 1}
    others = [n for n in os.listdir("/proc") if n.isdigit() and int(n) not in mine]
    return [others, sorted(os.listdir("/tmp")), sorted(os.listdir("/dev/shm"))]
"""
HARNESS_MARK = b"import sys,os,marshal,types"


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"hostile_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_task(overrides: dict, substitutions: dict) -> Task:
    defaults = {"id": "hostile-task", "tests": copy.deepcopy(ADD_TESTS)}
    data = task_fields(**{**defaults, **overrides})
    for test in data["tests"]:
        test["input"] = [
            substitutions.get(item, item) if isinstance(item, str) else item
            for item in test["input"]
        ]
    return Task.model_validate(data)


def host_sandbox_processes() -> list[str]:
    """Live host processes running as the sandbox's uid, other than supervisors and templates.

    Processes of a container being removed in the background may still be exiting:
    zombies are skipped and the census is retried for a few seconds.
    """
    for _ in range(50):
        stray = _census()
        if not stray:
            return []
        time.sleep(0.1)
    return stray


def _census() -> list[str]:
    stray = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid != 65534:
                continue
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                cmdline = handle.read()
            with open(f"/proc/{name}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state == b"Z":
            continue
        if HARNESS_MARK not in cmdline:
            stray.append(cmdline[:80].decode(errors="replace"))
    return stray


@pytest.fixture
def loopback_listener():
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        with contextlib.suppress(OSError):
            accepted.append(listener.accept())

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1], accepted
    listener.close()


@pytest.mark.parametrize("path", HOSTILE, ids=lambda path: path.stem)
def test_hostile_program(path, solo_executor, loopback_listener, monkeypatch):
    port, accepted = loopback_listener
    canary = "canary-" + os.urandom(8).hex()
    monkeypatch.setenv("BENCH_HOSTILE_CANARY", canary)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-host-" + canary)
    program = load(path)
    task = make_task(getattr(program, "TASK", {}), {"PORT": port, "CANARY": canary})

    program.verify(solo_executor.execute(program.CODE, task))

    probe = solo_executor.execute(
        CLEAN_PROBE, make_task({"tests": [{"input": [0, 0], "expected": [[], [], []]}]}, {})
    )
    assert probe.status == "passed", f"left behind: {probe.tests[0].actual}"
    assert solo_executor.execute(ADD, make_task({}, {})).status == "passed"
    assert accepted == [], "a sandboxed program reached the runner's loopback"
    assert host_sandbox_processes() == []


def test_clock_patching_gains_no_efficiency_in_docker(solo_executor):
    """The Docker twin of tests/sandbox/test_timing.py: times are read from outside."""
    from tests.sandbox.test_timing import clock_patching_efficiencies

    patched, honest, result = clock_patching_efficiencies(solo_executor)
    load(Path(__file__).parent / "hostile" / "patches_clocks.py").verify(result)
    assert honest == 100.0
    assert patched is not None and patched < honest


def test_docker_supervisor_reads_the_kernels_cpu_clock(solo_executor):
    from bench.sandbox._plan import plan_execution

    plan = plan_execution(ADD, make_task({}, {}), 3, 2.0)
    assert solo_executor._run(plan.request, plan.budget_s)["timer"] == "cpu"
