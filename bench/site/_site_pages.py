"""The pages that do not grow with attempts: leaderboards, charts, matrix, models, changes.

Each function turns already computed data into `SitePage`s; the heavy lifting
(leaderboards, task pages) happened in worker processes before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.leaderboard import diff_rows
from bench.site._boards import Board, BoardSpec, rank_moves
from bench.site._changes import changes_page
from bench.site._data import SiteData
from bench.site._exports import SiteFile, downloads_page, leaderboard_files, run_files
from bench.site._figures import accuracy_vs_time, dimension_bars, history, score_vs_cost
from bench.site._history import run_history
from bench.site._model_pages import ModelPageInput, group_scores, model_page, models_index_page
from bench.site._render import Renderer, SitePage
from bench.site._suite_pages import matrix_page, task_index_page, task_rows
from bench.tasks import Difficulty


def run_facts(data: SiteData) -> dict[str, Any]:
    """The header of the leaderboard pages: run, date, task set, harness."""
    run_id = data.latest_run or "none"
    manifest = data.manifests.get(run_id)
    started = data.run_started(run_id) if data.latest_run else None
    return {
        "run_id": run_id,
        "run_date": f"{started:%Y-%m-%d %H:%M} UTC" if started else "–",
        "task_set": manifest.task_set_hash if manifest else "–",
        "task_count": int(data.current["task_id"].nunique()) if len(data.current) else 0,
        "harness": manifest.harness_version if manifest else "–",
        "sandbox": manifest.sandbox if manifest else "–",
        "unfinished": manifest is not None and manifest.finished_at is None,
    }


def _stale(data: SiteData) -> list[tuple[str, str]]:
    if data.current.empty:
        return []
    latest = data.current.groupby("model")["run_id"].max()
    return [(str(m), str(r)) for m, r in latest.items() if r != data.latest_run]


def board_pages(
    renderer: Renderer,
    data: SiteData,
    boards: dict[str, Board],
    previous: Board | None,
    weights: dict[str, float],
) -> list[SitePage]:
    """One leaderboard page per variant; rank moves on the overall one."""
    specs = [board.spec for board in boards.values()]
    tiers = [s for s in specs if s.key == "all" or s.difficulty]
    kinds = [s for s in specs if s.kind]
    windows = [s for s in specs if s.added_from or s.cutoffs]
    moves = rank_moves(boards["all"].rows, previous.rows) if previous and "all" in boards else {}
    facts, stale = run_facts(data), _stale(data)
    return [
        renderer.page(
            "leaderboard.html",
            board.spec.page,
            "Leaderboard" if key == "all" else f"Leaderboard: {board.spec.label}",
            hide=("toc", "navigation"),
            board=board,
            tier_specs=tiers,
            kind_specs=kinds,
            window_specs=windows,
            moves=moves if key == "all" else {},
            show_moves=key == "all" and previous is not None,
            facts=facts,
            stale=stale,
            weights=weights,
        )
        for key, board in boards.items()
    ]


@dataclass
class MainPages:
    """The remaining pages, the files they link to, and the navigation."""

    pages: list[SitePage]
    files: list[SiteFile] = field(default_factory=list)

    def nav(self, specs: list[BoardSpec], docs_nav: list[Any]) -> list[Any]:
        """Leaderboard sections first, then tasks, models, downloads, docs."""
        boards = [{("Overall" if s.key == "all" else s.label): s.page} for s in specs]
        leaderboard = [
            *boards,
            {"Charts": "charts.md"},
            {"Task matrix": "matrix.md"},
            {"What changed": "changes.md"},
        ]
        nav: list[Any] = [
            {"Leaderboard": leaderboard},
            {"Tasks": "tasks/index.md"},
            {"Models": "models/index.md"},
            {"Downloads": "downloads.md"},
        ]
        return [*nav, {"Docs": docs_nav}] if docs_nav else nav


def _charts(renderer: Renderer, data: SiteData, board: Board, points: list) -> SitePage:
    rows = board.rows
    started = {run: data.run_started(run) for run in data.runs}
    score, rank = history(points, started, [row.model for row in rows])
    return renderer.page(
        "charts.html",
        "charts.md",
        "Charts",
        model_count=len(rows),
        run_count=len(data.runs),
        accuracy=accuracy_vs_time(rows),
        cost=score_vs_cost(rows),
        unpriced=[row.model for row in rows if row.cost_per_task_usd is None],
        dimensions=dimension_bars(rows),
        history_score=score,
        history_rank=rank,
    )


def _model_pages(
    renderer: Renderer, data: SiteData, board: Board, moves: dict[str, str], points: list
) -> list[SitePage]:
    groups = group_scores(data.current, data.tasks)
    titles = {task_id: task.title for task_id, task in data.tasks.items()}
    dates = {run: f"{data.run_started(run):%Y-%m-%d}" for run in data.runs if data.run_started(run)}
    tier_rank = {tier.value: index for index, tier in enumerate(Difficulty)}
    pages = []
    for row in board.rows:
        mine = data.current[data.current["model"] == row.model]
        attempts = sorted(
            mine.to_dict("records"),
            key=lambda a: (tier_rank.get(a["difficulty"], 9), a["task_id"], a["sample"]),
        )
        item = ModelPageInput(
            model=row.model,
            row=row,
            move=moves.get(row.model, ""),
            attempts=attempts,
            groups=groups.get(row.model, []),
            history=[p for p in points if p.model == row.model],
            run_dates=dates,
            titles=titles,
        )
        pages.append(model_page(renderer, item))
    return pages


def main_pages(
    renderer: Renderer,
    data: SiteData,
    boards: dict[str, Board],
    previous: Board | None,
    results_dir: Path,
) -> MainPages:
    """Charts, matrix, task index, models, what changed, downloads."""
    board = boards["all"]
    models = [row.model for row in board.rows]
    moves = rank_moves(board.rows, previous.rows) if previous else {}
    points = run_history(data.scores)
    rows = task_rows(data.current, data.tasks, models)
    diff = None
    if previous is not None and data.latest_run:
        diff = diff_rows(
            previous.rows,
            board.rows,
            data.previous,
            data.current,
            (str(data.previous["run_id"].max()), data.latest_run),
        )
    board_files, raw = leaderboard_files(board.rows), run_files(results_dir, data.latest_run)
    pages = [
        _charts(renderer, data, board, points),
        matrix_page(renderer, rows, models),
        task_index_page(renderer, rows, models),
        models_index_page(renderer, board.rows, moves),
        *_model_pages(renderer, data, board, moves, points),
        changes_page(renderer, diff, moves),
        downloads_page(renderer, board.rows, board_files, raw),
    ]
    return MainPages(pages, [*board_files, *raw])
