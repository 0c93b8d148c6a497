"""Per-task pages: the prompt, the reference, and every model's answer with its verdicts.

What a task page shows beyond that depends on the task's kind: each kind has a
partial template `site_templates/kinds/<kind>.html` with two macros, `task_part`
(the task side: the reference, the buggy code, the project's files...) and
`answer_part` (one answer: its diff against the reference or the code shown, its
files, its findings...), fed with the kind's `page_parts` and the attempt's details.

These are the only pages that grow with the number of attempts, and the
costliest to build (highlighting, two diffs and lint findings per answer), so
they are rendered in chunks by worker processes; everything a chunk needs is
passed in (plain, picklable data), nothing is shared.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.kinds import kind_of
from bench.scoring import RuffFinding, lint_many
from bench.site._diff import Diff, side_by_side
from bench.site._highlight import code_block
from bench.site._render import Renderer, SitePage
from bench.site._slug import page_slug
from bench.tasks import TaskBase


def task_page_uri(task_id: str) -> str:
    """Source path of a task's page."""
    return f"tasks/{page_slug(task_id)}.md"


@dataclass
class TaskPageInput:
    """What one task page shows, gathered by the builder."""

    task_id: str
    difficulty: str
    task: TaskBase | None
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
    against_previous: Diff | None
    previous_run: str | None
    answer: str | None = None
    """The stored answer as text (code, files, findings): kind templates diff it."""
    details: dict[str, Any] = field(default_factory=dict)
    """The attempt's kind-specific figures (`details_json`)."""
    parts: dict[str, Any] = field(default_factory=dict)
    """What the task's kind shows of this answer (`TaskKind.page_parts`)."""

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


def _details(value: Any) -> dict[str, Any]:
    text = _text(value)
    if not text:
        return {}
    try:
        details = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return details if isinstance(details, dict) else {}


def _view(
    row: dict[str, Any],
    task: TaskBase | None,
    previous: tuple[str, str] | None,
    findings: dict[str, tuple[RuffFinding, ...]],
) -> AttemptView:
    code = _text(row.get("generated_code"))
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
        against_previous=against_previous,
        previous_run=previous[0] if previous else None,
        answer=code,
        details=_details(row.get("details_json")),
        parts=kind_of(task).page_parts(code, task) if task is not None and code else {},
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
    kind = item.task.kind if item.task else str(item.attempts[0].get("kind") or "function")
    return renderer.page(
        "task.html",
        task_page_uri(item.task_id),
        f"Task {item.task_id}",
        hide=("toc", "navigation"),
        task=item.task,
        task_id=item.task_id,
        difficulty=item.difficulty,
        heading=title,
        kind=kind,
        kind_template=f"kinds/{kind}.html",
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
