"""Test strength, `bench tasks validate --strict`: do a task's tests deserve to judge models?

For each task, in parallel over the sandbox's workers:

1. the reference passes every test (the plain run that `check_references` makes);
2. the tests cover the reference: line and branch coverage measured inside the
   sandbox (`_coverage`), at least `line_coverage` / `branch_coverage` percent;
3. the tests catch the reference's mutants (`_mutants`): at least
   `mutation_score` percent killed, survivors listed;
4. the reference is ruff-clean under the quality rule set models are scored with;
5. the prompt shows the entry point's signature (`_signature`; function tasks);
6. the prompt is not a near-duplicate of another task's (`_similarity`);
7. the task kind's own invariants (`TaskKind.strict_problems`: debug code fails a
   test, refactor code passes and scores lower, multifile files fail alone, ...).

Checks 2-5 read the reference as a function (function, debug and refactor tasks);
other kinds get 1 (their reference answer judged by the kind), 6 and 7.

Work is flattened into one pool: reference and coverage runs first, then every
task's mutants, so the workers stay busy however unevenly mutants are spread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from bench.kinds import kind_of
from bench.providers import Mutant
from bench.sandbox import ExecutionResult, Executor
from bench.scoring import RuffFinding, lint_many
from bench.tasks import Task, TaskBase
from bench.validate._coverage import CoverageReport, measure_coverage
from bench.validate._harden import HardenOptions, harden_task
from bench.validate._mutants import (
    MutantOutcome,
    mutant_stages,
    mutation_score,
    plan_mutants,
    run_mutant,
)
from bench.validate._references import ReferenceCheck, judge_reference
from bench.validate._signature import signature_problems
from bench.validate._similarity import NearDuplicate, near_duplicates
from bench.validate._stored import StoredAnswer


class StrengthThresholds(BaseModel):
    """The bars `--strict` holds every task to (a `validate:` section of bench.yaml)."""

    model_config = ConfigDict(extra="forbid")

    line_coverage: float = Field(default=100.0, ge=0, le=100)
    """Minimum percent of the reference's lines the tests run."""
    branch_coverage: float = Field(default=0.0, ge=0, le=100)
    """Minimum percent of the reference's branches the tests take (reported always;
    0 enforces nothing, since some branches only a broken input can take)."""
    mutation_score: float = Field(default=90.0, ge=0, le=100)
    """Minimum percent of the reference's single mutants the tests kill."""
    similarity: float = Field(default=0.6, gt=0, le=1)
    """Prompts this similar (0..1) to another task's are near-duplicates."""
    coverage_slowdown: float = Field(default=10.0, ge=1)
    """Test time limits are multiplied by this under the coverage tracer."""
    mutant_timeout_factor: float = Field(default=10.0, ge=1)
    """A mutant may take this many times the reference's time on a test..."""
    mutant_timeout_floor_s: float = Field(default=0.5, gt=0)
    """...but at least this many seconds (and never more than the test's own limit)."""


