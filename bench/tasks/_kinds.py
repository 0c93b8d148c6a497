"""The task models of the kinds beyond `function`: their fields and load-time checks.

Each model is data only (what a task file may say); what a kind shows the model, how
it reads and judges an answer and what its baselines return live in `bench.kinds`.
`TASK_MODELS` maps a file's `kind` to the model that reads it.
"""

from __future__ import annotations

import posixpath
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bench._pyast import parse_python
from bench.tasks._model import Task, TaskBase, TestCase, check_identifier

MAX_PROJECT_FILES = 40
"""Files a multifile project (or an answer to one) may hold."""

MAX_PROJECT_FILE_BYTES = 64 * 1024
"""Bytes one file of a multifile project (or of an answer) may hold."""


class DebugTask(Task):
    """Fix the code so the bug report no longer holds (`kind: debug`).

    The prompt is the report (the symptom, not the cause); `code` is shown and fails
    at least one test; `reference_solution` is the fix and passes them all.
    """

    KIND: ClassVar[str] = "debug"

    code: str = Field(min_length=1)
    """The buggy code shown to the model; it defines `entry_point`."""


class RefactorTask(Task):
    """Improve the code without changing what it does (`kind: refactor`).

    `code` passes every test and scores lower on quality than `reference_solution`.
    """

    KIND: ClassVar[str] = "refactor"

    code: str = Field(min_length=1)
    """The working but smelly code shown to the model; it defines `entry_point`."""


def check_project_path(path: str) -> str:
    """`path` when it is a safe relative POSIX path inside a project, else a ValueError.

    Refused: empty, absolute (`/x`, `C:`), backslashes, `..` or `.` parts, empty
    parts (`a//b`), and hidden parts (`.git/`), which no task needs and which could
    shadow tooling.
    """
    if not path or path != path.strip():
        raise ValueError(f"bad path {path!r}: empty or padded with spaces")
    if path.startswith("/") or "\\" in path or (len(path) > 1 and path[1] == ":"):
        raise ValueError(f"bad path {path!r}: must be relative, with forward slashes")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"bad path {path!r}: no empty, `.` or `..` parts")
    if any(part.startswith(".") for part in parts):
        raise ValueError(f"bad path {path!r}: no hidden files or folders")
    if posixpath.normpath(path) != path:
        raise ValueError(f"bad path {path!r}: not in normal form")
    return path


def _check_files(files: dict[str, str], field: str) -> dict[str, str]:
    if len(files) > MAX_PROJECT_FILES:
        raise ValueError(f"{field}: {len(files)} files, at most {MAX_PROJECT_FILES}")
    for path, content in files.items():
        check_project_path(path)
        if len(content.encode("utf-8")) > MAX_PROJECT_FILE_BYTES:
            raise ValueError(f"{field}: {path} is over {MAX_PROJECT_FILE_BYTES} bytes")
    return files


class MultifileTask(TaskBase):
    """Change a small project as asked (`kind: multifile`).

    The project (`files`) is laid out in the sandbox's scratch folder, the answer's
    files are written over it, and the trusted `test_code` runs with the project root
    on `sys.path`; each top-level `def test_*()` is one verdict.
    """

    KIND: ClassVar[str] = "multifile"

    files: dict[str, str] = Field(min_length=1)
    """The project as shown: relative POSIX path -> content."""
    test_code: str = Field(min_length=1)
    """Trusted test module; each top-level `def test_*()` is one test of weight 1."""
    test_weights: dict[str, float] = Field(default_factory=dict)
    """Weights of named tests (default 1); each must name a test of `test_code`."""
    reference_files: dict[str, str] = Field(min_length=1)
    """The files the reference change writes (changed or new), in full."""
    timeout: float = Field(default=10.0, gt=0)
    """Seconds the whole test module may take."""

    @field_validator("files", "reference_files")
    @classmethod
    def _safe_paths(cls, files: dict[str, str], info: Any) -> dict[str, str]:
        return _check_files(files, info.field_name)

    @field_validator("test_weights")
    @classmethod
    def _positive_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        for name, weight in weights.items():
            if weight <= 0:
                raise ValueError(f"{name}: must be > 0 (got {weight})")
        return weights

    @model_validator(mode="after")
    def _weights_name_tests(self) -> Self:
        unknown = sorted(set(self.test_weights) - set(test_names(self.test_code)))
        if unknown:
            raise ValueError(f"test_weights names tests that test_code lacks: {unknown}")
        if not test_names(self.test_code):
            raise ValueError("test_code defines no top-level `def test_*()`")
        return self

    def project_with(self, changes: dict[str, str]) -> dict[str, str]:
        """The project after writing `changes` over `files`."""
        return {**self.files, **changes}

    @property
    def test_functions(self) -> list[str]:
        """The names of the tests, in file order."""
        return test_names(self.test_code)

    def test_weight(self, name: str) -> float:
        """The weight of test `name` (1 unless `test_weights` says otherwise)."""
        return self.test_weights.get(name, 1.0)


def test_names(test_code: str) -> list[str]:
    """The top-level `test_*` functions of a test module, in order ([] if it does not parse)."""
    import ast

    try:
        module = parse_python(test_code)
    except (SyntaxError, ValueError):
        return []
    return [
        node.name
        for node in module.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]


test_names.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


class DefectCategory(StrEnum):
    """What kind of problem a review defect is."""

    BUG = "bug"
    SECURITY = "security"
    PERFORMANCE = "performance"
    MAINTAINABILITY = "maintainability"


