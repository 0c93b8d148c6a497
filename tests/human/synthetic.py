"""SYNTHETIC test data for human evaluation: made-up runs, ballots and votes (tests only).

Nothing here is a real person's judgement. Models get a known "true" strength;
simulated reviewers prefer answers by the Bradley-Terry law with those strengths
(and call a close pair a tie now and then), so tests can check that the rating
recovers the ground truth. The runs are written through the results store's own
schema, every column filled, so the code under test reads them as real runs.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import yaml

from bench.human import Ballot, Game, VotesFile
from bench.results import RunManifest, attempts_schema, run_dir, write_manifest, write_table_atomic
from bench.tasks import Task, load_tasks, task_set_hash

SYNTHETIC_STRENGTHS = {"synthetic/alpha": 2.0, "synthetic/beta": 1.0, "synthetic/gamma": 0.0}
"""Ground-truth log-strengths of the made-up models (alpha best)."""
TIE_SHARE = 0.15
STARTED = dt.datetime(2026, 11, 30, 19, 0, tzinfo=dt.UTC)


def write_tasks(tasks_dir: Path, count: int = 4) -> list[Task]:
    """Small function tasks (easy and medium) with a prompt that carries markup to escape."""
    for index in range(count):
        difficulty = "easy" if index % 2 == 0 else "medium"
        document = {
            "id": f"synthetic-vote-{index}",
            "difficulty": difficulty,
            "title": f"Synthetic vote task {index}",
            "prompt": f"Write `double_{index}(x: int) -> int` returning 2*x. <b>not bold</b>\n",
            "entry_point": f"double_{index}",
            "tests": [{"input": [1], "expected": 2}, {"input": [3], "expected": 6}],
            "reference_solution": f"def double_{index}(x):\n    return 2 * x\n",
            "metadata": {"tags": ["math"], "added": dt.date(2026, 11, 1)},
        }
        folder = tasks_dir / difficulty
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(document, sort_keys=False)
        (folder / f"{document['id']}.yaml").write_text(text, encoding="utf-8")
    return load_tasks([tasks_dir])


def _defaults(row: dict) -> dict:
    """Every schema column present: nulls where allowed, neutral values where not."""
    filled = {}
    for column in attempts_schema():
        if column.name in row:
            filled[column.name] = row[column.name]
        elif column.nullable:
            filled[column.name] = None
        else:
            filled[column.name] = "function" if str(column.type) == "string" else 0
    return filled


def _row(run_id: str, model: str, provider: str, task: Task, skill: float) -> dict:
    passed = skill >= 1.0 or task.difficulty.value == "easy"
    overall = 50 + 15 * skill
    code = (
        f"def {task.entry_point}(x):\n"
        f"    # style {len(model)}.{skill:g} <script>alert(1)</script>\n"
        f"    return {'2 * x' if passed else 'x + x + 1'}\n"
    )
    return _defaults(
        {
            "run_id": run_id,
            "model": model,
            "provider": provider,
            "task_id": task.id,
            "task_hash": task.version,
            "difficulty": task.difficulty.value,
            "kind": "function",
            "sample": 0,
            "variant": 0,
            "status": "passed" if passed else "failed",
            "tests_passed": 2 if passed else 0,
            "tests_total": 2,
            "correctness": 100.0 if passed else 0.0,
            "speed": 80.0,
            "quality": 70.0,
            "efficiency": 90.0 if passed else None,
            "overall": overall,
            "response_time_s": 1.0,
            "generated_code": code,
            "response_text": f"```python\n{code}```\n",
            "started_at": STARTED,
        }
    )


def write_run(results_dir: Path, tasks: list[Task], run_id: str = "2026-11-30T1900Z-5a5a5a") -> str:
    """One finished run: the three synthetic models and a reference baseline on every task."""
    import pyarrow as pa

    rows = [
        _row(run_id, model, f"litellm/{model}", task, skill)
        for model, skill in SYNTHETIC_STRENGTHS.items()
        for task in tasks
    ]
    rows += [_row(run_id, "reference", "baseline/reference", task, 3.0) for task in tasks]
    folder = run_dir(results_dir, run_id)
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=attempts_schema())
    write_table_atomic(table, folder / "attempts.parquet")
    manifest = RunManifest(
        run_id=run_id,
        started_at=STARTED,
        finished_at=STARTED + dt.timedelta(hours=1),
        task_set_hash=task_set_hash(tasks),
        config_json="{}",
        sandbox="process",
        models=[{"name": m, "model": f"litellm/{m}", "params": {}} for m in SYNTHETIC_STRENGTHS],
    )
    write_manifest(folder, manifest)
    return run_id


def simulated_choice(strength_a: float, strength_b: float, rng: random.Random) -> str:
    """A simulated reviewer: ties sometimes, else Bradley-Terry with the true strengths."""
    if rng.random() < TIE_SHARE:
        return "tie"
    return "a" if rng.random() < 1 / (1 + math.exp(strength_b - strength_a)) else "b"


def simulated_games(strengths: dict[str, float], count: int, seed: int) -> list[Game]:
    """`count` SYNTHETIC games between random pairs of models."""
    rng = random.Random(seed)
    models = sorted(strengths)
    games = []
    for _ in range(count):
        first, second = rng.sample(models, 2)
        choice = simulated_choice(strengths[first], strengths[second], rng)
        games.append(Game(first, second, {"a": 1.0, "b": 0.0, "tie": 0.5}[choice]))
    return games


def simulated_votes(ballot: Ballot, voter: str, seed: int) -> VotesFile:
    """A SYNTHETIC reviewer's votes on every pair of a ballot."""
    rng = random.Random(seed)
    votes = []
    for pair in ballot.pairs:
        strength_a = SYNTHETIC_STRENGTHS.get(pair.a.model, 0.0)
        strength_b = SYNTHETIC_STRENGTHS.get(pair.b.model, 0.0)
        votes.append({"pair": pair.id, "choice": simulated_choice(strength_a, strength_b, rng)})
    return VotesFile.model_validate({"voter": voter, "ballot": ballot.id, "votes": votes})


def write_votes(human_dir: Path, votes: VotesFile, day: str = "2026-12-07") -> Path:
    """human/votes/<voter>-<day>.yaml, in the contract's format."""
    folder = human_dir / "votes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{votes.voter}-{day}.yaml"
    document = votes.model_dump(mode="json")
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path
