"""`bench ci rehearse`: the weekly workflow's steps on one machine, without GitHub.

The work is `bench.runner.rehearse` (its docstring lists the steps); this module only
parses options and reports.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from bench.cli._common import UserError, sandbox_option, tasks_dir_option, user_errors


@click.group("ci")
def ci_group() -> None:
    """Rehearse the GitHub workflows locally."""


@ci_group.command("rehearse")
@click.option("--shards", type=click.IntRange(min=1), default=2, show_default=True)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the machines, artifacts, checkout and site go (default: a new temp folder).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default="bench.yaml"
)
@tasks_dir_option
@click.option("--models", help="Models the shards run (default: the three offline baselines).")
@click.option("--tasks", "task_glob", help="Only tasks whose id matches this glob.")
@sandbox_option("Where the shards run the models' answers.")
@user_errors
def rehearse_command(
    shards: int,
    workdir: Path | None,
    config_path: Path,
    tasks_dir: str,
    models: str | None,
    task_glob: str | None,
    sandbox: str,
) -> None:
    """Run weekly.yml's steps here: shards, gather, commit to a scratch branch, site build."""
    from bench.runner import REHEARSAL_MODELS, Rehearsal, RehearsalError, rehearse

    folder = workdir or Path(tempfile.mkdtemp(prefix="bench-rehearsal-"))
    if workdir is not None and workdir.exists() and any(workdir.iterdir()):
        raise UserError(f"--workdir {workdir} is not empty; give a new or empty folder")
    plan = Rehearsal(
        workdir=folder.resolve(),
        shards=shards,
        config=config_path.resolve(),
        tasks_dir=Path(tasks_dir).resolve(),
        models=models or REHEARSAL_MODELS,
        task_glob=task_glob,
        sandbox=sandbox,
        log=lambda line: click.echo(f"== {line}"),
    )
    try:
        outcome = rehearse(plan)
    except RehearsalError as error:
        raise UserError(str(error)) from None
    click.echo(f"run {outcome.run_id} gathered into {outcome.run_dir}")
    click.echo(f"committed {outcome.commit[:12]} on {outcome.branch} in {folder / 'checkout'}")
    click.echo(f"leaderboard ranks: {', '.join(outcome.ranked_models)}")
    click.echo(f"site: {outcome.site}")
