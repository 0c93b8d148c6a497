"""`bench ci rehearse`: weekly.yml's steps on this machine, for real (subprocesses, git)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from bench.cli import cli
from bench.results import is_finished, list_runs, read_attempts, run_dir
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_two_shards_gather_into_one_run_that_the_leaderboard_and_site_read(tmp_path):
    tasks = tmp_path / "tasks" / "easy"
    tasks.mkdir(parents=True)
    for name in ("run-length-encode", "initials", "format-cents"):
        shutil.copy(REPO_ROOT / "tasks" / "easy" / f"{name}.yaml", tasks)
    work = tmp_path / "work"
    result = CliRunner().invoke(
        cli,
        ["ci", "rehearse", "--shards", "2", "--workdir", str(work), "--sandbox", "process",
         "--tasks-dir", str(tmp_path / "tasks"), "--config", str(REPO_ROOT / "bench.yaml")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "leaderboard ranks: baseline-reference, " in result.output

    shards = sorted(path.name for path in (work / "artifacts").iterdir())
    assert shards == ["shard-1", "shard-2"]
    results = work / "checkout" / "results"
    (run_id,) = set(list_runs(results)) - set(list_runs(REPO_ROOT / "results"))  # the new one
    folder = run_dir(results, run_id)
    assert is_finished(folder)
    assert sorted(path.name for path in folder.glob("attempts*.parquet")) == [
        "attempts-1.parquet",
        "attempts-2.parquet",
    ]
    attempts = read_attempts(folder)
    assert len(attempts) == 3 * 3  # three baselines x three tasks, split over two machines

    log = subprocess.run(
        ["git", "log", "-1", "--format=%s", "--name-only"],
        cwd=work / "checkout", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert log.startswith(f"Weekly run {run_id}\n")
    assert f"results/runs/{run_id}/run.parquet" in log
    branch = subprocess.run(
        ["git", "branch", "--show-current"], cwd=work / "checkout", capture_output=True, text=True
    ).stdout.strip()
    assert branch == f"rehearsal/{run_id}"

    assert (work / "site" / "index.html").is_file()
    assert f"site: {work / 'site'}" in result.output


def test_a_non_empty_workdir_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    result = CliRunner().invoke(cli, ["ci", "rehearse", "--workdir", str(tmp_path)])
    assert result.exit_code == 1 and "is not empty" in result.output
