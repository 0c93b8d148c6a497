"""Week-over-week diffs through git itself: `bench diff HEAD~1 HEAD` and textconv."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.results import Attempt, RunManifest, RunWriter, write_manifest

BENCH = [sys.executable, "-m", "bench"]


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


def write_run(
    results: Path,
    run_id: str,
    outcomes: dict[str, dict[str, tuple[str, float]]],
    hashes: dict[str, str],
):
    started = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with RunWriter(results, run_id, autoflush=False) as writer:
        for model, tasks in outcomes.items():
            for task_id, (status, overall) in tasks.items():
                writer.append(
                    Attempt(
                        run_id=run_id,
                        model=model,
                        provider=f"p/{model}",
                        task_id=task_id,
                        task_hash=hashes[task_id],
                        difficulty="easy",
                        sample=0,
                        status=status,
                        tests_passed=1 if status == "passed" else 0,
                        tests_total=1,
                        correctness=100.0 if status == "passed" else 0.0,
                        overall=overall,
                        started_at=started,
                        generated_code=f"def f(): return {overall!r}",
                    )
                )
    write_manifest(
        writer.run_dir,
        RunManifest(
            run_id=run_id,
            started_at=started,
            finished_at=started,
            task_set_hash="x",
            config_json="{}",
            sandbox="process",
        ),
    )


def test_diff_between_revisions_and_textconv(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(Path(__file__).resolve().parents[2] / ".gitattributes", repo / ".gitattributes")
    results = repo / "results"
    tasks = [f"t{i}" for i in range(12)]
    week1 = {
        "alpha": dict.fromkeys(tasks, ("passed", 90.0)),
        "beta": dict.fromkeys(tasks, ("failed", 10.0)),
    }
    write_run(results, "2026-11-17T0000Z-aaaaaa", week1, dict.fromkeys(tasks, "v1"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "week 1")
    week2 = {
        "alpha": dict.fromkeys(tasks, ("failed", 5.0)),
        "beta": dict.fromkeys(tasks, ("passed", 95.0)),
    }
    hashes = dict.fromkeys(tasks, "v1") | {"t3": "v2"}
    write_run(results, "2026-11-24T0000Z-bbbbbb", week2, hashes)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "week 2")

    diff = subprocess.run(
        [*BENCH, "diff", "HEAD~1", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    assert diff.returncode == 0, diff.stderr
    assert "▲1  beta: rank 2 -> 1" in diff.stdout
    assert "▼1  alpha: rank 1 -> 2" in diff.stdout
    assert "beyond intervals" in diff.stdout
    assert "tasks changed: t3" in diff.stdout
    assert "newly solved: " in diff.stdout and "newly failed: " in diff.stdout

    bad = subprocess.run([*BENCH, "diff", "nope", "HEAD"], cwd=repo, capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr

    bench_show = f"{sys.executable} -m bench results show"
    git(repo, "config", "diff.parquet.textconv", bench_show)
    text = git(repo, "diff", "HEAD~1", "HEAD", "--", "results/")
    assert 'model="beta"' in text and 'status="passed"' in text
    assert "Binary files" not in text
