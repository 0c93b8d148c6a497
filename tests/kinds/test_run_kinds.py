"""Every kind through a real run (process sandbox): kind column, details, baseline order."""

from __future__ import annotations

import json
import textwrap

import pytest
from rich.console import Console

from bench.config import load_config
from bench.results import read_attempts
from bench.runner import RunRequest, run_benchmark
from bench.tasks import load_tasks

from .conftest import FIXTURES

CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: "null", model: baseline/null}
      - {name: mutant, model: baseline/mutant}
    execution: {sandbox: process, workers: 2, timeout: 10}
    """
)


def test_baselines_rank_reference_mutant_null_on_every_kind(tmp_path):
    config_path = tmp_path / "bench.yaml"
    config_path.write_text(CONFIG)
    config = load_config(config_path)
    tasks = load_tasks([FIXTURES])
    outcome = run_benchmark(
        RunRequest(
            config=config,
            tasks=tasks,
            models=config.models,
            results_dir=tmp_path / "results",
            console=Console(quiet=True),
        )
    )
    attempts = read_attempts(outcome.run_dir)
    assert set(attempts["kind"]) == {task.kind for task in tasks}
    assert (attempts["variant"] == 0).all()
    assert not attempts["status"].isin(["sandbox_error", "provider_error"]).any()
    for kind, rows in attempts.groupby("kind"):
        overall = rows.groupby("model")["overall"].mean()
        assert overall["reference"] > overall["mutant"] > overall["null"], (kind, overall)
        reference = rows[rows["model"] == "reference"]
        assert (reference["status"] == "passed").all(), kind
    debug = attempts[attempts["kind"] == "debug"].set_index("model")
    assert json.loads(debug.loc["null", "details_json"])["changed_lines"] == 0
    refactor = attempts[attempts["kind"] == "refactor"].set_index("model")
    assert refactor.loc["null", "quality"] == 0.0  # unchanged code: no gain
    assert refactor.loc["null", "overall"] == pytest.approx(40.0)  # only its correctness counts
    assert refactor.loc["reference", "quality"] == 100.0