@dataclass
class TaskStrength:
    """Everything `--strict` found out about one task."""

    task: TaskBase
    reference: ExecutionResult | None = None
    coverage: CoverageReport | None = None
    mutants: list[MutantOutcome] = field(default_factory=list)
    lint: tuple[RuffFinding, ...] = ()
    signature: list[str] = field(default_factory=list)
    duplicates: list[NearDuplicate] = field(default_factory=list)
    kind_problems: list[str] = field(default_factory=list)
    """What the task kind's own invariants found (`TaskKind.strict_problems`)."""
    overturned: int | None = None
    """Stored passing answers a hardening pass would overturn (None: none to check)."""

    @property
    def where(self) -> str:
        """The task's file (or id), to start each problem line with."""
        return self.task.source_path or self.task.id

    @property
    def killed(self) -> tuple[int, int]:
        """(killed, counted) mutants."""
        return mutation_score(self.mutants)

    @property
    def mutation_percent(self) -> float:
        """Killed mutants in percent (100 when there is nothing to mutate)."""
        killed, counted = self.killed
        return 100.0 * killed / counted if counted else 100.0

    @property
    def survivors(self) -> list[MutantOutcome]:
        """Mutants no test noticed, in source order."""
        return [m for m in self.mutants if m.outcome in ("survived", "uncovered")]

    def problems(self, thresholds: StrengthThresholds) -> list[str]:
        """One line per failed check, naming the file; empty when the task is strong."""
        if self.reference is not None and self.reference.status != "passed":
            return ReferenceCheck(self.task, self.reference).problems()
        lines = [f"{self.where}: reference_solution: ruff {f.code} line {f.line}: {f.message}"
                 for f in self.lint]  # fmt: skip
        lines += [f"{self.where}: prompt: {problem}" for problem in self.signature]
        lines += [
            f"{self.where}: prompt: near-duplicate of task {d.other_id} (similarity {d.score:.2f} "
            f">= {thresholds.similarity:.2f})"
            for d in self.duplicates
        ]
        lines += [f"{self.where}: {problem}" for problem in self.kind_problems]
        lines += self._coverage_problems(thresholds)
        lines += self._mutant_problems(thresholds)
        return lines

    def _coverage_problems(self, thresholds: StrengthThresholds) -> list[str]:
        coverage = self.coverage
        if coverage is None:
            return []
        if coverage.error is not None:
            return [f"{self.where}: coverage: {coverage.error}"]
        lines = []
        if coverage.line_percent < thresholds.line_coverage:
            missing = ", ".join(map(str, coverage.missing_lines))
            lines.append(
                f"{self.where}: tests cover {coverage.line_percent:.1f}% of the reference's lines "
                f"(< {thresholds.line_coverage:g}%); never run: reference lines {missing}"
            )
        if coverage.branch_percent < thresholds.branch_coverage:
            missing = ", ".join(f"{a}->{b}" for a, b in coverage.missing_branches)
            lines.append(
                f"{self.where}: tests take {coverage.branch_percent:.1f}% of the reference's "
                f"branches (< {thresholds.branch_coverage:g}%); never taken: {missing}"
            )
        return lines

    def _mutant_problems(self, thresholds: StrengthThresholds) -> list[str]:
        lines = [
            f"{self.where}: mutant could not run: {m.describe()}"
            for m in self.mutants
            if m.outcome == "sandbox_error"
        ]
        killed, counted = self.killed
        if counted and self.mutation_percent < thresholds.mutation_score:
            lines.append(
                f"{self.where}: tests kill {killed}/{counted} mutants "
                f"({self.mutation_percent:.1f}% < {thresholds.mutation_score:g}%); survivors:"
            )
            lines += [f"{self.where}:   survived: {m.describe()}" for m in self.survivors]
        return lines

    def passed(self, thresholds: StrengthThresholds) -> bool:
        """True when every check holds."""
        return not self.problems(thresholds)


def static_checks(
    tasks: Sequence[TaskBase], suite: Sequence[TaskBase], thresholds: StrengthThresholds
) -> list[TaskStrength]:
    """A report per task with the checks that need no sandbox: lint, signature, duplicates."""
    code_tasks = [task for task in tasks if isinstance(task, Task)]
    findings = dict(
        zip(
            (task.id for task in code_tasks),
            lint_many([task.reference_solution for task in code_tasks]),
            strict=True,
        )
    )
    duplicates = near_duplicates(tasks, suite, thresholds.similarity)
    return [
        TaskStrength(
            task,
            lint=findings.get(task.id, ()),
            signature=signature_problems(task) if type(task) is Task else [],
            duplicates=[d for d in duplicates if d.task_id == task.id],
        )
        for task in tasks
    ]


