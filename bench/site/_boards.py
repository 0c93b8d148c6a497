"""The leaderboard variants the site shows: overall, per tier, per kind, per task-added window.

Each variant is one `Selection` over the current attempts and one call of
`build_leaderboard` (the same code and seed as `bench leaderboard`, so the site
and the CLI print the same numbers). Variants are independent, so the builder
computes them in worker processes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from bench.leaderboard import LeaderboardRow, Selection, build_leaderboard, select_attempts
from bench.results import RunManifest
from bench.tasks import TASK_MODELS, Difficulty, TaskBase

MAX_WINDOWS = 3
MIN_WINDOW_TASKS = 5
"""A window with fewer tasks than this is too noisy to rank by."""


@dataclass(frozen=True)
class BoardSpec:
    """Which attempts one leaderboard page counts."""

    key: str
    """Stable id: `all`, a tier (`easy`), `kind-<kind>`, `since-YYYY-MM-DD` or `after-cutoff`."""
    label: str
    """What the page calls it."""
    difficulty: str | None = None
    kind: str | None = None
    """One task kind (function, debug, ...) only."""
    added_from: dt.date | None = None
    cutoffs: tuple[tuple[str, dt.date], ...] = ()
    """(model, knowledge cutoff) pairs: count only tasks added after each model's cutoff."""

    @property
    def page(self) -> str:
        """The page's source path in the site."""
        return "index.md" if self.key == "all" else f"leaderboard/{self.key}.md"


@dataclass
class Board:
    """One computed leaderboard."""

    spec: BoardSpec
    rows: list[LeaderboardRow]
    tasks: int
    """Distinct tasks counted."""
    attempts: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    """The selected attempts (score columns), for tables and charts on the same page."""


def _quarter_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    starts: list[dt.date] = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        start = dt.date(year, 3 * quarter + 1, 1)
        if start > last:
            return starts
        if start > first:
            starts.append(start)
        quarter = (quarter + 1) % 4
        year += quarter == 0


def window_starts(added: list[dt.date]) -> list[dt.date]:
    """Quarter starts that split the suite: each leaves >= MIN_WINDOW_TASKS but not all tasks."""
    if not added:
        return []
    kept = [
        start
        for start in _quarter_starts(min(added), max(added))
        if MIN_WINDOW_TASKS <= sum(day >= start for day in added) < len(added)
    ]
    return kept[-MAX_WINDOWS:]


def knowledge_cutoffs(manifests: dict[str, RunManifest]) -> dict[str, dt.date]:
    """Each model's knowledge cutoff as its latest run's configuration states it."""
    cutoffs: dict[str, dt.date] = {}
    for run_id in sorted(manifests):
        try:
            models = json.loads(manifests[run_id].config_json).get("models", [])
        except (json.JSONDecodeError, AttributeError):
            continue
        for model in models if isinstance(models, list) else []:
            if isinstance(model, dict) and model.get("knowledge_cutoff") and model.get("name"):
                cutoffs[str(model["name"])] = dt.date.fromisoformat(str(model["knowledge_cutoff"]))
    return cutoffs


def board_specs(
    current: pd.DataFrame, tasks: dict[str, TaskBase], cutoffs: dict[str, dt.date]
) -> list[BoardSpec]:
    """Overall first, then one per tier present, one per kind (when several), windows, cutoff."""
    specs = [BoardSpec("all", "All tasks")]
    present = set(current["difficulty"].unique()) if len(current) else set()
    specs += [
        BoardSpec(t.value, t.value.title(), difficulty=t.value) for t in Difficulty if t in present
    ]
    kinds = [kind for kind in TASK_MODELS if len(current) and kind in set(current["kind"])]
    if len(kinds) > 1:
        specs += [BoardSpec(f"kind-{kind}", kind.title(), kind=kind) for kind in kinds]
    counted = [tasks[t].metadata.added for t in current["task_id"].unique() if t in tasks]
    specs += [
        BoardSpec(f"since-{start}", f"Added since {start}", added_from=start)
        for start in window_starts(counted)
    ]
    known = {model: day for model, day in cutoffs.items() if model in set(current["model"])}
    if known and tasks:
        specs.append(
            BoardSpec(
                "after-cutoff", "After each model's cutoff", cutoffs=tuple(sorted(known.items()))
            )
        )
    return specs


def select_for(
    spec: BoardSpec, current: pd.DataFrame, tasks: list[TaskBase] | None
) -> pd.DataFrame:
    """The attempts `spec` counts, out of the already current-version attempts."""
    selection = Selection(
        difficulty=spec.difficulty,
        kind=spec.kind,
        added_from=spec.added_from,
        knowledge_cutoffs=dict(spec.cutoffs),
        current_versions_only=False,
    )
    needs_tasks = spec.added_from is not None or bool(spec.cutoffs)
    return select_attempts(current, tasks if needs_tasks else None, selection)


def compute_board(
    spec: BoardSpec, current: pd.DataFrame, tasks: list[TaskBase] | None, seed: int
) -> Board:
    """Select and rank; runs in a worker process (all arguments pickle)."""
    selected = select_for(spec, current, tasks)
    rows = build_leaderboard(selected, seed=seed)
    return Board(spec, rows, int(selected["task_id"].nunique()) if len(selected) else 0, selected)


def rank_moves(current: list[LeaderboardRow], previous: list[LeaderboardRow]) -> dict[str, str]:
    """Model -> `▲2`, `▼1`, `=` or `new`, against the leaderboard before the latest run."""
    before = {row.model: row.rank for row in previous}
    moves = {}
    for row in current:
        if row.model not in before:
            moves[row.model] = "new"
            continue
        step = before[row.model] - row.rank
        moves[row.model] = "=" if step == 0 else (f"▲{step}" if step > 0 else f"▼{-step}")
    return moves
