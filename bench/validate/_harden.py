"""Hardening a task's tests: differential testing against the reference (`bench tasks harden`).

1. Seed inputs: the task's input/expected tests, and the plain calls in its `test_code`.
2. Candidate inputs: type-aware mutations of the seeds (`_input_mutation`), seeded by
   (seed, task id), so a run is reproducible and a task's candidates do not depend
   on which other tasks were hardened with it. Ints also try the reference's own int
   literals and their neighbours (where its boundaries are).
3. Expected values: the reference's return values, computed in the sandbox
   (`probe_outputs`); an input is kept only when the reference returns plain data
   within `keep_fraction` of the test time limit. Inputs on which the reference
   raises are dropped, not turned into `raises` tests: a reference that raises has
   usually met an input outside its specification, and which exception it happens
   to raise there is rarely specified; a model's answer must not be judged on it.
4. Power: which candidates kill a reference mutant that the current tests let
   through (each mutant first meets the current tests as `validate --strict` runs
   them), and which make a stored answer (passed every test of this version)
   disagree with the reference. Each is one guarded execution of all candidates,
   with time limits cut to a multiple of the reference's time on each.
5. A small set: greedy set cover of (mutants, answers) by candidates, smallest
   inputs first on ties, at most `max_new` tests.

`holdout` splits the mutants by a hash of (seed, mutant) into a selection half and a
held-out half that selection never sees, to measure what the new tests catch on
wrong answers they were not chosen for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bench.providers import Mutant
from bench.sandbox import ExecutionResult, Executor, probe_outputs
from bench.tasks import (
    CompareMode,
    Task,
    TestCase,
    call_arguments,
    is_plain_argument,
    normalise,
)
from bench.validate._coverage import NO_MUTATE, pragma_lines
from bench.validate._input_mutation import InputMutator, int_constants
from bench.validate._mutants import guarded_program, mutant_stages, run_mutant, unique_mutants
from bench.validate._stored import StoredAnswer

NOT_RUN = "_BenchNotRun"
"""The error type of a guarded call skipped after an earlier time-out: no evidence."""


@dataclass(frozen=True)
class HardenOptions:
    """How hard to look, and how much to keep."""

    seed: int = 0
    """Seeds input generation (with the task id) and the mutant hold-out split."""
    candidates: int = 80
    """Inputs generated per task before the reference filters them."""
    max_new: int = 5
    """Tests added per task at most."""
    keep_fraction: float = 0.25
    """The reference must return within this share of the test time limit."""
    timeout_factor: float = 10.0
    """Mutants and answers get this multiple of the reference's time per call..."""
    floor_s: float = 0.25
    """...but at least this many seconds."""
    wide: bool = False
    """Mutate beyond the seeds' domain (signs, alphabets): see `_input_mutation`."""
    holdout: bool = False
    """Select with half of the mutants; report the other half separately."""
    workers: int = 2
    """Executions in flight at once."""
    mutants: bool = True
    """Run the reference's mutants (off: only stored answers guide selection)."""


@dataclass
class HardenReport:
    """What hardening found for one task, and the tests it proposes."""

    task: Task
    added: list[TestCase] = field(default_factory=list)
    candidates: int = 0
    """Inputs generated."""
    usable: int = 0
    """Of those, inputs the reference answered in time with plain data."""
    mutants: int = 0
    """Mutants run (in the selection half, with `holdout`)."""
    survivors: list[Mutant] = field(default_factory=list)
    """Mutants the current tests let through."""
    killed: list[Mutant] = field(default_factory=list)
    """Survivors the added tests kill."""
    answers: dict[str, int] = field(default_factory=dict)
    """Stored passing answers checked, per model."""
    overturned: dict[str, int] = field(default_factory=dict)
    """Of those, answers some added test fails, per model."""
    held_out_survivors: list[Mutant] = field(default_factory=list)
    held_out_killed: list[Mutant] = field(default_factory=list)
    error: str | None = None
    """Why the task could not be hardened (then nothing is added)."""

    @property
    def hardened(self) -> Task:
        """The task with the added tests after its own."""
        return self.task.model_copy(update={"tests": [*self.task.tests, *self.added]})


