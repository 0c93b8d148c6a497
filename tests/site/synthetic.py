"""Synthetic tasks and runs for the site's tests and its build-time benchmark.

The files are written through the results store's own schema and writers, so
the site reads them exactly as it reads a real run. Scores come from a simple
model (skill against difficulty, with weekly drift) so that rankings, ties,
newly solved and newly failed tasks all occur; code varies from week to week
so that the per-run diffs on task pages are real work, not cache hits.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import yaml

from bench.results import (
    RunManifest,
    attempts_schema,
    run_dir,
    write_manifest,
    write_table_atomic,
)
from bench.tasks import Task, load_tasks, task_set_hash

DIFFICULTIES = ("easy", "medium", "hard", "extreme")
DIFFICULTY_LEVEL = {"easy": -1.5, "medium": -0.3, "hard": 0.8, "extreme": 1.8}
TAGS = ("strings", "parsing", "dates", "graphs", "dp", "sorting", "math", "money", "io")
FIRST_RUN = dt.datetime(2026, 1, 5, 19, 0, tzinfo=dt.UTC)


def _reference(entry: str, rng: random.Random) -> str:
    lines = [f"def {entry}(values: list[int], limit: int = 10) -> list[int]:"]
    lines.append('    """Keep the values under `limit`, transformed, in order."""')
    lines.append("    result: list[int] = []")
    for step in range(rng.randrange(8, 16)):
        lines.append(f"    step_{step} = {rng.randrange(1, 9)} * limit + {step}")
        lines.append(f"    if step_{step} % {rng.randrange(2, 7)} == 0:")
        lines.append(f"        result.append(step_{step})")
    lines.append("    for value in values:")
    lines.append("        if value < limit:")
    lines.append("            result.append(value * 2)")
    lines.append("    return result")
    return "\n".join(lines) + "\n"


def task_document(index: int, rng: random.Random, today: dt.date, payload: str = "") -> dict:
    """One valid task file's content; `payload` goes into the title, prompt and tags."""
    difficulty = DIFFICULTIES[min(3, int(rng.random() ** 1.3 * 4))]
    entry = f"solve_{index}"
    return {
        "id": f"synthetic-task-{index:03d}",
        "difficulty": difficulty,
        "title": f"Synthetic task {index}{payload}",
        "prompt": (
            f"Write `{entry}(values: list[int], limit: int = 10) -> list[int]` that keeps "
            f"values under the limit, doubled, after some fixed prefix steps.{payload}\n"
        ),
        "entry_point": entry,
        "tests": [
            {"name": f"case-{case}", "input": [[case, case + 20], 10], "expected": [case * 2]}
            for case in range(rng.randrange(6, 12))
        ],
        "reference_solution": _reference(entry, rng),
        "metadata": {
            "tags": sorted(rng.sample(TAGS, rng.randrange(1, 3)) + ([payload] if payload else [])),
            "added": today - dt.timedelta(days=rng.randrange(0, 720)),
        },
    }


def write_synthetic_tasks(
    tasks_dir: Path, count: int, seed: int = 0, payloads: tuple[str, ...] = ()
) -> list[Task]:
    """Write `count` task files under `tasks_dir/<difficulty>/` and load them back.

    The first task's title, prompt and tags carry `payloads` (markup a site must escape).
    """
    rng = random.Random(seed)
    for index in range(count):
        payload = "".join(payloads) if index == 0 else ""
        document = task_document(index, rng, FIRST_RUN.date(), payload)
        folder = tasks_dir / document["difficulty"]
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
        (folder / f"{document['id']}.yaml").write_text(text, encoding="utf-8")
    return load_tasks([tasks_dir])


def synthetic_model_names(count: int) -> list[str]:
    """Names shaped like real ones: providers with `/`, versions, spaces and brackets."""
    vendors = ("openai", "anthropic", "google", "mistral", "meta", "qwen", "local")
    return [
        f"{vendors[i % len(vendors)]}/model-{i}" + (" (beta)" if i % 5 == 4 else "")
        for i in range(count)
    ]


def _code_variant(reference: str, model: int, week: int, rng: random.Random) -> str:
    """The model's code: the reference with model- and week-specific edits."""
    lines = reference.splitlines()
    epoch = week if rng.random() < 0.5 else max(0, week - 1)
    local = random.Random(model * 7919 + epoch * 104729 + len(reference))
    for _ in range(local.randrange(1, 5)):
        where = local.randrange(2, len(lines) - 1)
        if lines[where].startswith("    step_"):
            lines[where] = lines[where].replace("* limit", f"* limit + {local.randrange(9)}")
        else:
            lines.insert(where, f"    # model {model} note {local.randrange(1000)}")
    return "\n".join(lines) + "\n"


