"""Which tasks a run covers: the `--tasks`, `--difficulty` and `--sample` selection.

It lives in the library, not the CLI, so that a script building a `RunRequest`
selects exactly the tasks `bench run` would for the same options.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from bench.runner._session import RunError
from bench.tasks import TaskBase, load_tasks, sample_tasks


def select_tasks(
    tasks_dir: str | Path,
    task_glob: str | None = None,
    difficulty: str | None = None,
    sample_size: int | None = None,
    seed: int = 0,
) -> list[TaskBase]:
    """The tasks under `tasks_dir` whose id matches `task_glob`, of `difficulty`, sampled.

    The sample is stratified by difficulty and seeded, so the same options pick the
    same tasks on every machine (shards rely on it). Raises `RunError` when nothing
    is left: a run of no tasks is always a mistake in the options.
    """
    tasks = load_tasks([tasks_dir])
    if task_glob:
        tasks = [task for task in tasks if fnmatch.fnmatchcase(task.id, task_glob)]
    if difficulty:
        tasks = [task for task in tasks if task.difficulty.value == difficulty]
    if sample_size:
        tasks = sample_tasks(tasks, sample_size, seed)
    if not tasks:
        raise RunError(f"no task in {tasks_dir}/ matches the selection")
    return tasks
