"""Runner benchmarks: rate-limited wall time against its floor, and per-attempt overhead.

    python benchmarks/runner_throughput.py ratelimit [--tasks 100 --models 5 --latency 10 --rpm 60]
    python benchmarks/runner_throughput.py overhead [--attempts 10000]

`ratelimit`: every model answers through litellm from a local fake server that waits
`latency` seconds per reply; each model may start `rpm` requests a minute. The floor is
what the limit alone allows: the last of N requests starts at (N - 1) * 60 / rpm and its
reply takes `latency`, models in parallel. Code runs in the process sandbox.

`overhead`: the runner's own cost per attempt with the sandbox replaced by an executor
that answers at once, so what is timed is planning, the provider call of a baseline,
scoring, progress and the Parquet checkpoints; plus the peak memory of the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from rich.console import Console

from bench.config import BenchConfig, ModelConfig
from bench.runner import RunRequest, run_benchmark
from bench.tasks import Task


def synthetic_tasks(count: int) -> list[Task]:
    """Small distinct tasks: `f_<i>(x)` returns x + i."""
    return [
        Task.model_validate(
            {
                "id": f"synthetic-{i}",
                "difficulty": ["easy", "medium", "hard", "extreme"][i % 4],
                "title": f"Add {i}",
                "prompt": f"Write `f_{i}(x: int) -> int` returning x + {i}.",
                "entry_point": f"f_{i}",
                "tests": [{"input": [1], "expected": 1 + i}, {"input": [-5], "expected": -5 + i}],
                "reference_solution": f"def f_{i}(x):\n    return x + {i}\n",
                "metadata": {"tags": ["synthetic"], "added": "2026-11-25"},
            }
        )
        for i in range(count)
    ]


def ratelimit(args: argparse.Namespace) -> None:
    from tests.fakes.llm_server import FakeLLMServer, Reply

    tasks = synthetic_tasks(args.tasks)
    by_entry = {task.entry_point: task for task in tasks}

    def answer(index, request):
        text = str(request.body["messages"][-1]["content"])
        entry = next(name for name in by_entry if f"`{name}(" in text)
        code = by_entry[entry].reference_solution
        return Reply(text=f"```python\n{code}```", latency_s=args.latency)

    with FakeLLMServer() as server, tempfile.TemporaryDirectory() as results:
        server.respond_with(answer)
        concurrency = max(1, int(args.latency * args.rpm / 60) + 2)
        models = [
            ModelConfig(
                name=f"model-{m}",
                model=f"openai/model-{m}",
                api_base=f"{server.url}/v1",
                api_key="k",
                rpm=args.rpm,
                concurrency=concurrency,
                price={"input_per_mtok": 1, "output_per_mtok": 2},
            )
            for m in range(args.models)
        ]
        config = BenchConfig.model_validate({"execution": {"sandbox": "process", "workers": 2}})
        config.run.request_timeout = args.latency + 30
        started = time.perf_counter()
        outcome = run_benchmark(
            RunRequest(
                config=config,
                tasks=tasks,
                models=models,
                results_dir=Path(results),
                console=Console(quiet=True),
            )
        )
        wall = time.perf_counter() - started
    floor = (args.tasks - 1) * 60 / args.rpm + args.latency
    print(f"{args.tasks} tasks x {args.models} models, latency {args.latency}s, {args.rpm} rpm")
    print(f"attempts written  {outcome.batch.written}  statuses {dict(outcome.batch.statuses)}")
    print(f"wall time         {wall:.1f} s")
    print(f"rate-limit floor  {floor:.1f} s")
    print(f"ratio             {wall / floor:.3f}")


class InstantExecutor:
    """Stands in for the sandbox: every test passes at once (the runner alone is timed)."""

    name = "instant"
    isolation_warning = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def describe(self):
        return {"sandbox": "instant"}

    def execute(self, code, task, timing_repeats=1):
        from bench.sandbox import ExecutionResult, TestVerdict

        tests = [
            TestVerdict(index=i, name=str(i), verdict="passed", weight=t.weight, time_s=1e-5)
            for i, t in enumerate(task.tests)
        ]
        return ExecutionResult(
            status="passed",
            tests=tests,
            passed_weight=task.total_weight,
            total_weight=task.total_weight,
            exec_time_s=1e-4,
            sandbox="instant",
        )


def overhead(args: argparse.Namespace) -> None:
    import bench.runner._session as session

    session.open_executor = lambda kind, execution, console: InstantExecutor()
    tasks = synthetic_tasks(args.attempts // 2)
    models = [ModelConfig(name=n, model=f"baseline/{n}") for n in ("reference", "null")]
    config = BenchConfig()
    with tempfile.TemporaryDirectory() as results:
        started = time.perf_counter()
        outcome = run_benchmark(
            RunRequest(
                config=config,
                tasks=tasks,
                models=models,
                results_dir=Path(results),
                console=Console(quiet=True),
            )
        )
        wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{outcome.batch.written} attempts in {wall:.1f} s: "
        f"{1000 * wall / outcome.batch.written:.2f} ms per attempt (sandbox excluded)"
    )
    print(f"peak RSS {peak_mb:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    rate = sub.add_parser("ratelimit")
    rate.add_argument("--tasks", type=int, default=100)
    rate.add_argument("--models", type=int, default=5)
    rate.add_argument("--latency", type=float, default=10.0)
    rate.add_argument("--rpm", type=int, default=60)
    over = sub.add_parser("overhead")
    over.add_argument("--attempts", type=int, default=10_000)
    args = parser.parse_args()
    print(f"# {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    {"ratelimit": ratelimit, "overhead": overhead}[args.mode](args)


if __name__ == "__main__":
    main()
