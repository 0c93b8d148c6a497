"""Aggregation of attempts into rankings, with intervals, paired tests and week-over-week diffs."""

from bench.leaderboard._aggregate import LeaderboardRow, build_leaderboard, per_task_table
from bench.leaderboard._diff import LeaderboardDiff, ModelChange, diff_leaderboards, render_diff
from bench.leaderboard._render import (
    FORMATS,
    render_csv,
    render_json,
    render_markdown,
    render_table,
)
from bench.leaderboard._select import Selection, latest_run_per_model, load_results, select_attempts
from bench.leaderboard._sources import SourceError, load_side

__all__ = [
    "FORMATS",
    "LeaderboardDiff",
    "LeaderboardRow",
    "ModelChange",
    "Selection",
    "SourceError",
    "build_leaderboard",
    "diff_leaderboards",
    "latest_run_per_model",
    "load_results",
    "load_side",
    "per_task_table",
    "render_csv",
    "render_diff",
    "render_json",
    "render_markdown",
    "render_table",
    "select_attempts",
]
