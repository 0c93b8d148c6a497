"""Would the tests notice a bug? Every single mutant of the reference, run in the sandbox.

The mutants are those of the `baseline/mutant` provider (`all_single_mutants`): one
small change each. A mutant is killed when any test fails, errors or runs out of
time. Time limits are cut to a multiple of the reference's own time per test
(never above the task's), as mutation tools do (PIT, mutmut): a mutant that turns a
loop infinite then costs a fraction of a second, not the task's full limit. A
mutant that is merely slower than that multiple is counted as killed by timeout,
and reported as such.

Two things keep the run short without changing any verdict. Tests run in two
stages: first those that take the reference under `CHEAP_TEST_S`, then, only for
mutants that survive them, all tests in the task's order (exactly the run a model's
answer gets). And each mutant runs behind a small guard (`guarded_program`): once
one of its tests has timed out or crashed, the harness's fresh process for the
remaining tests finds the guard's flag file and those tests fail at once instead
of each waiting for its own time limit. The mutant is already killed by then.

Two kinds are decided without running: a mutant on a line the tests never run
survives (nothing could notice it), and a mutant on a line marked
`# pragma: no mutate` is ignored (the author has justified it, e.g. an equivalent
mutant, in the task's pull request).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bench.providers import Mutant, all_single_mutants
from bench.sandbox import ExecutionResult, Executor
from bench.tasks import Task
from bench.validate._coverage import NO_MUTATE, CoverageReport, pragma_lines

CHEAP_TEST_S = 0.02
"""Tests the reference passes faster than this run in the first, cheap stage."""
GUARD_FLAG = ".bench-unfinished-call"
"""Written in the sandbox's scratch folder while a guarded call runs."""
_GUARD = """
class _BenchNotRun(BaseException):
    \"\"\"An earlier test of this program timed out or crashed: later ones fail at once.\"\"\"


def _bench_guard(source, entry_point, flag, namespace):
    import os, sys, types

    module = types.ModuleType("__mutant__")
    sys.modules[module.__name__] = module
    exec(compile(source, "<candidate>", "exec", dont_inherit=True), module.__dict__)
    target = module.__dict__[entry_point]
    stopped = os.path.exists(flag)

    def guarded(*args, **kwargs):
        if stopped:
            raise _BenchNotRun("not run: an earlier test timed out or crashed")
        try:
            open(flag, "w").close()
        except OSError:
            pass
        try:
            return target(*args, **kwargs)
        finally:
            try:
                os.remove(flag)
            except OSError:
                pass

    namespace.update((k, v) for k, v in module.__dict__.items() if not k.startswith("__"))
    namespace[entry_point] = guarded
"""

Outcome = Literal["killed", "timeout", "survived", "uncovered", "ignored", "sandbox_error"]
KILLED: frozenset[str] = frozenset({"killed", "timeout"})
COUNTED: frozenset[str] = frozenset({"killed", "timeout", "survived", "uncovered"})


@dataclass(frozen=True)
class MutantOutcome:
    """What became of one mutant."""

    mutant: Mutant
    outcome: Outcome
    """killed (a test failed or errored), timeout (killed by a time limit), survived
    (every test passed), uncovered (survived unrun: its line never runs), ignored
    (`# pragma: no mutate`), sandbox_error (could not be run; counts nowhere)."""
    detail: str = ""
    """Which test killed it, or why it could not run."""

    @property
    def killed(self) -> bool:
        """True when some test noticed the change."""
        return self.outcome in KILLED

    def describe(self) -> str:
        """One line for the author: where, what changed, and what became of it."""
        suffix = f" ({self.detail})" if self.detail else ""
        return f"line {self.mutant.line}: {self.mutant.description}{suffix}"


def unique_mutants(source: str) -> list[Mutant]:
    """The reference's single mutants, without repeats of the same program."""
    seen: set[str] = set()
    mutants = []
    for mutant in all_single_mutants(source):
        if mutant.source not in seen and mutant.source != source:
            seen.add(mutant.source)
            mutants.append(mutant)
    return mutants


