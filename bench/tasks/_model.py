"""The task contract: what a task file may say, checked by pydantic.

A task is data, not code: everything a model sees (the prompt), everything the
harness needs to judge an answer (tests, comparison mode) and the reference that
proves the tests are satisfiable. `Task.version` is a hash of the normalised
content, so results can tell a changed task from its old self.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import keyword
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

TASK_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Difficulty(StrEnum):
    """Difficulty tiers, in increasing order."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    EXTREME = "extreme"

    @property
    def rank(self) -> int:
        """Position in the easy→extreme order, for sorting."""
        return list(Difficulty).index(self)


class CompareMode(StrEnum):
    """How a returned value is judged against `expected`.

    exact: equal after normalisation (tuples are lists; bool is not a number).
    float: like exact, but numbers match within the task's tolerance, recursively.
    unordered: the result and `expected` are lists holding the same elements,
        in any order (each element compared as in exact).
    """

    EXACT = "exact"
    FLOAT = "float"
    UNORDERED = "unordered"


class Tolerance(BaseModel):
    """Numeric tolerance for `compare: float` (math.isclose semantics)."""

    model_config = ConfigDict(extra="forbid")

    rel: float = Field(default=1e-6, ge=0)
    """Relative tolerance."""
    abs: float = Field(default=1e-9, ge=0)
    """Absolute tolerance, for values near zero."""


class TestCase(BaseModel):
    """One call of the entry point: `entry_point(*input)` must give `expected` (or raise)."""

    __test__ = False  # not a pytest class
    model_config = ConfigDict(extra="forbid")

    input: list[Any] | None = None
    """Positional arguments, as a list (a single list argument is `[[...]]`)."""
    input_code: str | None = None
    """Instead of `input`: a Python expression giving the argument list, for inputs
    too large to write out. It is trusted task code, evaluated outside the
    candidate with only `rng` (`random.Random(0)`), `math` and `string` in scope."""
    expected: Any = None
    """The value the call must return, compared by the task's (or this test's) mode."""
    raises: str | None = None
    """Instead of `expected`: the name of the exception class the call must raise
    (a subclass counts)."""
    weight: float = 1.0
    """Share of the task's correctness this test carries; must be > 0."""
    timeout: float = 2.0
    """Seconds this one call may take inside the sandbox; must be > 0."""
    compare: CompareMode | None = None
    """Overrides the task's comparison mode for this test."""
    name: str | None = None
    """A short label shown in verdicts (defaults to the test's index)."""
    generated: bool = False
    """True for a test `bench tasks harden` proposed: its input came from mutating the
    task's inputs and its expected value from the reference, run in the sandbox."""

    @field_validator("weight", "timeout")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"must be > 0 (got {value})")
        return value

    @model_validator(mode="after")
    def _expected_or_raises(self) -> TestCase:
        if (self.input is None) == (self.input_code is None):
            raise ValueError("give exactly one of `input` and `input_code`")
        if self.raises is not None and "expected" in self.model_fields_set:
            raise ValueError("give either `expected` or `raises`, not both")
        if self.raises is None and "expected" not in self.model_fields_set:
            raise ValueError("missing `expected` (or `raises`)")
        if self.raises is not None and not self.raises.isidentifier():
            raise ValueError(f"`raises` must be an exception class name (got {self.raises!r})")
        return self


class TaskMetadata(BaseModel):
    """Provenance and labels; `added` drives contamination windows."""

    model_config = ConfigDict(extra="forbid")

    tags: list[str] = Field(default_factory=list)
    """Topic labels (sorting, parsing, dp, ...), used for per-tag strengths."""
    added: dt.date
    """The day the task entered the suite; tasks added after a model's knowledge
    cutoff cannot be in its training data."""
    source: str = "original"
    """`original` for tasks written here, else the benchmark it was imported from."""
    source_id: str | None = None
    """The task's id in its source benchmark (e.g. `HumanEval/0`)."""
    author: str | None = None
    """Who wrote or imported it."""
    license: str | None = None
    """The licence of the task's text, when it differs from the repository's."""
    efficiency_sensitive: bool = False
    """True when a naive solution is much slower (or times out): efficiency has signal."""


