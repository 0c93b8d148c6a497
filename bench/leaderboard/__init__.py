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
from bench.leaderboard._sources import SourceError, load_side
from bench.leaderboard._select import Selection, latest_run_per_model, load_results, select_attempts

__all__ = [
    "LeaderboardDiff",
    "ModelChange",
    "SourceError",
    "diff_leaderboards",
    "load_side",
    "render_diff",
    "FORMATS",
    "LeaderboardRow",
    "Selection",
    "build_leaderboard",
    "latest_run_per_model",
    "load_results",
    "per_task_table",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_table",
    "select_attempts",
]
