"""Drawing ballots from a SYNTHETIC run: reproducible, blind-ready, informative pairs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from bench.human import BallotError, draw_ballot, read_ballot
from bench.leaderboard import load_results
from tests.human.synthetic import SYNTHETIC_STRENGTHS, write_run, write_tasks

DAY = dt.date(2026, 12, 7)


@pytest.fixture
def run(tmp_path):
    tasks = write_tasks(tmp_path / "tasks", count=6)
    write_run(tmp_path / "results", tasks)
    return load_results(tmp_path / "results"), {task.id: task for task in tasks}


def test_same_seed_same_ballot_other_seed_other_pairs(run):
    attempts, tasks = run
    first = draw_ballot(attempts, tasks, pairs=8, seed=4, today=DAY)
    again = draw_ballot(attempts, tasks, pairs=8, seed=4, today=DAY)
    other = draw_ballot(attempts, tasks, pairs=8, seed=5, today=DAY)
    assert first == again
    assert first.id.startswith("b-2026-12-07-") and first.id != other.id
    assert [p.id for p in first.pairs] == [f"p{n:03d}" for n in range(1, 9)]


def test_pairs_are_two_different_non_baseline_models_with_answers(run):
    attempts, tasks = run
    ballot = draw_ballot(attempts, tasks, pairs=50, seed=1, today=DAY)
    assert len(ballot.pairs) == 6 * 3  # every distinct pair of the three models on six tasks
    for pair in ballot.pairs:
        assert pair.a.model != pair.b.model
        assert {pair.a.model, pair.b.model} <= set(SYNTHETIC_STRENGTHS)
        assert pair.a.code.strip() and pair.b.code.strip()
        assert pair.prompt == tasks[pair.task_id].prompt
    # the order is random: each model appears on both sides
    assert {p.a.model for p in ballot.pairs} == {p.b.model for p in ballot.pairs}
    with_baselines = draw_ballot(attempts, tasks, pairs=50, seed=1, baselines=True, today=DAY)
    assert any("reference" in (p.a.model, p.b.model) for p in with_baselines.pairs)


def test_informative_pairs_come_first(run):
    """Both-passed pairs of close models are drawn more often than far, failing ones."""
    attempts, tasks = run
    counts = {"close": 0, "far": 0}
    for seed in range(60):
        (pair,) = draw_ballot(attempts, tasks, pairs=1, seed=seed, today=DAY).pairs
        models = {pair.a.model, pair.b.model}
        if models == {"synthetic/alpha", "synthetic/beta"}:
            counts["close"] += 1
        elif models == {"synthetic/alpha", "synthetic/gamma"}:
            counts["far"] += 1
    assert counts["close"] > counts["far"]


def test_kind_filter_and_nothing_to_draw(run):
    attempts, tasks = run
    assert draw_ballot(attempts, tasks, pairs=3, seed=0, kind="function", today=DAY).pairs
    with pytest.raises(BallotError, match="of kind debug"):
        draw_ballot(attempts, tasks, pairs=3, seed=0, kind="debug", today=DAY)


def test_bench_human_ballot_writes_the_file(tmp_path, run):
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "human", "ballot", "--pairs", "3", "--seed", "9"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    (path,) = (tmp_path / "human" / "ballots").glob("b-*.json")
    ballot = read_ballot(path)
    assert len(ballot.pairs) == 3 and json.loads(path.read_text())["version"] == 1
    empty = subprocess.run(
        [sys.executable, "-m", "bench", "human", "ballot", "--pairs", "3", "--seed", "9",
         "--results-dir", str(tmp_path / "nothing")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert empty.returncode == 1 and empty.stderr.startswith("error: no results in")
