"""`bench leaderboard` and `bench diff`: rankings from the results store."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from bench.cli._common import (
    UserError,
    difficulty_option,
    results_dir_option,
    tasks_dir_option,
    user_errors,
)
from bench.tasks import TASK_MODELS


def _cutoffs(config_path: str) -> dict[str, dt.date]:
    from bench.config import load_config

    if not Path(config_path).exists():
        raise UserError(f"--after-cutoff needs {config_path} (models' knowledge_cutoff)")
    config = load_config(config_path)
    return {model.name: model.knowledge_cutoff for model in config.models if model.knowledge_cutoff}


def _attach_human(rows: list, human_dir: str, difficulty: str | None, seed: int) -> None:
    """The human-preference column, from every committed vote (on this tier with --difficulty)."""
    from bench.human import HumanFileError, attach_ratings, load_human, ratings_of

    try:
        ratings = ratings_of(load_human(human_dir), seed=seed, difficulty=difficulty)
    except HumanFileError as error:
        raise UserError(str(error)) from None
    attach_ratings(rows, ratings)


@click.command("leaderboard")
@results_dir_option
@tasks_dir_option
@difficulty_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "markdown", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--kind",
    type=click.Choice(list(TASK_MODELS)),
    help="One task kind only (default: all, each kind weighing the same).",
)
@click.option("--run", "run_id", help="One run only (default: each model's latest run).")
@click.option(
    "--after-cutoff",
    is_flag=True,
    help="Per model, only tasks added after its knowledge_cutoff in --config.",
)
@click.option("--added-from", type=click.DateTime(["%Y-%m-%d"]), help="Only tasks added on/after.")
@click.option("--added-to", type=click.DateTime(["%Y-%m-%d"]), help="Only tasks added on/before.")
@click.option("--all-versions", is_flag=True, help="Also count attempts of older task versions.")
@click.option("--config", "config_path", default="bench.yaml", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@click.option(
    "--human-dir",
    type=click.Path(file_okay=False, path_type=str),
    default="human",
    show_default=True,
    help="Votes for the human-preference column (shown only when votes exist).",
)
@user_errors
def leaderboard_command(
    results_dir: str,
    tasks_dir: str,
    difficulty: str | None,
    output_format: str,
    kind: str | None,
    run_id: str | None,
    after_cutoff: bool,
    added_from: dt.datetime | None,
    added_to: dt.datetime | None,
    all_versions: bool,
    config_path: str,
    seed: int,
    human_dir: str,
) -> None:
    """Rank models: overall and per-dimension scores with 95% intervals and paired tests."""
    from rich.console import Console

    from bench.leaderboard import (
        Selection,
        build_leaderboard,
        load_results,
        render_csv,
        render_json,
        render_markdown,
        render_table,
        select_attempts,
    )
    from bench.tasks import load_tasks

    selection = Selection(
        run_id=run_id,
        difficulty=difficulty,
        kind=kind,
        added_from=added_from.date() if added_from else None,
        added_to=added_to.date() if added_to else None,
        knowledge_cutoffs=_cutoffs(config_path) if after_cutoff else {},
        current_versions_only=not all_versions,
    )
    tasks = load_tasks([tasks_dir]) if Path(tasks_dir).exists() else None
    attempts = load_results(results_dir, run_id)
    if attempts.empty:
        raise UserError(f"no results in {results_dir}/runs/ (run `bench run` first)")
    rows = build_leaderboard(select_attempts(attempts, tasks, selection), seed=seed)
    _attach_human(rows, human_dir, difficulty, seed)
    renderers = {"json": render_json, "csv": render_csv, "markdown": render_markdown}
    if output_format in renderers:
        click.echo(renderers[output_format](rows), nl=False)
    else:
        scope = ", ".join(part for part in (kind, difficulty) if part)
        title = f"leaderboard ({scope})" if scope else "leaderboard"
        render_table(rows, Console(width=None if sys.stdout.isatty() else 160), title=title)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@results_dir_option
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@user_errors
def diff_command(old: str, new: str, results_dir: str, seed: int) -> None:
    """Compare two leaderboards: OLD and NEW are run ids or git revisions (e.g. HEAD~1 HEAD)."""
    from bench.leaderboard import SourceError, diff_leaderboards, load_side, render_diff

    try:
        old_attempts, old_label = load_side(old, results_dir)
        new_attempts, new_label = load_side(new, results_dir)
    except SourceError as error:
        raise UserError(str(error)) from None
    click.echo(
        render_diff(diff_leaderboards(old_attempts, new_attempts, old_label, new_label, seed)),
        nl=False,
    )
