"""How many wrong answers do HumanEval's own tests accept? Measured by hardening them.

    .venv/bin/python benchmarks/harden_humaneval.py [--out /tmp/he-harden] [--seed 0]

HumanEval is imported into `--out` (never into the repository), and every task is
hardened in the process sandbox in two passes:

1. Held out. The canonical solutions' mutants are split by a hash of (seed, mutant)
   into a selection half and a held-out half. Tests are chosen with the selection
   half only; the hardened tasks are written, and the held-out mutants that pass
   HumanEval's tests are re-judged against them (a plain `execute`, as a rescore
   does), with every canonical solution re-judged too.
2. Stored answers. The held-out survivors are stored as a model's answers with
   `bench evaluate` (a real run under `--out/results`), and a second hardening pass
   (all mutants, reading those runs) reports which previously passing stored answers
   it overturns. A surviving mutant that a hardened test fails is a wrong answer:
   it differs from the reference on an input like HumanEval's own.

Figures and the machine they came from: docs/methodology.md ("Hardening tests").
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

from bench.sandbox import make_executor
from bench.tasks import import_humaneval, write_task
from bench.validate import HardenOptions, harden_files, harden_summary, harden_tasks


def held_out_pass(tasks, executor, seed: int) -> tuple[list, dict[str, float]]:
    """Harden with half the mutants; re-judge the other half and the canonical solutions."""
    started = time.monotonic()
    reports = harden_tasks(tasks, executor, {}, HardenOptions(seed=seed, holdout=True))
    took = time.monotonic() - started
    survivors = caught = canonical_failures = 0
    for report in reports:
        hardened = report.hardened
        if executor.execute(hardened.reference_solution, hardened).status != "passed":
            canonical_failures += 1
        for mutant in report.held_out_survivors:
            survivors += 1
            caught += executor.execute(mutant.source, hardened).status != "passed"
    figures = {
        "seconds": took,
        "held_out_survivors": survivors,
        "held_out_caught": caught,
        "canonical_failures": canonical_failures,
    }
    return reports, figures


def store_as_answers(reports, out: Path, model: str) -> Path:
    """The held-out surviving mutants, evaluated by `bench evaluate` into out/results."""
    samples = out / "held-out-mutants.jsonl"
    with samples.open("w", encoding="utf-8") as stream:
        for report in reports:
            for mutant in report.held_out_survivors:
                row = {"task_id": report.task.metadata.source_id, "solution": mutant.source}
                stream.write(json.dumps(row) + "\n")
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    command = [sys.executable, "-m", "bench", "evaluate", "--samples", str(samples)]
    command += ["--model", model, "--tasks-dir", str(out / "tasks")]
    command += ["--results-dir", str(out / "results"), "--sandbox", "process"]
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=out)
    return out / "results"


def main() -> None:
    """Run both passes and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/he-harden"))
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    warnings.simplefilter("ignore", RuntimeWarning)  # the process sandbox's notice
    out = arguments.out
    tasks = import_humaneval()
    for task in tasks:
        write_task(task, out / "tasks")
    with make_executor("process", workers=2, timeout=5.0) as executor:
        reports, figures = held_out_pass(tasks, executor, arguments.seed)
        print(harden_summary(reports, figures["seconds"]))
        print(json.dumps(figures))
        results = store_as_answers(reports, out, "held-out-mutants")
        from bench.tasks import load_tasks

        started = time.monotonic()
        options = HardenOptions(seed=arguments.seed)
        stored = harden_files(load_tasks([out / "tasks"]), executor, results, options, write=True)
        print(harden_summary(stored, time.monotonic() - started))


if __name__ == "__main__":
    main()
