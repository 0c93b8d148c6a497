"""Two weekly runs, the first hit by provider and sandbox outages, for diff tests.

Shared by the `bench diff` test and the site's "what changed" test so that both
look at the very same pair of runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.results import Attempt, RunManifest, RunWriter, write_manifest

WEEK1 = "2026-11-17T0000Z-aaaaaa"
WEEK2 = "2026-11-24T0000Z-bbbbbb"
TASKS = [f"t{i}" for i in range(12)]

Outcome = tuple[str, ...]
"""A (model, task)'s statuses, one per sample, in sample order."""


def _week1() -> dict[str, dict[str, Outcome]]:
    alpha = dict.fromkeys(TASKS, ("passed",))
    alpha |= dict.fromkeys(["t0", "t1", "t2", "t3"], ("provider_error",))  # outage: no verdict
    alpha["t4"] = ("provider_error", "passed")  # outage on sample 0, a verdict on sample 1
    alpha["t6"] = ("failed",)  # genuinely solved in week 2
    beta = {task: ("failed" if i < 6 else "passed",) for i, task in enumerate(TASKS)}
    beta["t6"] = ("sandbox_error", "sandbox_error")
    gamma = {task: ("failed" if task == "t11" else "passed",) for task in TASKS}
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def _week2() -> dict[str, dict[str, Outcome]]:
    alpha = dict.fromkeys(TASKS, ("passed",))
    alpha["t5"] = ("failed",)  # genuinely lost in week 2
    beta = {task: ("failed" if i < 6 else "passed",) for i, task in enumerate(TASKS)}
    beta["t6"] = ("failed",)
    gamma = {task: ("failed" if task == "t11" else "passed",) for task in TASKS}
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def _attempt(run_id: str, model: str, task_id: str, sample: int, status: str) -> Attempt:
    scored = status in ("passed", "failed")
    return Attempt(
        run_id=run_id,
        model=model,
        provider=f"p/{model}",
        task_id=task_id,
        task_hash="v1",
        difficulty="easy",
        sample=sample,
        status=status,
        tests_passed=1 if status == "passed" else 0,
        tests_total=1 if scored else 0,
        correctness=(100.0 if status == "passed" else 0.0) if scored else None,
        overall=(90.0 if status == "passed" else 10.0) if scored else None,
        started_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        generated_code="def f(): return 1" if scored else None,
        error=None if scored else "503 Service Unavailable",
    )


def _write(results: Path, run_id: str, outcomes: dict[str, dict[str, Outcome]]) -> None:
    started = dt.datetime.strptime(run_id[:16], "%Y-%m-%dT%H%MZ").replace(tzinfo=dt.UTC)
    with RunWriter(results, run_id, autoflush=False) as writer:
        for model, tasks in outcomes.items():
            for task_id, statuses in tasks.items():
                for sample, status in enumerate(statuses):
                    writer.append(_attempt(run_id, model, task_id, sample, status))
    write_manifest(
        writer.run_dir,
        RunManifest(
            run_id=run_id,
            started_at=started,
            finished_at=started,
            task_set_hash="x",
            config_json="{}",
            sandbox="process",
        ),
    )


def write_outage_weeks(results: Path) -> tuple[str, str]:
    """Write both weeks under `results`; returns their run ids, older first."""
    _write(results, WEEK1, _week1())
    _write(results, WEEK2, _week2())
    return WEEK1, WEEK2


EXPECTED = {
    "alpha": {"solved": ["t6"], "failed": ["t5"], "not_comparable": ["t0", "t1", "t2", "t3"]},
    "beta": {"solved": [], "failed": [], "not_comparable": ["t6"]},
    "gamma": {"solved": [], "failed": [], "not_comparable": []},
}
"""Week 1 -> week 2: only the genuine changes; the outage's tasks are not comparable."""
