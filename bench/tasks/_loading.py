"""Reading task files: YAML or JSON in, validated `Task`s or a list of problems out.

Every problem names its file and field in one line, so a contributor can fix a
task without reading a traceback; all problems of a set are gathered before
failing, so one run of `bench tasks validate` shows them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bench.tasks._kinds import TASK_MODELS, TestgenTask
from bench.tasks._model import Difficulty, Task, TaskBase

TASK_SUFFIXES = (".yaml", ".yml", ".json")
# libyaml's loader parses ~10x faster than the pure-Python one; same safe subset of YAML.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class TaskProblem:
    """One thing wrong with one task file."""

    path: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"


class TaskLoadError(Exception):
    """Raised with every problem found; `str()` gives one line per problem."""

    def __init__(self, problems: list[TaskProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def _read_document(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise TaskLoadError(
                [TaskProblem(str(path), f"invalid JSON at line {error.lineno}: {error.msg}")]
            ) from None
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise TaskLoadError([TaskProblem(str(path), f"invalid YAML{where}: {reason}")]) from None


def _field_path(location: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in location:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(task)"


def _validation_problems(path: Path, error: ValidationError) -> list[TaskProblem]:
    problems = []
    for detail in error.errors():
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            message = "missing required field"
        elif detail["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        problems.append(TaskProblem(str(path), message, _field_path(tuple(detail["loc"]))))
    return problems


def load_task_file(path: str | Path) -> TaskBase:
    """Load and validate one task file; raise `TaskLoadError` naming each problem.

    The file's `kind` (default `function`) picks the model that reads it, so a field
    of another kind, or a misspelt one, is an unknown field of this kind.
    """
    path = Path(path)
    document = _read_document(path)
    if not isinstance(document, dict):
        raise TaskLoadError([TaskProblem(str(path), "a task file must hold a mapping")])
    kind = document.get("kind", Task.KIND)
    model = TASK_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = ", ".join(TASK_MODELS)
        raise TaskLoadError(
            [TaskProblem(str(path), f"unknown kind {kind!r}: one of {known}", "kind")]
        )
    try:
        task = model.model_validate(document)
    except ValidationError as error:
        raise TaskLoadError(_validation_problems(path, error)) from None
    task._source_path = str(path)
    problems = _placement_problems(path, task)
    if problems:
        raise TaskLoadError(problems)
    return task


def _placement_problems(path: Path, task: TaskBase) -> list[TaskProblem]:
    """The file name must be the id, and a difficulty folder must match the task's tier."""
    problems = []
    if path.stem != task.id:
        problems.append(
            TaskProblem(
                str(path), f"id {task.id!r} does not match the file name {path.stem!r}", "id"
            )
        )
    folder = path.parent.name
    if folder in {d.value for d in Difficulty} and folder != task.difficulty.value:
        problems.append(
            TaskProblem(
                str(path),
                f"{task.difficulty.value!r} but the file is under {folder}/",
                "difficulty",
            )
        )
    return problems


def discover_task_files(paths: Iterable[str | Path]) -> list[Path]:
    """Task files named by `paths`: files as given, folders searched recursively."""
    found: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            found.extend(
                sorted(p for p in entry.rglob("*") if p.suffix in TASK_SUFFIXES and p.is_file())
            )
        elif entry.is_file():
            found.append(entry)
        else:
            raise TaskLoadError([TaskProblem(str(entry), "no such file or folder")])
    return found


def load_tasks(paths: Iterable[str | Path], sources: Iterable[str | Path] = ()) -> list[TaskBase]:
    """Load every task under `paths`, sorted by (difficulty, id).

    `sources` (e.g. the suite's folder when `paths` names a few files) supplies the
    function tasks a testgen task's `from_task` may name; they are not returned.
    Raises `TaskLoadError` with all problems of all files, duplicate ids included,
    and testgen tasks whose `from_task` names no function task of the set.
    """
    problems: list[TaskProblem] = []
    tasks: list[TaskBase] = []
    seen: dict[str, str] = {}
    for path in discover_task_files(paths):
        try:
            task = load_task_file(path)
        except TaskLoadError as error:
            problems.extend(error.problems)
            continue
        if task.id in seen:
            problems.append(
                TaskProblem(str(path), f"duplicate id {task.id!r} (also in {seen[task.id]})", "id")
            )
            continue
        seen[task.id] = str(path)
        tasks.append(task)
    tasks = resolve_sources(tasks, problems, _source_tasks(tasks, sources))
    if problems:
        raise TaskLoadError(problems)
    return sorted(tasks, key=lambda task: (task.difficulty.rank, task.id))


def _source_tasks(tasks: list[TaskBase], sources: Iterable[str | Path]) -> list[TaskBase]:
    """Function tasks under `sources` that a testgen task of `tasks` names and lacks."""
    wanted = {
        task.from_task for task in tasks if isinstance(task, TestgenTask) and task.from_task
    } - {task.id for task in tasks}
    if not wanted:
        return []
    found = []
    for path in discover_task_files(sources):
        if path.stem in wanted:
            try:
                found.append(load_task_file(path))
            except TaskLoadError:
                continue  # its own problems are reported when it is validated itself
    return found


def resolve_sources(
    tasks: list[TaskBase], problems: list[TaskProblem], extra: Iterable[TaskBase] = ()
) -> list[TaskBase]:
    """Testgen tasks with `from_task` get their source's fields; a missing source is a problem.

    The resolved task's version hashes the source's content too, so a changed source
    task is a new version of every testgen task built from it.
    """
    functions = {task.id: task for task in [*extra, *tasks] if type(task) is Task}
    resolved: list[TaskBase] = []
    for task in tasks:
        if isinstance(task, TestgenTask) and task.from_task is not None:
            source = functions.get(task.from_task)
            if source is None:
                where = task.source_path or task.id
                message = f"names {task.from_task!r}, which is not a function task of this set"
                problems.append(TaskProblem(where, message, "from_task"))
                continue
            task = task.resolve(source)
        resolved.append(task)
    return resolved
