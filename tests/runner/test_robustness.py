"""A provider or scorer that raises costs one attempt, never the run; AST work is thread-safe."""

from __future__ import annotations

import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console

from bench.config import load_config
from bench.providers import ModelProvider, all_single_mutants, choose_mutant
from bench.results import read_attempts
from bench.runner import RunRequest, run_benchmark
from bench.scoring import quality
from bench.tasks import load_tasks

REPO = Path(__file__).resolve().parents[2]


class ExplodingProvider(ModelProvider):
    async def generate(self, prompt, task, *, sample=0):
        raise RuntimeError("boom")


def test_a_raising_provider_gives_provider_error_rows(tmp_path):
    (tmp_path / "bench.yaml").write_text(
        textwrap.dedent(
            """\
        models:
          - {name: exploding, model: fake/exploding}
        execution: {sandbox: process, workers: 1}
        """
        )
    )
    config = load_config(tmp_path / "bench.yaml")
    tasks = load_tasks([REPO / "tasks" / "easy"])[:3]
    outcome = run_benchmark(
        RunRequest(
            config=config,
            tasks=tasks,
            models=config.models,
            results_dir=tmp_path / "results",
            provider_factory=lambda model: ExplodingProvider(model),
            console=Console(quiet=True),
        )
    )
    attempts = read_attempts(outcome.run_dir)
    assert len(attempts) == 3 and set(attempts["status"]) == {"provider_error"}
    assert attempts["error"].str.contains("RuntimeError: boom").all()


def test_mutants_and_quality_from_many_threads_at_once():
    """CPython 3.11 raced on AST conversion across threads ("AST constructor recursion depth
    mismatch"); the mutant baseline and radon now share one lock."""
    tasks = load_tasks([REPO / "tasks"])
    references = [code for task in tasks if (code := getattr(task, "reference_solution", None))]

    def work(index: int) -> int:
        source = references[index % len(references)]
        if index % 3 == 0:
            return len(all_single_mutants(source))
        if index % 3 == 1:
            return int(choose_mutant(source, 0, str(index)) is not None)
        return int(quality(source).score >= 0)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(work, range(240)))
    finally:
        sys.setswitchinterval(interval)
    assert len(results) == 240