def seed_inputs(task: Task) -> list[list[Any]]:
    """Argument lists to mutate: the tests' plain inputs, then the calls in `test_code`."""
    seeds = [
        list(t.input) for t in task.tests if t.input is not None and is_plain_argument(t.input)
    ]
    for arguments in call_arguments(task.test_code or ""):
        if arguments not in seeds:
            seeds.append(arguments)
    return seeds


def base_timeout(task: Task) -> float:
    """The time limit of generated tests: the largest of the task's own (2 s without tests)."""
    return max(
        (test.timeout for test in task.tests), default=TestCase.model_fields["timeout"].default
    )


def candidate_tests(
    task: Task, executor: Executor, options: HardenOptions
) -> tuple[int, list[TestCase], list[float]]:
    """(inputs generated, tests whose expected values the reference gave, its times)."""
    seeds = seed_inputs(task)
    constants = int_constants(task.reference_solution)
    mutator = InputMutator(seeds, f"{options.seed}:{task.id}", options.wide, constants)
    inputs = mutator.generate(options.candidates)
    limit = base_timeout(task)
    outputs = probe_outputs(executor, task, inputs, limit * options.keep_fraction)
    tests, times = [], []
    for arguments, output in zip(inputs, outputs, strict=True):
        if output.outcome != "returned":
            continue
        expected = normalise(output.value)
        if not is_plain_argument(expected):
            continue
        compare = CompareMode.FLOAT if _has_fraction(expected) and task.compare == "exact" else None
        tests.append(
            TestCase(
                input=arguments, expected=expected, timeout=limit, compare=compare, generated=True
            )
        )
        times.append(output.time_s or 0.0)
    return len(inputs), tests, times


def _has_fraction(value: Any) -> bool:
    """True when a float that is not a whole number sits anywhere in `value`."""
    if isinstance(value, float):
        return not value.is_integer()
    if isinstance(value, list):
        return any(_has_fraction(item) for item in value)
    if isinstance(value, dict):
        return any(_has_fraction(item) for item in value.values())
    return False


def _cut(task: Task, tests: list[TestCase], times: list[float], options: HardenOptions) -> Task:
    """`task` with only `tests`, each limited to a multiple of the reference's time."""
    limited = [
        test.model_copy(
            update={"timeout": min(test.timeout, max(options.floor_s, options.timeout_factor * t))}
        )
        for test, t in zip(tests, times, strict=True)
    ]
    return task.model_copy(update={"tests": limited, "test_code": None})


def failing_tests(result: ExecutionResult) -> set[int]:
    """Indexes of the tests a guarded program got wrong (skipped calls are no evidence)."""
    return {
        verdict.index
        for verdict in result.tests
        if verdict.verdict != "passed" and verdict.error_type != NOT_RUN
    }


def _in_holdout(mutant: Mutant, seed: int) -> bool:
    digest = hashlib.sha256(f"{seed}\0{mutant.source}".encode()).digest()
    return digest[0] % 2 == 1


def _run_guarded(executor: Executor, source: str, task: Task) -> ExecutionResult:
    result = executor.execute(guarded_program(source, task.entry_point), task)
    if result.status == "sandbox_error":  # infrastructure, not the program: once more
        result = executor.execute(guarded_program(source, task.entry_point), task)
    return result


def harden_task(
    task: Task,
    executor: Executor,
    answers: list[StoredAnswer] | None = None,
    options: HardenOptions | None = None,
) -> HardenReport:
    """Propose tests for `task` that catch what its current tests let through."""
    options = options or HardenOptions()
    report = HardenReport(task)
    if not seed_inputs(task):
        report.error = "no plain seed inputs (tests or literal calls in test_code) to mutate"
        return report
    reference = executor.execute(task.reference_solution, task)
    if reference.status != "passed":
        report.error = f"the reference does not pass its own tests ({reference.status})"
        return report
    report.candidates, tests, times = candidate_tests(task, executor, options)
    report.usable = len(tests)
    if not tests:
        return report
    stage = _cut(task, tests, times, options)
    original = mutant_stages(task, reference, options.timeout_factor, options.floor_s)
    kills = (
        _mutant_kills(task, original, stage, executor, options, report) if options.mutants else {}
    )
    overturns = _answer_overturns(stage, executor, answers or [], report, options.workers)
    chosen = greedy_cover({**kills, **overturns}, tests, options.max_new)
    report.added = [tests[index] for index in chosen]
    _summarise(report, kills, overturns, chosen, answers or [])
    return report


