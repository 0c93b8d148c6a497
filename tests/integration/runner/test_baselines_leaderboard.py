"""Acceptance: a run of the three baselines ranks reference > mutant > null on correctness,
with non-overlapping intervals, and `bench leaderboard --format json` keeps its contract."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from bench.cli import cli
from bench.config import load_config
from bench.runner import RunRequest, run_benchmark
from bench.tasks import load_tasks

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]


def test_baselines_separate_on_the_easy_tier(tmp_path):
    (tmp_path / "bench.yaml").write_text(
        textwrap.dedent(
            """\
        models:
          - {name: reference, model: baseline/reference}
          - {name: mutant, model: baseline/mutant}
          - {name: "null", model: baseline/null}
        execution: {sandbox: process, workers: 2}
        """
        )
    )
    config = load_config(tmp_path / "bench.yaml")
    tasks = load_tasks([REPO / "tasks" / "easy"])
    run_benchmark(
        RunRequest(
            config=config,
            tasks=tasks,
            models=config.models,
            results_dir=tmp_path / "results",
            console=Console(quiet=True),
        )
    )
    result = CliRunner().invoke(
        cli,
        [
            "leaderboard",
            "--results-dir",
            str(tmp_path / "results"),
            "--tasks-dir",
            str(REPO / "tasks"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = {row["model"]: row for row in json.loads(result.output)}
    reference, mutant, null = rows["reference"], rows["mutant"], rows["null"]
    assert reference["correctness"] > mutant["correctness"] > null["correctness"]
    assert reference["pass_rate_ci"][0] > mutant["pass_rate_ci"][1]
    assert (
        reference["overall_ci"][0]
        > mutant["overall_ci"][1]
        > mutant["overall_ci"][0]
        > null["overall_ci"][1]
    )
    assert [row["model"] for row in json.loads(result.output)] == ["reference", "mutant", "null"]
    assert reference["rank"] == 1 and null["rank"] == 3 and reference["tasks"] == len(tasks)
