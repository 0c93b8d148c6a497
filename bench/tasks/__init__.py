"""Tasks: the model, loading and validation, hashing, sampling and importers."""

from bench.tasks._check_asserts import (
    CheckConversion,
    call_arguments,
    convert_check,
    is_plain_argument,
)
from bench.tasks._compare import normalise, values_equal
from bench.tasks._humaneval import import_humaneval
from bench.tasks._inputs import build_arguments
from bench.tasks._kinds import (
    MAX_PROJECT_FILE_BYTES,
    MAX_PROJECT_FILES,
    TASK_MODELS,
    DebugTask,
    Defect,
    DefectCategory,
    MultifileTask,
    RefactorTask,
    ReviewTask,
    TestgenTask,
    check_project_path,
    test_names,
)
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
    TaskBase,
    TaskMetadata,
    TestCase,
    Tolerance,
    content_hash,
    is_kebab_id,
    task_set_hash,
)
from bench.tasks._sampling import sample_tasks
from bench.tasks._variants import PERTURBATIONS, make_variants
from bench.tasks._writing import task_to_yaml, write_task

__all__ = [
    "MAX_PROJECT_FILES",
    "MAX_PROJECT_FILE_BYTES",
    "PERTURBATIONS",
    "TASK_MODELS",
    "CheckConversion",
    "CompareMode",
    "DebugTask",
    "Defect",
    "DefectCategory",
    "Difficulty",
    "MultifileTask",
    "RefactorTask",
    "ReviewTask",
    "Task",
    "TaskBase",
    "TaskLoadError",
    "TaskMetadata",
    "TaskProblem",
    "TestCase",
    "TestgenTask",
    "Tolerance",
    "build_arguments",
    "call_arguments",
    "check_project_path",
    "content_hash",
    "convert_check",
    "discover_task_files",
    "import_humaneval",
    "is_kebab_id",
    "is_plain_argument",
    "load_task_file",
    "load_tasks",
    "make_variants",
    "normalise",
    "sample_tasks",
    "task_set_hash",
    "task_to_yaml",
    "test_names",
    "values_equal",
    "write_task",
]