def guarded_program(source: str, entry_point: str) -> str:
    """`source` run as a module whose entry point stops a run after a timeout or crash."""
    return f"{_GUARD}\n_bench_guard({source!r}, {entry_point!r}, {GUARD_FLAG!r}, globals())\n"


def mutant_stages(
    task: Task, reference: ExecutionResult, factor: float, floor_s: float
) -> list[Task]:
    """The task as mutants run it: [cheap tests, all tests], or [all tests] if all are cheap.

    Each test's limit is cut to `factor` x the reference's time (at least `floor_s`,
    at most its own), and each test is named by its label in the original task.
    """
    times = {verdict.index: verdict.time_s for verdict in reference.tests}
    tests, cheap = [], []
    for index, test in enumerate(task.tests):
        measured = times.get(index)
        limit = test.timeout if measured is None else max(floor_s, factor * measured)
        update = {"timeout": min(test.timeout, limit), "name": test.name or str(index)}
        tests.append(test.model_copy(update=update))
        if measured is not None and measured < CHEAP_TEST_S:
            cheap.append(tests[-1])
    full = task.model_copy(update={"tests": tests})
    if not cheap or len(cheap) == len(tests):
        return [full]
    return [task.model_copy(update={"tests": cheap}), full]


def decide_unrun(
    mutant: Mutant, ignored: set[int], coverage: CoverageReport | None
) -> Outcome | None:
    """The outcome of a mutant that need not run, or None when it must run."""
    if mutant.line in ignored:
        return "ignored"
    if (
        coverage is not None
        and coverage.error is None
        and mutant.line in coverage.lines
        and mutant.line not in coverage.covered_lines
    ):
        return "uncovered"
    return None


def run_mutant(mutant: Mutant, stages: list[Task], executor: Executor) -> MutantOutcome:
    """Execute one mutant, stage by stage (see `mutant_stages`), until a test notices it."""
    for stage in stages:
        program = guarded_program(mutant.source, stage.entry_point)
        result = executor.execute(program, stage)
        if result.status == "sandbox_error":  # infrastructure, not the mutant: once more
            result = executor.execute(program, stage)
        if result.status == "sandbox_error":
            return MutantOutcome(mutant, "sandbox_error", result.error or "")
        if result.status != "passed":
            return _killed(mutant, result)
    return MutantOutcome(mutant, "survived")


def _killed(mutant: Mutant, result: ExecutionResult) -> MutantOutcome:
    failing = next((v for v in result.tests if v.verdict != "passed"), None)
    if result.status == "timeout" or (failing is not None and failing.verdict == "timeout"):
        where = f"test {failing.name}" if failing is not None else "loading"
        return MutantOutcome(mutant, "timeout", f"{where} timed out")
    where = f"test {failing.name} {failing.verdict}" if failing is not None else result.status
    return MutantOutcome(mutant, "killed", where)


def plan_mutants(
    task: Task, coverage: CoverageReport | None
) -> tuple[list[Mutant], list[MutantOutcome]]:
    """(mutants to run, outcomes decided without running) for one reference."""
    ignored = pragma_lines(task.reference_solution, NO_MUTATE)
    to_run, decided = [], []
    for mutant in unique_mutants(task.reference_solution):
        outcome = decide_unrun(mutant, ignored, coverage)
        if outcome is None:
            to_run.append(mutant)
        else:
            detail = "its line never runs" if outcome == "uncovered" else ""
            decided.append(MutantOutcome(mutant, outcome, detail))
    return to_run, decided


def mutation_score(outcomes: list[MutantOutcome]) -> tuple[int, int]:
    """(killed, counted): ignored and unrunnable mutants count on neither side."""
    counted = [outcome for outcome in outcomes if outcome.outcome in COUNTED]
    return sum(outcome.killed for outcome in counted), len(counted)
