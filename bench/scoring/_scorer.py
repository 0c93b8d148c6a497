"""Scorers: what turns one attempt's evidence into its five numbers, and how to plug one in.

`Scorer` is the extension point of the seed design (`class CustomScorer(Scorer)`):
subclass it, implement `evaluate`, and name it in bench.yaml either by import
path (`my_pkg.scoring:StrictScorer`) or by an entry point in the `bench.scorers`
group. `DefaultScorer` is the published leaderboard's scorer.
"""

from __future__ import annotations

import functools
import importlib
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench.scoring._dimensions import (
    DEFAULT_WEIGHTS,
    SpeedBaseline,
    TimingSample,
    correctness,
    efficiency,
    gated_overall,
    refactor_gain,
    speed,
)
from bench.scoring._quality import QualityReport, quality, quality_many

if TYPE_CHECKING:
    from bench.tasks import TaskBase

ENTRY_POINT_GROUP = "bench.scorers"
BUILTIN_SCORERS = {"default": "bench.scoring:DefaultScorer"}
"""Used when no installed distribution registers the name as an entry point."""


@dataclass(frozen=True)
class ScoringInput:
    """Everything a scorer may use about one attempt; built by the runner."""

    task: TaskBase
    """The task attempted (any kind: `task.kind` says which)."""
    code: str | None
    """The code extracted from the reply; "" for a reply without code, None for no reply."""
    response_time_s: float | None
    """Seconds the model took; None when there was no reply."""
    passed_weight: float | None
    """Summed weight of the passed tests; None when the tests did not run (infrastructure)."""
    total_weight: float
    """Summed weight of all tests (1 for a task judged by `test_code` alone)."""
    all_passed: bool
    """Whether every test passed."""
    candidate_times: Sequence[TimingSample | None] | None = None
    """Per-test runtimes of the candidate (numbers or lists of repeats)."""
    reference_times: Sequence[TimingSample | None] | None = None
    """Per-test runtimes of the reference, measured in the same sandbox."""
    response_text: str | None = None
    """The raw reply, for scorers that judge more than the code."""
    quality_before: str | None = None
    """Refactor tasks: the code shown; quality is then the gain over it (`refactor_gain`)."""
    quality_target: str | None = None
    """Refactor tasks: the reference refactoring, whose gain scores 100."""


@dataclass(frozen=True)
class Score:
    """The scores of one attempt, 0..100 each, None where undefined."""

    correctness: float | None
    speed: float | None
    quality: float | None
    efficiency: float | None
    overall: float | None
    quality_report: QualityReport | None = None
    """The details behind `quality`, when it was measured."""
    details: dict[str, float] = field(default_factory=dict)
    """Figures behind the scores worth keeping with the attempt (refactor: quality
    before, after and of the reference)."""

    def dimensions(self) -> dict[str, float | None]:
        """The four dimensions by name (the input of `overall`)."""
        return {
            "correctness": self.correctness,
            "speed": self.speed,
            "quality": self.quality,
            "efficiency": self.efficiency,
        }


class Scorer(ABC):
    """Base class of scorers: implement `evaluate`; override `evaluate_many` to batch."""

    @abstractmethod
    def evaluate(self, inputs: ScoringInput) -> Score:
        """Score one attempt."""

    def evaluate_many(self, inputs: Sequence[ScoringInput]) -> list[Score]:
        """Score many attempts (a rescore); by default one at a time."""
        return [self.evaluate(item) for item in inputs]