class Defect(BaseModel):
    """One true defect of the code under review: the ground truth a finding must hit."""

    model_config = ConfigDict(extra="forbid")

    lines: list[int] = Field(min_length=1, max_length=2)
    """`[line]` or `[first, last]` (1-based, inclusive) where the defect lies."""
    category: DefectCategory
    """bug | security | performance | maintainability."""
    summary: str = Field(min_length=1)
    """What is wrong, for the task's page and its reviewers."""

    @field_validator("lines")
    @classmethod
    def _ordered(cls, lines: list[int]) -> list[int]:
        if any(line < 1 for line in lines) or lines != sorted(lines):
            raise ValueError(f"lines must be 1-based and ordered (got {lines})")
        return lines

    @property
    def first(self) -> int:
        """The first line of the defect."""
        return self.lines[0]

    @property
    def last(self) -> int:
        """The last line of the defect."""
        return self.lines[-1]


class ReviewTask(TaskBase):
    """Find the defects in a piece of code (`kind: review`); judged outside any sandbox.

    With `entry_point`, `tests` and `reference_solution` (the fixed code), every `bug`
    defect is proven: `code` fails a test and the fix passes them all.
    """

    KIND: ClassVar[str] = "review"

    code: str = Field(min_length=1)
    """The code under review (shown with line numbers)."""
    defects: list[Defect] = Field(default_factory=list)
    """The true defects; [] means the code is clean."""
    entry_point: str | None = None
    """The function the proving tests call."""
    tests: list[TestCase] = Field(default_factory=list)
    """Tests that `code` fails and `reference_solution` passes."""
    reference_solution: str | None = None
    """The fixed code."""

    @field_validator("entry_point")
    @classmethod
    def _entry_point_identifier(cls, value: str | None) -> str | None:
        return None if value is None else check_identifier(value)

    @model_validator(mode="after")
    def _proof_is_whole(self) -> Self:
        given = [
            self.entry_point is not None,
            bool(self.tests),
            self.reference_solution is not None,
        ]
        if any(given) and not all(given):
            raise ValueError("give entry_point, tests and reference_solution together, or none")
        lines = self.code.count("\n") + (0 if self.code.endswith("\n") else 1)
        for index, defect in enumerate(self.defects):
            if defect.last > lines:
                raise ValueError(f"defects[{index}]: line {defect.last} is past the code's end")
        return self

    def proving_task(self) -> Task | None:
        """A function task of the proof (code must fail it, the fix pass it), if any."""
        if self.entry_point is None or self.reference_solution is None:
            return None
        return Task(
            id=self.id,
            difficulty=self.difficulty,
            title=self.title,
            prompt=self.prompt,
            entry_point=self.entry_point,
            tests=self.tests,
            reference_solution=self.reference_solution,
            metadata=self.metadata,
        )


class TestgenTask(TaskBase):
    """Write the tests for a specified function (`kind: testgen`).

    Either the four fields (prompt, entry_point, reference_solution, optional tests)
    or `from_task`, naming a function task whose fields are reused without copying;
    `resolve` fills them in when the task set is loaded.
    """

    __test__ = False  # not a pytest class
    KIND: ClassVar[str] = "testgen"

    prompt: str = ""
    """The specification (taken from `from_task` when empty)."""
    from_task: str | None = None
    """The id of a function task to reuse: its prompt, entry point, reference and tests."""
    entry_point: str | None = None
    """The function under test."""
    reference_solution: str | None = None
    """The correct implementation the suite runs against (never shown)."""
    tests: list[TestCase] = Field(default_factory=list)
    """Input/expected tests that define which mutants change behaviour."""
    test_code: str | None = None
    """Assert-style `check(candidate)` tests, when the source task has those instead."""
    compare: str = "exact"
    """Comparison mode of `tests` (as for function tasks)."""

    @model_validator(mode="after")
    def _source_or_fields(self) -> Self:
        own = [bool(self.prompt), self.entry_point is not None, self.reference_solution is not None]
        if self.from_task is None and not all(own):
            raise ValueError("give prompt, entry_point and reference_solution, or from_task")
        if self.entry_point is not None:
            check_identifier(self.entry_point)
        return self

    def resolve(self, source: Task) -> TestgenTask:
        """This task with the fields of `source` (a function task) filled in."""
        resolved = self.model_copy(
            update={
                "prompt": self.prompt or source.prompt,
                "entry_point": self.entry_point or source.entry_point,
                "reference_solution": self.reference_solution or source.reference_solution,
                "tests": self.tests or source.tests,
                "test_code": self.test_code or source.test_code,
                "compare": source.compare.value,
            }
        )
        resolved._source_path = self._source_path
        return resolved

    def as_function_task(self) -> Task:
        """The function task whose reference and tests define the mutants."""
        if self.entry_point is None or self.reference_solution is None:
            raise ValueError(f"testgen task {self.id}: from_task {self.from_task!r} not resolved")
        return Task(
            id=self.id,
            difficulty=self.difficulty,
            title=self.title,
            prompt=self.prompt or self.title,
            entry_point=self.entry_point,
            tests=self.tests,
            test_code=self.test_code,
            compare=self.compare,  # type: ignore[arg-type]  # pydantic coerces the mode name
            reference_solution=self.reference_solution,
            metadata=self.metadata,
        )


TASK_MODELS: dict[str, type[TaskBase]] = {
    model.KIND: model
    for model in (Task, DebugTask, RefactorTask, MultifileTask, ReviewTask, TestgenTask)
}
"""Which model reads a task file of each `kind`."""
