"""The `bench` command line: one click group, one small module per command group."""

from __future__ import annotations

import warnings
from typing import TextIO

import click

from bench import __version__
from bench.cli._ci import ci_group
from bench.cli._gather import gather_command
from bench.cli._human import human_group
from bench.cli._leaderboard import diff_command, leaderboard_command
from bench.cli._models import models_group
from bench.cli._results import results_group
from bench.cli._run import evaluate_command, rescore_command, run_command
from bench.cli._sandbox import sandbox_group
from bench.cli._site import site_group
from bench.cli._tasks import tasks_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bench")
def cli() -> None:
    """An open, reproducible benchmark of Python coding assistants."""


cli.add_command(tasks_group)
cli.add_command(run_command)
cli.add_command(evaluate_command)
cli.add_command(rescore_command)
cli.add_command(leaderboard_command)
cli.add_command(diff_command)
cli.add_command(results_group)
cli.add_command(models_group)
cli.add_command(sandbox_group)
cli.add_command(site_group)
cli.add_command(ci_group)
cli.add_command(human_group)
results_group.add_command(gather_command)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Library warnings (e.g. the process sandbox's weaker isolation) as one plain line."""
    click.secho(f"warning: {message}", err=True, fg="yellow")


def main() -> None:
    """Console-script entry point."""
    warnings.showwarning = _show_warning
    cli()