def _mutant_kills(
    task: Task,
    original: list[Task],
    stage: Task,
    executor: Executor,
    options: HardenOptions,
    report: HardenReport,
) -> dict[tuple[str, int], set[int]]:
    """{("mutant", i): candidate tests that kill survivor i} over the selection half."""
    ignored = pragma_lines(task.reference_solution, NO_MUTATE)
    mutants = [m for m in unique_mutants(task.reference_solution) if m.line not in ignored]

    def run(mutant: Mutant) -> set[int] | None:
        if run_mutant(mutant, original, executor).outcome != "survived":
            return None  # the current tests already catch it (or it cannot run)
        return failing_tests(_run_guarded(executor, mutant.source, stage))

    with ThreadPoolExecutor(max_workers=options.workers) as pool:
        outcomes = list(pool.map(run, mutants))
    kills: dict[tuple[str, int], set[int]] = {}
    for index, (mutant, failing) in enumerate(zip(mutants, outcomes, strict=True)):
        held_out = options.holdout and _in_holdout(mutant, options.seed)
        report.mutants += not held_out
        if failing is None:
            continue
        if held_out:
            report.held_out_survivors.append(mutant)
            kills[("held-out", index)] = failing
        else:
            report.survivors.append(mutant)
            kills[("mutant", index)] = failing
    return kills


def _answer_overturns(
    stage: Task, executor: Executor, answers: list[StoredAnswer], report: HardenReport, workers: int
) -> dict[tuple[str, int], set[int]]:
    """{("answer", k): candidate tests stored answer k fails}."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda a: _run_guarded(executor, a.code, stage), answers))
    overturns = {}
    for index, (answer, result) in enumerate(zip(answers, results, strict=True)):
        report.answers[answer.model] = report.answers.get(answer.model, 0) + 1
        if result.status != "sandbox_error":
            overturns[("answer", index)] = failing_tests(result)
    return overturns


def greedy_cover(
    covers: dict[tuple[str, int], set[int]], tests: list[TestCase], limit: int
) -> list[int]:
    """Indexes of at most `limit` tests covering as many keys as greedy set cover gets.

    Held-out keys are never counted. Ties go to the test with the shortest input
    (easiest to review), then to the earlier one.
    """
    universe = {key for key, found in covers.items() if found and key[0] != "held-out"}
    by_test: dict[int, set[tuple[str, int]]] = {}
    for key in universe:
        for index in covers[key]:
            by_test.setdefault(index, set()).add(key)
    chosen: list[int] = []
    uncovered = set(universe)
    while uncovered and len(chosen) < limit:
        best = min(
            by_test,
            key=lambda i: (-len(by_test[i] & uncovered), len(repr(tests[i].input)), i),
            default=None,
        )
        if best is None or not by_test[best] & uncovered:
            break
        chosen.append(best)
        uncovered -= by_test[best]
    return chosen


def _summarise(
    report: HardenReport,
    kills: dict[tuple[str, int], set[int]],
    overturns: dict[tuple[str, int], set[int]],
    chosen: list[int],
    answers: list[StoredAnswer],
) -> None:
    picked = set(chosen)
    survivors = iter(report.survivors)
    held = iter(report.held_out_survivors)
    for (role, _index), failing in kills.items():
        mutant = next(survivors) if role == "mutant" else next(held)
        if failing & picked:
            (report.killed if role == "mutant" else report.held_out_killed).append(mutant)
    for (_role, index), failing in overturns.items():
        if failing & picked:
            model = answers[index].model
            report.overturned[model] = report.overturned.get(model, 0) + 1


def harden_tasks(
    tasks: list[Task],
    executor: Executor,
    answers: dict[tuple[str, str], list[StoredAnswer]],
    options: HardenOptions,
    on_done: Callable[[HardenReport], None] | None = None,
) -> list[HardenReport]:
    """`harden_task` for each task, with its stored answers (keyed by (id, version))."""
    reports = []
    for task in tasks:
        report = harden_task(task, executor, answers.get((task.id, task.version), []), options)
        reports.append(report)
        if on_done is not None:
            on_done(report)
    return reports
