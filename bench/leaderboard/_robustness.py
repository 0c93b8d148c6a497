"""Robustness: does a model still pass a task when the prompt is reworded?

`bench run --variants N` asks each function task as written (variant 0) and in N
meaning-preserving rewordings. A task is *robustly* passed when the model's first
sample passed on the task as written and on every rewording it was asked; the
robust pass rate is the share of such tasks, with a bootstrap interval over tasks,
and the drop is the nominal pass@1 on the same tasks minus it (ReCode's
"robust pass@1" and "robust drop").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bench.results import INFRA_STATUSES
from bench.scoring import bootstrap_ci


@dataclass
class Robustness:
    """One model's robustness figures over the tasks that were reworded."""

    robust_pass_rate: float
    """Percent of reworded tasks passed as written and in every rewording (first sample)."""
    robust_pass_rate_ci: list[float | None]
    """95% bootstrap interval over tasks."""
    nominal_pass_rate: float
    """Percent of the same tasks passed as written (first sample)."""
    drop: float
    """nominal_pass_rate - robust_pass_rate, in points."""
    tasks: int
    """Tasks with at least one rewording."""
    variants: int
    """Rewordings per task asked (the most any task had)."""


def split_variants(attempts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the attempts at tasks as written, the attempts at rewordings)."""
    if "variant" not in attempts or attempts.empty:
        return attempts, attempts.iloc[0:0]
    reworded = attempts["variant"].fillna(0).astype(int) > 0
    return attempts[~reworded], attempts[reworded]


def robustness(
    attempts: pd.DataFrame, seed: int = 0, resamples: int = 2000
) -> dict[str, Robustness]:
    """Per model, from attempts that include rewordings ({} when there are none).

    Infrastructure failures are left out: a task whose nominal or reworded first
    sample was never judged is not counted for that model.
    """
    if "variant" not in attempts or not (attempts["variant"].fillna(0) > 0).any():
        return {}
    judged = attempts[~attempts["status"].isin(list(INFRA_STATUSES))]
    firsts = judged[judged["sample"] == 0]
    reworded_tasks = set(firsts.loc[firsts["variant"] > 0, "task_id"])
    firsts = firsts[firsts["task_id"].isin(reworded_tasks)]
    figures: dict[str, Robustness] = {}
    for model, rows in firsts.groupby("model", sort=True):
        ok = rows["status"] == "passed"
        written = rows["variant"] == 0
        marked = rows.assign(ok=ok, written=written, nominal=ok & written)
        per_task = marked.groupby("task_id").agg(
            robust=("ok", "all"),
            nominal=("nominal", "any"),
            has_nominal=("written", "any"),
            variants=("variant", "max"),
        )
        per_task = per_task[per_task["has_nominal"]]
        if per_task.empty:
            continue
        robust = [100.0 * bool(value) for value in per_task["robust"]]
        interval: list[float | None] = [None, None]
        if len(robust) >= 2:
            low, high = bootstrap_ci(robust, n_resamples=resamples, seed=seed)
            interval = [low, high]
        nominal = 100.0 * float(per_task["nominal"].mean())
        rate = sum(robust) / len(robust)
        figures[str(model)] = Robustness(
            robust_pass_rate=rate,
            robust_pass_rate_ci=interval,
            nominal_pass_rate=nominal,
            drop=nominal - rate,
            tasks=len(per_task),
            variants=int(per_task["variants"].max()),
        )
    return figures
