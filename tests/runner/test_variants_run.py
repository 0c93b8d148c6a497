"""`bench run --variants N`: reworded attempts recorded, checked, and ranked for robustness."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from bench.cli import cli
from bench.results import list_runs, read_attempts, run_dir

REPO = Path(__file__).resolve().parents[2]
CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: "null", model: baseline/null}
      - {name: mutant, model: baseline/mutant}
    execution: {sandbox: process, workers: 2, timeout: 10}
    """
)


def test_variants_are_asked_recorded_and_the_reference_stays_robust(tmp_path):
    (tmp_path / "bench.yaml").write_text(CONFIG)
    results = tmp_path / "results"
    runner = CliRunner()
    run = runner.invoke(
        cli,
        ["run", "--config", str(tmp_path / "bench.yaml"), "--tasks-dir", str(REPO / "tasks"),
         "--tasks", "b*", "--results-dir", str(results), "--variants", "3"],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert "rewordings of" in run.output
    attempts = read_attempts(run_dir(results, list_runs(results)[-1]))
    assert set(attempts["variant"]) == {0, 1, 2, 3}
    reworded = attempts[attempts["variant"] > 0]
    assert reworded["details_json"].map(lambda d: "rewordings" in json.loads(d)).all()
    assert (attempts.groupby(["model", "task_id", "variant"]).size() == 1).all()
    board = runner.invoke(
        cli,
        ["leaderboard", "--results-dir", str(results), "--tasks-dir", str(REPO / "tasks"),
         "--format", "json"],
    )  # fmt: skip
    assert board.exit_code == 0, board.output
    rows = {row["model"]: row for row in json.loads(board.output)}
    assert rows["reference"]["robustness"]["robust_pass_rate"] == 100.0
    assert rows["null"]["robustness"]["robust_pass_rate"] == 0.0
    nominal_tasks = attempts.loc[attempts["variant"] == 0, "task_id"].nunique()
    assert rows["reference"]["tasks"] == nominal_tasks  # rewordings are not extra tasks
