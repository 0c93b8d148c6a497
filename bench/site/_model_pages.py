"""Per-model pages: the leaderboard line, strengths and weaknesses, cost, history, attempts.

Strengths compare a model's pass rate on a group of tasks (a tier, a tag) with
the mean pass rate of all ranked models on the same tasks, so a hard tag does
not look like everyone's weakness.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bench.leaderboard import LeaderboardRow
from bench.results import INFRA_STATUSES
from bench.site._history import HistoryPoint
from bench.site._render import Renderer, SitePage
from bench.site._slug import page_slug
from bench.tasks import TaskBase

MIN_GROUP_TASKS = 2
"""Groups with fewer tasks are listed but never called a strength or a weakness."""
HIGHLIGHTS = 3


def model_page_uri(model: str) -> str:
    """Source path of a model's page."""
    return f"models/{page_slug(model)}.md"


@dataclass(frozen=True)
class GroupScore:
    """A model's pass rate on one group of tasks against the field's."""

    kind: str
    label: str
    tasks: int
    own: float
    field: float

    @property
    def delta(self) -> float:
        """Percentage points above (or below) the field."""
        return self.own - self.field


def _pass_per_task(current: pd.DataFrame) -> pd.DataFrame:
    judged = current[~current["status"].isin([str(s) for s in INFRA_STATUSES])]
    judged = judged.assign(passed=(judged["status"] == "passed").astype(float))
    grouped = judged.groupby(["model", "task_id", "difficulty"], as_index=False)["passed"]
    return grouped.mean()


def _group_scores(per_task: pd.DataFrame, column: str, kind: str) -> dict[str, list[GroupScore]]:
    field = per_task.groupby(column)["passed"].mean()
    own = per_task.groupby(["model", column]).agg(
        own=("passed", "mean"), tasks=("task_id", "nunique")
    )
    scores: dict[str, list[GroupScore]] = {}
    for (model, label), values in own.iterrows():
        scores.setdefault(str(model), []).append(
            GroupScore(
                kind, str(label), int(values["tasks"]), 100 * values["own"], 100 * field[label]
            )
        )
    return scores


def group_scores(current: pd.DataFrame, tasks: dict[str, TaskBase]) -> dict[str, list[GroupScore]]:
    """Model -> its pass rate per tier and per tag, against the field's."""
    if current.empty:
        return {}
    per_task = _pass_per_task(current)
    result = _group_scores(per_task, "difficulty", "tier")
    if "kind" in current and current["kind"].nunique() > 1:
        kinds = current.drop_duplicates("task_id").set_index("task_id")["kind"]
        with_kind = per_task.assign(task_kind=per_task["task_id"].map(kinds))
        for model, scores in _group_scores(with_kind, "task_kind", "kind").items():
            result.setdefault(model, []).extend(scores)
    tags = per_task.assign(
        tag=per_task["task_id"].map(lambda t: tasks[t].metadata.tags if t in tasks else [])
    )
    tags = tags.explode("tag").dropna(subset=["tag"])
    if len(tags):
        for model, scores in _group_scores(tags, "tag", "tag").items():
            result.setdefault(model, []).extend(scores)
    return result


def highlights(scores: list[GroupScore]) -> tuple[list[GroupScore], list[GroupScore]]:
    """The largest gaps above and below the field, among groups big enough to mean something."""
    sized = [s for s in scores if s.tasks >= MIN_GROUP_TASKS]
    strengths = sorted((s for s in sized if s.delta > 0), key=lambda s: -s.delta)[:HIGHLIGHTS]
    weaknesses = sorted((s for s in sized if s.delta < 0), key=lambda s: s.delta)[:HIGHLIGHTS]
    return strengths, weaknesses


@dataclass
class ModelPageInput:
    """Everything one model page shows."""

    model: str
    row: LeaderboardRow | None
    move: str
    attempts: list[dict]
    groups: list[GroupScore]
    history: list[HistoryPoint]
    run_dates: dict[str, str]
    titles: dict[str, str]


def _numbers(details: Any, prefix: str = "") -> dict[str, float]:
    """The numeric figures of a details object, nested keys joined by dots."""
    found: dict[str, float] = {}
    if isinstance(details, dict):
        for key, value in details.items():
            found.update(_numbers(value, f"{prefix}{key}."))
    elif (
        isinstance(details, int | float)
        and not isinstance(details, bool)
        and math.isfinite(details)
    ):
        found[prefix.rstrip(".")] = float(details)
    return found


def kind_figures(attempts: list[dict]) -> dict[str, dict[str, float]]:
    """Per task kind, the mean of every numeric figure in the attempts' `details_json`.

    Whatever a kind records (recall, precision and per-category recall for review,
    mutants killed and coverage for testgen, changed lines for debug, quality
    before/after for refactor) is averaged over the model's attempts of that kind.
    """
    sums: dict[str, dict[str, list[float]]] = {}
    for attempt in attempts:
        text = attempt.get("details_json")
        if not isinstance(text, str) or not text:
            continue
        try:
            details = json.loads(text)
        except json.JSONDecodeError:
            continue
        kind = str(attempt.get("kind") or "function")
        for key, value in _numbers(details).items():
            sums.setdefault(kind, {}).setdefault(key, []).append(value)
    return {
        kind: {key: sum(values) / len(values) for key, values in sorted(figures.items())}
        for kind, figures in sorted(sums.items())
    }


def _tokens(attempts: list[dict], column: str) -> int:
    return int(
        sum(a[column] for a in attempts if a.get(column) is not None and not pd.isna(a[column]))
    )


def model_page(renderer: Renderer, item: ModelPageInput) -> SitePage:
    """One model's page."""
    strengths, weaknesses = highlights(item.groups)
    return renderer.page(
        "model.html",
        model_page_uri(item.model),
        f"Model {item.model}",
        hide=("toc", "navigation"),
        model=item.model,
        row=item.row,
        move=item.move,
        attempts=item.attempts,
        tiers=[g for g in item.groups if g.kind in ("tier", "kind")],
        kind_figures=kind_figures(item.attempts),
        tags=sorted((g for g in item.groups if g.kind == "tag"), key=lambda g: g.label),
        strengths=strengths,
        weaknesses=weaknesses,
        history=item.history,
        run_dates=item.run_dates,
        titles=item.titles,
        prompt_tokens=_tokens(item.attempts, "prompt_tokens"),
        completion_tokens=_tokens(item.attempts, "completion_tokens"),
    )


def models_index_page(
    renderer: Renderer, rows: list[LeaderboardRow], moves: dict[str, str]
) -> SitePage:
    """`models/index.md`: every ranked model."""
    return renderer.page("models.html", "models/index.md", "Models", rows=rows, moves=moves)