def check_strength(
    tasks: Sequence[TaskBase],
    suite: Sequence[TaskBase],
    executor: Executor,
    workers: int,
    thresholds: StrengthThresholds | None = None,
    on_done: Callable[[TaskStrength], None] | None = None,
    answers: Mapping[tuple[str, str], list[StoredAnswer]] | None = None,
) -> list[TaskStrength]:
    """Run every strength check on `tasks` (compared for duplicates against `suite`).

    Results come back in task order; `on_done` is called (from a worker thread, one
    call at a time) as each task completes. With `answers` (stored passing answers by
    task id and version), each task also counts how many of its answers a hardening
    pass would overturn: a weak suite shows up in the task's pull request.
    """
    thresholds = thresholds or StrengthThresholds()
    reports = static_checks(tasks, suite, thresholds)
    if answers:
        _count_overturned(reports, executor, answers, workers)
    progress = _Progress(on_done)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        _run_references(pool, reports, executor, thresholds)
        jobs = [
            pool.submit(_run_one, mutant, stages, executor, report, progress)
            for report, stages, mutant in _mutant_jobs(reports, thresholds, progress)
        ]
        for job in jobs:
            job.result()
    for report in reports:
        report.mutants.sort(key=lambda outcome: (outcome.mutant.line, outcome.mutant.description))
    return reports


def _count_overturned(
    reports: list[TaskStrength],
    executor: Executor,
    answers: Mapping[tuple[str, str], list[StoredAnswer]],
    workers: int,
) -> None:
    """`overturned` of each function task with stored answers (hardening, mutants off)."""
    options = HardenOptions(mutants=False, workers=workers)
    for report in reports:
        stored = answers.get((report.task.id, report.task.version), [])
        if type(report.task) is Task and stored:
            hardened = harden_task(report.task, executor, stored, options)
            report.overturned = sum(hardened.overturned.values())


def _run_references(
    pool: ThreadPoolExecutor,
    reports: list[TaskStrength],
    executor: Executor,
    thresholds: StrengthThresholds,
) -> None:
    """The plain and the traced reference run of every task."""

    def plain(report: TaskStrength) -> None:
        report.reference = judge_reference(report.task, executor)

    def traced(report: TaskStrength) -> None:
        if isinstance(report.task, Task):
            report.coverage = measure_coverage(report.task, executor, thresholds.coverage_slowdown)

    def invariants(report: TaskStrength) -> None:
        report.kind_problems = kind_of(report.task).strict_problems(report.task, executor)

    jobs = [pool.submit(job, report) for report in reports for job in (plain, traced, invariants)]
    for job in jobs:
        job.result()


class _Progress:
    """Counts each task's mutants still running; calls `on_done` when a task completes."""

    def __init__(self, on_done: Callable[[TaskStrength], None] | None) -> None:
        self._on_done = on_done
        self._pending: dict[int, int] = {}
        self._lock = threading.Lock()

    def expect(self, report: TaskStrength, count: int) -> None:
        """`count` mutants of `report` will run (0: the task is complete now)."""
        if count:
            self._pending[id(report)] = count
        else:
            self._finish(report)

    def add(self, report: TaskStrength, outcome: MutantOutcome) -> None:
        """File one mutant's outcome."""
        with self._lock:
            report.mutants.append(outcome)
            self._pending[id(report)] -= 1
            complete = self._pending[id(report)] == 0
        if complete:
            self._finish(report)

    def _finish(self, report: TaskStrength) -> None:
        if self._on_done is not None:
            with self._lock:
                self._on_done(report)


def _mutant_jobs(
    reports: list[TaskStrength], thresholds: StrengthThresholds, progress: _Progress
) -> list[tuple[TaskStrength, list[Task], Mutant]]:
    """(report, stages, mutant) for every mutant that must run, grouped by task.

    Grouped, not interleaved: the workers then share one task's prepared arguments.
    """
    jobs: list[tuple[TaskStrength, list[Task], Mutant]] = []
    for report in reports:
        if (
            not isinstance(report.task, Task)
            or report.reference is None
            or report.reference.status != "passed"
        ):
            progress.expect(report, 0)
            continue
        to_run, decided = plan_mutants(report.task, report.coverage)
        report.mutants.extend(decided)
        stages = mutant_stages(
            report.task,
            report.reference,
            thresholds.mutant_timeout_factor,
            thresholds.mutant_timeout_floor_s,
        )
        progress.expect(report, len(to_run))
        jobs.extend((report, stages, mutant) for mutant in to_run)
    return jobs


def _run_one(
    mutant: Mutant,
    stages: list[Task],
    executor: Executor,
    report: TaskStrength,
    progress: _Progress,
) -> None:
    progress.add(report, run_mutant(mutant, stages, executor))
