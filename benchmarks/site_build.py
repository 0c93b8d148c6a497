"""Build time and page sizes of the site for a synthetic year of weekly runs.

Run: .venv/bin/python benchmarks/site_build.py [--runs 52] [--models 20] [--tasks 200]
                                               [--data DIR] [--workers N] [--json FILE]

Generates (or reuses, with --data) a results folder of RUNS weekly runs of MODELS
models on TASKS tasks (synthetic data: realistic code, replies and verdicts,
scores drawn from a skill model), then times `build_site` into a fresh folder.
Prints wall time, CPU time (this process and its workers), the machine's load
average (other work on the machine stretches wall time, not CPU time), the
per-stage timings, and page sizes: the leaderboard page without plotly.js, the
largest page that is not a task page, and the task pages.

Budget (issue 7): under 30 s on 2 cores; no page but task pages grows with the
number of attempts; a leaderboard page under 300 KB without plotly.js.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.site import build_site  # noqa: E402
from bench.tasks import load_tasks  # noqa: E402
from tests.site.synthetic import (  # noqa: E402
    synthetic_model_names,
    write_synthetic_results,
    write_synthetic_tasks,
)

LEADERBOARD_LIMIT = 300_000
BUILD_LIMIT_S = 30.0


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def generate(data: Path, runs: int, models: int, tasks: int) -> float:
    """Write the synthetic tasks and runs unless `data` already holds them."""
    if (data / "results" / "runs").is_dir() and (data / "tasks").is_dir():
        return 0.0
    started = time.perf_counter()
    suite = write_synthetic_tasks(data / "tasks", tasks, seed=0)
    write_synthetic_results(data / "results", suite, synthetic_model_names(models), runs)
    return time.perf_counter() - started


def sizes(site: Path) -> dict[str, object]:
    """Page sizes in bytes (plotly.js and other assets are separate files)."""
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    task_pages = {
        k: v for k, v in pages.items() if k.startswith("tasks/") and k != "tasks/index.html"
    }
    others = {k: v for k, v in pages.items() if k not in task_pages}
    largest = max(others, key=others.get)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "leaderboard_bytes": pages["index.html"],
        "largest_other_page": largest,
        "largest_other_page_bytes": others[largest],
        "task_pages": len(task_pages),
        "task_page_median_bytes": int(statistics.median(task_pages.values())),
        "task_page_max_bytes": max(task_pages.values()),
        "pages": len(pages),
        "site_bytes": total,
        "plotly_js_bytes": (site / "assets" / "bench" / "plotly.min.js").stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=52)
    parser.add_argument("--models", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--data", type=Path, help="reuse (or create) the synthetic data here")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-site-bench-"))
    data = args.data or scratch / "data"
    try:
        generated = generate(data, args.runs, args.models, args.tasks)
        out = scratch / "site"
        load_before = os.getloadavg()
        cpu_before, started = _cpu(), time.perf_counter()
        report = build_site(data / "results", data / "tasks", out, workers=args.workers)
        wall, cpu = time.perf_counter() - started, _cpu() - cpu_before
        figures = {
            "runs": report.runs,
            "models": report.models,
            "tasks": len(load_tasks([data / "tasks"])),
            "attempts_per_run": report.models * args.tasks,
            "cpus": os.cpu_count(),
            "generate_s": round(generated, 1),
            "build_wall_s": round(wall, 2),
            "build_cpu_s": round(cpu, 2),
            "load_average_before": [round(x, 2) for x in load_before],
            "stages_s": {k: round(v, 2) for k, v in report.timings.items()},
            **sizes(out),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    within = (
        figures["build_wall_s"] < BUILD_LIMIT_S and figures["leaderboard_bytes"] < LEADERBOARD_LIMIT
    )
    print(
        f"budget (< {BUILD_LIMIT_S:.0f} s, leaderboard < 300 KB): {'met' if within else 'NOT met'}"
    )
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
