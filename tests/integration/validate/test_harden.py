"""`bench tasks harden` for real, in the process sandbox, on a task with one weak test."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bench.cli import cli
from bench.results import attempts_schema, run_dir, write_table_atomic
from bench.sandbox import make_executor, probe_outputs
from bench.tasks import Task, load_task_file
from bench.validate import (
    HardenOptions,
    StrengthThresholds,
    check_strength,
    harden_task,
    stored_passing_answers,
)
from bench.validate._harden import seed_inputs
from tests.factories import make_task

from .conftest import clamp_task

WRONG_CLAMP = "def clamp(value, low, high):\n    return value\n"
RIGHT_CLAMP = "def clamp(value, low, high):\n    return max(low, min(value, high))\n"


@pytest.fixture(scope="module")
def process():
    with make_executor("process", workers=2, timeout=5.0) as executor:
        yield executor


def write_answers(results_dir, task: Task, answers: dict[str, str]) -> None:
    """One stored run in which each model's answer passed every test of `task`."""
    rows = []
    for model, code in answers.items():
        row = {"run_id": "2026-12-01T1000Z-abcdef", "model": model, "provider": "litellm/x"}
        row |= {"task_id": task.id, "task_hash": task.version, "difficulty": "easy"}
        row |= {"kind": "function", "sample": 0, "variant": 0, "status": "passed"}
        row |= {"generated_code": code, "started_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC)}
        rows.append(row)
    import pyarrow as pa

    schema = attempts_schema()
    filled = [
        {c.name: r.get(c.name, None if c.nullable else _neutral(c)) for c in schema} for r in rows
    ]
    folder = run_dir(results_dir, "2026-12-01T1000Z-abcdef")
    folder.mkdir(parents=True)
    write_table_atomic(pa.Table.from_pylist(filled, schema=schema), folder / "attempts.parquet")


def _neutral(column):
    return "" if str(column.type) == "string" else 0


def test_probe_returns_the_references_values(process):
    task = make_task(
        entry_point="f",
        reference_solution=(
            "import time\n"
            "def f(x):\n"
            "    if x == 'slow':\n        time.sleep(5)\n"
            "    if x == 'big':\n        return 'y' * 100000\n"
            "    return (x, {x}, 1 / len(x))\n"
        ),
    )
    outputs = probe_outputs(process, task, [["ab"], [""], ["slow"], ["big"]], 0.5)
    assert outputs[0].outcome == "returned" and outputs[0].value == ("ab", {"ab"}, 0.5)
    assert outputs[1].outcome == "raised" and outputs[1].error_type == "ZeroDivisionError"
    assert outputs[2].outcome == "timeout"
    assert outputs[3].outcome == "too_large"


def test_harden_kills_surviving_mutants_and_overturns_wrong_stored_answers(process, write_task):
    task = load_task_file(write_task(clamp_task(), name="clamp-value.yaml"))
    answers = [("wrong", WRONG_CLAMP), ("right", RIGHT_CLAMP)]
    from bench.validate import StoredAnswer

    stored = [StoredAnswer(model, code, "run") for model, code in answers]
    report = harden_task(task, process, stored, HardenOptions(seed=3))
    assert report.error is None and 1 <= len(report.added) <= 5
    assert all(test.generated for test in report.added)
    killed = sorted((m.line, m.description) for m in report.killed)
    assert killed == [(3, "return value → `None`"), (5, "return value → `None`")]
    assert len(report.survivors) == 4  # and `<` → `<=`, `>` → `>=`: equivalent mutants
    assert report.overturned == {"wrong": 1} and report.answers == {"wrong": 1, "right": 1}
    assert process.execute(task.reference_solution, report.hardened).status == "passed"
    assert process.execute(RIGHT_CLAMP, report.hardened).status == "passed"
    assert process.execute(WRONG_CLAMP, report.hardened).status == "failed"
    again = harden_task(task, process, stored, HardenOptions(seed=3))
    assert [t.input for t in again.added] == [t.input for t in report.added]  # reproducible


def test_held_out_mutants_are_never_selected_for(process, write_task):
    task = load_task_file(write_task(clamp_task(), name="clamp-value.yaml"))
    report = harden_task(task, process, [], HardenOptions(seed=0, holdout=True))
    every = harden_task(task, process, [], HardenOptions(seed=0))
    assert len(report.survivors) + len(report.held_out_survivors) == len(every.survivors)
    hardened = report.hardened
    for mutant in report.held_out_killed:  # re-judged: the added tests catch it
        assert process.execute(mutant.source, hardened).status != "passed"


def test_cli_writes_marked_tests_and_dry_run_writes_nothing(process, write_task, tmp_path):
    path = write_task(clamp_task(), name="clamp-value.yaml")
    task = load_task_file(path)
    write_answers(tmp_path / "results", task, {"wrong": WRONG_CLAMP, "right": RIGHT_CLAMP})
    assert len(stored_passing_answers(tmp_path / "results")[(task.id, task.version)]) == 2
    before = path.read_text()
    common = [str(path), "--sandbox", "process", "--results-dir", str(tmp_path / "results")]
    dry = CliRunner().invoke(cli, ["tasks", "harden", *common, "--dry-run", "--workers", "2"])
    assert dry.exit_code == 0, dry.output
    assert "wrong: 1 of 1" in dry.output and "right: 0 of 1" in dry.output
    assert path.read_text() == before
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    real = subprocess.run(
        [sys.executable, "-m", "bench", "tasks", "harden", *common, "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert real.returncode == 0, real.stderr
    assert "generated: true" in path.read_text() and path.read_text().startswith(before[:200])
    hardened = load_task_file(path)
    assert len(hardened.tests) > len(task.tests) and hardened.version != task.version
    assert process.execute(hardened.reference_solution, hardened).status == "passed"


def test_strict_counts_the_answers_a_hardening_pass_overturns(process, write_task):
    task = load_task_file(write_task(clamp_task(), name="clamp-value.yaml"))
    from bench.validate import StoredAnswer

    answers = {(task.id, task.version): [StoredAnswer("wrong", WRONG_CLAMP, "run")]}
    (report,) = check_strength([task], [task], process, 2, StrengthThresholds(), answers=answers)
    assert report.overturned == 1


def test_test_code_tasks_seed_from_their_calls(process):
    task = make_task(
        tests=[],
        test_code="def check(candidate):\n    assert candidate(2, 3) == 5\n",
        reference_solution="def add(a, b):\n    return a + b if a < 10 else 0\n",
    )
    assert seed_inputs(task) == [[2, 3]]
    report = harden_task(task, process, [], HardenOptions())
    assert report.error is None and report.usable > 10
    assert "`<` → `<=`" in [m.description for m in report.killed]  # a == 10: a constant
