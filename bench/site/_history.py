"""Each model's overall score and position in every run, for the history charts.

A run's figure is computed as the leaderboard computes `overall` (mean over
attempts of a task, then over tasks, infrastructure errors left out), but
without the bootstrap: a year of weekly runs would need 52 full leaderboards.
The position is therefore the plain order by overall score in that run, which
the page says.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bench.results import INFRA_STATUSES


@dataclass(frozen=True)
class HistoryPoint:
    """One model in one run."""

    run_id: str
    model: str
    overall: float
    position: int
    pass_rate: float
    tasks: int


def run_history(scores: pd.DataFrame) -> list[HistoryPoint]:
    """Points for every (run, model) with a judged attempt, ordered by run then position."""
    if scores.empty:
        return []
    judged = scores[~scores["status"].isin([str(s) for s in INFRA_STATUSES])]
    judged = judged.assign(passed=(judged["status"] == "passed").astype(float))
    per_task = judged.groupby(["run_id", "model", "task_id"], sort=False)[["overall", "passed"]]
    per_task = per_task.mean().reset_index()
    per_model = per_task.groupby(["run_id", "model"]).agg(
        overall=("overall", "mean"), pass_rate=("passed", "mean"), tasks=("task_id", "nunique")
    )
    per_model = per_model.dropna(subset=["overall"]).reset_index()
    per_model["position"] = (
        per_model.groupby("run_id")["overall"].rank(method="min", ascending=False).astype(int)
    )
    per_model = per_model.sort_values(["run_id", "position", "model"])
    return [
        HistoryPoint(
            run_id=str(row.run_id),
            model=str(row.model),
            overall=float(row.overall),
            position=int(row.position),
            pass_rate=100 * float(row.pass_rate),
            tasks=int(row.tasks),
        )
        for row in per_model.itertuples(index=False)
    ]
