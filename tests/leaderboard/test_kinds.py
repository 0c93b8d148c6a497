"""Several task kinds on one leaderboard: every kind weighs the same; --kind selects one."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.leaderboard import Selection, build_leaderboard, select_attempts
from bench.leaderboard._aggregate import kind_balanced

from .test_aggregate import attempt


def test_kind_balanced_values_average_to_the_mean_of_kind_means():
    values = {"f1": 90.0, "f2": 70.0, "f3": 80.0, "d1": 20.0}
    kinds = {"f1": "function", "f2": "function", "f3": "function", "d1": "debug"}
    balanced = kind_balanced(values, kinds)
    # function mean 80, debug mean 20: the mean over kinds is 50 (not 65, the task mean)
    assert sum(balanced.values()) / len(balanced) == pytest.approx(50.0)
    assert kind_balanced({"a": 1.0, "b": 3.0}, {"a": "x", "b": "x"}) == {"a": 1.0, "b": 3.0}


def _suite() -> pd.DataFrame:
    rows = []
    # Model A: perfect on three function tasks, zero on the one debug task.
    # Model B: 60 on the function tasks, 100 on the debug task.
    for task in ("f1", "f2", "f3"):
        rows.append(attempt("A", task, "passed", 100.0, kind="function"))
        rows.append(attempt("B", task, "failed", 60.0, kind="function"))
    rows.append(attempt("A", "d1", "failed", 0.0, kind="debug"))
    rows.append(attempt("B", "d1", "passed", 100.0, kind="debug"))
    return pd.DataFrame(rows)


def test_the_overall_leaderboard_is_the_mean_over_kinds():
    rows = {row.model: row for row in build_leaderboard(_suite(), resamples=200)}
    assert rows["A"].overall == pytest.approx(50.0)  # (100 + 0) / 2, not 75
    assert rows["B"].overall == pytest.approx(80.0)  # (60 + 100) / 2, not 70
    assert rows["A"].pass_rate == pytest.approx(50.0)
    assert rows["A"].pass_at_k["1"] == pytest.approx(50.0)
    assert rows["A"].tasks == 4


def test_kind_selects_one_kind():
    frame = select_attempts(_suite(), None, Selection(run_id="r", kind="debug"))
    assert set(frame["task_id"]) == {"d1"}
    rows = {row.model: row for row in build_leaderboard(frame, resamples=200)}
    assert rows["B"].overall == 100.0 and rows["A"].overall == 0.0


def test_results_without_a_kind_column_read_as_function_tasks():
    frame = _suite().drop(columns=["kind"])
    rows = {row.model: row for row in build_leaderboard(frame, resamples=200)}
    assert rows["A"].overall == pytest.approx(75.0)  # one kind: the plain mean over tasks
