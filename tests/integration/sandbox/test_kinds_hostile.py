"""The hostile corpus of multifile answers and testgen suites (hostile_kinds/), both sandboxes.

Each program gives one or more answers to the sample task of its kind
(tests/kinds/fixtures) and checks the judgement (`verify`): the right verdict, never
a sandbox_error. Afterwards nothing is left: in Docker a probe sees no stray process
and an empty /tmp and /dev/shm; with the process executor its scratch folders are
empty and no process of the sandbox's user is alive on the host.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from pathlib import Path

import pytest

from bench.kinds import kind_of
from bench.kinds._files_extract import render_files
from bench.tasks import load_tasks
from tests.integration.sandbox.test_docker_hostile import (
    ADD,
    CLEAN_PROBE,
    host_sandbox_processes,
    make_task,
)

pytestmark = [pytest.mark.integration]

CORPUS = sorted((Path(__file__).parent / "hostile_kinds").glob("*.py"))
FIXTURES = Path(__file__).parents[2] / "kinds" / "fixtures"
SAMPLE = {"multifile": "shop-coupons", "testgen": "parse-span"}


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"hostile_kinds_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_tasks():
    return {task.id: task for task in load_tasks([FIXTURES])}


@pytest.fixture(scope="module")
def process_sandbox():
    from bench.sandbox import make_executor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        executor = make_executor("process", workers=1, timeout=2.0, output_limit=4096)
    with executor:
        yield executor


def _judge_all(path: Path, tasks, executor) -> None:
    program = _load(path)
    task = tasks[SAMPLE[program.KIND]]
    kind = kind_of(task)
    answers = program.answer(task, render_files)
    for answer in answers if isinstance(answers, list) else [answers]:
        judgement = kind.judge(kind.extract(answer, task), task, executor, 1)
        assert judgement.result.status != "sandbox_error", judgement.result.error
        program.verify(judgement)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_hostile_answer_in_process_sandbox(path, sample_tasks, process_sandbox):
    _judge_all(path, sample_tasks, process_sandbox)
    slots = [
        os.path.join(process_sandbox._root, name) for name in os.listdir(process_sandbox._root)
    ]
    assert all(os.listdir(slot) == [] for slot in slots), "files left in the scratch space"
    assert not os.path.exists(os.path.join(process_sandbox._root, "bench-hostile-mf"))
    assert host_sandbox_processes() == []


@pytest.mark.docker
@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_hostile_answer_in_docker(path, sample_tasks, solo_executor):
    _judge_all(path, sample_tasks, solo_executor)
    probe = solo_executor.execute(
        CLEAN_PROBE, make_task({"tests": [{"input": [0, 0], "expected": [[], [], []]}]}, {})
    )
    assert probe.status == "passed", f"left behind: {probe.tests[0].actual}"
    assert solo_executor.execute(ADD, make_task({}, {})).status == "passed"
    assert host_sandbox_processes() == []
