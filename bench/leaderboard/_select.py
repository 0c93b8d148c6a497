"""Which attempts a leaderboard counts.

By default each model's latest run in the results folder (a model missing from
this week's run keeps last week's numbers, marked by its run id), only attempts
of the current version of each task (a changed task never mixes with its old
results), and optionally only tasks added in a date window or after each
model's knowledge cutoff (contamination control).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench.results import list_runs, read_attempts, run_dir
from bench.tasks import TaskBase


@dataclass(frozen=True)
class Selection:
    """Filters applied before aggregation."""

    run_id: str | None = None
    """One run only; None means each model's latest run."""
    difficulty: str | None = None
    """One tier only."""
    kind: str | None = None
    """One task kind only (function, debug, refactor, multifile, review, testgen)."""
    added_from: dt.date | None = None
    """Only tasks added on or after this day."""
    added_to: dt.date | None = None
    """Only tasks added on or before this day."""
    knowledge_cutoffs: dict[str, dt.date] = field(default_factory=dict)
    """Per model: count only tasks added after this day (`--after-cutoff`)."""
    current_versions_only: bool = True
    """Drop attempts whose task hash differs from the task's current version."""


def load_results(results_dir: str | Path, run_id: str | None = None) -> pd.DataFrame:
    """All attempts of `run_id`, or of every run, with their run id (empty frame when none)."""
    runs = [run_id] if run_id else list_runs(results_dir)
    frames = []
    for rid in runs:
        folder = run_dir(results_dir, rid)
        if not any(folder.glob("attempts*.parquet")):
            continue
        frames.append(read_attempts(folder))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def latest_run_per_model(attempts: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each model, only the attempts of the latest run (run ids sort by time)."""
    if attempts.empty:
        return attempts
    latest = attempts.groupby("model")["run_id"].transform("max")
    return attempts[attempts["run_id"] == latest]


def select_attempts(
    attempts: pd.DataFrame, tasks: Sequence[TaskBase] | None, selection: Selection
) -> pd.DataFrame:
    """Apply the selection; `tasks` (the current suite) drives versions and dates."""
    if attempts.empty:
        return attempts
    frame = attempts if selection.run_id else latest_run_per_model(attempts)
    if selection.difficulty:
        frame = frame[frame["difficulty"] == selection.difficulty]
    if selection.kind:
        kinds = frame["kind"] if "kind" in frame else pd.Series("function", index=frame.index)
        frame = frame[kinds == selection.kind]
    if tasks is None:
        return frame.reset_index(drop=True)
    by_id = {task.id: task for task in tasks}
    if selection.current_versions_only:
        current = frame["task_id"].map(lambda tid: by_id[tid].version if tid in by_id else None)
        frame = frame[frame["task_hash"] == current]
    added = frame["task_id"].map(lambda tid: by_id[tid].metadata.added if tid in by_id else None)
    keep = pd.Series(True, index=frame.index)
    if selection.added_from:
        keep &= added.map(lambda day: day is not None and day >= selection.added_from)
    if selection.added_to:
        keep &= added.map(lambda day: day is not None and day <= selection.added_to)
    if selection.knowledge_cutoffs:
        cutoff = frame["model"].map(selection.knowledge_cutoffs)
        after = [
            c is None or pd.isna(c) or (a is not None and a > c)
            for a, c in zip(added, cutoff, strict=True)
        ]
        keep &= pd.Series(after, index=frame.index)
    return frame[keep].reset_index(drop=True)
