"""Per-task pages: the prompt, the reference, and every model's answer with its verdicts.

These are the only pages that grow with the number of attempts, and the
costliest to build (highlighting, two diffs and lint findings per answer), so
they are rendered in chunks by worker processes; everything a chunk needs is
passed in (plain, picklable data), nothing is shared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scoring import RuffFinding, lint_many
from bench.site._diff import Diff, side_by_side
from bench.site._highlight import code_block
from bench.site._render import Renderer, SitePage
from bench.site._slug import page_slug
from bench.tasks import Task


def task_page_uri(task_id: str) -> str:
    """Source path of a task's page."""
    return f"tasks/{page_slug(task_id)}.md"


@dataclass
class TaskPageInput:
    """What one task page shows, gathered by the builder."""

    task_id: str
    difficulty: str
    task: Task | None
    """The current task (None when results name a task no longer in the suite)."""
    attempts: list[dict[str, Any]]
    """The current attempts: score and detail columns, one dict per (model, sample)."""
    previous: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    """(model, sample) -> (run id, code) of the model's previous run on this task."""


@dataclass
class AttemptView:
    """One answer as the template shows it."""

    row: dict[str, Any]
    code: Any
    findings: tuple[RuffFinding, ...]
    verdicts: list[dict[str, Any]]
    against_reference: Diff | None
    against_previous: Diff | None
    previous_run: str | None

    @property
    def anchor(self) -> str:
        """The answer's fragment id on the page."""
        return f"a-{page_slug(str(self.row['model']))}-{self.row['sample']}"


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _verdicts(value: Any) -> list[dict[str, Any]]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [dict(item) for item in value]


def _view(
    row: dict[str, Any],
    task: Task | None,
    previous: tuple[str, str] | None,
    findings: dict[str, tuple[RuffFinding, ...]],
) -> AttemptView:
    code = _text(row.get("generated_code"))
    model = str(row["model"])
    reference = task.reference_solution if task else None
    against_reference = (
        side_by_side(reference, code, "reference", model) if code and reference else None
    )
    against_previous = None
    if code and previous:
        against_previous = side_by_side(previous[1], code, f"run {previous[0]}", "latest run")
    return AttemptView(
        row={
            **row,
            "response_text": _text(row.get("response_text")),
            "error": _text(row.get("error")),
        },
        code=code_block(code) if code else None,
        findings=findings.get(code, ()) if code else (),
        verdicts=_verdicts(row.get("test_verdicts")),
        against_reference=against_reference,
        against_previous=against_previous,
        previous_run=previous[0] if previous else None,
    )


def _order(views: list[AttemptView], model_order: list[str]) -> list[AttemptView]:
    position = {model: index for index, model in enumerate(model_order)}
    return sorted(
        views,
        key=lambda v: (
            position.get(v.row["model"], len(position)),
            str(v.row["model"]),
            v.row["sample"],
        ),
    )


def render_task_page(
    renderer: Renderer,
    item: TaskPageInput,
    findings: dict[str, tuple[RuffFinding, ...]],
    model_order: list[str],
) -> SitePage:
    """One task's page."""
    views = [
        _view(row, item.task, item.previous.get((str(row["model"]), int(row["sample"]))), findings)
        for row in item.attempts
    ]
    title = item.task.title if item.task else item.task_id
    return renderer.page(
        "task.html",
        task_page_uri(item.task_id),
        f"Task {item.task_id}",
        hide=("toc", "navigation"),
        task=item.task,
        task_id=item.task_id,
        difficulty=item.difficulty,
        heading=title,
        reference=code_block(item.task.reference_solution) if item.task else None,
        views=_order(views, model_order),
    )


def render_task_chunk(
    templates_dir: Path, items: list[TaskPageInput], model_order: list[str]
) -> list[SitePage]:
    """Render a chunk of task pages; runs in a worker process (one ruff run per chunk)."""
    codes = sorted(
        {
            code
            for item in items
            for row in item.attempts
            if (code := _text(row.get("generated_code")))
        }
    )
    findings = dict(zip(codes, lint_many(codes), strict=True))
    renderer = Renderer(templates_dir)
    return [render_task_page(renderer, item, findings, model_order) for item in items]