class DefaultScorer(Scorer):
    """The four dimensions of docs/methodology.md and their correctness-gated weighted mean."""

    def __init__(
        self,
        weights: Mapping[str, float] | None = None,
        speed_baseline: SpeedBaseline | None = None,
    ) -> None:
        """Configure from bench.yaml's `scoring` section.

        Args:
            weights: weight per dimension (default 0.40/0.20/0.25/0.15).
            speed_baseline: speed baselines (default 20 s for every difficulty).
        """
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.speed_baseline = speed_baseline or SpeedBaseline()

    def evaluate(self, inputs: ScoringInput) -> Score:
        """Score one attempt (quality runs one ruff process)."""
        report = quality(inputs.code) if inputs.code is not None else None
        return self._score(inputs, report)

    def evaluate_many(self, inputs: Sequence[ScoringInput]) -> list[Score]:
        """Score many attempts with one ruff process for all their code."""
        with_code = [index for index, item in enumerate(inputs) if item.code is not None]
        reports = quality_many([inputs[index].code or "" for index in with_code])
        report_of: dict[int, QualityReport] = dict(zip(with_code, reports, strict=True))
        return [self._score(item, report_of.get(index)) for index, item in enumerate(inputs)]

    def _quality(self, inputs: ScoringInput, score: float, details: dict[str, float]) -> float:
        """The answer's quality, or for a refactoring its gain over the code shown."""
        if inputs.quality_before is None or inputs.quality_target is None:
            return score
        before = _cached_quality(inputs.quality_before)
        target = _cached_quality(inputs.quality_target)
        details.update(quality_before=before, quality_after=score, quality_reference=target)
        return refactor_gain(score, before, target)

    def _score(self, inputs: ScoringInput, report: QualityReport | None) -> Score:
        details: dict[str, float] = {}
        dimensions: dict[str, float | None] = {
            "correctness": None
            if inputs.passed_weight is None
            else correctness(inputs.passed_weight, inputs.total_weight),
            "speed": None
            if inputs.response_time_s is None
            else speed(
                inputs.response_time_s,
                self.speed_baseline.for_difficulty(inputs.task.difficulty),
            ),
            "quality": None if report is None else self._quality(inputs, report.score, details),
            "efficiency": None
            if inputs.candidate_times is None or inputs.reference_times is None
            else efficiency(
                inputs.candidate_times, inputs.reference_times, all_passed=inputs.all_passed
            ),
        }
        return Score(
            **dimensions,
            overall=gated_overall(
                dimensions, self.weights, improvement=inputs.quality_before is not None
            ),
            quality_report=report,
            details=details,
        )


@functools.lru_cache(maxsize=1024)
def _cached_quality(code: str) -> float:
    """Quality of a task's own code (shown code, reference), measured once per run."""
    return quality(code).score


class ScorerLoadError(Exception):
    """A scorer named in the configuration cannot be loaded; the message says why."""


def _import_object(path: str) -> Any:
    module_name, _, attribute = path.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
    except ImportError as error:
        raise ScorerLoadError(f"scorer {path!r}: cannot import {module_name!r} ({error})") from None
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise ScorerLoadError(f"scorer {path!r}: {module_name} has no {attribute!r}") from None
    return target


def _find(spec: str) -> Any:
    from importlib.metadata import entry_points  # ~50 ms: only when a scorer is loaded

    if ":" in spec:
        return _import_object(spec)
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        if entry_point.name == spec:
            return entry_point.load()
    if spec in BUILTIN_SCORERS:
        return _import_object(BUILTIN_SCORERS[spec])
    known = sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)} | set(BUILTIN_SCORERS))
    raise ScorerLoadError(
        f"no scorer named {spec!r}: give `package.module:Class` or one of {', '.join(known)}"
    )


def load_scorer(spec: str = "default", **options: Any) -> Scorer:
    """Load a scorer by import path (`pkg.module:Name`) or entry-point name.

    Args:
        spec: `pkg.module:Name` (a Scorer subclass or instance), or the name of an
            entry point in the `bench.scorers` group, or `default`.
        **options: keyword arguments for the scorer class (from bench.yaml).

    Raises:
        ScorerLoadError: unknown name, failed import, or not a `Scorer`.
    """
    found = _find(spec)
    if isinstance(found, type) and issubclass(found, Scorer):
        try:
            return found(**options)
        except TypeError as error:
            raise ScorerLoadError(f"scorer {spec!r}: bad options {options}: {error}") from None
    if isinstance(found, Scorer):
        if options:
            raise ScorerLoadError(f"scorer {spec!r} is an instance: it takes no options")
        return found
    raise ScorerLoadError(f"{spec!r} is not a bench.scoring.Scorer subclass or instance")
