"""The Docker executor with a real engine: verdicts, concurrency, recycling, cleanup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from bench.sandbox import SandboxUnavailable, make_executor, run_checks
from bench.sandbox._image import IMAGE_TAG
from bench.tasks import Task
from tests import factories
from tests.factories import ADD_REFERENCE as ADD
from tests.factories import ADD_TESTS

from .conftest import docker_executor_or_skip, sandbox_containers

pytestmark = [pytest.mark.docker, pytest.mark.integration]


def make_task(tests=None, test_code=None) -> Task:
    if tests is None and test_code is None:
        tests = ADD_TESTS
    return factories.make_task(id="docker-task", tests=tests or [], test_code=test_code)


def test_reference_passes_and_reports_resources(docker_executor):
    result = docker_executor.execute(ADD, make_task())
    assert result.status == "passed" and result.sandbox == "docker"
    assert 0 < result.exec_time_s < 1 and result.peak_memory_mb > 0


def test_verdict_kinds(docker_executor):
    task = make_task(
        tests=[
            {"input": [1, 2], "expected": 3, "timeout": 0.5},
            {"input": [0, 0], "expected": 0, "timeout": 0.5},
            {"input": [2, 2], "expected": 4, "timeout": 0.5},
            {"input": [3, 3], "raises": "ValueError", "timeout": 0.5},
        ]
    )
    code = textwrap.dedent(
        """
        def add(a, b):
            if a == 0:
                while True:
                    pass
            if a == 2:
                return 5
            if a == 3:
                raise KeyError(a)
            return a + b
        """
    )
    result = docker_executor.execute(code, task)
    assert [t.verdict for t in result.tests] == ["passed", "timeout", "failed", "failed"]
    assert result.status == "timeout" and result.passed_weight == 1.0 and result.total_weight == 4.0


def test_input_code_and_large_values(docker_executor):
    task = make_task(
        tests=[
            {
                "input_code": "[[rng.randint(-10**9, 10**9) for _ in range(100000)], 0]",
                "expected": 0,
                "timeout": 2,
            }
        ]
    )
    code = "def add(values, b):\n    return sorted(values)[0] * 0 + b\n"
    assert docker_executor.execute(code, task).status == "passed"


def test_humaneval_style_test_code(docker_executor):
    task = make_task(test_code="def check(candidate):\n    assert candidate(2, 3) == 5\n")
    assert docker_executor.execute(ADD, task).status == "passed"
    assert docker_executor.execute("def add(a, b):\n    return 6\n", task).status == "failed"


def test_concurrent_executions(docker_executor):
    tasks = [
        make_task(tests=[{"input": [i, 1], "expected": i + 1, "timeout": 1}]) for i in range(16)
    ]
    statuses = [None] * len(tasks)

    def run(index):
        statuses[index] = docker_executor.execute(ADD, tasks[index]).status

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == ["passed"] * len(tasks)


def test_the_isolation_self_check_holds(solo_executor):
    results = run_checks(solo_executor)
    failed = [f"{r.name}: {r.detail}" for r in results if not r.holds]
    assert failed == [] and len(results) >= 12


def test_the_host_environment_is_invisible(solo_executor, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-host-secret")
    task = make_task(tests=[{"input": [0, 0], "expected": [], "timeout": 1}])
    code = textwrap.dedent(
        """
        import os
        def add(a, b):
            return [k for k, v in os.environ.items() if "sk-host" in v or k == "OPENAI_API_KEY"]
        """
    )
    assert solo_executor.execute(code, task).status == "passed"


def test_a_misbehaving_task_gets_a_fresh_container(solo_executor):
    assert solo_executor.execute(ADD, make_task()).status == "passed"
    before = set(solo_executor.container_ids())
    task = make_task(tests=[{"input": [0, 0], "expected": 0, "timeout": 0.3}])
    assert solo_executor.execute("def add(a, b):\n    while True: pass\n", task).status == "timeout"
    assert solo_executor.execute(ADD, make_task()).status == "passed"
    after = set(solo_executor.container_ids())
    assert before and after and not before & after
    assert not before & {c.id for c in sandbox_containers()}  # the old one is removed


def test_missing_image_is_a_one_line_error():
    docker_executor_or_skip(workers=1).close()  # skips loudly without an engine
    with pytest.raises(
        SandboxUnavailable, match=r"bench-sandbox:no-such-recipe is missing.*bench sandbox build"
    ):
        make_executor("docker", image="bench-sandbox:no-such-recipe")


def test_describe_names_the_image(docker_executor):
    described = docker_executor.describe()
    assert described["image"] == IMAGE_TAG and described["image_id"].startswith("sha256:")


RUNNER = textwrap.dedent(
    """
    import sys, time
    from bench.sandbox import make_executor
    from bench.tasks import Task
    task = Task.model_validate({"id": "x", "difficulty": "easy", "title": "t", "prompt": "p",
        "entry_point": "add", "tests": [{"input": [1, 2], "expected": 3}],
        "reference_solution": "def add(a, b): return a + b", "metadata": {"added": "2026-11-25"}})
    executor = make_executor("docker", workers=2).__enter__()
    print(executor.execute("def add(a, b): return a + b", task).status, flush=True)
    time.sleep(60)
    """
)


def test_containers_of_a_killed_runner_disappear():
    docker_executor_or_skip(workers=1).close()
    before = {c.id for c in sandbox_containers()}
    runner = subprocess.Popen([sys.executable, "-c", RUNNER], stdout=subprocess.PIPE, text=True)
    assert runner.stdout.readline().strip() == "passed"
    mine = {c.id for c in sandbox_containers()} - before
    assert len(mine) == 2
    os.kill(runner.pid, signal.SIGKILL)
    runner.wait()
    deadline = time.monotonic() + 20
    while mine & {c.id for c in sandbox_containers()} and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not mine & {c.id for c in sandbox_containers()}  # gone by themselves (stdin EOF)
