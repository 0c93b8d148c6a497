"""The task-kind contract: what a kind shows the model, how it reads and judges an answer.

A kind is one module with one `TaskKind` subclass registered by `@register_kind`.
The runner, the baselines, the samples reader, the validator and the site ask the
task's kind (`kind_of(task)`) instead of branching on its name, so a new kind plugs
in without touching them. Task fields live in `bench.tasks` (data); behaviour here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from bench.sandbox import ExecutionResult, Executor
from bench.tasks import TaskBase

TaskT = TypeVar("TaskT", bound=TaskBase)


class BaselineRole(StrEnum):
    """The three offline baselines every kind defines."""

    REFERENCE = "reference"
    """The kind's reference answer: should score at the top."""
    NULL = "null"
    """The input back unchanged, or an empty answer: should score at the bottom."""
    MUTANT = "mutant"
    """The reference answer with one seeded fault: in between."""


@dataclass(frozen=True)
class BaselineAnswer:
    """A baseline's answer (as `generated_code` stores it) and one line saying what it is."""

    answer: str
    description: str


@dataclass(frozen=True)
class Judgement:
    """The outcome of judging one answer, in terms the scorer and the results store read.

    `result` carries the verdicts and weights (for review and testgen, correctness is
    expressed as passed/total weight too, so one scorer serves every kind).
    """

    result: ExecutionResult
    """Status, per-test verdicts, weights, times, output, error."""
    details: dict[str, Any] = field(default_factory=dict)
    """Kind-specific figures, stored as `details_json` (changed lines, recall, ...)."""
    quality_code: str | None = None
    """The code whose quality is scored; None where quality is undefined (review)."""
    quality_before: str | None = None
    """Refactor: the original code; quality is then the gain over it."""
    quality_target: str | None = None
    """Refactor: the reference refactoring, the gain a full score needs."""
    timed: bool = False
    """True when efficiency applies (the answer's test times against the reference's)."""


class TaskKind(ABC, Generic[TaskT]):
    """One kind of task. Subclass, set the class attributes, register with `@register_kind`."""

    name: ClassVar[str] = ""
    """The `kind` value of the task files this kind reads."""
    model: ClassVar[type[TaskBase]]
    """The task model (in `bench.tasks`) of this kind."""
    system_prompt: ClassVar[str] = ""
    """The system message of every prompt of this kind."""
    timed: ClassVar[bool] = False
    """True when efficiency is defined for this kind (code run against input tests)."""

    @abstractmethod
    def render_prompt(self, task: TaskT) -> str:
        """The user message for `task`."""

    @abstractmethod
    def extract(self, text: str, task: TaskT) -> str:
        """The answer in a model's whole reply, in the form `judge` reads ("" when none)."""

    def answer_from_sample(self, record: dict[str, Any], task: TaskT) -> str:
        """The answer a samples-file line stands for: `response` is a whole reply."""
        response = record.get("response")
        if isinstance(response, str):
            return self.extract(response, task)
        solution = record.get("solution")
        return solution if isinstance(solution, str) else ""

    @abstractmethod
    def judge(self, answer: str, task: TaskT, executor: Executor, repeats: int) -> Judgement:
        """Judge `answer` (called on a sandbox thread; may use `executor`)."""

    @abstractmethod
    def baseline(self, role: BaselineRole, task: TaskT, seed: int, key: str) -> BaselineAnswer:
        """What baseline `role` answers; `(seed, key)` seeds any choice it makes."""

    @abstractmethod
    def tests_total(self, task: TaskT) -> int:
        """How many verdicts an answer to `task` gets (the `tests_total` column)."""

    def strict_problems(self, task: TaskT, executor: Executor) -> list[str]:
        """This kind's own invariants for `bench tasks validate --strict` ([] when sound)."""
        return []

    def page_parts(self, answer: str, task: TaskT) -> dict[str, Any]:
        """Plain data the kind's page template shows for one answer, beyond its code.

        The template is `site_templates/kinds/<name>.html`; e.g. the files of a
        multifile answer.
        """
        return {}

    def reference_run(self, task: TaskT, executor: Executor, repeats: int) -> ExecutionResult:
        """The reference's timed execution, for efficiency (timed kinds only)."""
        raise NotImplementedError(f"{self.name} tasks are not timed")


_KINDS: dict[str, TaskKind[Any]] = {}


def register_kind(cls: type[TaskKind[Any]]) -> type[TaskKind[Any]]:
    """Class decorator: make a kind available to `kind_of` and `get_kind`."""
    if not cls.name or cls.name != cls.model.KIND:
        raise ValueError(f"{cls.__name__}: name {cls.name!r} must equal its model's KIND")
    _KINDS[cls.name] = cls()
    return cls


def get_kind(name: str) -> TaskKind[Any]:
    """The registered kind called `name`; KeyError naming the known ones otherwise."""
    _load_builtins()
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"unknown task kind {name!r}; known: {', '.join(sorted(_KINDS))}") from None


def kind_of(task: TaskBase) -> TaskKind[Any]:
    """The kind that handles `task`."""
    return get_kind(task.kind)


def available_kinds() -> list[str]:
    """Names of the registered kinds, `function` first."""
    _load_builtins()
    return sorted(_KINDS, key=lambda name: (name != "function", name))


def _load_builtins() -> None:
    import bench.kinds._builtin  # noqa: F401  (registers the built-in kinds)