def _status(skill: float, level: float, rng: random.Random) -> str:
    chance = 1 / (1 + math.exp(-(skill - level) * 1.7))
    draw = rng.random()
    if draw < 0.004:
        return "provider_error"
    if draw < chance:
        return "passed"
    return rng.choice(("failed", "failed", "failed", "timeout", "error"))


def _attempt_row(
    run_id: str,
    model: str,
    index: int,
    task: Task,
    version: str,
    week: int,
    rng: random.Random,
    start: dt.datetime,
    payload: str = "",
) -> dict:
    skill = 1.6 - index * 0.15 + week * 0.01 * (index % 3 - 1)
    status = _status(skill, DIFFICULTY_LEVEL[task.difficulty.value], rng)
    total = len(task.tests)
    infra = status == "provider_error"
    passed = total if status == "passed" else (0 if infra else rng.randrange(0, total))
    correctness = None if infra else 100 * passed / total
    code = None if infra else _code_variant(task.reference_solution, index, week, rng)
    if code is not None and payload:
        code += f"# {payload}\n"
    verdicts = None
    if not infra:
        verdicts = [
            {
                "name": test.name or str(k),
                "passed": k < passed,
                "time_s": rng.random() / 1000,
                "message": None if k < passed else f"failed - got {rng.randrange(99)}{payload}",
            }
            for k, test in enumerate(task.tests)
        ]
    dims = {name: None if infra else rng.uniform(40, 100) for name in ("speed", "quality")}
    efficiency = rng.uniform(30, 100) if status == "passed" else None
    overall = None if infra else 0.4 * correctness + 0.2 * dims["speed"] + 0.25 * dims["quality"]
    if overall is not None and efficiency is not None:
        overall += 0.15 * efficiency
    return {
        "run_id": run_id,
        "model": model,
        "provider": f"litellm/{model}",
        "task_id": task.id,
        "task_hash": version,
        "difficulty": task.difficulty.value,
        "kind": task.kind,
        "sample": 0,
        "variant": 0,
        "status": status,
        "tests_passed": passed,
        "tests_total": total,
        "correctness": correctness,
        "speed": dims["speed"],
        "quality": dims["quality"],
        "efficiency": efficiency,
        "overall": overall,
        "response_time_s": rng.lognormvariate(1.5, 0.5),
        "exec_time_s": rng.uniform(0.05, 0.8),
        "peak_memory_mb": rng.uniform(10, 60),
        "cost_usd": rng.uniform(0.0005, 0.02),
        "prompt_tokens": rng.randrange(200, 600),
        "completion_tokens": rng.randrange(100, 900),
        "generated_code": code,
        "response_text": None
        if code is None
        else f"Here is my solution{payload}:\n```python\n{code}```\n",
        "error": None if status == "passed" else f"{total - passed} of {total} failed{payload}",
        "started_at": start,
        "test_verdicts": verdicts,
    }


def write_synthetic_run(
    results_dir: Path,
    tasks: list[Task],
    models: list[str],
    week: int,
    seed: int = 0,
    payload: str = "",
) -> str:
    """Write one finished run (attempts + manifest) of every model on every task."""
    import pyarrow as pa

    started = FIRST_RUN + dt.timedelta(weeks=week)
    run_id = f"{started:%Y-%m-%dT%H%MZ}-{week:06x}"
    rng = random.Random(seed * 1_000_003 + week)
    versions = {task.id: task.version for task in tasks}
    rows = [
        _attempt_row(run_id, model, index, task, versions[task.id], week, rng, started, payload)
        for index, model in enumerate(models)
        for task in tasks
    ]
    folder = run_dir(results_dir, run_id)
    folder.mkdir(parents=True, exist_ok=True)
    write_table_atomic(
        pa.Table.from_pylist(rows, schema=attempts_schema()), folder / "attempts.parquet"
    )
    manifest = RunManifest(
        run_id=run_id,
        started_at=started,
        finished_at=started + dt.timedelta(hours=2),
        task_set_hash=task_set_hash(tasks),
        config_json="{}",
        sandbox="process",
        models=[{"name": name, "model": f"litellm/{name}", "params": {}} for name in models],
    )
    write_manifest(folder, manifest)
    return run_id


def write_synthetic_results(
    results_dir: Path,
    tasks: list[Task],
    models: list[str],
    runs: int,
    seed: int = 0,
    payload: str = "",
) -> list[str]:
    """Write `runs` weekly runs; returns their ids, oldest first.

    `payload` is appended to every reply, error and failed-test message, and as a
    comment to every answer's code.
    """
    return [
        write_synthetic_run(results_dir, tasks, models, week, seed, payload) for week in range(runs)
    ]
