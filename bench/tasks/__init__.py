"""Tasks: the model, loading and validation, hashing, sampling and importers."""

from bench.tasks._compare import values_equal
from bench.tasks._loading import (
    TaskLoadError,
    TaskProblem,
    discover_task_files,
    load_task_file,
    load_tasks,
)
from bench.tasks._model import (
    CompareMode,
    Difficulty,
    Task,
    TaskMetadata,
    TestCase,
    Tolerance,
    content_hash,
    task_set_hash,
)
from bench.tasks._sampling import sample_tasks

__all__ = [
    "CompareMode",
    "Difficulty",
    "Task",
    "TaskLoadError",
    "TaskMetadata",
    "TaskProblem",
    "TestCase",
    "Tolerance",
    "content_hash",
    "discover_task_files",
    "load_task_file",
    "load_tasks",
    "sample_tasks",
    "task_set_hash",
    "values_equal",
]
