"""`bench rescore`: always a new run naming its source; the source, finished or not, is read."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from bench.cli import cli
from bench.config import load_config
from bench.results import (
    is_finished,
    list_runs,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
)
from bench.runner import RunError, RunRequest, rescore_run, run_benchmark
from bench.tasks import load_tasks
from tests.conftest import REPO_ROOT

CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: "null", model: baseline/null}
      - {name: mutant, model: baseline/mutant}
    execution: {sandbox: process, workers: 2, timeout: 10}
    """
)
SOURCE = "2026-11-25T0000Z-aaaaaa"


@pytest.fixture
def setup(tmp_path, write_task):
    """The config, the two-task suite and the results folder every test here uses."""
    write_task()
    (tmp_path / "bench.yaml").write_text(CONFIG)
    suite_task = REPO_ROOT / "tasks" / "easy" / "run-length-encode.yaml"
    (tmp_path / "tasks" / "easy" / suite_task.name).write_bytes(suite_task.read_bytes())
    config = load_config(tmp_path / "bench.yaml")
    return config, load_tasks([tmp_path / "tasks"]), tmp_path / "results"


def _source_run(setup, only_keys=None):
    config, tasks, results = setup
    request = RunRequest(
        config=config,
        tasks=tasks,
        models=config.models,
        results_dir=results,
        run_id=SOURCE,
        only_keys=only_keys,
        console=Console(quiet=True),
    )
    return run_benchmark(request).run_dir


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def _check_new_run(results: Path, source_before: dict[str, str], new_id: str) -> None:
    assert new_id != SOURCE
    assert sorted(list_runs(results)) == sorted([SOURCE, new_id])
    assert read_manifest(run_dir(results, new_id)).source_run_id == SOURCE
    assert _fingerprint(run_dir(results, SOURCE)) == source_before  # only read


def test_rescore_of_a_finished_run_is_a_new_finished_run(setup):
    config, tasks, results = setup
    source = _source_run(setup)
    before = _fingerprint(source)
    outcome = rescore_run(SOURCE, results, tasks, config, console=Console(quiet=True))
    _check_new_run(results, before, outcome.run_id)
    assert outcome.finished and is_finished(outcome.run_dir)
    old, new = read_attempts(source), read_attempts(outcome.run_dir)
    key = ["model", "task_id", "sample"]
    assert len(new) == len(old) == 6
    merged = old.merge(new, on=key, suffixes=("_old", "_new"))
    assert (merged["status_old"] == merged["status_new"]).all()
    assert (merged["generated_code_old"] == merged["generated_code_new"]).all()
    assert (new["run_id"] == outcome.run_id).all()


def test_rescore_of_an_unfinished_run_never_resumes_it(setup):
    """A run killed midway: every task and model seen once, no finished_at.

    Its rescore has the same task set and models, exactly what auto-resume looks for;
    before rescore named its new run, it continued the source instead.
    """
    _, tasks, results = setup
    ids = [task.id for task in tasks]
    done = {("reference", ids[0], 0, 0), ("null", ids[1], 0, 0), ("mutant", ids[0], 0, 0)}
    source = _source_run(setup, only_keys=done)
    write_manifest(source, read_manifest(source).model_copy(update={"finished_at": None}))
    assert not is_finished(source)
    before = _fingerprint(source)

    result = CliRunner().invoke(
        cli,
        ["rescore", SOURCE, "--config", str(results.parent / "bench.yaml"),
         "--tasks-dir", str(results.parent / "tasks"), "--results-dir", str(results),
         "--sandbox", "process"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "resuming" not in result.output
    (new_id,) = set(list_runs(results)) - {SOURCE}
    assert f"rescored {SOURCE} as run {new_id}" in result.output
    new_dir = run_dir(results, new_id)
    _check_new_run(results, before, new_id)
    assert is_finished(new_dir)  # the rescore did all the source had: three attempts
    rescored = read_attempts(new_dir)
    keys = zip(
        rescored["model"], rescored["task_id"], rescored["sample"], rescored["variant"], strict=True
    )
    assert set(keys) == done
    assert not is_finished(source)


def test_a_run_made_from_another_cannot_resume_or_pick_its_id(setup):
    config, tasks, results = setup
    base = {"config": config, "tasks": tasks, "models": config.models, "results_dir": results}
    for extra in ({}, {"run_id": SOURCE, "resume": True}):
        request = RunRequest(**base, source_run_id=SOURCE, console=Console(quiet=True), **extra)
        with pytest.raises(RunError, match="its own new run id"):
            run_benchmark(request)
