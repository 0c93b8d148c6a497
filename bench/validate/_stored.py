"""Answers from committed runs that passed every test: what hardening checks against.

An answer counts for a task only when it was judged against the task's current
version (its `task_hash`), passed every test, and answered the task as written
(variant 0: a rewording may rename the entry point). The same code from the same
model counts once, however many runs or samples repeated it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.results import list_runs, read_attempts


@dataclass(frozen=True)
class StoredAnswer:
    """One distinct passing answer of one model to one task version."""

    model: str
    code: str
    run_id: str


def stored_passing_answers(results_dir: str | Path) -> dict[tuple[str, str], list[StoredAnswer]]:
    """{(task id, task version): passing answers}, from every run under `results_dir`."""
    if not list_runs(results_dir):
        return {}
    attempts = read_attempts(results_dir)
    if attempts.empty:
        return {}
    passing = attempts[(attempts["status"] == "passed") & attempts["generated_code"].notna()]
    if "variant" in passing.columns:
        passing = passing[passing["variant"].fillna(0) == 0]
    found: dict[tuple[str, str], list[StoredAnswer]] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for row in passing.itertuples(index=False):
        key = (str(row.task_id), str(row.task_hash), str(row.model), str(row.generated_code))
        if key in seen:
            continue
        seen.add(key)
        found.setdefault(key[:2], []).append(StoredAnswer(key[2], key[3], str(row.run_id)))
    return found