class TaskBase(BaseModel):
    """The fields every task kind shares; each kind's model adds its own.

    `kind` names the model that reads a file (`function` when absent, so every file
    written before kinds existed keeps its meaning and its version hash).
    """

    model_config = ConfigDict(extra="forbid")

    KIND: ClassVar[str] = ""
    """The `kind` value this model reads; set by each concrete task model."""

    id: str = Field(pattern=TASK_ID_PATTERN)
    """Unique, kebab-case, equal to the file name without its extension."""
    kind: str = "function"
    """function | debug | refactor | multifile | review | testgen."""
    difficulty: Difficulty
    """easy | medium | hard | extreme."""
    title: str = Field(min_length=1)
    """A one-line human title."""
    prompt: str = Field(min_length=1)
    """What the model is asked (for debug: the bug report; for review: what the code
    is meant to do; for multifile: the change request)."""
    metadata: TaskMetadata
    """Provenance and labels."""

    _source_path: str | None = PrivateAttr(default=None)
    _version: str | None = PrivateAttr(default=None)
    _variant: int = PrivateAttr(default=0)
    _variant_description: str | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _kind_matches(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls.KIND:
            given = data.get("kind", cls.KIND)
            if given != cls.KIND:
                raise ValueError(f"kind {given!r} cannot be read as a {cls.KIND} task")
            data = {**data, "kind": cls.KIND}
        return data

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_"):
            self._version = None  # a changed field is a new version
        super().__setattr__(name, value)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy whose version is recomputed from its own content."""
        copy = super().model_copy(update=update, deep=deep)
        copy._version = None
        return copy

    @property
    def source_path(self) -> str | None:
        """The file this task was loaded from, if any."""
        return self._source_path

    @property
    def version(self) -> str:
        """Content hash: stable across key order and formatting-only edits (computed once)."""
        if self._version is None:
            self._version = content_hash(self)
        return self._version

    @property
    def variant(self) -> int:
        """0 for the task as written; 1..N for a robustness rewording of it."""
        return self._variant

    @property
    def variant_description(self) -> str | None:
        """For a rewording: which rewordings it applies (e.g. `rename-function, typos`)."""
        return self._variant_description

    def mark_variant(self, index: int, version: str, description: str) -> None:
        """Make this task rewording `index` of the task whose version is `version`.

        A rewording is derived from that task, the run's seed and its index (all
        recorded), so it shares the task's version: its attempts count against it.
        """
        self._variant, self._version, self._variant_description = index, version, description


class Task(TaskBase):
    """A function task: write `entry_point` from the prompt (`kind: function`, the default).

    Debug and refactor tasks extend it (they are judged the same way, on code the
    model returns); the other kinds have models of their own in `_kinds.py`.
    """

    KIND: ClassVar[str] = "function"

    entry_point: str
    """The name of the function the tests call."""
    tests: list[TestCase] = Field(default_factory=list)
    """Input/expected tests, judged outside the candidate's process."""
    test_code: str | None = None
    """Assert-style tests defining `check(candidate)`, as in HumanEval."""
    compare: CompareMode = CompareMode.EXACT
    """Default comparison mode of the tests."""
    tolerance: Tolerance = Field(default_factory=Tolerance)
    """Tolerance for `compare: float`."""
    reference_solution: str = Field(min_length=1)
    """A solution that passes every test; also the efficiency baseline."""
    efficiency: bool = True
    """False when the input tests are correctness examples too small for runtime to
    mean anything (HumanEval's own asserts, a few microseconds per call): the task then
    gets no efficiency score, as a task with `test_code` alone, and its tests are run
    once, not timed with repeats against the reference."""

    @field_validator("entry_point")
    @classmethod
    def _entry_point_identifier(cls, value: str) -> str:
        return check_identifier(value)

    @model_validator(mode="after")
    def _has_tests(self) -> Self:
        if not self.tests and not self.test_code:
            raise ValueError("a task needs `tests` or `test_code`")
        return self

    @property
    def total_weight(self) -> float:
        """Sum of test weights (the denominator of correctness)."""
        return sum(test.weight for test in self.tests)

    def compare_mode(self, test: TestCase) -> CompareMode:
        """The mode that judges `test`."""
        return test.compare or self.compare


def check_identifier(value: str) -> str:
    """`value` when it can name a Python function, else a ValueError saying why."""
    if not value.isidentifier() or keyword.iskeyword(value):
        raise ValueError(f"must be a Python identifier (got {value!r})")
    return value


def _normalise_text(value: Any) -> Any:
    """Make formatting-only edits invisible to the hash.

    Trailing spaces on a line and trailing blank lines of a block scalar are the
    usual results of re-indenting or re-flowing YAML; they never change meaning.
    """
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.strip("\n").splitlines())
    if isinstance(value, list):
        return [_normalise_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalise_text(item) for key, item in value.items()}
    return value


def content_hash(task: TaskBase) -> str:
    """A 16-hex-digit hash of the task's normalised content.

    Defaults are filled in before hashing, so writing a default explicitly
    (`weight: 1`) does not make a new version; any change to what the model
    sees or to how it is judged does. `kind: function`, `efficiency: true` and a
    test's `generated: false` are left out: they are defaults added later, and files
    written before them keep their hashes.
    """
    data = _normalise_text(task.model_dump(mode="json"))
    if data.get("kind") == Task.KIND:
        del data["kind"]
    if data.get("efficiency") is True:
        del data["efficiency"]  # added later, true by default: tasks keep their hashes
    for test in data.get("tests") or []:
        if isinstance(test, dict) and test.get("generated") is False:
            del test["generated"]  # added later: hand-written tests keep their hashes
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def task_set_hash(tasks: Sequence[TaskBase]) -> str:
    """A hash of a whole task set: its ids and versions, in id order."""
    lines = "\n".join(f"{task.id}={task.version}" for task in sorted(tasks, key=lambda t: t.id))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:16]


def is_kebab_id(value: str) -> bool:
    """True when `value` is a well-formed task id."""
    return re.fullmatch(TASK_ID_PATTERN, value) is not None
