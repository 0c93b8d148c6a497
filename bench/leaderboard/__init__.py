"""Aggregation of attempts into rankings, with intervals, paired tests and week-over-week diffs."""

from bench.leaderboard._aggregate import (
    HumanPreference,
    LeaderboardRow,
    build_leaderboard,
    per_task_table,
)
from bench.leaderboard._diff import (
    LeaderboardDiff,
    ModelChange,
    diff_leaderboards,
    diff_rows,
    render_diff,
)
from bench.leaderboard._first_sample import first_sample_passed, first_samples
from bench.leaderboard._render import (
    FORMATS,
    render_csv,
    render_json,
    render_markdown,
    render_table,
)
from bench.leaderboard._robustness import Robustness, robustness, split_variants
from bench.leaderboard._select import Selection, latest_run_per_model, load_results, select_attempts
from bench.leaderboard._sources import SourceError, load_side

__all__ = [
    "FORMATS",
    "HumanPreference",
    "LeaderboardDiff",
    "LeaderboardRow",
    "ModelChange",
    "Robustness",
    "Selection",
    "SourceError",
    "build_leaderboard",
    "diff_leaderboards",
    "diff_rows",
    "first_sample_passed",
    "first_samples",
    "latest_run_per_model",
    "load_results",
    "load_side",
    "per_task_table",
    "render_csv",
    "render_diff",
    "render_json",
    "render_markdown",
    "render_table",
    "robustness",
    "select_attempts",
    "split_variants",
]
