"""The task index and the models x tasks matrix of verdicts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bench.leaderboard import first_samples
from bench.results import INFRA_STATUSES, AttemptStatus
from bench.site._render import Renderer, SitePage
from bench.tasks import Difficulty, TaskBase

CELL_CLASSES: dict[str, str] = {
    AttemptStatus.PASSED: "p",
    AttemptStatus.FAILED: "f",
    AttemptStatus.TIMEOUT: "t",
    AttemptStatus.ERROR: "e",
    **dict.fromkeys(INFRA_STATUSES, "i"),
}
"""Status -> the one-letter class the matrix stylesheet draws (compact: 4,000 cells a page)."""


@dataclass
class TaskRow:
    """One task line of the index and the matrix."""

    task_id: str
    difficulty: str
    title: str
    tags: list[str]
    added: str
    solved: int
    answered: int
    mean_overall: float | None
    cells: list[str]


def _tier_order(difficulty: str) -> int:
    values = [tier.value for tier in Difficulty]
    return values.index(difficulty) if difficulty in values else len(values)


def task_rows(
    current: pd.DataFrame, tasks: dict[str, TaskBase], models: list[str]
) -> list[TaskRow]:
    """Every task with attempts (and every suite task without), easy to extreme, then by id."""
    # A pair's cell is its first judged sample, or "i" when it only met infrastructure
    # failures; those pairs are not counted as answered (as the matrix legend says).
    first = first_samples(current) if len(current) else current
    status = {(r.model, r.task_id): r.status for r in first.itertuples(index=False)}
    solved = first[first["first_passed"]].groupby("task_id").size() if len(first) else {}
    answered = first[first["judged"]].groupby("task_id").size() if len(first) else {}
    overall = current.groupby("task_id")["overall"].mean() if len(current) else {}
    difficulty = (
        dict(zip(current["task_id"], current["difficulty"], strict=True)) if len(current) else {}
    )
    ids = set(difficulty) | set(tasks)
    rows = []
    for task_id in ids:
        task = tasks.get(task_id)
        tier = task.difficulty.value if task else str(difficulty.get(task_id, ""))
        mean = overall.get(task_id) if len(current) else None
        rows.append(
            TaskRow(
                task_id=str(task_id),
                difficulty=tier,
                title=task.title if task else str(task_id),
                tags=list(task.metadata.tags) if task else [],
                added=str(task.metadata.added) if task else "",
                solved=int(solved.get(task_id, 0)) if len(first) else 0,
                answered=int(answered.get(task_id, 0)) if len(first) else 0,
                mean_overall=None if mean is None or pd.isna(mean) else float(mean),
                cells=[CELL_CLASSES.get(status.get((m, task_id), ""), "n") for m in models],
            )
        )
    return sorted(rows, key=lambda r: (_tier_order(r.difficulty), r.task_id))


def tiers(rows: list[TaskRow]) -> list[tuple[str, list[TaskRow]]]:
    """Rows grouped by difficulty, in tier order."""
    groups: dict[str, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.difficulty, []).append(row)
    return list(groups.items())


def task_index_page(renderer: Renderer, rows: list[TaskRow], models: list[str]) -> SitePage:
    """`tasks/index.md`: all tasks, sortable."""
    return renderer.page(
        "tasks.html", "tasks/index.md", "Tasks", rows=rows, model_count=len(models)
    )


def matrix_page(renderer: Renderer, rows: list[TaskRow], models: list[str]) -> SitePage:
    """`matrix.md`: the verdict of each model's first judged sample on each task."""
    return renderer.page(
        "matrix.html",
        "matrix.md",
        "Task matrix",
        hide=("toc", "navigation"),
        groups=tiers(rows),
        models=models,
    )
