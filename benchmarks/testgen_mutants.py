"""Measure the time per mutant when a testgen suite is judged (target: under 20 ms).

Run: .venv/bin/python benchmarks/testgen_mutants.py [--sandbox docker|process] [--rounds N]
Judges the reference suite of the sample testgen task (tests/kinds/fixtures) against
its behaviour-changing mutants, all in one request (one warm sandbox, a fresh process
per mutant), and prints the wall time per mutant of that request: the median and the
worst over the rounds. The mutants are computed (and cached) before timing starts.
Figures measured on this machine are in testgen_mutants.md beside this script.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

from bench.kinds import BaselineRole, kind_of
from bench.kinds._testgen_mutants import behaviour_changing, compile_hidden
from bench.sandbox import ProjectRun, make_executor, run_project
from bench.tasks import TestgenTask, load_tasks, test_names

FIXTURES = Path(__file__).parents[1] / "tests" / "kinds" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", default="docker")
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    task = next(t for t in load_tasks([FIXTURES]) if isinstance(t, TestgenTask))
    function = task.as_function_task()
    suite = kind_of(task).baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
    weights = dict.fromkeys(test_names(suite), 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        executor = make_executor(options.sandbox, workers=1, timeout=5.0)
    with executor:
        mutants = behaviour_changing(function, task.version, executor).mutants
        runs = [ProjectRun({"solution": compile_hidden(m.source)}) for m in mutants]
        run_project(executor, {}, suite, weights, 2.0, runs[:2], trusted_tests=False)  # warm
        per_mutant = []
        for _ in range(options.rounds):
            started = time.perf_counter()
            outcomes = run_project(executor, {}, suite, weights, 2.0, runs, trusted_tests=False)
            per_mutant.append((time.perf_counter() - started) / len(runs))
            assert all(o.result.status != "passed" for o in outcomes), "a mutant survived"
    print(
        f"{options.sandbox}: {len(runs)} mutants x {len(weights)} tests; per mutant: "
        f"median {1000 * statistics.median(per_mutant):.1f} ms, "
        f"worst {1000 * max(per_mutant):.1f} ms over {options.rounds} rounds"
    )


if __name__ == "__main__":
    main()
