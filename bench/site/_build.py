"""`build_site`: results folder in, static site out.

The leaderboards and the task pages are the costly parts and independent of
each other, so they run in worker processes while the main process computes
the history and renders the small pages; mkdocs then builds everything at once.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scoring import DEFAULT_WEIGHTS
from bench.site._boards import Board, BoardSpec, board_specs, compute_board, knowledge_cutoffs
from bench.site._data import KEY_COLUMNS, SiteData, load_site_data
from bench.site._exports import SiteFile
from bench.site._human_pages import attach_to_boards, human_pages, load_site_human, with_human_nav
from bench.site._mkdocs import ASSET_FOLDER, SiteContent, build_with_mkdocs
from bench.site._render import Renderer, SitePage
from bench.site._site_pages import board_pages, main_pages
from bench.site._sources import SiteSources, plotly_js
from bench.site._task_pages import TaskPageInput, render_task_chunk

TASKS_PER_CHUNK = 25


class SiteBuildError(ValueError):
    """The build cannot go ahead (e.g. the output folder holds something else)."""


@dataclass
class BuildReport:
    """What a build produced and how long each stage took."""

    out: Path
    pages: int
    task_pages: int
    runs: int
    models: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """Wall-clock time of the whole build."""
        return self.timings.get("total", 0.0)


def _check_out(out: Path, inputs: list[Path]) -> None:
    """Mkdocs empties its output folder: refuse one that is not a previous site."""
    resolved = out.resolve()
    for path in inputs:
        if resolved == path.resolve() or resolved in path.resolve().parents:
            raise SiteBuildError(f"--out {out} contains {path}: choose a separate folder")
    is_site = (resolved / "index.html").exists() or (resolved / "sitemap.xml").exists()
    if resolved.is_dir() and any(resolved.iterdir()) and not is_site:
        raise SiteBuildError(
            f"--out {out} is not empty and holds no site: it would be emptied; "
            "choose an empty or new folder"
        )


@contextmanager
def _pool(workers: int) -> Iterator[Executor]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def _model_order(data: SiteData) -> list[str]:
    """Models by overall score as the leaderboard sorts them (for task pages, before it is done)."""
    if data.current.empty:
        return []
    per_task = data.current.groupby(["model", "task_id"])["overall"].mean()
    means = per_task.groupby("model").mean().fillna(-1)
    return sorted(means.index, key=lambda model: (-means[model], model))


def task_inputs(data: SiteData) -> list[TaskPageInput]:
    """One input per task with attempts or in the suite, easy to extreme."""
    merged = data.current.merge(data.details, on=list(KEY_COLUMNS), how="left")
    details = data.details
    earlier = details[details["model"].map(data.previous_run_of) == details["run_id"]]
    previous: dict[str, dict[tuple[str, int], tuple[str, str]]] = {}
    for row in earlier.itertuples(index=False):
        if isinstance(row.generated_code, str):
            key = (str(row.model), int(row.sample))
            previous.setdefault(str(row.task_id), {})[key] = (str(row.run_id), row.generated_code)
    by_task = {str(t): group.to_dict("records") for t, group in merged.groupby("task_id")}
    difficulty = dict(zip(merged["task_id"], merged["difficulty"], strict=True))
    ids = sorted(set(by_task) | set(data.tasks))
    return [
        TaskPageInput(
            task_id=task_id,
            difficulty=data.tasks[task_id].difficulty.value
            if task_id in data.tasks
            else str(difficulty.get(task_id, "")),
            task=data.tasks.get(task_id),
            attempts=by_task.get(task_id, []),
            previous=previous.get(task_id, {}),
        )
        for task_id in ids
    ]


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _static_files(sources: SiteSources) -> list[SiteFile]:
    files = [SiteFile(f"{ASSET_FOLDER}/plotly.min.js", "plotly.js", source=plotly_js())]
    for path in sorted(sources.assets_dir.iterdir()):
        if path.is_file():
            files.append(SiteFile(f"{ASSET_FOLDER}/{path.name}", path.name, source=path))
    return files


def weights_of(data: SiteData) -> dict[str, float]:
    """The scoring weights of the latest run (its manifest), else the defaults."""
    manifest = data.manifests.get(data.latest_run or "")
    if manifest is not None:
        try:
            weights = json.loads(manifest.config_json).get("scoring", {}).get("weights")
        except (json.JSONDecodeError, AttributeError):
            weights = None
        if isinstance(weights, dict) and weights:
            return {str(k): float(v) for k, v in weights.items()}
    return dict(DEFAULT_WEIGHTS)


def _submit_boards(
    pool: Executor, data: SiteData, specs: list[BoardSpec], seed: int
) -> tuple[dict[str, Future[Board]], Future[Board] | None]:
    suite = list(data.tasks.values()) or None
    jobs = {"all": pool.submit(compute_board, specs[0], data.ranked, suite, seed)}
    previous = None
    if len(data.previous):
        previous = pool.submit(
            compute_board, BoardSpec("previous", "Previous"), data.previous, None, seed
        )
    for spec in specs[1:]:
        jobs[spec.key] = pool.submit(compute_board, spec, data.ranked, suite, seed)
    return jobs, previous


def build_site(
    results_dir: str | Path = "results",
    tasks_dir: str | Path | None = "tasks",
    out: str | Path = "site",
    *,
    sources: SiteSources | None = None,
    seed: int = 0,
    workers: int | None = None,
    human_dir: str | Path | None = None,
    repository: str | None = None,
) -> BuildReport:
    """Build the static site from a results folder into `out` (emptied first).

    Args:
        results_dir: the results store (`runs/<run_id>/...`).
        tasks_dir: the task suite, for prompts, references, dates and current versions;
            None (or a missing folder) builds without them.
        out: the output folder; it must be new, empty, or a previous site.
        sources: templates and mkdocs.yml; default: the checkout's.
        seed: bootstrap seed, as `bench leaderboard --seed`.
        workers: worker processes (default: the CPU count, at most 4).
        human_dir: ballots and votes (`bench.human`); None or a missing folder: no votes.
        repository: `OWNER/NAME[@BRANCH]` the Vote pages open a pull request in.

    Returns:
        Counts and per-stage timings (seconds).
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    sources = sources or SiteSources.default()
    out = Path(out)
    inputs = [Path(results_dir), sources.templates_dir] + ([Path(tasks_dir)] if tasks_dir else [])
    _check_out(out, inputs)
    data = load_site_data(results_dir, tasks_dir)
    human = load_site_human(human_dir, seed, repository)
    timings["load"] = time.perf_counter() - started
    renderer = Renderer(sources.templates_dir)
    renderer.env.globals["docs"] = sources.doc_pages()
    specs = board_specs(data.current, data.tasks, knowledge_cutoffs(data.manifests))
    items = task_inputs(data)
    workers = workers or min(4, os.cpu_count() or 1)
    with _pool(workers) as pool:
        board_jobs, previous_job = _submit_boards(pool, data, specs, seed)
        order = _model_order(data)
        size = max(1, min(TASKS_PER_CHUNK, math.ceil(len(items) / (2 * workers))))
        task_jobs = [
            pool.submit(render_task_chunk, sources.templates_dir, chunk, order)
            for chunk in _chunks(items, size)
        ]
        boards = {key: job.result() for key, job in board_jobs.items()}
        previous = previous_job.result() if previous_job else None
        attach_to_boards(human, boards)
        timings["leaderboards"] = time.perf_counter() - started
        pages = main_pages(renderer, data, boards, previous, Path(results_dir))
        task_pages: list[SitePage] = [page for job in task_jobs for page in job.result()]
        timings["pages"] = time.perf_counter() - started
    site_pages = [*board_pages(renderer, data, boards, previous, weights_of(data)), *pages.pages]
    site_pages += human_pages(renderer, human, boards["all"].rows)
    all_pages = site_pages + task_pages
    build_with_mkdocs(
        sources.mkdocs_file,
        out,
        lambda docs_nav: SiteContent(
            all_pages,
            [*_static_files(sources), *pages.files],
            with_human_nav(pages.nav(specs, docs_nav)),
        ),
    )
    timings["total"] = time.perf_counter() - started
    return BuildReport(
        out=out,
        pages=len(all_pages),
        task_pages=len(task_pages),
        runs=len(data.runs),
        models=int(data.current["model"].nunique()) if len(data.current) else 0,
        timings=timings,
    )
