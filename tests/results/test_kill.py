"""`kill -9` at random moments: files stay readable, rows are never duplicated, resume completes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections import Counter

import pytest

from bench.results import attempt_files, completed_keys, read_attempts, run_dir

from .conftest import REPO_ROOT, RUN_ID

TOTAL = 400


def _start(results_dir) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.results._killable_writer", str(results_dir), str(TOTAL)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    return process


def _check_consistent(results_dir) -> int:
    folder = run_dir(results_dir, RUN_ID)
    if not folder.exists() or not attempt_files(folder):
        return 0
    frame = read_attempts(folder)
    counts = Counter(frame.task_id)
    assert all(count == 1 for count in counts.values())
    assert set(counts) <= {f"task-{i:04d}" for i in range(TOTAL)}
    assert len(completed_keys(folder)) == len(frame)
    return len(frame)


@pytest.mark.slow
def test_kill_minus_nine_then_resume(results_dir):
    rng = random.Random(0)
    progress = []
    for _ in range(6):
        process = _start(results_dir)
        try:
            process.wait(timeout=rng.uniform(0.05, 0.4))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        progress.append(_check_consistent(results_dir))
    print("rows on disk after each kill:", progress)
    assert progress == sorted(progress)  # resumed runs never lose checkpointed rows
    assert progress[0] < TOTAL, "the first kill should land mid-run"
    final = _start(results_dir)
    assert final.wait(timeout=60) == 0
    assert _check_consistent(results_dir) == TOTAL
    # The last writer removed any temp file a kill left and compacted the parts.
    assert [p.name for p in run_dir(results_dir, RUN_ID).iterdir()] == ["attempts.parquet"]
