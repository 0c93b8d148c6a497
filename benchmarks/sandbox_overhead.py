"""Per-execution overhead and container start-up of the sandbox executors.

    .venv/bin/python benchmarks/sandbox_overhead.py [--runs 200] [--sandbox docker process]

For each executor: the cold start (from `make_executor` to the first result, containers
started inside it), then `--runs` sequential executions of a trivial task (one test,
`return 1`) on one warm sandbox. Overhead is an execution's wall time minus the time
the candidate's call itself took; printed as median and 90th percentile, with the
supervisor's own view (`exec_time_s`: loading the code and running the test in the
fresh child) beside it. Also reports the CPU the Docker daemons spent per execution.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import time
import warnings

from bench.sandbox import make_executor
from bench.tasks import Task

TASK = Task.model_validate(
    {
        "id": "overhead",
        "difficulty": "easy",
        "title": "Return one",
        "prompt": "Write one() returning 1.",
        "entry_point": "one",
        "tests": [{"input": [], "expected": 1}],
        "reference_solution": "def one():\n    return 1\n",
        "metadata": {"added": "2026-11-25"},
    }
)
DAEMONS = {"dockerd", "containerd", "containerd-shim"}


def daemon_cpu_seconds() -> float:
    """User + system CPU of dockerd, containerd and the shims, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat_path in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat_path, encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if name in DAEMONS:
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(kind: str, runs: int) -> None:
    began = time.perf_counter()
    with make_executor(kind, workers=1) as executor:
        first = executor.execute(TASK.reference_solution, TASK)
        cold = time.perf_counter() - began
        assert first.passed, first
        walls, overheads, inside = [], [], []
        cpu_before = daemon_cpu_seconds()
        for _ in range(runs):
            start = time.perf_counter()
            result = executor.execute(TASK.reference_solution, TASK)
            wall = time.perf_counter() - start
            assert result.passed, result
            walls.append(wall)
            overheads.append(wall - sum(test.time_s or 0.0 for test in result.tests))
            inside.append(result.exec_time_s)
        daemons = (daemon_cpu_seconds() - cpu_before) / runs
    ms = 1000.0
    print(f"{kind}: cold start to first result {cold:.2f}s")
    print(
        f"{kind}: per execution, wall median {statistics.median(walls) * ms:.1f} ms, "
        f"p90 {percentile(walls, 0.9) * ms:.1f} ms; overhead median "
        f"{statistics.median(overheads) * ms:.1f} ms; inside the sandbox median "
        f"{statistics.median(inside) * ms:.1f} ms"
        + (f"; Docker daemons' CPU {daemons * ms:.2f} ms" if kind == "docker" else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--sandbox", nargs="+", default=["docker", "process"])
    options = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for kind in options.sandbox:
        measure(kind, options.runs)


if __name__ == "__main__":
    main()
