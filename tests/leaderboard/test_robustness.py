"""Robust pass@1 over rewordings: hand-computed cases and its place on the leaderboard."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.leaderboard import build_leaderboard
from bench.leaderboard._robustness import robustness

from .test_aggregate import attempt


def _rows(outcomes: dict[str, list[str]], model: str = "m") -> list[dict]:
    """task -> statuses of variant 0, 1, 2, ... (first sample)."""
    return [
        attempt(model, task, status, 100.0 if status == "passed" else 0.0, variant=variant)
        for task, statuses in outcomes.items()
        for variant, status in enumerate(statuses)
    ]


def test_robust_means_passed_as_written_and_in_every_rewording():
    frame = pd.DataFrame(
        _rows(
            {
                "a": ["passed", "passed", "passed"],  # robust
                "b": ["passed", "failed", "passed"],  # passes as written only: not robust
                "c": ["failed", "passed", "passed"],  # fails as written
                "d": ["passed", "passed", "passed"],  # robust
            }
        )
    )
    figures = robustness(frame, resamples=200)["m"]
    assert figures.robust_pass_rate == pytest.approx(50.0)
    assert figures.nominal_pass_rate == pytest.approx(75.0)
    assert figures.drop == pytest.approx(25.0)
    assert figures.tasks == 4 and figures.variants == 2
    low, high = figures.robust_pass_rate_ci
    assert low <= 50.0 <= high


def test_infrastructure_failures_do_not_count_against_robustness():
    frame = pd.DataFrame(_rows({"a": ["passed", "provider_error"], "b": ["passed", "passed"]}))
    assert robustness(frame, resamples=200)["m"].robust_pass_rate == 100.0


def test_without_rewordings_there_is_no_robustness_figure():
    frame = pd.DataFrame(_rows({"a": ["passed"], "b": ["failed"]}))
    assert robustness(frame) == {}
    (row,) = build_leaderboard(frame, resamples=200)
    assert row.robustness is None and "robustness" not in row.as_dict()


def test_the_leaderboard_ranks_on_the_tasks_as_written_and_adds_robustness():
    frame = pd.DataFrame(
        _rows({"a": ["passed", "failed"], "b": ["passed", "passed"]}, model="m")
        + _rows({"a": ["failed", "passed"], "b": ["failed", "passed"]}, model="n")
    )
    rows = {row.model: row for row in build_leaderboard(frame, resamples=200)}
    assert rows["m"].pass_rate == 100.0 and rows["n"].pass_rate == 0.0  # rewordings not counted
    assert rows["m"].attempts == 2  # the tasks as written only
    assert rows["m"].robustness is not None
    assert rows["m"].robustness.robust_pass_rate == 50.0
    assert rows["m"].as_dict()["robustness"]["drop"] == 50.0
